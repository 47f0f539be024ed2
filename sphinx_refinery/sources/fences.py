"""MyST fences that do not nest as the author meant, found in MyST's own parse.

The fences of a page are read with MyST's markdown-it parser (the one
myst-parser builds from the project's settings), recursively into the content
of the directives whose content is Markdown.  Each mistake is one warning:

* a closing line that closes an outer directive although, by its indentation
  and length, it closes a fence opened inside it.  If the author's pairing of
  the fence lines (:mod:`.fencepairs`) leaves a later line for the outer
  directive, its fence is too short (reported at the inner fence); if none,
  the outer directive was never closed (reported at it, once: the blocks
  after it, which MyST reads as meant, are not "inside" it);
* a closing line lined up with a fence open inside a directive but shorter
  than that fence: it closes the directive instead;
* a directive never closed at the top of the page: the rest of the file is
  inside it;
* a directive fence indented 4 columns or more inside a directive: MyST
  shows it as code.

After a mistake the page is read again as the warning says to fix it (lines
stay in place), so that the mistakes after it are found, and none that only
the displaced text shows.  A fence left open inside a directive that MyST
closes at the end of that directive (a ``:::{figure}`` without its closing
line, say) is what the author meant, and so is a fence indented inside its
parent: neither is reported.  Only pages whose fences could nest wrongly are
parsed (a quick scan of the fence lines decides), so most pages cost one pass
over their lines.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..blocks.kinds import BLOCK_KINDS
from ..compat import is_markdown_source
from ..warnings import Subtype
from .fencepairs import evident_closer
from .hooks import warn_problems
from .mystparse import FenceReader, ParsedFence, myst_parser_for, strip_quotes
from .scanner import Fence, Problem, fence_at, front_matter_end, item_fence_at

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx

__ = get_translation("sphinx_refinery", "console")

#: Directives whose content MyST parses as Markdown, so that fences inside nest.
MARKDOWN_CONTAINERS = frozenset(
    {name for kind in BLOCK_KINDS for name in kind.directive_names}
    | {"tabs", "tab", "group-tab", "admonition", "attention", "caution", "danger", "error"}
    | {"hint", "important", "note", "seealso", "tip", "warning", "topic", "sidebar", "margin"}
    | {"only", "versionadded", "versionchanged", "deprecated", "versionremoved", "div"}
    | {"dropdown", "tab-set", "tab-item", "card", "card-carousel", "grid", "grid-item"}
    | {"grid-item-card", "toggle"}
)
#: The fences a fence is in, outermost first, each with the line where its own
#: surrounding content ends.
Region = tuple[tuple[ParsedFence, int], ...]
#: How often a page is read again after a directive closed too early.
MAX_REPAIRS = 8


def is_markdown_container(fence: Fence) -> bool:
    """Whether MyST parses the content of ``fence`` as Markdown (fences inside it nest)."""
    return fence.directive in MARKDOWN_CONTAINERS


def _match(fenced: ParsedFence, closer: Fence, column: int | None) -> tuple[bool, bool]:
    """How well a closing line (``closer`` at ``column``) fits ``fenced``: same column,
    same length."""
    return (
        fenced.column is not None and fenced.column == column,
        fenced.opener.length == closer.length,
    )


def _meant(closing: ParsedFence, closer: Fence, exact: bool) -> ParsedFence:
    """The fence that ``closer``, the line that closed ``closing``, evidently closes: of
    the fences open there, the one whose column and length it has (ties: the innermost)."""
    column = closing.closer_column
    best, best_match = closing, _match(closing, closer, column)
    for inner in closing.open_at_end():
        length = inner.opener.length
        if inner.opener.char != closer.char or (
            length != closer.length if exact else length > closer.length
        ):
            continue
        match = _match(inner, closer, column)
        if match >= best_match:
            best, best_match = inner, match
    return best


def fence_problems(text: str, md: MarkdownIt | None = None) -> list[Problem]:
    """Fences of a MyST text that MyST does not nest as their lines evidently mean.

    ``md``: MyST's parser for the project (default: MyST's defaults with colon
    fences).  Each mistake is reported once, where it is made: after a closing
    line that closed an outer directive, the text is read again as the warning
    says to fix it (lines stay in place), so that the mistakes after it are
    found too, and not the text it displaced.
    """
    if md is None:
        from myst_parser.config.main import MdParserConfig

        md = myst_parser_for(MdParserConfig(enable_extensions={"colon_fence"}))
    exact = bool(getattr(md.options.get("myst_config"), "colon_fence_exact_match", False))
    written = text.split("\n")
    problems: set[Problem] = set()
    for _round in range(MAX_REPAIRS):
        found, repaired = _problems_once(text, md, exact, written)
        problems.update(found)
        if repaired is None:
            break
        text = repaired
    return sorted(problems)


def _problems_once(
    text: str, md: MarkdownIt, exact: bool, written: list[str]
) -> tuple[list[Problem], str | None]:
    """The problems of ``text`` (its fences shown as in the lines ``written``), and
    ``text`` with them fixed up to the first closing line meant for an inner fence
    that is not a directive left open (None if nothing was fixed)."""
    reader = FenceReader(md, is_markdown_container)
    top = reader.read(text)
    problems = []
    for fence, parent in reader.as_code:
        message = __(
            "%s is indented 4 or more columns inside %s (line %d), so it is shown as code: "
            "indent it less"
        ) % (_as_written(fence, written), _as_written(parent, written), parent.line + 1)
        problems.append(Problem(fence.line + 1, message))
    lines = text.split("\n")
    fixed = False
    for outer, stop, around in _with_region_ends(top, len(lines)):
        if outer.closer is None:
            continue
        short = _too_short_for(outer, outer.closer)
        if short is not None:
            problems.append(_too_short(outer, short, written))
            _relength(lines, outer.closer, short.opener.length)
            return problems, "\n".join(lines)  # what follows is displaced until fixed
        inner = _meant(outer, outer.closer, exact and outer.opener.char == ":")
        if inner is not outer:
            fixed = True
            problem, displaced = _closed_early(lines, (outer, inner), stop, around, written, exact)
            problems.append(problem)
            if displaced:
                break
    if fixed:
        return problems, "\n".join(lines)
    last = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=0)
    for fenced in top:
        if fenced.closer is None and fenced.opener.directive and fenced.end >= last:
            opener = _as_written(fenced.opener, written)
            message = __(
                "%s is never closed, so the rest of the file is inside it: close it with "
                "a line of %s"
            ) % (opener, opener.marker)
            problems.append(Problem(opener.line + 1, message))
    return problems, None


def _closed_early(
    lines: list[str],
    pair: tuple[ParsedFence, ParsedFence],
    stop: int,
    around: Region,
    written: list[str],
    exact: bool,
) -> tuple[Problem, bool]:
    """The problem of ``outer``, closed by the closing line meant for ``inner`` (the
    content ``outer`` is in ends at line ``stop``; ``around``: the fences it is in),
    and whether what follows it is displaced; ``lines`` are fixed as the problem
    says, in place."""
    outer, inner = pair
    opener, inside = (_as_written(f.opener, written) for f in (outer, inner))
    closer = evident_closer(lines, _as_written(outer.opener, lines), stop)
    if closer is None:  # never closed: MyST reads what follows as meant
        message = __(
            "%s is never closed, so the closing line of %s (line %d) closes it at "
            "line %d: close it with a line of %s where it ends"
        ) % (opener, inside, inside.line + 1, outer.end + 1, opener.marker)
        _unwrap(lines, outer)
        return Problem(opener.line + 1, message), False
    longest = max(outer.opener.length, inner.opener.length)
    if closer.line > outer.end:  # the outer fence must be longer than all inside it
        longest = max(longest, _longest(lines, outer.opener, closer))
    longer = replace(opener, length=longest + 1)
    if closer.line <= outer.end:
        _blank(lines, inner, outer.end)
        return Problem(inside.line + 1, _inside_message(inside, opener, [longer])), True
    _lengthen(lines, outer.opener, closer, longer.length, exact)
    # Fences around it as long as it is now would be closed by its closing line:
    # the author has to lengthen them too, and is told so in this one warning.
    advice = [longer]
    for parent, parent_stop in reversed(around):
        written_parent = _as_written(parent.opener, lines)
        if parent.opener.char != opener.char or written_parent.length > advice[-1].length:
            break
        parent_closer = evident_closer(lines, written_parent, parent_stop)
        if parent_closer is None:
            break
        advice.append(replace(_as_written(parent.opener, written), length=advice[-1].length + 1))
        _lengthen(lines, parent.opener, parent_closer, advice[-1].length, exact)
    return Problem(inside.line + 1, _inside_message(inside, opener, advice)), True


def _inside_message(inside: Fence, opener: Fence, advice: list[Fence]) -> str:
    """Why ``inside`` closes ``opener``, and the longer fences that fix it."""
    if len(advice) == 1:
        return __(
            "%s is inside %s (line %d) and its fence is at least as long, so its "
            "closing line closes %s instead: make the outer fence longer, e.g. %s"
        ) % (inside, opener, opener.line + 1, opener, advice[0])
    return __(
        "%s is inside %s (line %d) and its fence is at least as long, so its "
        "closing line closes %s instead: make the fences around it longer, e.g. %s"
    ) % (inside, opener, opener.line + 1, opener, ", ".join(map(str, advice)))


def _too_short_for(outer: ParsedFence, closer: Fence) -> ParsedFence | None:
    """The fence open inside ``outer`` that ``closer``, the line that closed ``outer``,
    is lined up with although it is shorter (not with ``outer``): the innermost."""
    column = outer.closer_column
    found = None
    for inner in outer.open_at_end():
        if (
            inner.opener.char == closer.char
            and inner.opener.length > closer.length
            and inner.column == column != outer.column
        ):
            found = inner
    return found


def _too_short(outer: ParsedFence, inner: ParsedFence, written: list[str]) -> Problem:
    """The closing line meant for ``inner`` is shorter than its fence: it closes ``outer``."""
    opener, inside = (_as_written(f.opener, written) for f in (outer, inner))
    message = __(
        "the closing line of %s (line %d) is shorter than its fence, so it closes %s "
        "(line %d) instead: make it %s"
    ) % (inside, inside.line + 1, opener, opener.line + 1, inside.marker)
    return Problem(outer.end + 1, message)


def _with_region_ends(
    fences: list[ParsedFence], stop: int, around: Region = ()
) -> Iterator[tuple[ParsedFence, int, Region]]:
    """Each fence in page order, with the index of the line where the content it is
    in ends (that of its parent, else ``stop``) and the fences it is in, outermost
    first, each with the line where the content it is in ends."""
    for fenced in fences:
        yield fenced, stop, around
        yield from _with_region_ends(fenced.children, fenced.end, (*around, (fenced, stop)))


def _as_written(fence: Fence, written: list[str]) -> Fence:
    """``fence`` as the lines ``written`` have it (before a repair made it longer; its
    column counted from the start of the line)."""
    original = fence_at(strip_quotes(written[fence.line]), fence.line)
    return original if original is not None and original.char == fence.char else fence


def _longest(lines: list[str], opener: Fence, closer: Fence) -> int:
    """The length of the longest fence of ``opener``'s character between it and ``closer``."""
    fences = (fence_at(strip_quotes(lines[i]), i) for i in range(opener.line + 1, closer.line))
    return max((f.length for f in fences if f is not None and f.char == opener.char), default=0)


def _unwrap(lines: list[str], outer: ParsedFence) -> None:
    """Blank out the opening line of ``outer`` and take the indentation of its fence off
    its content, in place: the fences inside it are then closed as meant."""
    lines[outer.opener.line] = ""
    strip = outer.opener.column
    for index in range(outer.opener.line + 1, outer.end + 1):
        line = lines[index]
        lines[index] = line[min(strip, len(line) - len(line.lstrip(" "))) :]


def _lengthen(lines: list[str], opener: Fence, closer: Fence, length: int, exact: bool) -> None:
    """Make the fence of ``opener`` ``length`` long, and its ``closer`` at least as long
    (as long with ``exact`` colon fences), in place."""
    _relength(lines, opener, length)
    _relength(lines, closer, length if exact and closer.char == ":" else max(length, closer.length))


def _relength(lines: list[str], fence: Fence, length: int) -> None:
    """Make the fence characters of the line of ``fence`` ``length`` long, in place."""
    line = lines[fence.line]
    start = line.index(fence.marker)
    lines[fence.line] = line[:start] + fence.char * length + line[start + fence.length :]


def _blank(lines: list[str], inner: ParsedFence, closing: int) -> None:
    """Blank out the fence ``inner`` and its closing line ``closing``, and its content too
    if that is not Markdown: what is left nests as meant around it."""
    start = inner.opener.line
    blanked = (
        range(start, closing + 1) if not is_markdown_container(inner.opener) else (start, closing)
    )
    for index in blanked:
        lines[index] = ""


def may_nest_wrongly(lines: Sequence[str], colon_fences: bool = True) -> bool:
    """Whether a fence of ``lines`` could close the wrong directive, or a directive stay
    open: a fence inside a Markdown directive as long as its fence, or a directive
    never closed, whatever the indentation; or a directive fence indented 4 columns
    more than its directive's.  Cheap: no parse."""
    stack: list[Fence] = []
    for index in range(front_matter_end(lines), len(lines)):
        fence = fence_at(lines[index], index)
        outer = stack[-1] if stack else None
        item = fence is None and (outer is None or is_markdown_container(outer))
        fence = item_fence_at(lines[index], index) if item else fence  # opens, never closes
        if fence is None or (fence.char == ":" and not colon_fences):
            continue
        if outer is not None and not item and fence.closes(outer, max_indent=None):
            stack.pop()
        elif outer is None or is_markdown_container(outer):
            if outer is not None and (
                (fence.char == outer.char and fence.length >= outer.length)
                or (fence.directive and fence.column >= outer.column + 4)
            ):
                return True
            stack.append(fence)
    return any(fence.directive for fence in stack)


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about MyST fences that close the wrong directive."""
    if not is_markdown_source(app, docname):
        return
    config = getattr(app.env, "myst_config", None)
    if config is None:
        from myst_parser.config.main import MdParserConfig

        config = MdParserConfig()
    text = source[0]
    if not may_nest_wrongly(text.split("\n"), "colon_fence" in config.enable_extensions):
        return
    warn_problems(docname, fence_problems(text, myst_parser_for(config)), Subtype.FENCE)


def setup(app: Sphinx) -> None:
    # After the Carpentries and Workbench rewrites (450, 500), which write MyST.
    app.connect("source-read", check_fences, priority=800)
