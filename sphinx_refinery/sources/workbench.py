"""Carpentries Workbench lesson markdown, rewritten to MyST as it is read.

Workbench lessons (sandpaper) mark their blocks with pandoc fenced divs; a
heading on the first line inside gives the block its title::

    ::::::::::::::::::::::::::::::::::::: challenge

    ## Challenge 1: Sort the list

    Write a function that ...

    :::::::::::::::::::::::: solution

    ```python
    sorted(xs)
    ```

    :::::::::::::::::::::::::::::::::
    ::::::::::::::::::::::::::::::::::::::::::::::::

With ``refinery_workbench = True`` (off by default) a ``source-read`` hook
rewrites Markdown sources to MyST before they are parsed; the same
:func:`rewrite` is what ``sphinx-refinery import-carpentries`` applies to
the files it copies, so an imported lesson needs no special configuration.
What is rewritten:

* **Fenced divs** (``::: name``, ``::: {.name #id}``, any number of colons,
  nested, closed by a line of colons) of the Workbench classes become
  colon-fenced directives (``:::{challenge} Title``).  Fences are made as
  long as MyST needs (each one longer than everything it holds), whatever
  the author wrote.  A ``tab`` or ``group-tab`` div becomes a ``tabs``
  directive with one ``tab`` (``group-tab``) per heading inside it.  A div
  of another class keeps its content in a ``container`` of that class, with
  a warning; a closing fence without an opening one is removed, a div never
  closed is closed at the end of the file (warnings with the line).
  Colon-fenced MyST directives already in the file take part in the
  nesting and are otherwise kept.
* **Heading attributes**: ``## Heading {#my-id}`` becomes ``(my-id)=`` and
  ``## Heading``.
* **Image attributes**: a paragraph that is only ``![Caption](fig.png){alt='Text'}``
  becomes a ``figure`` (caption and alt text, ``width``/``height``); an image
  inside text gets the alt text and loses the other attributes.
* **Code fence classes**: ```` ```{.error} ```` and R Markdown chunk
  headers (```` ```{r name, echo=FALSE} ````) become plain fences
  (```` ```error ````, ```` ```r ````).  The ``output``, ``error``,
  ``warning`` and ``source`` languages of Workbench lessons are Pygments
  lexers here (``output`` is Pygments' own; the others are registered by
  :func:`setup` as plain-text lexers), so their blocks render as text, in
  a ``div.highlight-error`` (etc.) that the theme can style, and never
  warn about an unknown lexer.  Registering lexers rather than rewriting
  the fence keeps every line where it was and also serves lessons written
  by hand in this style.
* **Page title**: Workbench puts an episode's title in the front matter and
  starts the text at ``##``; when the front matter has a ``title`` and the
  first heading of the page is not of level 1, ``# Title`` is inserted, so
  the page has its title in the toctree and MyST sees no heading jump.  The
  front matter itself is left alone: MyST keeps ``teaching``, ``exercises``
  and ``break`` in the page metadata, where the schedule reads them.

Lines stay where they were wherever possible (warnings keep their line
numbers): a heading that becomes a title leaves an empty line, and lines
that have to be added (closing a tab, a label, a figure's options) take the
place of empty lines next to them when there are some.  Code fences are
never looked into.  A text with nothing to rewrite is returned unchanged
(the very same object), after a few substring searches when it has no
fenced div at all.  The rewrite is idempotent and runs in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pygments.lexers.special import TextLexer
from sphinx.locale import get_translation
from sphinx.util import logging

from ..blocks.kinds import BLOCK_KINDS
from ..compat import front_matter_end, is_markdown_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_refinery", "console")

#: Workbench div class -> lesson block directive (``workbench_class`` in ``BLOCK_KINDS``).
BLOCK_CLASSES: dict[str, str] = {
    kind.workbench_class: kind.workbench_class for kind in BLOCK_KINDS if kind.workbench_class
}
#: Workbench div classes whose headings each start a tab.
TAB_CLASSES: dict[str, str] = {"tab": "tab", "group-tab": "group-tab"}
#: Every class a Workbench div may have.
KNOWN_CLASSES: tuple[str, ...] = tuple(sorted(BLOCK_CLASSES.keys() | TAB_CLASSES.keys()))
#: Code languages of Workbench lessons that Pygments does not know (plain text here).
TEXT_LANGUAGES: tuple[str, ...] = ("error", "warning", "source")
#: R Markdown (knitr) engines whose chunk headers ```{r ...}`` become plain fences.
KNITR_ENGINES = frozenset(
    {"r", "python", "bash", "sh", "sql", "rcpp", "stan", "julia", "js", "css", "sass", "octave"}
)

_CODE_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COLON = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,})(?P<rest>.*)$")
_PANDOC_BRACES = re.compile(r"^\s*\{(?P<attrs>[^{}]*)\}\s*:*\s*$")
_PANDOC_WORD = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*:*\s*$")
_MYST_OPENER = re.compile(r"^\{(?P<name>[^{}\s]+)\}")
_ATTR = re.compile(
    r"""\.(?P<cls>[\w-]+)|\#(?P<id>[\w:.-]+)|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'}]+))"""
)
_HEADING = re.compile(r"^(?P<indent> {0,3})(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ \t]*\{(?P<attrs>\s*(?:[.#-]|[\w-]+=)[^{}]*)\}$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_IMAGE = re.compile(
    r"!\[(?P<caption>[^\]]*)\]\((?P<src>[^()\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)"
    r"\{(?P<attrs>[^{}]*)\}"
)
_KNITR = re.compile(r"^\{(?P<engine>[A-Za-z]+)(?:[\s,][^{}]*)?\}$")
_FRONT_TITLE = re.compile(r"^title:", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """Something found while rewriting, at a 1-based source line.

    ``warning`` problems become build warnings; notes (``warning=False``) are
    only listed by the importer's report (the content is fine as converted).
    """

    line: int
    message: str
    warning: bool = True


@dataclass
class Rewrite:
    """The rewritten text and what was found on the way."""

    text: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Div:
    """An open fenced div (Workbench or MyST) while scanning."""

    start: int
    indent: str
    #: "block", "tab", "unknown" (Workbench) or "myst" (kept as written).
    role: str
    name: str
    classes: list[str] = field(default_factory=list)
    ident: str = ""
    title: str = ""
    #: Line indices the title heading took (blanked, may hold options).
    option_slots: list[int] = field(default_factory=list)
    #: MyST: the fence length and the text after it, as written.
    written_length: int = 0
    rest: str = ""
    #: Tab divs: (line index, label) of each heading that starts a tab.
    tabs: list[tuple[int, str]] = field(default_factory=list)
    tab_level: int = 0
    longest_child: int = 0


def may_need_rewrite(text: str) -> bool:
    """The cheap test run before any scanning: could ``text`` hold Workbench syntax?"""
    return (
        ":::" in text
        or "{#" in text
        or "{." in text
        or "{-}" in text
        or "){" in text
        or "`{" in text
        or "~{" in text
        or (text.startswith("---") and _FRONT_TITLE.search(text) is not None)
    )


def rewrite(text: str, *, keep_lines: bool = True) -> Rewrite:
    """Rewrite the Workbench markdown in ``text`` to MyST (see the module docstring).

    With ``keep_lines`` (for builds: warnings keep their line numbers), added
    lines take the place of empty lines next to them; without (for files a
    person edits next, as the importer writes), every empty line stays.
    """
    if not may_need_rewrite(text):
        return Rewrite(text)
    return _Rewriter(text.split("\n"), keep_lines=keep_lines).run(text)


def to_myst(text: str) -> str:
    """Just the text of :func:`rewrite`."""
    return rewrite(text).text


def front_matter(lines: list[str]) -> dict[str, object]:
    """The front matter of a page as a mapping (empty if none or not YAML)."""
    end = front_matter_end(lines)
    if not end:
        return {}
    import yaml

    try:
        data = yaml.safe_load("\n".join(lines[1 : end - 1]))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def parse_attributes(text: str) -> tuple[list[str], str, dict[str, str]]:
    """Classes, id and key=value pairs of a pandoc attribute list (``.a #b k='v'``)."""
    classes: list[str] = []
    ident = ""
    pairs: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        if match["cls"]:
            classes.append(match["cls"])
        elif match["id"]:
            ident = ident or match["id"]
        elif match["key"]:
            value = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
            pairs[match["key"]] = value
    return classes, ident, pairs


def _heading(line: str) -> tuple[int, str, str] | None:
    """(level, text, id) of an ATX heading line, attributes removed; None otherwise."""
    match = _HEADING.match(line)
    if not match:
        return None
    text = _CLOSING_HASHES.sub("", match["text"] or "").strip()
    ident = ""
    if attrs := _HEADING_ATTRS.search(text):
        ident = parse_attributes(attrs["attrs"])[1]
        text = text[: attrs.start()].rstrip()
    return len(match["hashes"]), text, ident


class _Rewriter:
    """One pass over the lines builds the new text; see :meth:`run`."""

    def __init__(self, lines: list[str], *, keep_lines: bool = True) -> None:
        self.lines = lines
        self.keep_lines = keep_lines
        self.problems: list[Problem] = []
        #: Line index -> new text of that line.
        self.main: dict[int, str] = {}
        #: Line index -> lines added before it (index len(lines): at the end).
        self.before: dict[int, list[str]] = {}
        #: Line index -> lines added right after it.
        self.after: dict[int, list[str]] = {}
        #: Empty lines (outside code) that may give way to added lines.
        self.spare: set[int] = set()
        #: Lines that are fences or labels written here.
        self.structural: set[int] = set()
        self.skip: set[int] = set()
        self.stack: list[_Div] = []
        self.first_heading_level = 0

    # -- helpers -------------------------------------------------------------

    def warn(self, index: int, message: str) -> None:
        self.problems.append(Problem(index + 1, message))

    def note(self, index: int, message: str) -> None:
        self.problems.append(Problem(index + 1, message, warning=False))

    def add_before(self, index: int, *texts: str) -> None:
        self.before.setdefault(index, []).extend(texts)

    def set_line(self, index: int, text: str, *, structural: bool = True) -> None:
        self.main[index] = text
        if structural:
            self.structural.add(index)
        if not text.strip():
            self.spare.add(index)

    # -- the scan --------------------------------------------------------------

    def run(self, text: str) -> Rewrite:
        lines = self.lines
        start = front_matter_end(lines)
        code: tuple[str, int] | None = None
        for index in range(start, len(lines)):
            line = lines[index]
            if code is not None:
                if _closes_code(line, code):
                    code = None
                continue
            if index in self.skip:
                continue
            if not line.strip():
                self.spare.add(index)
            elif match := _CODE_FENCE.match(line):
                if match["fence"][0] == "~" or "`" not in match["info"]:
                    code = (match["fence"][0], len(match["fence"]))
                    self.code_fence(index, match)
            elif match := _COLON.match(line):
                self.colon_line(index, match)
            elif line.lstrip().startswith("#"):
                self.heading_line(index)
            elif "){" in line:
                self.image_line(index, line)
        while self.stack:
            div = self.stack[-1]
            if div.role == "myst":
                # TRANSLATORS: %s is a MyST directive name such as {note}.
                message = __("the directive %s div is never closed: closed at the end")
                self.warn(div.start, message % div.rest.split()[0])
            else:
                # TRANSLATORS: %s is the quoted class of a Workbench fenced div, e.g. 'challenge'.
                message = __("the %s div is never closed: closed at the end")
                self.warn(div.start, message % _describe(div))
            self.close(len(lines))
        self.page_title(start)
        if not (self.main or self.before or self.after):
            return Rewrite(text, self.problems)
        new_text = "\n".join(self.render())
        return Rewrite(text if new_text == text else new_text, self.problems)

    def code_fence(self, index: int, match: re.Match[str]) -> None:
        """Brace forms of a code fence's info string become a plain language."""
        info = match["info"].strip()
        if not info.startswith("{") or "}" not in info:
            return
        inner = info[: info.index("}") + 1]
        language = ""
        if (braces := _PANDOC_BRACES.match(inner)) and inner[1:].lstrip()[:1] in (".", "#"):
            classes = parse_attributes(braces["attrs"])[0]
            language = classes[0].removeprefix("language-") if classes else "text"
        elif (knitr := _KNITR.match(inner)) and knitr["engine"].lower() in KNITR_ENGINES:
            language = knitr["engine"].lower()
            self.note(
                index,
                # TRANSLATORS: chunk is e.g. {r setup, echo=FALSE}; language is e.g. r.
                __(
                    "R Markdown code chunk %(chunk)s kept as a plain %(language)s code block: "
                    "it is shown, not run, and its output is not computed"
                )
                % {"chunk": inner, "language": language},
            )
        if language:
            self.set_line(index, match["indent"] + match["fence"] + language, structural=False)

    def colon_line(self, index: int, match: re.Match[str]) -> None:
        rest = match["rest"]
        if not rest.strip():
            if self.stack:
                self.close(index)
            else:
                # TRANSLATORS: keep (:::), the syntax of a fence.
                self.warn(index, str(__("closing fence (:::) without an opening one: removed")))
                self.set_line(index, "", structural=False)
            return
        indent = match["indent"]
        if (braces := _PANDOC_BRACES.match(rest)) and re.match(
            r"\s*(?:[.#]|[\w-]+=)", braces["attrs"]
        ):
            classes, ident, _pairs = parse_attributes(braces["attrs"])
            self.open_workbench(index, indent, classes, ident)
        elif word := _PANDOC_WORD.match(rest):
            self.open_workbench(index, indent, [word["name"]], "")
        elif _MYST_OPENER.match(rest):
            div = _Div(index, indent, "myst", "", written_length=len(match["fence"]), rest=rest)
            self.stack.append(div)

    def open_workbench(self, index: int, indent: str, classes: list[str], ident: str) -> None:
        known = [c for c in classes if c in BLOCK_CLASSES or c in TAB_CLASSES]
        if not known:
            div = _Div(index, indent, "unknown", "container", classes=classes, ident=ident)
            shown = " ".join(classes) or str(__("(none)"))
            self.warn(
                index,
                __(
                    "unknown Workbench div class %(classes)r: its content is kept in a plain "
                    "container. Known classes: %(known)s"
                )
                % {"classes": shown, "known": ", ".join(KNOWN_CLASSES)},
            )
            self.stack.append(div)
            return
        name = known[0]
        others = [c for c in classes if c != name]
        if name in TAB_CLASSES:
            div = _Div(index, indent, "tab", TAB_CLASSES[name], classes=others)
            self.stack.append(div)
            return
        div = _Div(index, indent, "block", BLOCK_CLASSES[name], classes=others, ident=ident)
        self.stack.append(div)
        # The first heading inside gives the title; empty lines before it may hold options.
        lines = self.lines
        after = index + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        if after < len(lines) and (heading := _heading(lines[after])) and heading[1]:
            _level, div.title, heading_id = heading
            div.ident = div.ident or heading_id
            div.option_slots = list(range(index + 1, after + 1))
            self.set_line(after, "", structural=False)
            self.skip.add(after)

    def close(self, index: int) -> None:
        """Close the innermost div at line ``index`` (``len(lines)``: at the end)."""
        div = self.stack.pop()
        length = max(3, div.longest_child + 1)
        if div.role == "myst":
            length = max(length, div.written_length)
        if div.role == "tab" and div.tabs:
            length += 1  # the tabs directive around the tab directives
        if self.stack:
            parent = self.stack[-1]
            parent.longest_child = max(parent.longest_child, length)
        fence = div.indent + ":" * length
        closing = index < len(self.lines)

        if div.role == "myst":
            if length != div.written_length:
                self.set_line(div.start, fence + div.rest)
                if closing:
                    self.set_line(index, fence)
            elif closing and len(self.lines[index].strip()) < length:
                self.set_line(index, fence)
            if not closing:
                self.add_before(index, fence)
            return
        if div.role == "tab":
            if div.tabs:
                self.write_tabs(div, index, length)
                return
            self.warn(
                div.start,
                # TRANSLATORS: %s is tab or group-tab; keep "### Label", the syntax of a heading.
                __(
                    "a %s div needs a heading (### Label) at the start of each tab: "
                    "its content is kept in a plain container"
                )
                % div.name,
            )
            div.role, div.classes, div.name = "unknown", [div.name, *div.classes], "container"

        if div.role == "unknown":
            opening = f"{fence}{{container}} {' '.join(div.classes)}".rstrip()
        else:
            opening = f"{fence}{{{div.name}}}" + (f" {div.title}" if div.title else "")
        self.set_line(div.start, opening)
        options = [div.indent + f":name: {div.ident}"] if div.ident else []
        if div.classes and div.role == "block":
            options.append(div.indent + ":class: " + " ".join(div.classes))
        self.write_options(div, options)
        if closing:
            self.set_line(index, fence)
        else:
            self.add_before(index, fence)

    def write_options(self, div: _Div, options: list[str]) -> None:
        """Option lines right after the opening: in the empty lines there, else added."""
        slots = div.option_slots
        for slot, option in zip(slots, options, strict=False):
            self.set_line(slot, option)
            self.spare.discard(slot)
        extra = options[len(slots) :]
        if extra:
            self.after.setdefault(div.start, []).extend(extra)
        # MyST would read a first content line such as ":smile: ..." as an option.
        following = div.start + 1 + min(len(slots), len(options))
        if following < len(self.lines) and following not in self.main:
            first = self.lines[following].lstrip()
            if first.startswith(":") and not first.startswith(":::"):
                self.add_before(following, "")

    def write_tabs(self, div: _Div, index: int, length: int) -> None:
        """``tabs`` around one ``tab`` per heading; content before the first one stays outside."""
        indent = div.indent
        outer, inner = indent + ":" * length, indent + ":" * (length - 1)
        self.set_line(div.start, "", structural=False)
        first, first_label = div.tabs[0]
        self.add_before(first, outer + "{tabs}")
        self.set_line(first, f"{inner}{{{div.name}}} {first_label}")
        for line, label in div.tabs[1:]:
            self.add_before(line, inner)
            self.set_line(line, f"{inner}{{{div.name}}} {label}")
        self.add_before(index, inner)
        if index < len(self.lines):
            self.set_line(index, outer)
        else:
            self.add_before(index, outer)

    def heading_line(self, index: int) -> None:
        line = self.lines[index]
        heading = _heading(line)
        if heading is None:
            return
        level, text, ident = heading
        top = self.stack[-1] if self.stack else None
        if top is not None and top.role == "tab" and text and level == (top.tab_level or level):
            top.tab_level = level
            top.tabs.append((index, text))
            return
        if not self.stack and not self.first_heading_level:
            self.first_heading_level = level
        if _HEADING_ATTRS.search(line.rstrip()):
            match = _HEADING.match(line)
            assert match is not None
            self.set_line(index, f"{match['indent']}{match['hashes']} {text}", structural=False)
            if ident:
                self.add_before(index, f"{match['indent']}({ident})=")

    def image_line(self, index: int, line: str) -> None:
        """Images with pandoc attributes: a figure when alone on the line, else alt text."""
        matches = list(_IMAGE.finditer(line))
        if not matches:
            return
        stripped = line.strip()
        if len(matches) == 1 and matches[0].group() == stripped:
            match = matches[0]
            indent = line[: len(line) - len(line.lstrip())]
            _classes, ident, pairs = parse_attributes(match["attrs"])
            caption = match["caption"].strip()
            directive = "figure" if caption else "image"
            options = [
                f":{key}: {pairs[key]}" for key in ("alt", "width", "height") if pairs.get(key)
            ]
            if "alt" not in pairs and caption:
                options.insert(0, f":alt: {caption}")
            if ident:
                options.append(f":name: {ident}")
            texts = [f"```{{{directive}}} {match['src']}", *options]
            if caption:
                texts.append(caption)
            texts.append("```")
            texts = [indent + t for t in texts]
            self.set_line(index, texts[0])
            self.after.setdefault(index, []).extend(texts[1:])
            return
        pieces: list[str] = []
        last = 0
        for match in matches:
            pairs = parse_attributes(match["attrs"])[2]
            alt = pairs.get("alt", match["caption"])
            pieces += [line[last : match.start()], f"![{alt}]({match['src']})"]
            last = match.end()
            dropped = sorted(set(pairs) - {"alt"})
            if dropped:
                # TRANSLATORS: %s is a list of attribute names, e.g. width, height.
                message = __("image attributes %s dropped (inline image)")
                self.note(index, message % ", ".join(dropped))
        pieces.append(line[last:])
        self.set_line(index, "".join(pieces), structural=False)

    def page_title(self, start: int) -> None:
        """``# Title`` from the front matter when the page starts at a lower level."""
        if not start or self.first_heading_level == 1:
            return
        if not _FRONT_TITLE.search("\n".join(self.lines[1 : start - 1])):
            return
        title = front_matter(self.lines).get("title")
        if not isinstance(title, str | int | float) or not str(title).strip():
            return
        heading = "# " + " ".join(str(title).split())
        lines = self.lines
        if start < len(lines) and not lines[start].strip() and start not in self.main:
            self.set_line(start, heading, structural=False)
            self.spare.discard(start)
        else:
            self.add_before(start, heading)

    # -- output ----------------------------------------------------------------

    def render(self) -> list[str]:
        """The new lines; added lines take the place of spare empty lines next to them."""
        # (text, source index or -1 if added, structural)
        items: list[tuple[str, int, bool]] = []
        lines = self.lines
        for index in range(len(lines) + 1):
            items.extend((text, -1, True) for text in self.before.get(index, ()))
            if index == len(lines):
                break
            text = self.main.get(index, lines[index])
            items.append((text, index, index in self.structural))
            items.extend((text, -1, True) for text in self.after.get(index, ()))
        dropped = [False] * len(items)
        if not self.keep_lines:
            # For a person's eyes: no runs of empty lines where headings became titles.
            out: list[str] = []
            for text, index, _ in items:
                if not (out and not out[-1].strip() and index in self.spare and not text.strip()):
                    out.append(text)
            return out

        def spare(position: int) -> bool:
            text, index, _ = items[position]
            last = index == len(lines) - 1  # the end of the text stays where it is
            return index in self.spare and not text.strip() and not dropped[position] and not last

        def outside_ok(position: int, step: int) -> bool:
            """An empty line may go unless it ends an HTML block on the other side."""
            other = position + step
            while 0 <= other < len(items) and dropped[other]:
                other += step
            return not (0 <= other < len(items)) or not items[other][0].lstrip().startswith("<")

        for position, (_text, index, _structural) in enumerate(items):
            if index != -1:
                continue
            for step in (-1, 1):
                other = position + step
                while 0 <= other < len(items) and (dropped[other] or items[other][2]):
                    other += step
                if 0 <= other < len(items) and spare(other) and outside_ok(other, step):
                    dropped[other] = True
                    break
        return [text for (text, _, _), gone in zip(items, dropped, strict=True) if not gone]


def _closes_code(line: str, code: tuple[str, int]) -> bool:
    stripped = line.strip()
    char, length = code
    return len(stripped) >= length and stripped == char * len(stripped)


def _describe(div: _Div) -> str:
    """A Workbench div for a warning: its classes, quoted."""
    return repr(
        " ".join([div.name, *div.classes]) if div.role != "unknown" else " ".join(div.classes)
    )


# -- Sphinx ---------------------------------------------------------------------


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rewrite a Markdown source holding Workbench syntax."""
    if not app.config.refinery_workbench or not may_need_rewrite(source[0]):
        return
    if not is_markdown_source(app, docname):
        return
    result = rewrite(source[0])
    for problem in result.problems:
        if problem.warning:
            logger.warning(
                problem.message,
                location=(docname, problem.line),
                type="refinery",
                subtype="workbench",
            )
    source[0] = result.text


class _TextLanguageLexer(TextLexer):
    """Plain text under a Workbench output language name (``error``, ``warning``, ``source``)."""

    name = "Workbench text"
    aliases: list[str] = []


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register ``refinery_workbench``, the ``source-read`` hook and the text lexers."""
    app.add_config_value(
        "refinery_workbench",
        False,
        "env",
        types=frozenset({bool}),
        description="Rewrite Carpentries Workbench markdown (fenced divs, ...) to MyST.",
    )
    for language in TEXT_LANGUAGES:
        app.add_lexer(language, _TextLanguageLexer)
    # Before the Jekyll-style Carpentries rewrite (default priority 500).
    app.connect("source-read", on_source_read, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
