"""MyST's own parse of a page's fences: the one check of nesting reads this.

:func:`read_fences` parses a page with MyST's markdown-it parser
(:func:`myst_parser_for`, built like myst-parser builds it from the
project's settings) and, recursively, the content of the directives whose
content is Markdown, as MyST's directives parse it.  Each fence keeps the
page's line numbers, its column (the columns its enclosing fences strip
added back), whether a line closed it, and the fences inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .scanner import MAX_NESTING, Fence, fence_at

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig

_FENCE_TOKENS = frozenset({"fence", "colon_fence"})


@dataclass
class ParsedFence:
    """A fence as MyST parsed it; lines are indices into the page, columns count from
    the start of the page's line (None: not readable, e.g. after a list marker)."""

    opener: Fence
    column: int | None
    #: Index of the line after its content: its closing line if it is closed.
    end: int
    #: The closing line, if there is one.
    closer: Fence | None
    #: Column of the closing line.
    closer_column: int | None = None
    #: Fences of its content, if MyST parses it as Markdown.
    children: list[ParsedFence] = field(default_factory=list)

    def walk(self) -> Iterator[ParsedFence]:
        """This fence and every fence inside it, in page order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def open_at_end(self) -> Iterator[ParsedFence]:
        """The fences inside it, innermost last, that MyST closes at its end (never closed)."""
        for child in self.children:
            if child.closer is None and child.end == self.end:
                yield child
                yield from child.open_at_end()


def strip_quotes(line: str) -> str:
    """``line`` without its blockquote markers (``> > text`` -> ``text``)."""
    while line.lstrip(" ")[:1] == ">":
        line = line.lstrip(" ")[1:]
        line = line.removeprefix(" ")
    return line


def _read_line(line: str, index: int) -> tuple[Fence | None, int | None]:
    """The fence on ``line`` (line ``index`` of the page) and its column, if it shows one."""
    fence = fence_at(strip_quotes(line), index)
    return (fence, fence.column) if fence is not None else (None, None)


def _opener(token: Token, line: str, index: int) -> tuple[Fence, int | None]:
    """The opening fence of ``token`` and its column (None: after a list marker, say)."""
    fence, column = _read_line(line, index)
    if fence is None:
        markup = token.markup
        fence = Fence(index, markup[0], len(markup), token.info, "", 0, 0)
    return fence, column


def _content_lines(content: str) -> int:
    """How many lines ``content`` (a fence's content as markdown-it gives it) has."""
    return content.count("\n") + (1 if content and not content.endswith("\n") else 0)


class FenceReader:
    """Reads the fences of a text and of the Markdown content of its directives
    (those for which ``markdown(opener)`` is true)."""

    def __init__(self, md: MarkdownIt, markdown: Callable[[Fence], bool]) -> None:
        self.md = md
        self.markdown = markdown
        #: Directive fences that MyST reads as indented code, and the directive they are in.
        self.as_code: list[tuple[Fence, Fence]] = []
        self._parent: Fence | None = None

    def read(self, text: str, offset: int = 0, shift: int = 0, depth: int = 0) -> list[ParsedFence]:
        """The fences of ``text``, whose first line is line ``offset`` of the page and
        whose columns start ``shift`` columns into the page's lines."""
        lines = text.split("\n")
        found: list[ParsedFence] = []
        for token in self.md.parse(text, {}):
            if token.map is None:
                continue
            if token.type == "code_block" and self._parent is not None:
                first = fence_at(token.content.split("\n")[0], offset + token.map[0])
                if first is not None and first.directive:
                    self.as_code.append((first, self._parent))
            if token.type in _FENCE_TOKENS:
                found.append(self._fence(token, lines, offset, shift, depth))
        return found

    def _fence(
        self, token: Token, lines: list[str], offset: int, shift: int, depth: int
    ) -> ParsedFence:
        start, stop = token.map or (0, 0)
        opener, column = _opener(token, lines[start], offset + start)
        closed = stop - start - 1 > _content_lines(token.content)
        closer, closer_column = (
            _read_line(lines[stop - 1], offset + stop - 1) if closed else (None, None)
        )
        fenced = ParsedFence(
            opener,
            None if column is None else shift + column,
            offset + (stop - 1 if closed else stop),
            closer,
            None if closer_column is None else shift + closer_column,
        )
        if self.markdown(opener) and depth < MAX_NESTING:
            parent, self._parent = self._parent, opener
            fenced.children = self.read(
                token.content, offset + start + 1, shift + (column or 0), depth + 1
            )
            self._parent = parent
        return fenced


_parsers: dict[int, tuple[MdParserConfig, MarkdownIt]] = {}


def myst_parser_for(config: MdParserConfig) -> MarkdownIt:
    """MyST's markdown-it parser for ``config`` (made once per configuration)."""
    cached = _parsers.get(id(config))
    if cached is None or cached[0] is not config:
        from markdown_it.renderer import RendererHTML
        from myst_parser.parsers.mdit import create_md_parser

        cached = (config, create_md_parser(config, RendererHTML))
        _parsers.clear()
        _parsers[id(config)] = cached
    return cached[1]


@cache
def imported_lesson_parser() -> MarkdownIt:
    """MyST's parser as an imported lesson's ``conf.py`` sets it up (colon fences,
    definition lists)."""
    from myst_parser.config.main import MdParserConfig

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist"})
    from markdown_it.renderer import RendererHTML
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(config, RendererHTML)
