"""Quizzes across the lesson: their numbers ("Question 3"), their titles and
the ``ref``/``numref`` to their labels.

Quizzes have a counter of their own and follow the exercises' rules: the
``refinery_exercise_numbering`` style (lesson, episode or none), ``:nonumber:``,
and no number inside instructor notes (learners would see gaps).  The quiz's
argument is its question, so the block's title is the kind's ("Question").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..blocks.nodes import lesson_block
from ..warnings import TYPE, Subtype
from .data import ExerciseNumber, lesson_data, lesson_order
from .links import link

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

KIND = "quiz"


def quiz_label_text(quiz: ExerciseNumber) -> str:
    """'Question 3', or 'Question' when unnumbered."""
    return _("Question %s") % quiz.number if quiz.number else _("Question")


def index_quizzes(app: Sphinx, doctree: nodes.document) -> None:
    """Give each quiz its position among the document's quizzes (after
    ``exercises.collect_blocks`` recorded it)."""
    quizzes = (node for node in doctree.findall(lesson_block) if node.get("kind") == KIND)
    for index, node in enumerate(quizzes):
        node["quiz_index"] = index


def _episode(env: BuildEnvironment, docname: str, position: int) -> str:
    secnumber = env.toc_secnumbers.get(docname, {}).get("")
    return ".".join(map(str, secnumber)) if secnumber else str(position)


def number_quizzes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number every quiz; return the documents whose output changes."""
    data = lesson_data(env)
    style = env.config.refinery_exercise_numbering
    order = data.order or lesson_order(env)
    quizzes: dict[tuple[str, int], ExerciseNumber] = {}
    labels: dict[str, tuple[str, int]] = {}
    counter = 0
    for position, docname in enumerate(order):
        records = [b for b in data.document(docname).blocks if b.kind == KIND]
        in_episode = 0
        for index, record in enumerate(records):
            number = None
            if style != "none" and not record.nonumber:
                counter += 1
                in_episode += 1
                number = str(counter)
                if style == "episode" and docname != env.config.root_doc:
                    number = f"{_episode(env, docname, position)}.{in_episode}"
            key = (docname, index)
            quizzes[key] = ExerciseNumber(
                docname, record.node_id, number, record.title, False, record.instructor_only
            )
            for label in record.labels:
                labels.setdefault(label, key)
    old_quizzes, old_labels = data.quizzes, data.quiz_labels
    data.quizzes, data.quiz_labels = quizzes, labels
    changed = {
        k for k in quizzes.keys() | old_quizzes.keys() if quizzes.get(k) != old_quizzes.get(k)
    }
    changed_labels = {
        label
        for label in labels.keys() | old_labels.keys()
        if labels.get(label) != old_labels.get(label) or labels[label] in changed
    }
    rewrite = {docname for docname, _index in changed} | data.referencing(changed_labels)
    if changed:  # exercise lists may show copies of quizzes
        rewrite |= data.aggregate_pages("exercises")
    return sorted(rewrite & set(env.all_docs))


class ResolveQuizzes(SphinxPostTransform):
    """Number quiz titles; resolve ``ref``/``numref`` to quiz labels."""

    default_priority = 6  # with the exercises, before Sphinx's references (10)

    def run(self, **kwargs) -> None:
        data = lesson_data(self.env)
        for node in self.document.findall(lesson_block):
            quiz = data.quizzes.get((node.get("refinery_doc", ""), node.get("quiz_index", -1)))
            title = node[0] if node.children else None
            if quiz is None or not isinstance(title, nodes.title) or node.get("refinery_numbered"):
                continue
            node["refinery_numbered"] = True
            if quiz.number:
                title.clear()
                title += nodes.inline("", quiz_label_text(quiz), classes=["refinery-number"])
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") == "std" and xref.get("reftype") in ("ref", "numref"):
                key = data.quiz_labels.get(xref["reftarget"].lower())
                if key is not None and key in data.quizzes:
                    self._resolve(xref, data.quizzes[key])

    def _resolve(self, xref: addnodes.pending_xref, quiz: ExerciseNumber) -> None:
        explicit = xref.get("refexplicit", False)
        text = xref.astext() if explicit else quiz_label_text(quiz)
        if xref["reftype"] == "numref" and quiz.number is None:
            logger.warning(
                __("numref to the unnumbered question %r: use ref instead, or number it"),
                xref["reftarget"],
                location=xref,
                type=TYPE,
                subtype=Subtype.NUMREF,
            )
        if explicit and xref["reftype"] == "numref":
            number = quiz.number or ""
            text = re.sub(r"\{number\}|%s", lambda _m: number, text).replace("{name}", "")
        inline = nodes.inline("", text, classes=["xref", "std", f"std-{xref['reftype']}"])
        reference = link(self.env, xref, quiz.docname, quiz.node_id, inline)
        if quiz.instructor_only:
            reference = nodes.inline("", "", reference, refinery_instructor_ref=True)
        xref.replace_self(reference)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", index_quizzes, priority=510)
    # After the exercises are numbered (500), before the lists are compared (550).
    app.connect("env-updated", number_quizzes, priority=510)
    app.add_post_transform(ResolveQuizzes)
