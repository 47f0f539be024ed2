"""The Carpentries rewrite's state machine: one container level (the page, a
blockquote's or a colon-fenced directive's content) at a time, each line
copied with the source line it comes from.  See
:mod:`sphinx_refinery.sources.carpentries`."""

from __future__ import annotations

import re
from functools import lru_cache

from sphinx.locale import get_translation

from ..scanner import MAX_FENCE_INDENT, Fence, Problem, closing_line, fence_at
from .classes import KIND_CLASSES, MARKDOWN_DIRECTIVES, QUOTE_CLASSES, kind_of
from .containers import (
    div_lines,
    indent_in_item,
    item_lines,
    kramdown_lazy,
    list_item,
    markdown_div,
    stray_close_problem,
    stray_div_closes,
)
from .figures import IMG, figure_lines, html_figure

__ = get_translation("sphinx_refinery", "console")

#: The class of a generic box (``{: .admonition}``): MyST's ``admonition``, which
#: needs a title; without a ``## Title`` line the blockquote stays one.
GENERIC_CLASS = "admonition"
#: Containers nested deeper than this are copied unchanged (bounds recursion and time).
MAX_DEPTH = 24

_IAL = re.compile(r"^ {0,3}\{:(?P<body>[^}]*)\}\s*$")
_QUOTE = re.compile(r"^(?P<indent> {0,3})> ?")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*(?P<title>[^#\s].*?)(?:[ \t]+#+)?[ \t]*$")
#: A kramdown id at the end of a heading: ``## Title {#id}`` (or ``{: #id}``).
_HEADING_ID = re.compile(r"[ \t]*\{:?[ \t]*#(?P<id>[A-Za-z0-9_][\w.:-]*)[ \t]*\}$")
#: A line that cannot continue a paragraph lazily (it starts another block).
_NOT_LAZY = re.compile(r"^ {0,3}(?:$|[>#]|```|~~~|:::|\{:|<|(?:[-*_][ \t]*){3,}$)")


def _classes(ial_body: str) -> list[str]:
    """Classes of a kramdown attribute list: ``.x`` and bare words (as sphinx-lesson read them)."""
    classes = []
    for token in ial_body.split():
        if token.startswith("."):
            classes.append(token[1:])
        elif not token.startswith("#") and "=" not in token:
            classes.append(token)
    return [name for name in classes if name]


@lru_cache(maxsize=256)
def _is_pygments_name(name: str) -> bool:
    from pygments.lexers import find_lexer_class_by_name
    from pygments.util import ClassNotFound

    try:
        find_lexer_class_by_name(name)
    except ClassNotFound:
        return False
    return True


#: One output line: (0-based source line it comes from, text).
_Line = tuple[int, str]


class Converter:
    """The recursive rewriter.  Each container level (the page, the inside of a
    blockquote, of a colon-fenced directive) is converted by :meth:`convert`
    on its lines with their container prefix removed."""

    def __init__(self, blocks: bool, fences: bool, images: bool, fence_char: str) -> None:
        self.blocks = blocks
        self.fences = fences
        self.images = images
        self.fence_char = fence_char
        self.problems: list[Problem] = []
        self.depth = 0
        self.lexers: frozenset[str] = frozenset()
        #: Read blockquotes as kramdown does (Jekyll lessons): any line but an empty
        #: line, an attribute line or an HTML tag goes on without ``>``.
        self.kramdown = False

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(number + 1, message))

    def convert(self, lines: list[str], numbers: list[int]) -> list[_Line]:
        """Convert one container level; ``numbers`` are the lines' source line numbers."""
        if self.depth >= MAX_DEPTH:
            self._too_deep(lines, numbers)
            return list(zip(numbers, lines, strict=True))
        self.depth += 1
        try:
            return self._convert(lines, numbers)
        finally:
            self.depth -= 1

    def _too_deep(self, lines: list[str], numbers: list[int]) -> None:
        """Report the first attribute line left as text, nested too deep to convert."""
        at = next(
            (number for number, line in zip(numbers, lines, strict=True) if "{:" in line), None
        )
        if at is not None:
            self.problem(
                at,
                # TRANSLATORS: keep {: .class}; %d is the deepest nesting converted.
                __(
                    "blocks nested more than %d deep are not converted: their {: .class} "
                    "lines stay as text. Nest fewer blocks, or write MyST directives."
                )
                % MAX_DEPTH,
            )

    def _convert(self, lines: list[str], numbers: list[int]) -> list[_Line]:
        out: list[_Line] = []
        #: Where the paragraph that ends ``out`` starts in it (None: ``out`` ends otherwise).
        paragraph: int | None = None
        i, n = 0, len(lines)
        stray = stray_div_closes(lines) if self.blocks else set()
        while i < n:
            line = lines[i]
            fence = fence_at(line, i)
            if fence is not None and fence.indent > MAX_FENCE_INDENT:
                fence = None
            if fence is not None and fence.code:
                i = self._code_fence(lines, numbers, fence, out)
            elif (item := list_item(lines, i, _lazy)) is not None:
                out.extend(item_lines(self, lines, numbers, item))
                i = item.end
            elif i in stray:
                self.problems.append(stray_close_problem(numbers[i]))
                out.append((numbers[i], ""))
                i += 1
            elif self.blocks and (div := markdown_div(lines, i)) is not None:
                out.extend(div_lines(self, lines, numbers, div))
                i = div.end + 1 if div.closed else div.end
            elif fence is not None and fence.info.startswith("{") and fence.directive:
                i = self._colon_fence(lines, numbers, fence, out)
            elif _QUOTE.match(line):
                i = self._blockquote(lines, numbers, i, out)
            elif self.blocks and (ial := _IAL.match(line)):
                kind = kind_of(_classes(ial["body"]))
                if kind and paragraph is not None:
                    self._paragraph_block(kind, paragraph, numbers[i], out)
                else:
                    out.append((numbers[i], ""))  # kramdown styling only; never text
                i += 1
            elif self.images and (found := _image(lines, i, self.fence_char)):
                out.extend((numbers[i], text) for text in found[1])
                i = found[0]
            else:
                if not line.strip() or _HEADING.match(line):
                    paragraph = None
                elif paragraph is None:
                    paragraph = len(out)
                out.append((numbers[i], line))
                i += 1
                continue
            paragraph = None
        return out

    def _paragraph_block(
        self, kind: str, start: int, closing_number: int, out: list[_Line]
    ) -> None:
        """A paragraph directly followed by ``{: .kind}`` (kramdown gives it the
        class) becomes that block: the lines ``out[start:]``."""
        paragraph = out[start:]
        del out[start:]
        fence = self.fence_char * 3
        opening = f"{fence}{{{kind}}}"
        if out and not out[-1][1].strip():
            out[-1] = (out[-1][0], opening)  # reuse the empty line before: same line count
        else:
            out.append((paragraph[0][0], opening))
        if _looks_like_options(paragraph[0][1]):
            out.append((paragraph[0][0], ""))
        out.extend(paragraph)
        out.append((closing_number, fence))

    # -- code fences ---------------------------------------------------------

    def _code_fence(
        self, lines: list[str], numbers: list[int], fence: Fence, out: list[_Line]
    ) -> int:
        """Copy a code fence (converted if an attribute line follows); return the next index."""
        i = fence.line
        end = closing_line(lines, fence)
        if end is None:  # unclosed: runs to the end of its container
            out.extend(zip(numbers[i:], lines[i:], strict=True))
            return len(lines)
        after = end + 1
        ial = _IAL.match(lines[after]) if after < len(lines) else None
        if ial and not self.fences:  # switched off: the attribute line stays, as written
            out.extend(zip(numbers[i : after + 1], lines[i : after + 1], strict=True))
            return after + 1
        if not ial or fence.info.strip().startswith("{"):
            out.extend(zip(numbers[i : end + 1], lines[i : end + 1], strict=True))
            return end + 1
        classes = _classes(ial["body"])
        opening = self._fence_opening(fence, classes, numbers[after], lines[i + 1 : end])
        out.extend((numbers[i], text) for text in opening)
        out.extend(zip(numbers[i + 1 : end + 1], lines[i + 1 : end + 1], strict=True))
        if len(opening) == 1:  # else the extra opening line takes the attribute line's place
            out.append((numbers[after], ""))
        return after + 1

    def _fence_opening(
        self, fence: Fence, classes: list[str], number: int, body: list[str]
    ) -> list[str]:
        """The line(s) that open a fence of ``body`` carrying these classes."""
        indent, start = fence.prefix, fence.prefix + fence.marker
        directive: list[str] | None = None
        for name in classes:
            if name == "output" or (name == "error" and not body and name not in self.lexers):
                return [start + "output"]
            if name == "error" and name not in self.lexers:
                directive = [start + "{code-block} output", indent + ":class: error"]
            elif name == "source":
                return [start + fence.info]
            elif name.startswith("language-") and len(name) > len("language-"):
                return [start + name[len("language-") :]]
            elif name in KIND_CLASSES:
                directive = [start + "{" + KIND_CLASSES[name] + "}"]
            elif name in self.lexers or _is_pygments_name(name):
                return [start + name]
            if directive:
                if body and _looks_like_options(body[0]):
                    directive.append("")  # else MyST would read the line as options
                return directive
        self.problem(
            number,
            # TRANSLATORS: %s is a list of classes (.name); keep the {: ...} attribute lines.
            __(
                "unknown class %s after a code fence: the attribute line is dropped. "
                "Use {: .output}, {: .error}, {: .source} or {: .language-NAME}."
            )
            % _show(classes),
        )
        return [start + fence.info]

    # -- colon-fenced directives ----------------------------------------------

    def _colon_fence(
        self, lines: list[str], numbers: list[int], fence: Fence, out: list[_Line]
    ) -> int:
        """A MyST ``:::{name}`` directive: convert its Markdown content, lengthen it if needed."""
        i = fence.line
        end = closing_line(lines, fence)
        end = len(lines) if end is None else end
        if fence.directive.lower() not in MARKDOWN_DIRECTIVES:
            out.extend(zip(numbers[i : end + 1], lines[i : end + 1], strict=True))
            return end + 1
        content = self.convert(lines[i + 1 : end], numbers[i + 1 : end])
        needed = self._fence_length(content, ":")
        opening = lines[i]
        if needed > fence.length:
            opening = fence.prefix + ":" * needed + fence.info
        out.append((numbers[i], opening))
        out.extend(content)
        if end < len(lines):
            closing = lines[end]
            if needed > fence.length:
                closing = closing.replace(":" * len(closing.strip()), ":" * needed, 1)
            out.append((numbers[end], closing))
        return end + 1

    # -- blockquotes ------------------------------------------------------------

    def _blockquote(self, lines: list[str], numbers: list[int], i: int, out: list[_Line]) -> int:
        """A run of ``>`` lines: a lesson block if a known attribute line follows."""
        j = i
        prefixes: list[str] = []
        while j < len(lines):
            if quote := _QUOTE.match(lines[j]):
                prefixes.append(quote.group())
            elif self._quote_goes_on(lines[j], lines[i:j], prefixes):
                prefixes.append("")  # kramdown and CommonMark: the paragraph goes on
            else:
                break
            j += 1
        inner = [line[len(prefix) :] for line, prefix in zip(lines[i:j], prefixes, strict=True)]
        inner_numbers = numbers[i:j]
        ial = _IAL.match(lines[j]) if self.blocks and j < len(lines) else None
        if ial:
            classes = _classes(ial["body"])
            kind = kind_of(classes)
            if kind is None and GENERIC_CLASS in classes and inner and _HEADING.match(inner[0]):
                kind = GENERIC_CLASS  # MyST's admonition, titled by the heading
            if kind:
                indent = prefixes[0].partition(">")[0]  # the first line's indent group
                self._lesson_block(kind, indent, inner, inner_numbers, numbers[j], out)
                return j + 1
            if not QUOTE_CLASSES.intersection(classes) and GENERIC_CLASS not in classes:
                self.problem(
                    numbers[j],
                    # TRANSLATORS: keep the Markdown ({: .callout}, :::{callout} Title ... :::).
                    __(
                        "unknown Carpentries block class %s: kept as a plain blockquote. "
                        "Use a lesson block class (e.g. {: .callout}, {: .challenge}) "
                        "or write a MyST directive (:::{callout} Title ... :::)."
                    )
                    % _show(classes),
                )
        by_number = dict(zip(inner_numbers, zip(prefixes, inner, strict=True), strict=True))
        for number, text in self.convert(inner, inner_numbers):
            prefix, original = by_number[number]
            if self.kramdown and not prefix and text.strip():
                prefix = prefixes[0].rstrip() + " "  # a lazy line: in the quote for MyST too
            # A line emptied by the conversion gets no trailing space.
            out.append((number, prefix + text if text or not original else prefix.rstrip()))
        if ial:
            out.append((numbers[j], ""))
            return j + 1
        return j

    def _lesson_block(
        self,
        kind: str,
        indent: str,
        inner: list[str],
        numbers: list[int],
        closing_number: int,
        out: list[_Line],
    ) -> None:
        """Write the directive for a blockquote ``inner`` (prefix removed) of this kind."""
        heading = _HEADING.match(inner[0]) if inner else None
        label = None
        if heading:
            title = heading["title"].strip()
            if label := _HEADING_ID.search(title):
                title = title[: label.start()]  # the id labels the block instead
            title = f" {title}" if title else ""
            inner, numbers, opening_number = inner[1:], numbers[1:], numbers[0]
        else:
            title, opening_number = "", numbers[0]
        content = [
            (number, indent + text if text.strip() else text)
            for number, text in self.convert(inner, numbers)
        ]
        fence = indent + self.fence_char * self._fence_length(content, self.fence_char)
        opening = f"{fence}{{{kind}}}{title}"
        if not heading and out and not out[-1][1].strip():
            out[-1] = (out[-1][0], opening)  # reuse the empty line before: same line count
        else:
            out.append((opening_number, opening))
        if label:
            option = "name" if kind == GENERIC_CLASS else "label"
            label_line = f"{indent}:{option}: {label['id']}"
            if content and not content[0][1].strip():  # the empty line after the title
                out.append((content.pop(0)[0], label_line))
            else:
                out.append((opening_number, label_line))  # one more line
        if content and _looks_like_options(content[0][1]):
            out.append((opening_number, ""))
        out.extend(content)
        out.append((closing_number, fence))

    def _quote_goes_on(self, line: str, quoted: list[str], prefixes: list[str]) -> bool:
        """Whether ``line`` (no ``>``) is one more line of the quote ``quoted`` (so far)."""
        if self.kramdown:
            return kramdown_lazy(line)
        return _lazy(line, [text[len(p) :] for text, p in zip(quoted, prefixes, strict=True)])

    def fence_length(self, content: list[_Line]) -> int:
        """The length of a fence of :attr:`fence_char` around ``content``."""
        return self._fence_length(content, self.fence_char)

    @staticmethod
    def _fence_length(content: list[_Line], char: str) -> int:
        """The shortest fence of ``char`` that no line of ``content`` closes."""
        longest = max(
            (
                fence.length
                for _, text in content
                if (fence := fence_at(text)) and fence.char == char and fence.bare
            ),
            default=0,
        )
        return max(3, longest + 1)


def _image(lines: list[str], i: int, fence_char: str) -> tuple[int, list[str]] | None:
    """(the index after, a ``figure`` directive) for an ``<img>`` line or a ``<figure>`` block."""
    match = IMG.match(lines[i])
    if match and (figure := figure_lines(match["indent"], match["attrs"], fence_char)):
        return i + 1, figure
    return html_figure(lines, i, fence_char)


def _lazy(line: str, inner: list[str]) -> bool:
    """Whether ``line`` (no ``>``) continues the paragraph that ends the quote ``inner``.

    ``inner`` are the quote's lines so far, its ``>`` removed: the last one
    must be paragraph text (nested quotes are looked into), outside code
    (also indented code: indented 4 columns past its list item's content).
    """
    if _NOT_LAZY.match(line) or not inner:
        return False
    texts = []
    for text in inner:
        while quote := _QUOTE.match(text):
            text = text[len(quote.group()) :]
        texts.append(text)
    last = texts[-1]
    if _NOT_LAZY.match(last) or last.startswith("\t") or indent_in_item(texts) >= 4:
        return False
    opener: Fence | None = None
    for text in texts:
        fence = fence_at(text)
        if opener is None and fence is not None and fence.code:
            opener = fence
        elif opener is not None and fence is not None and fence.closes(opener, max_indent=None):
            opener = None
    return opener is None


def _looks_like_options(line: str) -> bool:
    """Would MyST read this first line of a directive's content as its options?"""
    stripped = line.strip()
    return stripped.startswith("---") or (
        stripped.startswith(":") and not stripped.startswith(":::")
    )


def _show(classes: list[str]) -> str:
    # str(): without a loaded catalog (import-carpentries) __() gives a lazy proxy.
    # TRANSLATORS: in a warning, in place of the classes of a block that has none.
    return " ".join("." + name for name in classes) or str(__("(none)"))
