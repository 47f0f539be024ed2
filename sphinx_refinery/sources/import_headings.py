"""Heading levels of an imported page made consecutive, as MyST nests them anyway.

Carpentries pages often follow the page title with ``###`` headings: pandoc
does not mind, MyST warns (``myst.header``, "Non-consecutive header level
increase") and nests such a heading one level below the heading before it,
whatever its number of ``#``.  Sphinx numbers the HTML headings by that
nesting, so writing each heading at its depth gives the same page without the
warning.  Only ATX headings of the page itself are renumbered (never one inside
a directive, a list or a quote, which MyST shows as a rubric), and only ever to
fewer ``#``: a heading anchor ``myst_heading_anchors`` made stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .mystparse import imported_lesson_parser
from .scanner import ATX_HEADING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt


def consecutive_headings(text: str, md: MarkdownIt | None = None) -> str:
    """``text`` with each page-level ATX heading at the level MyST gives it.

    ``md``: MyST's parser for the lesson (default: MyST's defaults with the
    colon fences and definition lists an imported lesson has).
    """
    if "#" not in text:
        return text
    lines = text.split("\n")
    changed = False
    for index, level in _renumbered(text, md or imported_lesson_parser()):
        match = ATX_HEADING.match(lines[index])
        if match is None:  # a heading that does not start its line as read here
            continue
        lines[index] = match["indent"] + "#" * level + lines[index][match.end("hashes") :]
        changed = True
    return "\n".join(lines) if changed else text


def _renumbered(text: str, md: MarkdownIt) -> Iterator[tuple[int, int]]:
    """The line index and new level of each page-level ATX heading MyST nests at
    another level than its ``#`` say.

    A heading's parent is the one MyST gives it (the last heading of a lower level
    as written); its new level is one more than its parent's new level.  A setext
    heading (underlined) keeps its level, and the levels after it follow from it.
    """
    open_headings: list[tuple[int, int]] = []  # (level written, new level), outermost first
    for token in md.parse(text):
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        written = int(token.tag[1])
        while open_headings and open_headings[-1][0] >= written:
            open_headings.pop()
        atx = token.markup.startswith("#")
        new = open_headings[-1][1] + 1 if open_headings else 1
        new = new if atx else written
        open_headings.append((written, new))
        if new != written:
            yield token.map[0], new
