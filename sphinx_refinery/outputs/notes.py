"""The ``notes`` builder: a collaborative notes document for the workshop.

``sphinx-build -b notes SRC OUT`` writes one Markdown file (CommonMark, as
HackMD, CodiMD and most pads read it) for the whole lesson: a header naming
the lesson with a date placeholder and links, then per episode in lesson
order its questions, each exercise (number, title, link) with an empty answer
list, and each discussion prompt with an empty answer list; finally a
feedback section and a section for questions.

The builder only reads what reading stored: the records on ``env.refinery``
(exercise numbers, anchors) and the pickled doctrees (text of questions and
discussions).  It writes nothing per document; :meth:`NotesBuilder.finish`
writes the complete file from all documents on every run, incremental or not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import get_translation
from sphinx.util import logging

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import anchor_of, for_instructors, kind_of, lesson_block
from ..blocks.quiz.nodes import KEY_CLASS, quiz_label, quiz_legend
from ..lesson.data import lesson_data, lesson_order
from ..lesson.naming import exercise_reference_text
from ..lesson.quizzes import quiz_label_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from sphinx.application import Sphinx

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: Characters escaped wherever author text appears (all are ASCII punctuation,
#: so a backslash escape is valid CommonMark).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")
#: An entity reference (``&amp;``, ``&#35;``) that Markdown would decode.
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: What starts a block (heading, quote, list, setext/thematic break) at a line start.
_BLOCK_START = re.compile(r"^(\s*)([>+=-]|\d+(?=[.)]))")
#: Nodes that carry no text for readers.
_SKIPPED = (
    nodes.Invisible,
    nodes.comment,
    nodes.raw,
    nodes.system_message,
    nodes.substitution_definition,
    nodes.footnote_reference,
    nodes.citation_reference,
)


def escape_inline(text: str) -> str:
    """Text as Markdown that shows exactly this text (whitespace is collapsed)."""
    text = re.sub(r"\s+", " ", text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def escape_line_start(line: str) -> str:
    """Escape what would make ``line`` a heading, quote, list or break."""
    match = _BLOCK_START.match(line)
    if not match:
        return line
    if match.group(2).isdigit():  # "1." or "1)" would start an ordered list
        return f"{line[: match.end()]}\\{line[match.end() :]}"
    return f"{match.group(1)}\\{line[match.start(2) :]}"


def escape(text: str) -> str:
    """Author text as one line of Markdown that shows exactly this text."""
    return escape_line_start(escape_inline(text).strip())


def code_span(text: str) -> str:
    """``text`` as an inline code span, fenced with more backticks than it contains."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(url: str) -> str:
    """A link destination: spaces, parentheses and angle brackets percent-encoded."""
    return quote(url, safe=":/?#[]@!$&*+,;=%~'")


def link(text: str, url: str) -> str:
    """A Markdown link; ``text`` is Markdown already."""
    return f"[{text}]({_url(url)})"


# --- doctree to Markdown ----------------------------------------------------


def inline(node: nodes.Node) -> str:
    """The inline content of ``node`` as one line of Markdown."""
    return escape_line_start(_inline(node).strip())


def _inline(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return escape_inline(node.astext())
    if isinstance(node, _SKIPPED):
        return ""
    if isinstance(node, (nodes.literal, nodes.math)):
        return code_span(node.astext())
    if isinstance(node, nodes.image):
        return escape_inline(node.get("alt", ""))
    content = "".join(_inline(child) for child in node.children)
    if not content.strip():
        return content and " "
    if isinstance(node, nodes.strong):
        return _delimit(content, "**")
    if isinstance(node, nodes.emphasis):
        return _delimit(content, "*")
    if isinstance(node, nodes.reference) and node.get("refuri", "").startswith(
        ("http://", "https://", "mailto:")
    ):
        return _delimit(content, "[", "](" + _url(node["refuri"]) + ")")
    if isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline):
        return f" {content.strip()} "  # a paragraph within inline content
    return content


def _delimit(content: str, start: str, end: str | None = None) -> str:
    """``content`` between delimiters, its outer spaces moved outside them."""
    lead = " " if content[:1].isspace() else ""
    trail = " " if content[-1:].isspace() else ""
    return f"{lead}{start}{content.strip()}{start if end is None else end}{trail}"


def blocks(node: nodes.Element) -> list[str]:
    """The body of ``node`` (not its title) as Markdown blocks.

    Paragraphs, lists and code keep their shape; any other element is read
    for its text, so that no node type is lost or makes the builder fail.
    Solutions and hints are left out: the notes are for answers, not for them.
    """
    result: list[str] = []
    for child in node.children:
        result.extend(_block(child))
    return [block for block in result if block.strip()]


def _block(node: nodes.Node) -> list[str]:
    if isinstance(node, (nodes.title, *_SKIPPED)):
        return []
    if isinstance(node, nodes.Element) and (kind := kind_of(node)) is not None:
        if kind.solution or kind.audience == "instructor":
            return []
        return [f"**{inline(node[0])}**" if node.children else "", *blocks(node)]
    if isinstance(node, nodes.literal_block):
        return [_fenced(node.astext(), node.get("language", ""))]
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        return [_list(node)]
    if isinstance(node, nodes.table):
        return [_table(node)]
    if isinstance(node, nodes.block_quote):
        quoted = "\n\n".join(blocks(node))
        return ["\n".join(f"> {line}".rstrip() for line in quoted.splitlines())]
    if isinstance(node, nodes.term):
        return [f"**{inline(node)}**"]
    if (
        isinstance(node, nodes.Element)
        and not isinstance(node, nodes.TextElement)
        and any(isinstance(child, nodes.Element) for child in node.children)
    ):
        return blocks(node)
    text = inline(node)
    return [text] if text else []


def _fenced(code: str, language: str) -> str:
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,}|~{3,})", code, re.M)), default=0)
    fence = "`" * max(3, longest + 1)
    info = language if language not in ("default", "none") else ""
    return f"{fence}{info}\n{code.rstrip()}\n{fence}"


def _list(node: nodes.Element) -> str:
    ordered = isinstance(node, nodes.enumerated_list)
    items = []
    for number, item in enumerate(node.children, start=1):
        marker = f"{number}. " if ordered else "- "
        body = blocks(item) if isinstance(item, nodes.Element) else []
        text = "\n\n".join(body) or ""
        indent = " " * len(marker)
        lines = text.splitlines() or [""]
        rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
        items.append("\n".join([f"{marker}{lines[0]}".rstrip(), *rest]))
    return "\n".join(items)


def _table(node: nodes.table) -> str:
    """A pipe table (HackMD, GitHub); cells that span are written once."""
    rows = [
        [inline(entry) for entry in row.children]
        for group in node.children
        if isinstance(group, nodes.tgroup)
        for part in group.children
        if isinstance(part, (nodes.thead, nodes.tbody))
        for row in part.children
    ]
    rows = [row for row in rows if row] or [[""]]
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def question_items(block: nodes.Element) -> list[str]:
    """The questions of a ``questions`` block: its list items, else its paragraphs."""
    items: list[str] = []
    for child in block.children:
        if isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for item in child.children:
                first = next(iter(item.findall(nodes.paragraph)), item)
                items.append(inline(first))
        elif isinstance(child, nodes.paragraph):
            items.append(inline(child))
    return [item for item in items if item]


# --- the notes document -------------------------------------------------------


def _lesson_blocks(doctree: nodes.document) -> Iterator[lesson_block]:
    """The blocks learners see: the notes are shared with them, so nothing
    from inside an instructor note goes into them."""
    for block in doctree.findall(lesson_block):
        if not for_instructors(block):
            yield block


class NotesBuilder(Builder):
    """Writes the lesson's collaborative notes as one Markdown file."""

    name = "notes"
    format = "markdown"
    epilog = __("The workshop notes are in %(outdir)s.")
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        """The notes always show every document: the whole lesson is the target."""
        return __("the workshop notes of the whole lesson")

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Where the published (HTML) lesson has ``docname``."""
        suffix = self.config.html_file_suffix or ".html"
        return quote(docname) + suffix

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        """Nothing per document: :meth:`finish` writes the one file."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        path = Path(self.outdir) / self.filename()
        path.write_text(self.render(), encoding="utf-8")
        logger.info(__("workshop notes written to %s"), path)

    # --- content ---

    def filename(self) -> str:
        name = self.config.refinery_notes_filename
        if name:
            return name
        slug = nodes.make_id(self.config.project or "") or "lesson"
        return f"{slug}-notes.md"

    def url(self, docname: str, anchor: str = "") -> str:
        """The published address of ``docname`` (and ``anchor`` in it)."""
        base = self.config.refinery_notes_baseurl or self.config.html_baseurl or ""
        if base and not base.endswith("/"):
            base += "/"
        return base + self.get_target_uri(docname) + (f"#{anchor}" if anchor else "")

    def render(self) -> str:
        parts = [self.header()]
        order = lesson_data(self.env).order or lesson_order(self.env)
        for docname in order:
            if docname in self.env.all_docs and (section := self.episode(docname)):
                parts.append(section)
        parts.append(self.footer())
        return "\n\n".join(part.strip("\n") for part in parts) + "\n"

    def answers(self, label: str | None = None) -> str:
        """An empty list to write answers in, one line per participant.

        The label before it also keeps it apart from a list the prompt ends with.
        """
        lines = ["- "] * max(1, self.config.refinery_notes_answer_lines)
        label = _("Answers:") if label is None else label
        answer_list = "\n".join(lines)
        return f"*{escape(label)}*\n\n{answer_list}" if label else answer_list

    def header(self) -> str:
        project = escape(self.config.project or "")
        title = _("%s: workshop notes") % project if project else _("Workshop notes")
        lesson_url = self.url(self.config.root_doc)
        lines = [
            f"# {title}",
            "",
            f"- **{_('Date')}:** {_('YYYY-MM-DD')}",
            f"- **{_('Lesson')}:** {link(escape(lesson_url), lesson_url)}",
        ]
        for text, url in _extra_links(self.config.refinery_notes_extra_links):
            lines.append(f"- **{escape(text)}:** {link(escape(url), url)}")
        lines += [
            "",
            _(
                "Everyone can edit this document: write your answers under the "
                "exercises and your questions at the end, always at the bottom of a list."
            ),
        ]
        return "\n".join(lines)

    def episode(self, docname: str) -> str:
        """The section of one episode; empty if it has nothing to answer."""
        doctree = self.env.get_doctree(docname)
        questions: list[str] = []
        body: list[str] = []
        exercises = lesson_data(self.env).exercises
        for block in _lesson_blocks(doctree):
            kind = block.get("kind")
            if kind == "questions":
                questions.extend(question_items(block))
            elif KINDS_BY_NAME.get(kind, KINDS_BY_NAME["demo"]).exercise:
                exercise = exercises.get((docname, block.get("exercise_index", -1)))
                title = (
                    exercise_reference_text(exercise)
                    if exercise is not None
                    else block[0].astext()
                    if block.children
                    else KINDS_BY_NAME["exercise"].default_title()
                )
                anchor = exercise.node_id if exercise is not None else anchor_of(block)
                body.append(f"### {link(escape(title), self.url(docname, anchor))}")
                body.append(self.answers())
            elif kind == "quiz":
                body.extend(self.poll(docname, block))
            elif kind == "discussion":
                heading = escape(KINDS_BY_NAME["discussion"].default_title())
                if block.get("custom_title") and block.children:
                    heading = _("%(kind)s: %(title)s") % {
                        "kind": heading,
                        "title": inline(block[0]),
                    }
                body.append(f"### {link(heading, self.url(docname, anchor_of(block)))}")
                body.extend(blocks(block))
                body.append(self.answers())
        if not questions and not body:
            return ""
        page_title = self.env.titles.get(docname)
        heading = (
            escape(page_title.astext())
            if page_title is not None and page_title.astext()
            else docname
        )
        parts = [f"## {link(heading, self.url(docname))}"]
        if questions:
            parts.append(f"**{escape(KINDS_BY_NAME['questions'].default_title())}**")
            parts.append("\n".join(f"- {item}" for item in questions))
        parts.extend(body)
        return "\n\n".join(parts)

    def poll(self, docname: str, block: nodes.Element) -> list[str]:
        """A quiz as a poll: the question, then each option to vote for with +1
        (a short answer: an answer list).  The right options are not marked."""
        quiz = lesson_data(self.env).quizzes.get((docname, block.get("quiz_index", -1)))
        title = escape(quiz_label_text(quiz) if quiz else KINDS_BY_NAME["quiz"].default_title())
        parts = [f"### {link(title, self.url(docname, anchor_of(block)))}"]
        options = []
        for child in block.findall(nodes.Element):
            if isinstance(child, quiz_legend):
                parts.append(inline(child))
            elif isinstance(child, quiz_label):
                label = child.deepcopy()
                for mark in [c for c in label.children if isinstance(c, nodes.inline)]:
                    if KEY_CLASS in mark["classes"]:
                        label.remove(mark)
                options.append(f"- {inline(label)}:")
        if not options:
            return [*parts, self.answers()]
        return [*parts, f"*{escape(_('Vote with +1 after your choice:'))}*", "\n".join(options)]

    def footer(self) -> str:
        return "\n\n".join(
            [
                f"## {_('Feedback')}",
                f"### {_('One good thing about today')}",
                self.answers(""),
                f"### {_('One thing to improve for next time')}",
                self.answers(""),
                f"## {_('Questions')}",
                self.answers(_("Ask anything, always at the bottom of the list:")),
            ]
        )


def _extra_links(
    value: dict[object, object] | Iterable[tuple[object, object]],
) -> Iterable[tuple[str, str]]:
    """``refinery_notes_extra_links``: a dict or a list of (text, url) pairs
    (checked by :mod:`sphinx_refinery.config`)."""
    pairs = value.items() if isinstance(value, dict) else value
    return [(str(text), str(url)) for text, url in pairs]


def setup(app: Sphinx) -> None:
    app.add_builder(NotesBuilder)
