"""The Workbench rewrite's state machine: one pass over the lines plans the
changes (fenced divs opened and closed on a stack, headings, images, code
fence classes, the page title); :class:`LineEdits` writes them.  See
:mod:`sphinx_refinery.sources.workbench`."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from sphinx.locale import get_translation

from ..scanner import (
    ATX_HEADING,
    MAX_FENCE_INDENT,
    Fence,
    FrontMatter,
    Problem,
    Rewrite,
    fence_at,
    front_matter,
    item_fence_at,
)
from .edits import LineEdits
from .syntax import (
    BLOCK_CLASSES,
    FRONT_TITLE,
    HEADING_ATTRS,
    KNITR_ENGINES,
    KNOWN_CLASSES,
    TAB_CLASSES,
    parse_attributes,
    parse_heading,
)

__ = get_translation("sphinx_refinery", "console")

_PANDOC_BRACES = re.compile(r"^\s*\{(?P<attrs>[^{}]*)\}\s*:*\s*$")
_PANDOC_WORD = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*:*\s*$")
_MYST_OPENER = re.compile(r"^\{(?P<name>[^{}\s]+)\}")
_IMAGE = re.compile(
    r"!\[(?P<caption>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<src>[^()\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)"
    r"\{(?P<attrs>[^{}]*)\}"
)
#: A title the solution directive would read as an exercise's label (lesson.exercises).
_LABEL_LIKE = re.compile(r"^([a-z0-9]+)([-_:][a-z0-9]+(?:[-_:][a-z0-9]+)*)$")
#: A thematic break (horizontal rule).
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_KNITR = re.compile(r"^\{(?P<engine>[A-Za-z]+)(?:[\s,][^{}]*)?\}$")


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


class Rewriter(LineEdits):
    """One pass over the lines plans the new text; see :meth:`run`."""

    def __init__(self, lines: list[str], *, keep_lines: bool = True) -> None:
        super().__init__(lines, keep_lines=keep_lines)
        self.problems: list[Problem] = []
        self.skip: set[int] = set()
        self.stack: list[_Div] = []
        self.first_heading_level = 0

    # -- helpers -------------------------------------------------------------

    def warn(self, index: int, message: str) -> None:
        self.problems.append(Problem(index + 1, message))

    def note(self, index: int, message: str) -> None:
        self.problems.append(Problem(index + 1, message, warning=False))

    # -- the scan --------------------------------------------------------------

    def run(self, text: str) -> Rewrite:
        lines = self.lines
        found = front_matter(lines)
        start = found.end if found else 0
        code: Fence | None = None
        for index in range(start, len(lines)):
            line = lines[index]
            fence = fence_at(line, index)
            if code is not None:
                # Any indentation closes it, so a code block of a list item ends.
                if fence is not None and fence.closes(code, max_indent=None):
                    code = None
                continue
            if index in self.skip:
                continue
            fence = fence or item_fence_at(line, index)  # "1. ~~~" opens code too
            if not line.strip():
                self.spare.add(index)
            elif fence is not None and fence.code:
                code = fence
                self.code_fence(fence)
            elif fence is not None and fence.indent <= MAX_FENCE_INDENT:
                self.colon_line(fence)
            elif _RULE.match(line) and self.rule_line(index, start):
                continue
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
        self.page_title(found.yaml if found else None, start)
        if not self.changed:
            return Rewrite(text, self.problems)
        new_text = "\n".join(self.render())
        return Rewrite(text if new_text == text else new_text, self.problems)

    def code_fence(self, fence: Fence) -> None:
        """Brace forms of a code fence's info string become a plain language."""
        index, info = fence.line, fence.info.strip()
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
            self.set_line(index, fence.prefix + fence.marker + language, structural=False)

    def colon_line(self, fence: Fence) -> None:
        index, rest = fence.line, fence.info
        if not rest.strip():
            if self.stack:
                self.close(index)
            else:
                # TRANSLATORS: keep (:::), the syntax of a fence.
                self.warn(index, str(__("closing fence (:::) without an opening one: removed")))
                self.set_line(index, "", structural=False)
            return
        indent = fence.prefix
        if (braces := _PANDOC_BRACES.match(rest)) and re.match(
            r"\s*(?:[.#]|[\w-]+=)", braces["attrs"]
        ):
            classes, ident, _pairs = parse_attributes(braces["attrs"])
            self.open_workbench(index, indent, classes, ident)
        elif word := _PANDOC_WORD.match(rest):
            self.open_workbench(index, indent, [word["name"]], "")
        elif _MYST_OPENER.match(rest):
            div = _Div(index, indent, "myst", "", written_length=fence.length, rest=rest)
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
        if after < len(lines) and (heading := parse_heading(lines[after])) and heading[1]:
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
            if div.name == "solution" and not any(d.name == "challenge" for d in self.stack):
                # A solution standing alone (setup steps per system) is titled, never
                # taken for the label of an exercise: escape a label-like title's separator.
                div.title = _LABEL_LIKE.sub(r"\1\\\2", div.title, count=1)
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
        heading = parse_heading(line)
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
        if HEADING_ATTRS.search(line.rstrip()):
            match = ATX_HEADING.match(line)
            assert match is not None
            self.set_line(index, f"{match['indent']}{match['hashes']} {text}", structural=False)
            if ident:
                self.add_before(index, f"{match['indent']}({ident})=")

    def rule_line(self, index: int, start: int) -> bool:
        """A horizontal rule where docutils allows no transition (in a div, first or
        last in a section) becomes an HTML ``<hr>``; True if it did."""
        lines = self.lines
        before = index - 1
        while before >= start and not lines[before].strip():
            before -= 1
        if lines[index].strip()[0] == "-" and before == index - 1 and before >= start:
            return False  # the underline of a heading
        after = index + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        at_edge = (
            before < start
            or after == len(lines)
            or ATX_HEADING.match(lines[before]) is not None
            or (after < len(lines) and ATX_HEADING.match(lines[after]) is not None)
        )
        if not self.stack and not at_edge:
            return False
        self.set_line(index, lines[index][: len(lines[index]) - len(lines[index].lstrip())]
                      + "<hr>", structural=False)  # fmt: skip
        if index + 1 < len(lines) and lines[index + 1].strip():
            self.add_before(index + 1, "")  # an HTML block ends at an empty line
        return True

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
                f":{key}: {_option(pairs[key])}"
                for key in ("alt", "width", "height")
                if pairs.get(key)
            ]
            if "alt" not in pairs and caption:
                options.insert(0, f":alt: {_option(caption)}")
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
            if "alt" in pairs:
                alt = re.sub(r"([\[\]\\])", r"\\\1", alt)
            pieces += [line[last : match.start()], f"![{alt}]({match['src']})"]
            last = match.end()
            dropped = sorted(set(pairs) - {"alt"})
            if dropped:
                # TRANSLATORS: %s is a list of attribute names, e.g. width, height.
                message = __("image attributes %s dropped (inline image)")
                self.note(index, message % ", ".join(dropped))
        pieces.append(line[last:])
        self.set_line(index, "".join(pieces), structural=False)

    def page_title(self, yaml: tuple[str, ...] | None, start: int) -> None:
        """``# Title`` from the front matter when the page starts at a lower level."""
        if yaml is None or self.first_heading_level == 1:
            return
        if not FRONT_TITLE.search("\n".join(yaml)):
            return
        title = FrontMatter(start, yaml).mapping().get("title")
        if not isinstance(title, str | int | float) or not str(title).strip():
            return
        # Plain text, as the front matter holds it: no Markdown, no HTML.
        heading = "# " + "".join(
            f"\\{char}" if char in string.punctuation else char
            for char in " ".join(str(title).split())
        )
        lines = self.lines
        if start < len(lines) and not lines[start].strip() and start not in self.main:
            self.set_line(start, heading, structural=False)
            self.spare.discard(start)
        else:
            self.add_before(start, heading)

    # -- output ----------------------------------------------------------------


def _option(value: str) -> str:
    """A directive option's value, quoted when MyST would read it otherwise."""
    value = " ".join(value.split())
    if value[:1] in "'\"|>&*!%@`{[" or ": " in value or " #" in value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _describe(div: _Div) -> str:
    """A Workbench div for a warning: its classes, quoted."""
    return repr(
        " ".join([div.name, *div.classes]) if div.role != "unknown" else " ".join(div.classes)
    )
