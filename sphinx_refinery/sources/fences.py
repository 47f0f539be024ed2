"""MyST fences that do not nest as the author meant, found in MyST's own parse.

The fences of a page are read with MyST's markdown-it parser (the one
myst-parser builds from the project's settings), recursively into the content
of the directives whose content is Markdown.  Three mistakes are warned about:

* a closing line that closes an outer directive although, by its indentation
  and length, it closes a fence opened inside it: that inner fence is
  then closed at the end of the outer one, and the outer one's own closing
  line opens a new fence (the text after it lands in the wrong block);
* a directive never closed at the top of the page: the rest of the file is
  inside it;
* a directive fence indented 4 columns or more inside a directive: MyST
  shows it as code.

A fence left open inside a directive that MyST closes at the end of that
directive (a ``:::{figure}`` without its closing line, say) is what the
author meant, and so is a fence indented inside its parent: neither is
reported.  Only pages whose fences could nest wrongly are parsed (a quick
scan of the fence lines decides), so most pages cost one pass over their lines.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..blocks.kinds import BLOCK_KINDS
from ..compat import is_markdown_source
from ..warnings import Subtype
from .hooks import warn_problems
from .mystparse import FenceReader, ParsedFence, myst_parser_for
from .scanner import Fence, Problem, fence_at, front_matter_end, item_fence_at

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx

__ = get_translation("sphinx_refinery", "console")

#: Directives whose content MyST parses as Markdown, so that fences inside nest.
MARKDOWN_CONTAINERS = frozenset(
    {name for kind in BLOCK_KINDS for name in kind.directive_names}
    | {"tabs", "tab", "group-tab", "admonition", "attention", "danger", "error", "important"}
    | {"note", "seealso", "tip", "warning", "topic", "sidebar", "margin", "dropdown", "div"}
)
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
    fences).  After a closing line that closed an outer directive, the text is
    read again without the inner fence and that line (lines stay in place), so
    that the mistakes after them are found too.
    """
    if md is None:
        from myst_parser.config.main import MdParserConfig

        md = myst_parser_for(MdParserConfig(enable_extensions={"colon_fence"}))
    exact = bool(getattr(md.options.get("myst_config"), "colon_fence_exact_match", False))
    problems: set[Problem] = set()
    for _round in range(MAX_REPAIRS):
        found, repaired = _problems_once(text, md, exact)
        problems.update(found)
        if repaired is None:
            break
        text = repaired
    return sorted(problems)


def _problems_once(text: str, md: MarkdownIt, exact: bool) -> tuple[list[Problem], str | None]:
    """The problems of ``text``, and ``text`` without the first fence whose closing line
    closed an outer directive (None if there is none)."""
    reader = FenceReader(md, is_markdown_container)
    top = reader.read(text)
    problems = []
    for fence, parent in reader.as_code:
        message = __(
            "%s is indented 4 or more columns inside %s (line %d), so it is shown as code: "
            "indent it less"
        ) % (fence, parent, parent.line + 1)
        problems.append(Problem(fence.line + 1, message))
    repaired = None
    for outer in (fenced for block in top for fenced in block.walk()):
        if outer.closer is None:
            continue
        inner = _meant(outer, outer.closer, exact and outer.opener.char == ":")
        if inner is not outer:
            opener = outer.opener
            longer = replace(opener, length=opener.length + 1)
            message = __(
                "%s is inside %s (line %d) and its fence is at least as long, so its "
                "closing line closes %s instead: make the outer fence longer, e.g. %s"
            ) % (inner.opener, opener, opener.line + 1, opener, longer)
            problems.append(Problem(inner.opener.line + 1, message))
            if repaired is None:
                repaired = _without(text, inner, outer.end)
    if repaired is not None:
        return problems, repaired
    lines = text.split("\n")
    last = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=0)
    for fenced in top:
        if fenced.closer is None and fenced.opener.directive and fenced.end >= last:
            message = __(
                "%s is never closed, so the rest of the file is inside it: close it with "
                "a line of %s"
            ) % (fenced.opener, fenced.opener.marker)
            problems.append(Problem(fenced.opener.line + 1, message))
    return problems, None


def _without(text: str, inner: ParsedFence, closing: int) -> str:
    """``text`` with the fence ``inner`` and its closing line ``closing`` blanked out, and
    its content too if that is not Markdown: what is left nests as meant around it."""
    lines = text.split("\n")
    start = inner.opener.line
    blanked = (
        range(start, closing + 1) if not is_markdown_container(inner.opener) else (start, closing)
    )
    for index in blanked:
        lines[index] = ""
    return "\n".join(lines)


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
