"""Carpentries (Jekyll/kramdown) lesson markdown, rewritten to MyST as it is read.

Old Carpentries episodes mark their blocks with kramdown attribute lines
(``{: .challenge}``) after blockquotes and code fences::

    > ## Sort the list
    >
    > Write a function that ...
    >
    > > ## Solution
    > > ~~~
    > > sorted(xs)
    > > ~~~
    > > {: .language-python}
    > {: .solution}
    {: .challenge}

A ``source-read`` hook rewrites such Markdown sources (never reST) to MyST
before they are parsed: the example above becomes a ``{challenge}`` titled
"Sort the list" containing a ``{solution}`` that contains a Python code
block.  What is converted:

* a blockquote directly followed by ``{: .kind}``, where *kind* is a lesson
  block directive name or alias (``challenge``, ``solution``, ``callout``,
  ``keypoints``, ``prereq``, ``instructor``, ...), becomes that directive; a
  leading ``## Title`` line becomes its title.  Nesting works to any depth:
  each enclosing directive's fence is longer than everything inside it.
  ``{: .quotation}`` keeps a plain blockquote; an unknown class keeps a plain
  blockquote too and reports a problem (a located build warning).
* a code fence (back-ticks or tildes) directly followed by ``{: .output}``,
  ``{: .error}``, ``{: .source}`` or ``{: .language-X}`` (the dot is
  optional, as sphinx-lesson allowed): ``output`` becomes a fence of the
  Pygments ``output`` lexer (HTML ``div.highlight-output``); ``error``
  becomes a fence of the ``error`` language when a lexer of that name is
  registered (the Workbench support registers one: ``div.highlight-error``),
  else an ``output`` ``code-block`` with class ``error``; ``source`` keeps
  the fence, ``language-X`` and a bare Pygments name (``{: .python}``, as
  older lessons wrote) set the language.  A lesson block name
  (``{: .callout}``) makes the fence that directive, as sphinx-lesson did.
* optionally (off by default, as in sphinx-lesson's own lessons) a line
  holding only ``<img src=... alt=...>`` becomes a ``figure`` directive; a
  ``{{ page.root }}`` prefix is dropped and an inline ``border`` style gives
  the ``with-border`` class.
* any other attribute line (``{: .image-with-shadow}`` after an image,
  ``{: #id}`` after a heading) only styles its block in kramdown; it is
  replaced by an empty line instead of showing up as text.

Code fences are opaque: nothing inside them is ever changed.  The content of
colon-fenced lesson/admonition directives (``:::{note}``) is converted, and
their fences are lengthened if converted blocks inside need it.

Line numbers stay stable: every source line becomes exactly one output line,
with three exceptions, each of which shifts the following lines by one or
more (warnings from MyST then point that far below the real line):

* a block without a ``## Title`` line needs an extra opening line, unless the
  line before the blockquote is empty (it is then reused, as usual);
* ``{: .error}`` without an ``error`` lexer needs a ``:class: error`` line
  (the attribute line after the fence is dropped, so the lines after the
  block are right again);
* each converted ``<img>`` line takes two or more lines.

Config values (all rebuild ``env``), keeping sphinx-lesson's names:

``sphinx_lesson_transform_block_quotes`` (True)
    blockquote blocks and stray attribute lines;
``sphinx_lesson_transform_code_fences`` (True)
    code fences with attribute lines;
``sphinx_lesson_transform_html_img`` (False)
    ``<img>`` lines;
``refinery_carpentries`` (True)
    switches all three off at once.

Not handled (left as written): "lazy" blockquote lines without their ``>``
(they end the blockquote here), an attribute line *before* its block or
separated from it by an empty line, Liquid tags (``{% include links.md %}``)
and files pulled in by ``{include}`` (no ``include-read`` hook: a literal
include must show the file as it is).  Containers nested more than
:data:`MAX_DEPTH` deep are copied unchanged.

The conversion is idempotent and does not touch a text without ``{:`` (and,
when images are converted, without ``<img``): :func:`convert` returns such a
text unchanged (the very same object) after one substring search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sphinx.highlighting import lexer_classes
from sphinx.locale import get_translation
from sphinx.util import logging

from ..blocks.kinds import BLOCK_KINDS
from ..compat import front_matter_end, is_markdown_source

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_refinery", "console")

#: Class (kramdown attribute) → lesson block directive name.
KIND_CLASSES: dict[str, str] = {
    name: name for kind in BLOCK_KINDS for name in kind.directive_names
} | {name: kind.name for kind in BLOCK_KINDS for name in kind.carpentries_classes}
#: Blockquote classes that only style a real quotation: keep a plain quote.
QUOTE_CLASSES = frozenset({"quotation", "quote", "blockquote"})
#: Colon-fenced directives whose content is Markdown, converted like the page.
MARKDOWN_DIRECTIVES = frozenset(KIND_CLASSES.values()) | {
    "admonition", "attention", "caution", "danger", "error", "hint", "important",
    "note", "seealso", "tip", "todo", "warning", "topic", "sidebar", "margin",
    "div", "container", "dropdown", "tab-set", "tab-item", "tabs", "tab",
    "group-tab", "card", "grid", "grid-item", "grid-item-card", "only",
    "versionadded", "versionchanged", "deprecated", "epigraph", "pull-quote",
}  # fmt: skip
#: Containers nested deeper than this are copied unchanged (bounds recursion and time).
MAX_DEPTH = 24

_IAL = re.compile(r"^ {0,3}\{:(?P<body>[^}]*)\}\s*$")
_QUOTE = re.compile(r"^(?P<indent> {0,3})> ?")
_CODE_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COLON_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,})\{(?P<name>[^}\s]+)\}")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*(?P<title>[^#\s].*?)(?:[ \t]+#+)?[ \t]*$")
_IMG = re.compile(r"^(?P<indent> {0,3})<img\b(?P<attrs>[^<>]*?)/?>\s*$", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LIQUID_PREFIX = re.compile(r"^\s*\{\{[^}]*\}\}")
#: A line that could close a fence of this character (so an enclosing fence must be longer).
_CLOSER_LIKE = {char: re.compile(rf"^\s*({re.escape(char)}+)\s*$") for char in ":`"}


@dataclass(frozen=True)
class Problem:
    """Something the author should fix, at a 1-based source line."""

    line: int
    message: str


@dataclass
class Conversion:
    """The converted text and the problems found on the way."""

    text: str
    problems: list[Problem] = field(default_factory=list)


def may_need_conversion(text: str, *, images: bool = False) -> bool:
    """The cheap test run before any parsing: could ``text`` hold Carpentries syntax?"""
    return "{:" in text or (images and "<img" in text.lower())


def convert(
    text: str,
    *,
    blocks: bool = True,
    fences: bool = True,
    images: bool = False,
    colon_fences: bool = True,
    lexers: Collection[str] = (),
) -> Conversion:
    """Rewrite Carpentries markdown in ``text`` to MyST.

    ``blocks``, ``fences`` and ``images`` switch the three transforms;
    ``colon_fences`` says whether generated directives may use ``:::`` (MyST's
    ``colon_fence`` extension), else they use back-tick fences.  ``lexers``
    are highlighting languages known besides Pygments' own (Sphinx's
    ``add_lexer``): ``{: .error}`` uses an ``error`` language if there is one.
    """
    if not (blocks or fences or images) or not may_need_conversion(text, images=images):
        return Conversion(text)
    lines = text.split("\n")
    start = front_matter_end(lines)
    converter = _Converter(blocks, fences, images, ":" if colon_fences else "`")
    converter.lexers = frozenset(lexers)
    body = converter.convert(lines[start:], list(range(start, len(lines))))
    new_lines = lines[:start] + [line for _, line in body]
    new_text = "\n".join(new_lines)
    if new_text == text:
        return Conversion(text, converter.problems)
    return Conversion(new_text, converter.problems)


def to_myst(text: str, **options: Any) -> str:
    """Just the converted text of :func:`convert`."""
    return convert(text, **options).text


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


class _Converter:
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

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(number + 1, message))

    def convert(self, lines: list[str], numbers: list[int]) -> list[_Line]:
        """Convert one container level; ``numbers`` are the lines' source line numbers."""
        if self.depth >= MAX_DEPTH:
            return list(zip(numbers, lines, strict=True))
        self.depth += 1
        try:
            return self._convert(lines, numbers)
        finally:
            self.depth -= 1

    def _convert(self, lines: list[str], numbers: list[int]) -> list[_Line]:
        out: list[_Line] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if match := _CODE_FENCE.match(line):
                if match["fence"][0] != "`" or "`" not in match["info"]:
                    i = self._code_fence(lines, numbers, i, match, out)
                    continue
            elif match := _COLON_FENCE.match(line):
                i = self._colon_fence(lines, numbers, i, match, out)
                continue
            elif _QUOTE.match(line):
                i = self._blockquote(lines, numbers, i, out)
                continue
            elif self.blocks and _IAL.match(line):
                out.append((numbers[i], ""))  # kramdown styling only; never text
                i += 1
                continue
            elif self.images and (match := _IMG.match(line)) and (figure := self._figure(match)):
                out.extend((numbers[i], text) for text in figure)
                i += 1
                continue
            out.append((numbers[i], line))
            i += 1
        return out

    # -- code fences ---------------------------------------------------------

    def _code_fence(
        self, lines: list[str], numbers: list[int], i: int, match: re.Match[str], out: list[_Line]
    ) -> int:
        """Copy a code fence (converted if an attribute line follows); return the next index."""
        fence = match["fence"]
        closer = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), None)
        if end is None:  # unclosed: runs to the end of its container
            out.extend(zip(numbers[i:], lines[i:], strict=True))
            return len(lines)
        after = end + 1
        ial = _IAL.match(lines[after]) if after < len(lines) else None
        if ial and not self.fences:  # switched off: the attribute line stays, as written
            out.extend(zip(numbers[i : after + 1], lines[i : after + 1], strict=True))
            return after + 1
        if not ial or match["info"].strip().startswith("{"):
            out.extend(zip(numbers[i : end + 1], lines[i : end + 1], strict=True))
            return end + 1
        classes = _classes(ial["body"])
        opening = self._fence_opening(match, classes, numbers[after], lines[i + 1 : end])
        out.extend((numbers[i], text) for text in opening)
        out.extend(zip(numbers[i + 1 : end + 1], lines[i + 1 : end + 1], strict=True))
        if len(opening) == 1:  # else the extra opening line takes the attribute line's place
            out.append((numbers[after], ""))
        return after + 1

    def _fence_opening(
        self, match: re.Match[str], classes: list[str], number: int, body: list[str]
    ) -> list[str]:
        """The line(s) that open a fence of ``body`` carrying these classes."""
        indent, start = match["indent"], match["indent"] + match["fence"]
        directive: list[str] | None = None
        for name in classes:
            if name == "output" or (name == "error" and not body and name not in self.lexers):
                return [start + "output"]
            if name == "error" and name not in self.lexers:
                directive = [start + "{code-block} output", indent + ":class: error"]
            elif name == "source":
                return [start + match["info"]]
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
        return [start + match["info"]]

    # -- colon-fenced directives ----------------------------------------------

    def _colon_fence(
        self, lines: list[str], numbers: list[int], i: int, match: re.Match[str], out: list[_Line]
    ) -> int:
        """A MyST ``:::{name}`` directive: convert its Markdown content, lengthen it if needed."""
        fence = match["fence"]
        closer = re.compile(rf"^ {{0,3}}:{{{len(fence)},}}\s*$")
        end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), len(lines))
        if match["name"].lower() not in MARKDOWN_DIRECTIVES:
            out.extend(zip(numbers[i : end + 1], lines[i : end + 1], strict=True))
            return end + 1
        content = self.convert(lines[i + 1 : end], numbers[i + 1 : end])
        needed = self._fence_length(content, ":")
        opening = lines[i]
        if needed > len(fence):
            opening = match["indent"] + ":" * needed + opening[match.end("fence") :]
        out.append((numbers[i], opening))
        out.extend(content)
        if end < len(lines):
            closing = lines[end]
            if needed > len(fence):
                closing = closing.replace(":" * len(closing.strip()), ":" * needed, 1)
            out.append((numbers[end], closing))
        return end + 1

    # -- blockquotes ------------------------------------------------------------

    def _blockquote(self, lines: list[str], numbers: list[int], i: int, out: list[_Line]) -> int:
        """A run of ``>`` lines: a lesson block if a known attribute line follows."""
        j = i
        prefixes: list[str] = []
        while j < len(lines) and (quote := _QUOTE.match(lines[j])):
            prefixes.append(quote.group())
            j += 1
        inner = [line[len(prefix) :] for line, prefix in zip(lines[i:j], prefixes, strict=True)]
        inner_numbers = numbers[i:j]
        ial = _IAL.match(lines[j]) if self.blocks and j < len(lines) else None
        if ial:
            classes = _classes(ial["body"])
            kind = next((KIND_CLASSES[c] for c in classes if c in KIND_CLASSES), None)
            if kind:
                indent = _QUOTE.match(lines[i])["indent"]  # type: ignore[index]
                self._lesson_block(kind, indent, inner, inner_numbers, numbers[j], out)
                return j + 1
            if not QUOTE_CLASSES.intersection(classes):
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
        if heading:
            title = " " + heading["title"].strip()
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
        if content and _looks_like_options(content[0][1]):
            out.append((opening_number, ""))
        out.extend(content)
        out.append((closing_number, fence))

    @staticmethod
    def _fence_length(content: list[_Line], char: str) -> int:
        """The shortest fence of ``char`` that no line of ``content`` closes."""
        pattern = _CLOSER_LIKE[char]
        longest = max((len(m[1]) for _, text in content if (m := pattern.match(text))), default=0)
        return max(3, longest + 1)

    # -- images -------------------------------------------------------------------

    def _figure(self, match: re.Match[str]) -> list[str] | None:
        """A ``figure`` directive for an ``<img>`` line (None without ``src``)."""
        attrs = {
            name.lower(): next(v for v in values if v is not None)
            for name, *values in _ATTR.findall(match["attrs"])
        }
        src = _LIQUID_PREFIX.sub("", attrs.get("src", "")).strip()
        if not src:
            return None
        indent = match["indent"]
        options = [f":{key}: {attrs[key]}" for key in ("alt", "width", "height") if attrs.get(key)]
        classes = attrs.get("class", "").split()
        if "border" in attrs.get("style", "").lower():
            classes.append("with-border")
        if classes:
            options.append(":class: " + " ".join(classes))
        fence = self.fence_char * 3
        return [f"{indent}{fence}{{figure}} {src}", *(indent + o for o in options), indent + fence]


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


# -- Sphinx ---------------------------------------------------------------------

#: Config value → (default, transform keyword of :func:`convert`).
CONFIG_VALUES: dict[str, tuple[bool, str]] = {
    "sphinx_lesson_transform_block_quotes": (True, "blocks"),
    "sphinx_lesson_transform_code_fences": (True, "fences"),
    "sphinx_lesson_transform_html_img": (False, "images"),
}


def _transform_options(app: Sphinx) -> dict[str, bool]:
    config = app.config
    if not config.refinery_carpentries:
        return {}
    options = {keyword: bool(getattr(config, name)) for name, (_, keyword) in CONFIG_VALUES.items()}
    return options if any(options.values()) else {}


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: convert a Markdown source that holds Carpentries syntax."""
    options = _transform_options(app)
    if not options or not may_need_conversion(source[0], images=options["images"]):
        return
    if not is_markdown_source(app, docname):
        return
    extensions = getattr(app.config, "myst_enable_extensions", None) or ()
    colon_fences = "colon_fence" in extensions
    result = convert(source[0], colon_fences=colon_fences, lexers=lexer_classes, **options)
    for problem in result.problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="refinery",
            subtype="carpentries",
        )
    source[0] = result.text


def _iter_config_values() -> Iterator[tuple[str, bool]]:
    yield "refinery_carpentries", True
    for name, (default, _) in CONFIG_VALUES.items():
        yield name, default


def setup(app: Sphinx) -> None:
    """Register the config values (unless already there) and the ``source-read`` hook."""
    for name, default in _iter_config_values():
        if name not in app.config:
            app.add_config_value(name, default, "env", bool)
    app.connect("source-read", on_source_read)
