"""Links, images and downloads of an imported Workbench lesson, made to resolve.

The Workbench (sandpaper) publishes every page of ``episodes/``, ``learners/``
and ``profiles/`` side by side, with the files of their ``fig/``, ``data/``
and ``files/`` folders: a page links to ``02-filter.html``, ``setup.html``
or ``../learners/setup.md``, and shows ``fig/x.png`` from any folder.  After
every page is written, :func:`fix_links` reads each one again and makes its
links work in the imported layout, where pages keep their folders:

* a link to a page (``NN-name.html``, ``name.md``, ``../learners/x.html``,
  ``index.html``, ``.``), by its path or by its name alone, becomes a link to
  the ``.md`` document, relative to the page;
* its ``#anchor`` is kept when the document has it (a heading's slug, a
  label, a block's name); a glossary term's id makes the link a ``{term}``
  role; an anchor nowhere found is dropped, and reported;
* an image, a figure or a link to a file found in another folder than the
  page's (the Workbench's flat site) gets the path to that file; MyST makes a
  link to a file of the lesson a download.

What stays unresolved is reported (file, line, what), never guessed.
Code (fenced and inline) is never touched.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload
from urllib.parse import unquote

from docutils.nodes import make_id

from .import_report import ImportReport
from .scanner import CODE_SPAN
from .workbench.glossary import code_lines

#: The folders whose pages and files the Workbench publishes side by side.
FLAT_FOLDERS: tuple[str, ...] = ("episodes", "learners", "instructors", "profiles", "")
PAGE_SUFFIXES: tuple[str, ...] = (".html", ".md", ".Rmd", ".rmd")

_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
_DEST = r"<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))+"
_LINK = re.compile(
    rf"(?P<bang>!?)\[(?P<text>{_TEXT})\]\((?P<dest>{_DEST})(?P<title>\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
#: The end of a link whose text started on an earlier line.
_LINK_TAIL = re.compile(
    rf"^(?P<text>[^\[\]`]*)\]\((?P<dest>{_DEST})(?P<title>\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
#: A reference-style link: ``[text][label]``, ``[text][]`` or ``[text]``.
_REFERENCE = re.compile(
    r"(?<![!\]\\])\[(?P<text>[^\[\]]+)\](?:\[(?P<label>[^\[\]]*)\])?(?![(:\[{])"
)
_DEFINITION = re.compile(r"^(?P<head> {0,3}\[[^\]]+\]:\s*)(?P<dest>\S+)(?P<tail>.*)$")
_IMAGE_DIRECTIVE = re.compile(
    r"^(?P<head>\s*(?:`{3,}|~{3,}|:{3,})\{(?:figure|image)\}\s+)(?P<dest>\S+)\s*$"
)
#: A link's destination alone on its line, after a line that ends with ``](``.
_CONTINUED = re.compile(rf"^(?P<head>\s*)(?P<dest>{_DEST})\)")
_SPAN_ID = re.compile(r"\{#(?P<id>[\w:.-]+)[^{}]*\}")
_SCHEME = re.compile(r"^(?:[a-zA-Z][\w+.-]*:|//)")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_LABEL = re.compile(r"^\s*\((?P<id>[^()\s]+)\)=\s*$")
_NAME = re.compile(r"^\s*:(?:name|label):\s*(?P<id>\S+)\s*$")
_MARKUP = re.compile(r"[*_`]|\[|\]\([^)]*\)")


def slug(title: str) -> str:
    """A heading's anchor as MyST makes it (GitHub style)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower().replace(" ", "-"))


@dataclass
class Lesson:
    """The pages and files of the imported lesson in ``dest``."""

    dest: Path
    docnames: set[str] = field(default_factory=set)
    #: A page's name alone (the Workbench's flat site) -> docname.
    flat: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    #: Glossary id -> (docname, term).
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, dest: Path, docnames: list[str], terms: dict[str, tuple[str, str]]) -> Lesson:
        lesson = cls(dest, set(docnames) | {"index"}, terms=dict(terms))
        for docname in [*docnames, "index"]:
            lesson.flat.setdefault(posixpath.basename(docname), docname)
            lines = (dest / f"{docname}.md").read_text(encoding="utf-8").split("\n")
            lesson.anchors[docname] = _anchors(lines)
        for ident, (docname, _term) in terms.items():
            lesson.anchors.setdefault(docname, set()).add(ident)
        return lesson

    def page(self, path: str, here: str) -> str | None:
        """The docname a link's path names, from the page ``here``; None if none."""
        if not path.strip("./"):
            return "index"  # the site's root
        folder = posixpath.dirname(here)
        joined = posixpath.normpath(posixpath.join(folder, path)) if path[:1] != "/" else path
        stem, suffix = posixpath.splitext(joined.lstrip("/"))
        if suffix in PAGE_SUFFIXES and stem in self.docnames:
            return stem
        name, suffix = posixpath.splitext(posixpath.basename(path.rstrip("/")))
        if suffix in PAGE_SUFFIXES and name in self.flat:
            return self.flat[name]
        return None

    def file(self, path: str, here: str) -> str | None:
        """A file's path relative to the page ``here`` (``path`` itself if it is there),
        searched in the folders the Workbench publishes side by side; None if none."""
        folder = posixpath.dirname(here)
        direct = posixpath.normpath(posixpath.join(folder, path))
        if not direct.startswith("..") and (self.dest / direct).is_file():
            return path
        rest = path
        while rest.startswith(("./", "../")):
            rest = rest.split("/", 1)[1]
        for flat in FLAT_FOLDERS:
            candidate = posixpath.join(flat, rest) if flat else rest
            if (self.dest / candidate).is_file():
                return posixpath.relpath(candidate, folder or ".")
        return None


def _anchors(lines: list[str]) -> set[str]:
    code = code_lines(lines)
    found: set[str] = set()
    for index, line in enumerate(lines):
        if index in code:
            continue
        if heading := _HEADING.match(line):
            title = _MARKUP.sub("", heading["text"])
            found |= {slug(title), make_id(title)}
        elif match := _LABEL.match(line) or _NAME.match(line):
            found.add(match["id"])
        if "{#" in line:  # MyST's attrs_inline: [text]{#id}, `## Title {#id}`
            found.update(_SPAN_ID.findall(line))
    return found


def fix_links(lesson: Lesson, docname: str, shown: str, report: ImportReport) -> None:
    """Rewrite the links of the page ``docname`` (``shown`` in the report) in place."""
    path = lesson.dest / f"{docname}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    code = code_lines(lines)
    terms = _glossary_definitions(lesson, docname, lines, code)
    changed = False
    for index, line in enumerate(lines):
        fixer = _LineFixer(lesson, docname, shown, index + 1, report, terms)
        if (
            index
            and not {index - 1, index} & code
            and (_split_term(lesson, docname, lines, index) or fixer.continued(lines, index))
        ):
            changed = True
            continue
        directive = _IMAGE_DIRECTIVE.match(line)  # its fence counts as code
        if not directive and (index in code or "]" not in line):
            continue
        new = fixer.line(line)
        if new != line:
            lines[index] = new
            changed = True
    if changed:
        path.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class _LineFixer:
    lesson: Lesson
    here: str
    shown: str
    number: int
    report: ImportReport
    #: Reference labels defined as links to glossary terms -> the terms.
    terms: dict[str, str]

    def line(self, line: str) -> str:
        if match := _DEFINITION.match(line):
            return match["head"] + self.dest(match["dest"], image=False) + match["tail"]
        if match := _IMAGE_DIRECTIVE.match(line):
            return match["head"] + self.dest(match["dest"], image=True)
        pieces, last = [], 0
        if tail := _LINK_TAIL.match(line):
            pieces.append(
                f"{tail['text']}]({self.dest(tail['dest'], image=False)}{tail['title'] or ''})"
            )
            last = tail.end()
        for span in CODE_SPAN.finditer(line, last):
            pieces += [self.links(line[last : span.start()]), span.group()]
            last = span.end()
        pieces.append(self.links(line[last:]))
        return "".join(pieces)

    def continued(self, lines: list[str], index: int) -> bool:
        """The end of a link that started on the line before: its destination alone
        (``[text](`` / ``path#anchor)``) made to resolve, or, to a page or file not
        in the lesson, the link made its text (both lines); False if no such end."""
        before = lines[index - 1].rstrip()
        ends_with_text = not before.endswith("](") and _LINK_TAIL.match(lines[index])
        match = _CONTINUED.match(lines[index]) if before.endswith("](") else ends_with_text
        if not match or _SCHEME.match(match["dest"]) or "{{" in match["dest"]:
            return False
        start = before.rfind("[")
        if ends_with_text:
            path = unquote(match["dest"].partition("#")[0])
            found = self.lesson.page(path, self.here) or self.lesson.file(path, self.here)
            if found or start < 0 or "]" in before[start:]:
                return False
            if self.dest(match["dest"], image=False, unlink=True) is not None:
                return False
            lines[index - 1] = before[:start] + before[start + 1 :]
            lines[index] = match["text"] + lines[index][match.end() :]
            return True
        new = self.dest(match["dest"], image=False, unlink=start >= 0)
        if new is None:  # the text of the link: the line before, without `[` and `](`
            lines[index - 1] = before[:start] + before[start + 1 : -2]
            lines[index] = match["head"] + lines[index][match.end() :]
        else:
            lines[index] = match["head"] + new + lines[index][match.end("dest") :]
        return True

    def links(self, text: str) -> str:
        text = _LINK.sub(self.link, text)
        if self.terms:
            text = _REFERENCE.sub(self.reference, text)
        return text

    def reference(self, match: re.Match[str]) -> str:
        """A reference-style link to a glossary term: a ``{term}`` role."""
        label = _label(match["label"] or match["text"])
        if label not in self.terms:
            return match.group()
        return _term_role(match["text"], self.terms[label])

    def link(self, match: re.Match[str]) -> str:
        image = bool(match["bang"])
        raw = match["dest"]
        target = raw[1:-1] if raw.startswith("<") else raw
        path, hashed, anchor = target.partition("#")
        anchor = anchor.replace("\\", "")
        if _SCHEME.match(target) or "{{" in target:
            return match.group()
        docname = self.lesson.page(unquote(path), self.here) if path else self.here
        if not image and docname and anchor:
            term = self.lesson.terms.get(anchor) or self.lesson.terms.get(anchor.rstrip(").,;"))
            if term and term[0] == docname:
                return _term_role(match["text"], term[1])
        if not path and hashed and not self.has_anchor(self.here, anchor):
            return match["text"]
        new = self.dest(raw, image=image, unlink=not image)
        if new is None:
            return match["text"]
        if new == raw:
            return match.group()
        return f"{match['bang']}[{match['text']}]({new}{match['title'] or ''})"

    @overload
    def dest(self, raw: str, *, image: bool) -> str: ...
    @overload
    def dest(self, raw: str, *, image: bool, unlink: bool) -> str | None: ...

    def dest(self, raw: str, *, image: bool, unlink: bool = False) -> str | None:
        """The destination ``raw`` (of a link, image or definition) as it resolves here;
        with ``unlink``, None for a page or file not in the lesson (the link's text
        stays: MyST would warn of the link)."""
        target = raw[1:-1] if raw.startswith("<") else raw
        path, hashed, anchor = target.partition("#")
        anchor = anchor.replace("\\", "")
        if not path or _SCHEME.match(target) or "{{" in target:
            return raw
        plain = unquote(path).replace("\\", "")
        if not image and (docname := self.lesson.page(plain, self.here)):
            relative = posixpath.relpath(f"{docname}.md", posixpath.dirname(self.here) or ".")
            if hashed and not self.has_anchor(docname, anchor):
                return relative
            return relative + (f"#{anchor}" if hashed else "")
        found = self.lesson.file(plain, self.here)
        if found is None:
            what = "image" if image else "link to"
            kept = ": its text kept, unlinked" if unlink else ""
            self.report.add_link(
                self.shown,
                self.number,
                f"{what} {target}: no such page or file in the lesson{kept}",
            )
            return None if unlink else raw
        return raw if found == plain else found + (f"#{anchor}" if hashed else "")

    def has_anchor(self, docname: str, anchor: str) -> bool:
        """Whether ``anchor`` is in ``docname``; reported when it is not."""
        anchors = self.lesson.anchors.get(docname, set())
        if not anchor or anchor in anchors:
            return True
        where = "this page" if docname == self.here else f"{docname}.md"
        self.report.add_link(
            self.shown,
            self.number,
            f"link to #{anchor}: {where} has no such anchor: linked to the page"
            if docname != self.here
            else f"link to #{anchor}: {where} has no such anchor: its text kept, unlinked",
        )
        return False


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _glossary_definitions(
    lesson: Lesson, docname: str, lines: list[str], code: set[int]
) -> dict[str, str]:
    """Reference definitions of the page that link to glossary terms: label -> term."""
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        if index in code or "]:" not in line or not (match := _DEFINITION.match(line)):
            continue
        path, _, anchor = match["dest"].partition("#")
        term = lesson.terms.get(anchor)
        if term and path and lesson.page(unquote(path), docname) == term[0]:
            found[_label(match["head"].strip().lstrip("[").split("]:")[0])] = term[1]
    return found


def _split_term(lesson: Lesson, docname: str, lines: list[str], index: int) -> bool:
    """A link to a glossary term whose text starts on the line before ``index``
    (``[version`` / ``control](reference.md#vc)``) made a ``{term}`` role over
    both lines, in place; False when the line ends no such link."""
    tail = _LINK_TAIL.match(lines[index])
    if not tail or not index:
        return False
    path, _, anchor = tail["dest"].partition("#")
    term = lesson.terms.get(anchor)
    if not term or not path or lesson.page(unquote(path), docname) != term[0]:
        return False
    before = lines[index - 1]
    start = before.rfind("[")
    head = before[start + 1 :]
    if start < 0 or before[start - 1 : start] in ("!", "\\") or any(c in head for c in "]`<>"):
        return False
    if any(char in tail["text"] for char in "`<>"):
        return False
    lines[index - 1] = before[:start] + "{term}`" + _MARKUP.sub("", head)
    rest = lines[index][tail.end() :]
    lines[index] = f"{_MARKUP.sub('', tail['text'])} <{term[1]}>`{rest}"
    return True


def _term_role(text: str, term: str) -> str:
    """A ``{term}`` role showing the link's ``text``."""
    shown = " ".join(_MARKUP.sub("", text).split())
    if not shown or any(char in shown for char in "`<>") or shown == term:
        return f"{{term}}`{term}`"
    return f"{{term}}`{shown} <{term}>`"
