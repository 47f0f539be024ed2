"""Quizzes in every output but web HTML: printed questions and an answer key.

PDF, EPUB, text, man and texinfo get the question, its options each after an
empty box (☐) or an answer line, and the answers at the end of the document
(in LaTeX a last chapter, before the appendices): each option marked right
(☑) or not, with its feedback.  Plain docutils nodes only, so that every
translator knows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...compat import builder_of
from ..nodes import INSTRUCTOR_ONLY_CLASS, for_instructors, lesson_block
from .nodes import (
    KEY_CLASS,
    quiz_feedback,
    quiz_form,
    quiz_label,
    quiz_legend,
    quiz_option,
    quiz_short,
)

if TYPE_CHECKING:
    from sphinx.builders import Builder

_ = get_translation("sphinx_refinery")

EMPTY_BOX, TICKED_BOX = "\u2610", "\u2611"
#: The id of the answer key's section.
KEY_ID = "refinery-quiz-answers"


def is_interactive(builder: Builder) -> bool:
    """Whether the builder writes web pages, where quizzes are forms."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


class PrintQuizzes(SphinxPostTransform):
    """Turn each quiz form into plain nodes and gather its answers at the end."""

    default_priority = 50  # after numbers (6) and references (10)

    def run(self, **kwargs) -> None:
        if is_interactive(builder_of(self.env)):
            return
        originals = {
            (block.get("refinery_doc"), block.get("quiz_index"))
            for block in self.document.findall(lesson_block)
            if not block.get("refinery_copy")
        }
        entries: list[nodes.list_item] = []
        # Innermost first: a quiz in another's feedback is printed before its
        # parent copies it into the printed form.
        for form in reversed(list(self.document.findall(quiz_form))):
            block = form.parent
            if not isinstance(block, lesson_block):
                continue
            title = block[0].astext() if block.children else ""
            place = (block.get("refinery_doc"), block.get("quiz_index"))
            # A copy on a list page is answered where its original is, if that is here.
            if not block.get("refinery_copy") or place not in originals:
                entry = _key_entry(form, title)
                if for_instructors(form):  # the learner edition leaves it out
                    entry["classes"].append(INSTRUCTOR_ONLY_CLASS)
                entries.append(entry)
            form.replace_self(_printed(form))
        if entries:
            entries.reverse()  # in the order of the page
            section = _key_section(nodes.bullet_list("", *entries))
            if all(INSTRUCTOR_ONLY_CLASS in entry["classes"] for entry in entries):
                section["classes"].append(INSTRUCTOR_ONLY_CLASS)
            self._append(section)

    def _append(self, section: nodes.section) -> None:
        """At the end of the document: in LaTeX's one document, after the last
        chapter and before any appendix (the solutions' may be there)."""
        if builder_of(self.env).name == "latex":
            appendices = [c for c in self.document.children if isinstance(c, nodes.document)]
            at = self.document.index(appendices[0]) if appendices else len(self.document)
            self.document.insert(at, section)
            return
        top: nodes.Element = next(iter(self.document.findall(nodes.section)), self.document)
        top.append(section)


def _question(form: quiz_form) -> nodes.paragraph:
    legend = next((c for c in form.children if isinstance(c, quiz_legend)), None)
    paragraph = nodes.paragraph(classes=["refinery-quiz-question"])
    if legend is not None:
        paragraph.extend(legend.deepcopy().children)
    return paragraph


def _label(option: quiz_option, marked: bool = True) -> list[nodes.Node]:
    """The option's text; ``marked``: with the instructors' mark of a right option."""
    label = next((c for c in option.children if isinstance(c, quiz_label)), None)
    children = list(label.deepcopy().children) if label is not None else []
    return [
        child
        for child in children
        if marked or not (isinstance(child, nodes.Element) and KEY_CLASS in child["classes"])
    ]


def _printed(form: quiz_form) -> nodes.container:
    """The question as printed: its options after empty boxes, or an answer line."""
    printed = nodes.container(classes=["refinery-quiz"])
    printed.source, printed.line = form.source, form.line
    printed += _question(form)
    options = nodes.bullet_list(classes=["refinery-quiz-options"])
    for child in form.children:
        if isinstance(child, quiz_option):
            paragraph = nodes.paragraph("", f"{EMPTY_BOX} ", *_label(child))
            options += nodes.list_item("", paragraph)
        elif isinstance(child, quiz_short):
            printed += nodes.paragraph("", _("Your answer") + ": ________________")
        elif not isinstance(child, quiz_legend):
            printed += child.deepcopy()
    if options.children:
        printed += options
    return printed


def _key_entry(form: quiz_form, title: str) -> nodes.list_item:
    """One question's answers: each option marked and followed by its feedback."""
    item = nodes.list_item()
    heading = nodes.paragraph()
    if title:
        heading += nodes.strong("", title)
        heading += nodes.Text(": ")
    heading.extend(_question(form).children)
    item += heading
    answers = nodes.bullet_list()
    for child in form.children:
        if isinstance(child, quiz_option):
            box = TICKED_BOX if child.get("right") else EMPTY_BOX
            answer = nodes.list_item(
                "", nodes.paragraph("", f"{box} ", *_label(child, marked=False))
            )
            for feedback in child.findall(quiz_feedback):
                answer.extend(c.deepcopy() for c in feedback.children)
            answers += answer
        elif isinstance(child, quiz_short):
            item.extend(c.deepcopy() for c in child.children)
    if answers.children:
        item += answers
    return item


def _key_section(key: nodes.bullet_list) -> nodes.section:
    section = nodes.section(ids=[KEY_ID], classes=[KEY_ID])
    section += nodes.title("", _("Answers to the questions"))
    section += key
    return section
