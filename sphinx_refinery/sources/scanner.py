"""The one scanner of Markdown lines that the source rewriters and checks share.

* **Fences**: :func:`fence_at` reads a line as a CommonMark code fence
  (back-ticks, tildes) or a MyST colon fence, with its indentation
  (:func:`item_fence_at`: a code fence after a list item's marker);
  :meth:`Fence.closes` is the closing rule (same character, at least as long,
  no info string, indented at most 3 columns in its container);
  :func:`closing_line` finds the line that closes a fence;
  :func:`parse_fences` nests fences as MyST parses them (a fence's content
  is Markdown, and holds fences, only when the caller says so), each fence
  with its indentation relative to its container.
* **Front matter**: :func:`front_matter` finds the YAML block at the top of a
  page and parses it (a mapping, or empty: never an error).
* **Problems**: :class:`Problem` is what every rewriter and check reports (a
  line of a file and a message); :class:`Rewrite` is a rewritten text with
  its problems.

Lines are those of ``text.split("\\n")`` (Sphinx hands sources over with
``\\n`` line ends, as markdown-it counts lines); indices are 0-based, the
lines of problems 1-based.  Only spaces and tabs indent (tabs to the next
multiple of 4 columns).  The scanner knows fences and front matter only: a
blockquote's or list item's content is scanned by a caller that has removed
its prefix.  Nothing here needs Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: The characters of fences: CommonMark code fences and MyST colon fences.
FENCE_CHARS = "`~:"
#: A line indented more than this (in its container) is indented code, not a fence.
MAX_FENCE_INDENT = 3
#: Fences nested deeper than this are taken as literal (bounds recursion).
MAX_NESTING = 64

_DIRECTIVE = re.compile(r"\{(?P<name>[^}\s]+)\}")
#: An inline code span on one line (its text is never a link nor Liquid).
CODE_SPAN = re.compile(r"(`+).+?\1")
#: An ATX heading line: its indentation, its ``#`` run and its text.
ATX_HEADING = re.compile(r"^(?P<indent> {0,3})(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_BOM = "\ufeff"
_FENCE_OR_INDENT = frozenset(FENCE_CHARS + " \t")


# -- problems ------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    """Something the author should fix, at a 1-based line (0: the whole file).

    ``warning`` problems become build warnings; notes (``warning=False``) are
    only listed in reports (the importer's): the content is fine as converted.
    Problems sort by file, line, message.
    """

    file: str = field(default="", kw_only=True)
    line: int
    message: str
    warning: bool = field(default=True, kw_only=True)

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line) if part)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Rewrite:
    """A rewritten text and the problems found on the way."""

    text: str
    problems: list[Problem] = field(default_factory=list)


# -- fences --------------------------------------------------------------------


def indent_columns(prefix: str) -> int:
    """The columns that ``prefix`` (spaces and tabs) indents, tab stops every 4."""
    if "\t" not in prefix:
        return len(prefix)
    column = 0
    for char in prefix:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return column


@dataclass(frozen=True)
class Fence:
    """A fence line: ```` ```python ````, ``~~~``, ``:::{note} Title``, a bare closer..."""

    #: Index of the line.
    line: int
    #: "`", "~" or ":".
    char: str
    #: How many fence characters.
    length: int
    #: The text after the fence characters, as written (an info string, or a directive).
    info: str
    #: The indentation as written (spaces and tabs; the list marker before a fence
    #: that opens a list item, see :func:`item_fence_at`).
    prefix: str
    #: Columns of indentation from the start of the line.
    column: int
    #: Columns of indentation in its container (the enclosing fence's content, else
    #: the text scanned): :func:`parse_fences` sets it; else the same as ``column``.
    indent: int

    @property
    def marker(self) -> str:
        """The fence characters: ```` ``` ````, ``::::``."""
        return self.char * self.length

    @property
    def code(self) -> bool:
        """A CommonMark code fence (back-ticks or tildes), not a MyST colon fence."""
        return self.char != ":"

    @property
    def bare(self) -> bool:
        """Nothing but white space after the fence characters (so it may close a fence)."""
        return not self.info.strip()

    @property
    def directive(self) -> str:
        """The MyST directive a ``{name}`` info string opens (``""`` if none)."""
        match = _DIRECTIVE.match(self.info.lstrip())
        return match["name"] if match else ""

    @property
    def language(self) -> str:
        """The first word of the info string of a code fence that opens no directive."""
        return "" if self.directive else self.info.strip().split(" ")[0]

    def closes(self, opener: Fence, *, max_indent: int | None = MAX_FENCE_INDENT) -> bool:
        """Whether this line closes ``opener``: the same character, at least as long,
        no info string, and (unless ``max_indent`` is None) indented at most
        ``max_indent`` columns in its container."""
        return (
            self.char == opener.char
            and self.length >= opener.length
            and self.bare
            and (max_indent is None or self.indent <= max_indent)
        )

    def __str__(self) -> str:
        """The opening as a warning shows it: ``:::{exercise}``, ```` ```python ````."""
        if self.directive:
            return f"{self.marker}{{{self.directive}}}"
        return self.marker + self.language


def fence_at(line: str, index: int = 0) -> Fence | None:
    """``line`` (line ``index``) read as a fence line, at any indentation; None if it is none.

    A back-tick fence whose info string holds a back-tick is no fence
    (CommonMark: it is inline code at the start of a paragraph).
    """
    if not line or line[0] not in _FENCE_OR_INDENT:
        return None  # most lines: one test
    body = line.lstrip(" \t")
    if not body or body[0] not in FENCE_CHARS:
        return None
    char = body[0]
    length = len(body) - len(body.lstrip(char))
    if length < 3:
        return None
    info = body[length:]
    if char == "`" and "`" in info:
        return None
    prefix = line[: len(line) - len(body)]
    column = indent_columns(prefix)
    return Fence(index, char, length, info, prefix, column, column)


_ITEM_BEFORE_FENCE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]) {1,4}(?=[`~]{3})")


def item_fence_at(line: str, index: int = 0) -> Fence | None:
    """The code fence that opens a list item's content on the item's first line
    (``1. ~~~``, ``- ```python``), if ``line`` holds one.

    Its ``prefix`` is the list marker as written and its ``column`` where the
    fence starts.  Such a line only opens a fence: a list marker is never part
    of a closing line.
    """
    match = _ITEM_BEFORE_FENCE.match(line)
    if match is None:
        return None
    fence = fence_at(" " * match.end() + line[match.end() :], index)
    return None if fence is None else replace(fence, prefix=match.group())


def closing_line(
    lines: Sequence[str],
    opener: Fence,
    stop: int | None = None,
    *,
    max_indent: int | None = MAX_FENCE_INDENT,
    strips: tuple[int, ...] = (),
) -> int | None:
    """Index of the first line after ``opener`` (before ``stop``) that closes it, else None.

    ``opener.line`` indexes ``lines``.  The fence's content is not looked
    into: as in CommonMark and MyST, the first closing line closes it.
    ``strips``: the columns that each enclosing fence removes from its
    content lines (see :func:`parse_fences`).
    """
    stop = len(lines) if stop is None else stop
    for index in range(opener.line + 1, stop):
        line = lines[index]
        fence = fence_at(line, index) if opener.char in line else None
        if fence and in_container(fence, strips).closes(opener, max_indent=max_indent):
            return index
    return None


def in_container(fence: Fence, strips: tuple[int, ...]) -> Fence:
    """``fence`` with its indentation in a container whose enclosing fences remove
    ``strips`` columns from each content line (CommonMark: up to the opener's
    indentation, from the outermost in)."""
    indent = fence.column
    for strip in strips:
        indent = max(0, indent - strip)
    return replace(fence, indent=indent) if indent != fence.indent else fence


@dataclass
class FencedBlock:
    """A fence, the line that closes it, and the fences of its Markdown content."""

    opener: Fence
    #: Index of the closing line; None: never closed, it runs to the end of its container.
    end: int | None
    #: Fences of the content, if it is Markdown (see :func:`parse_fences`).
    children: list[FencedBlock] = field(default_factory=list)

    def walk(self):
        """This block and every block inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def parse_fences(
    lines: Sequence[str],
    start: int = 0,
    stop: int | None = None,
    *,
    colon_fences: bool = True,
    markdown: Callable[[Fence], bool] = lambda fence: False,
) -> list[FencedBlock]:
    """The fenced blocks of ``lines[start:stop]`` as MyST parses them.

    A fence opens where it is indented at most 3 columns in its container;
    the first line that :meth:`Fence.closes` it closes it, else it runs to
    the end of its container.  Its content is scanned for fences only if
    ``markdown(opener)`` says MyST parses it as Markdown (a directive such as
    ``{note}``); inside, indentation counts from the opener's (CommonMark
    removes up to that many columns from each content line).  Colon fences
    count only with ``colon_fences`` (MyST's ``colon_fence`` extension).
    """
    stop = len(lines) if stop is None else stop
    return _parse_level(lines, start, stop, (), colon_fences, markdown)


def _parse_level(
    lines: Sequence[str],
    start: int,
    stop: int,
    strips: tuple[int, ...],
    colon_fences: bool,
    markdown: Callable[[Fence], bool],
) -> list[FencedBlock]:
    """The fences of one container; ``strips``: columns each enclosing level removes."""
    blocks: list[FencedBlock] = []
    index = start
    while index < stop:
        fence = fence_at(lines[index], index)
        if fence is None or (fence.char == ":" and not colon_fences):
            index += 1
            continue
        fence = in_container(fence, strips)
        if fence.indent > MAX_FENCE_INDENT:
            index += 1
            continue
        end = closing_line(lines, fence, stop, strips=strips)
        block = FencedBlock(fence, end)
        content_stop = stop if end is None else end
        if markdown(fence) and len(strips) < MAX_NESTING:
            block.children = _parse_level(
                lines, index + 1, content_stop, (*strips, fence.indent), colon_fences, markdown
            )
        blocks.append(block)
        index = content_stop + 1
    return blocks


# -- front matter ----------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """The YAML block at the top of a page, between ``---`` and ``---`` (or ``...``)."""

    #: How many lines it takes, delimiters included: the body starts at ``lines[end]``.
    end: int
    #: The lines between the delimiters.
    yaml: tuple[str, ...]

    def mapping(self) -> dict[str, object]:
        """The YAML as a mapping; empty if it is not valid YAML or not a mapping."""
        import yaml

        try:
            data = load_yaml("\n".join(self.yaml))
        except (yaml.YAMLError, ValueError, RecursionError):
            # ValueError: a date such as 2001-02-30; RecursionError: absurd nesting.
            return {}
        return data if isinstance(data, dict) else {}

    def line_of(self, key: str) -> int | None:
        """The 1-based line of a top-level ``key:``, if there is one."""
        pattern = re.compile(rf"{re.escape(key)}\s*:")
        return next(
            (number for number, line in enumerate(self.yaml, 2) if pattern.match(line)), None
        )


def load_yaml(text: str) -> object:
    """``yaml.safe_load``, refusing aliases (``*name``) with a ``yaml.YAMLError``.

    No lesson file needs them, and a few nested aliases ("billion laughs")
    make a value that takes forever to print or copy.
    """
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: object, index: object) -> object:  # type: ignore[override]
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed here", event.start_mark
                )
            return super().compose_node(parent, index)  # type: ignore[arg-type]

    return yaml.load(text, Loader=NoAliasLoader)  # a SafeLoader: no Python objects


def front_matter(lines: Sequence[str]) -> FrontMatter | None:
    """The front matter of a page, if it has one.

    As MyST reads it: the first line is three or more dashes (after a byte
    order mark, if the text still has one); the block ends at the first line
    of at least as many dashes indented at most 3 columns, or of ``...`` at
    the start of the line, either with nothing but white space after.  A
    block never closed is no front matter.
    """
    if not lines:
        return None
    first = lines[0].removeprefix(_BOM).rstrip()
    if len(first) < 3 or first.strip("-"):
        return None
    for index in range(1, len(lines)):
        line = lines[index].rstrip()
        body = line.lstrip(" \t")
        if line == "..." or (
            len(body) >= len(first)
            and not body.strip("-")
            and indent_columns(line[: len(line) - len(body)]) <= MAX_FENCE_INDENT
        ):
            return FrontMatter(index + 1, tuple(lines[1:index]))
    return None


def is_text_notebook(text: str) -> bool:
    """Is this Markdown a MyST notebook with a code cell, as myst-nb tells (its
    front matter says ``file_format: mystnb`` or jupytext's ``format_name:
    myst``)?  A ``{code-cell}`` elsewhere is no cell (an example, say)."""
    if "{code-cell}" not in text:
        return False
    found = front_matter(text.splitlines())
    if found is None:
        return False
    data = found.mapping()
    if data.get("file_format") == "mystnb":
        return True
    jupytext = data.get("jupytext")
    representation = jupytext.get("text_representation") if isinstance(jupytext, dict) else None
    return isinstance(representation, dict) and representation.get("format_name") == "myst"


def front_matter_end(lines: Sequence[str]) -> int:
    """Index of the first line after the front matter (0 if there is none)."""
    found = front_matter(lines)
    return found.end if found else 0
