"""The containers of old Carpentries markdown besides blockquotes, as line spans
that the rewriter (:mod:`.converter`) converts like a blockquote's content:

* a **list item**: its marker line and the lines indented to its content
  (and lazy continuation lines), so that ``{: .language-bash}`` or a
  blockquote block indented under ``1.  Step`` is read in the item, not as
  indented code;
* a kramdown **``<div markdown="1">``** and its matching ``</div>`` at the same
  level (or the end of the level: kramdown closes it there), which becomes a
  ``{container}`` (with the div's classes and id) or is unwrapped;
* kramdown's rule for the lines of a blockquote without ``>``
  (:func:`kramdown_lazy`): only an empty line, an attribute line or an HTML
  tag ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sphinx.locale import get_translation

from ..scanner import MAX_FENCE_INDENT, Problem, closing_line, fence_at

if TYPE_CHECKING:
    from collections.abc import Callable

__ = get_translation("sphinx_refinery", "console")

#: One output line: (0-based source line it comes from, text).
_Line = tuple[int, str]


class Converter(Protocol):
    """What these containers need of :class:`.converter.Converter`."""

    fence_char: str
    problems: list[Problem]

    def convert(self, lines: list[str], numbers: list[int]) -> list[_Line]: ...

    def fence_length(self, content: list[_Line]) -> int: ...


#: A list item's first line: indentation, marker, the spaces after it.
_ITEM = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?P<space> *)(?=\S|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
#: ``<div ... markdown="1">`` alone on its line.
_MARKDOWN_DIV = re.compile(
    r"^ {0,3}<div\b(?P<attrs>[^<>]*\bmarkdown\s*=\s*"
    r"(?:\"(?:1|block)\"|'(?:1|block)'|(?:1|block)(?=[\s/>]))[^<>]*)>\s*$",
    re.IGNORECASE,
)
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_DIV_CLOSE_LINE = re.compile(r"^ {0,3}</div\s*>\s*$", re.IGNORECASE)
_ATTR = re.compile(
    r"""(?P<name>[\w:-]+)\s*=\s*(?:"(?P<q2>[^"]*)"|'(?P<q1>[^']*)'|(?P<bare>[^\s"'>]+))"""
)
_CLASS_NAME = re.compile(r"^[A-Za-z][\w-]*$")
#: kramdown's ends of a blockquote's lazy lines: an empty line, an attribute line,
#: ``^``, an HTML tag that is no span element.
_SPAN_TAGS = (
    "a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|"
    "label|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strike|strong|sub|sup|"
    "textarea|tt|var"
)
_KRAMDOWN_LAZY_END = re.compile(
    rf"^(?:\s*$| {{0,3}}\{{:| {{0,3}}\^\s*$| {{0,3}}</?(?!(?:{_SPAN_TAGS})\b)[A-Za-z])",
    re.IGNORECASE,
)


def kramdown_lazy(line: str) -> bool:
    """Whether kramdown reads ``line`` (no ``>``) as one more line of the blockquote above."""
    return not _KRAMDOWN_LAZY_END.match(line)


@dataclass
class Item:
    """A list item: ``lines[start:end]``; ``prefixes`` are what each line loses in the
    item's content (the marker on the first line, the content's indentation, or
    nothing on empty and lazy lines)."""

    start: int
    end: int
    prefixes: list[str]


def list_item(lines: list[str], start: int, lazy: Callable[[str, list[str]], bool]) -> Item | None:
    """The list item that starts at ``lines[start]``, if one does and it has more than
    one line.  ``lazy(line, content)``: whether a less indented line continues the
    paragraph that ends ``content`` (the item's lines so far, prefixes removed)."""
    first = lines[start]
    match = _ITEM.match(first)
    if match is None or _RULE.match(first) or "\t" in first[: match.end()]:
        return None
    width = _content_width(match, first)
    if width < 0:
        return None
    prefixes = [first[:width].ljust(width)]
    content = [first[width:]]
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        body = line.lstrip(" ")
        if not body.strip():
            prefixes.append("")
            content.append("")
        elif body.startswith("\t") and len(line) - len(body) < width:
            break  # tabs: left as written
        elif len(line) - len(body) >= width:
            prefixes.append(line[:width])
            content.append(line[width:])
            last = index
        elif content[-1].strip() and not _ITEM.match(line) and lazy(line, content):
            prefixes.append("")
            content.append(line)
            last = index
        else:
            break
    if last == start:
        return None
    return Item(start, last + 1, prefixes[: last + 1 - start])


def _content_width(match: re.Match[str], line: str) -> int:
    """The column where the content of the list item that ``match`` starts begins."""
    spaces = len(match["space"])
    if not spaces and match.end() < len(line):
        return -1  # "-x", "1.5": no list item
    return match.end("marker") + (1 if spaces == 0 or spaces > 4 else spaces)


def indent_in_item(lines: list[str]) -> int:
    """How far the last of ``lines`` is indented in the content of the list item it
    belongs to (the lines above it tell), or in its container if it is in none."""
    last = lines[-1]
    indent = len(last) - len(last.lstrip(" "))
    for line in reversed(lines[:-1]):
        if not line.strip():
            continue
        match = _ITEM.match(line)
        width = _content_width(match, line) if match and not _RULE.match(line) else -1
        if 0 <= width <= indent:
            return indent - width
        if width < 0 and len(line) - len(line.lstrip(" ")) < indent:
            break  # less indented text: the last line is in no item
    return indent


@dataclass
class Div:
    """A ``<div markdown="1">`` at ``lines[start]``; ``end`` is its ``</div>`` line (or
    the end of the level); ``classes`` and ``ident`` from its attributes."""

    start: int
    end: int
    closed: bool
    classes: list[str]
    ident: str


def markdown_div(lines: list[str], start: int) -> Div | None:
    """The kramdown ``<div markdown="1">`` that opens at ``lines[start]``, if one does."""
    match = _MARKDOWN_DIV.match(lines[start])
    if match is None:
        return None
    attrs = {
        found["name"].lower(): next(v for v in found.group("q2", "q1", "bare") if v is not None)
        for found in _ATTR.finditer(match["attrs"])
    }
    classes = [name for name in attrs.get("class", "").split() if _CLASS_NAME.match(name)]
    ident = attrs.get("id", "") if _CLASS_NAME.match(attrs.get("id", "")) else ""
    depth, index = 1, start + 1
    while index < len(lines):
        line = lines[index]
        after_code = _after_code(lines, index)
        if after_code is not None:
            index = after_code
            continue
        depth += len(_DIV_OPEN.findall(line)) - len(_DIV_CLOSE.findall(line))
        if depth <= 0:
            if depth < 0 or not _DIV_CLOSE_LINE.match(line):
                return None  # closed inside a line of HTML: left as written
            return Div(start, index, True, classes, ident)
        index += 1
    return Div(start, len(lines), False, classes, ident)


def _after_code(lines: list[str], index: int) -> int | None:
    """Where the code fence opening at ``index`` ends (the index after its closing
    line, or the end of ``lines``); None when no code fence opens there."""
    fence = fence_at(lines[index], index)
    if fence is None or not fence.code or fence.indent > MAX_FENCE_INDENT:
        return None
    end = closing_line(lines, fence)
    return len(lines) if end is None else end + 1


def stray_div_closes(lines: list[str]) -> set[int]:
    """Indices of the ``</div>`` lines of one level that close no ``<div`` of that
    level (their div was opened inside a blockquote or list item)."""
    stray: set[int] = set()
    depth, index = 0, 0
    while index < len(lines):
        line = lines[index]
        after_code = _after_code(lines, index)
        if after_code is not None:
            index = after_code
            continue
        if line.lstrip(" ")[:1] == "<":
            depth += len(_DIV_OPEN.findall(line))
            if _DIV_CLOSE_LINE.match(line) and depth == 0:
                stray.add(index)
            else:
                depth = max(0, depth - len(_DIV_CLOSE.findall(line)))
        index += 1
    return stray


def item_lines(
    converter: Converter, lines: list[str], numbers: list[int], item: Item
) -> list[_Line]:
    """The list item converted as a container: its marker on the first line out, its
    content's indentation on the others (lazy lines stay as they are)."""
    span = range(item.start, item.end)
    inner = [lines[k][len(prefix) :] for k, prefix in zip(span, item.prefixes, strict=True)]
    marker = item.prefixes[0]
    indented = {numbers[k] for k, prefix in zip(span, item.prefixes, strict=True) if prefix}
    out: list[_Line] = []
    for number, text in converter.convert(inner, numbers[item.start : item.end]):
        prefix = marker if not out else " " * len(marker) if number in indented else ""
        out.append((number, prefix + text if text.strip() or not out else text))
    if out and not out[0][1].strip():
        out[0] = (out[0][0], marker.rstrip())
    return out


def div_lines(converter: Converter, lines: list[str], numbers: list[int], div: Div) -> list[_Line]:
    """The ``<div markdown="1">`` converted: a ``{container}`` with its classes (and
    ``:name:`` its id), or just its content when it has neither."""
    stop = div.end
    content = converter.convert(lines[div.start + 1 : stop], numbers[div.start + 1 : stop])
    first = numbers[div.start]
    last = numbers[stop] if div.closed else (content[-1][0] if content else first)
    if not div.closed:
        converter.problems.append(
            Problem(
                first + 1,
                # TRANSLATORS: keep <div markdown="1"> and </div>, the HTML the author wrote.
                __(
                    '<div markdown="1"> without its </div> in the same blockquote or list '
                    "item: closed at its end, as kramdown does. Close it there."
                ),
            )
        )
    if not (div.classes or div.ident):
        return [(first, ""), *content, *([(last, "")] if div.closed else [])]
    opening = lines[div.start]
    indent = opening[: len(opening) - len(opening.lstrip(" "))]
    fence = indent + converter.fence_char * converter.fence_length(content)
    out = [(first, f"{fence}{{container}} {' '.join(div.classes)}".rstrip())]
    if div.ident:
        out.append((first, f"{indent}:name: {div.ident}"))
    if content and content[0][1].lstrip().startswith((":", "---")):
        out.append((first, ""))  # else MyST would read the line as options
    return [*out, *content, (last, fence)]


def stray_close_problem(number: int) -> Problem:
    """The problem of a ``</div>`` line that closes nothing at its level (dropped)."""
    return Problem(
        number + 1,
        # TRANSLATORS: keep </div>, the HTML the author wrote.
        __(
            "</div> closes no <div> here (its <div> is inside a blockquote or list item, "
            "which closes it): dropped. Move it next to its <div>."
        ),
    )
