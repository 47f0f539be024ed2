"""Exercises: collection, numbering, solution links and references to them.

Reading records every block of a document (:func:`collect_blocks`).  After
all documents are read, :func:`number_exercises` numbers the exercises in
lesson order and tells Sphinx which pages must be written again because a
number they show changed.  At write time :class:`ResolveLessonBlocks` puts
the numbers into titles, links solutions to their exercise and resolves
``ref``/``numref`` to exercise labels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeGuard

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import (
    INSTRUCTOR_ONLY_CLASS,
    ancestors,
    anchor_of,
    for_instructors,
    kind_of,
    lesson_block,
)
from ..warnings import TYPE, Subtype
from .data import BlockRecord, ExerciseNumber, lesson_data, lesson_order
from .links import link
from .naming import exercise_label_text, exercise_reference_text, find_exercise
from .titles import names_itself, read_title_scheme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

NUMBERING_STYLES = ("lesson", "episode", "none")
#: Blocks that set a task or frame a page of their own: a solution after one of them
#: answers it, not an exercise before it.
_OWN_TOPIC = frozenset(
    {"demo", "type-along", "homework", "discussion", "questions"}
    | {"prerequisites", "objectives", "keypoints", "checklist"}
)
#: A solution argument written as a label (``ex-sort``, ``sort_2``), not as a title.
_LABEL_LIKE = re.compile(r"[a-z0-9]+(?:[-_:][a-z0-9]+)+")
_SKIPPABLE = (nodes.target, nodes.comment, nodes.system_message, nodes.substitution_definition)


def _is_exercise(node: nodes.Node) -> TypeGuard[nodes.Element]:
    kind = kind_of(node) if isinstance(node, nodes.Element) else None
    return bool(kind and kind.exercise)


def _for_instructors(node: nodes.Element) -> bool:
    kind = kind_of(node)
    return kind is not None and kind.audience == "instructor"


def _preceding_exercise(node: nodes.Element) -> nodes.Element | None:
    """The exercise a solution belongs to by position.

    Its enclosing exercise; else the nearest exercise before it among its
    siblings (any content may stand between, as in sphinx-lesson lessons,
    but not a heading, nor a block with a topic of its own such as a
    discussion or a demo: the solution answers that one).
    """
    for ancestor in ancestors(node):
        if _is_exercise(ancestor):
            return ancestor
    parent = node.parent
    if parent is None:
        return None
    for sibling in reversed(parent.children[: parent.index(node)]):
        if _is_exercise(sibling):
            return sibling
        if isinstance(sibling, nodes.section):
            return None
        kind = kind_of(sibling) if isinstance(sibling, nodes.Element) else None
        if kind is not None and kind.name in _OWN_TOPIC:
            return None
    return None


def collect_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """Record the document's blocks, in order, on the environment."""
    env = app.env
    docname = env.docname
    data = lesson_data(env).document(docname)
    data.blocks.clear()
    exercise_index: dict[int, int] = {}

    numbered = env.config.refinery_exercise_numbering != "none"
    for node in doctree.findall(lesson_block):
        kind = KINDS_BY_NAME[node["kind"]]
        node["refinery_doc"] = docname
        labels = tuple(node["names"])
        instructor_only = any(_for_instructors(a) for a in ancestors(node))
        # Learners do not see exercises in instructor notes: numbering them
        # would leave gaps in the learner view's sequence.
        nonumber = node.get("nonumber", False) or instructor_only
        if kind.exercise and numbered and not nonumber and read_title_scheme(node):
            nonumber = True  # the title names the exercise itself
        record = BlockRecord(
            kind=kind.name,
            node_id=anchor_of(node),
            title=node[0].astext() if node.children else kind.default_title(),
            custom_title=node.get("custom_title", False),
            line=node.line,
            labels=labels,
            nonumber=nonumber,
            classes=tuple(node["classes"]),
            nested=any(isinstance(a, lesson_block) for a in ancestors(node)),
            instructor_only=instructor_only,
        )
        if kind.exercise:
            record.exercise_index = node["exercise_index"] = len(exercise_index)
            exercise_index[id(node)] = record.exercise_index
        elif kind.solution:
            owner = _preceding_exercise(node)
            if owner is not None:
                record.solution_of = node["solution_of"] = exercise_index[id(owner)]
            if kind.name == "solution":
                record.solution_label = node.get("title_arg", "").lower()
                _mark_if_orphan_label(node, record)
        data.blocks.append(record)

    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "std" and xref.get("reftype") in ("ref", "numref"):
            data.referenced_labels.add(xref["reftarget"].lower())


def _mark_if_orphan_label(node: lesson_block, record: BlockRecord) -> None:
    """Mark a solution of no exercise by position whose argument is written as a
    label, to check it after reading.

    A solution of no exercise (standing alone, after a discussion or a demo) is
    fine, titled "Solution" or by its argument: only an argument written as a
    label (lower case, no spaces, joined by ``-``, ``_`` or ``:``) that names no
    exercise is reported, as a reference that went wrong.  A solution inside
    another one (hints, then the answer, as Carpentries lessons write them) is
    fine too: it goes wherever its outer solution goes.
    """
    if record.solution_of is None and _LABEL_LIKE.fullmatch(node.get("title_arg", "")):
        # The argument may still name an exercise of another page: checked after reading.
        record.orphan = True


def _episode_number(env: BuildEnvironment, docname: str, position: int) -> str:
    """The episode's section number from a ``:numbered:`` toctree, else its position."""
    secnumber = env.toc_secnumbers.get(docname, {}).get("")
    if secnumber:
        return ".".join(map(str, secnumber))
    return str(position)


def number_exercises(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number all exercises; return the documents whose output must change."""
    data = lesson_data(env)
    style = env.config.refinery_exercise_numbering
    old_exercises, old_labels = data.exercises, data.labels
    data.order = order = lesson_order(env)
    exercises: dict[tuple[str, int], ExerciseNumber] = {}
    labels: dict[str, tuple[str, int]] = {}
    counter = 0
    root = env.config.root_doc
    for position, docname in enumerate(order):
        episode_counter = 0
        for record in data.document(docname).blocks:
            if record.exercise_index is None:
                continue
            number = None
            if style != "none" and not record.nonumber:
                counter += 1
                episode_counter += 1
                if style == "episode" and docname != root:
                    episode = _episode_number(env, docname, position)
                    number = f"{episode}.{episode_counter}"
                else:
                    number = str(counter)
            key = (docname, record.exercise_index)
            exercises[key] = ExerciseNumber(
                docname,
                record.node_id,
                number,
                record.title,
                record.custom_title,
                record.instructor_only,
            )
            for label in record.labels:
                if label in labels:
                    _warn_duplicate(label, labels[label][0], docname, record)
                else:
                    labels[label] = key
    data.exercises, data.labels = exercises, labels
    _warn_unknown_solution_labels(data, env.found_docs)

    changed_keys = {
        key
        for key in exercises.keys() | old_exercises.keys()
        if exercises.get(key) != old_exercises.get(key)
    }
    changed_labels = {
        label
        for label in labels.keys() | old_labels.keys()
        if labels.get(label) != old_labels.get(label) or labels[label] in changed_keys
    }
    rewrite = {docname for docname, _index in changed_keys}
    rewrite |= data.referencing(changed_labels)
    rewrite |= _documents_with_solution_labels(data, changed_labels)
    return sorted(rewrite & set(env.all_docs))


def _warn_unknown_solution_labels(data, docnames) -> None:
    for docname in sorted(set(docnames) & data.documents.keys()):
        for block in data.documents[docname].blocks:
            if block.orphan and block.solution_label not in data.labels:
                logger.warning(
                    __(
                        "a solution with no exercise before it, and %r is not the label "
                        "of any exercise: nest the solution in its exercise, or give that "
                        "exercise's label as its argument"
                    ),
                    block.solution_label,
                    location=(docname, block.line),
                    type=TYPE,
                    subtype=Subtype.SOLUTION,
                )


def _warn_duplicate(label: str, first_doc: str, docname: str, record: BlockRecord) -> None:
    logger.warning(
        __("duplicate label %s, other instance in %s: give each exercise its own label"),
        label,
        first_doc,
        location=(docname, record.line),
        type=TYPE,
        subtype=Subtype.DUPLICATE_LABEL,
    )


def _documents_with_solution_labels(data, changed_labels: set[str]) -> set[str]:
    return {
        docname
        for docname, document in data.documents.items()
        if any(block.solution_label in changed_labels for block in document.blocks)
    }


class ResolveLessonBlocks(SphinxPostTransform):
    """Write exercise numbers into titles, link solutions, resolve exercise refs."""

    default_priority = 6  # before Sphinx's ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(lesson_block)):
            kind = kind_of(node)
            title = node[0] if node.children else None
            if kind is None or not isinstance(title, nodes.title):
                continue
            if kind.exercise:
                self._title_exercise(node, title)
            elif kind.solution:
                self._title_solution(node, title, kind.name)
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") == "std" and xref.get("reftype") in ("ref", "numref"):
                self._resolve_reference(xref)

    def _title_exercise(self, node: lesson_block, title: nodes.title) -> None:
        key = (node.get("refinery_doc", ""), node.get("exercise_index"))
        exercise = lesson_data(self.env).exercises.get(key)
        if exercise is None or exercise.number is None or node.get("refinery_numbered"):
            return
        node["refinery_numbered"] = True
        label = nodes.inline("", exercise_label_text(exercise), classes=["refinery-number"])
        if node.get("custom_title"):
            title.insert(0, nodes.Text(": "))
        else:
            title.clear()
        title.insert(0, label)

    def _title_solution(self, node: lesson_block, title: nodes.title, kind_name: str) -> None:
        if node.get("refinery_linked"):
            return
        exercise, by_label = find_exercise(self.env, node)
        if exercise is None:
            return
        node["refinery_linked"] = True
        if kind_name != "solution":
            return
        # A solution learners see, to an exercise they do not see: its title
        # names the exercise only in the instructor view, its back link too.
        withheld = exercise.instructor_only and not for_instructors(node)
        if by_label or not node.get("custom_title"):
            # Plain text: a link inside a collapsible block's <summary> would
            # follow the link instead of opening the block.
            if exercise.custom_title and exercise.number is None and names_itself(exercise.title):
                text = _("Solution to %s") % exercise.title  # "… Topic-1: …"
            else:
                text = _("Solution to %s") % exercise_label_text(exercise)
                if exercise.custom_title and exercise.number is None:
                    text += f": {exercise.title}"
            title.clear()
            if withheld:
                # The argument (the exercise's label) is also in a class of its own.
                argument_class = "admonition-" + nodes.make_id(node.get("title_arg", ""))
                node["classes"] = [c for c in node["classes"] if c != argument_class]
                learner_text = KINDS_BY_NAME[kind_name].default_title()
                title += nodes.inline(
                    "", text, refinery_instructor_ref=True, refinery_learner_text=learner_text
                )
            else:
                title += nodes.Text(text)
        if by_label or not any(_is_exercise(a) for a in ancestors(node)):
            backlink = nodes.paragraph(classes=["refinery-backlink"])
            if withheld:
                backlink["classes"].append(INSTRUCTOR_ONLY_CLASS)
            text = _("Back to %s") % exercise_reference_text(exercise)
            backlink += self._link(exercise, nodes.inline("", text), where=node)
            node.insert(1, backlink)

    def _link(self, exercise: ExerciseNumber, child: nodes.Node, where: nodes.Node) -> nodes.Node:
        if not exercise.node_id:
            return child
        return link(self.env, where, exercise.docname, exercise.node_id, child)

    def _resolve_reference(self, xref: addnodes.pending_xref) -> None:
        data = lesson_data(self.env)
        target = xref["reftarget"].lower()
        key = data.labels.get(target)
        if key is None or key not in data.exercises:
            return
        exercise = data.exercises[key]
        explicit = xref.get("refexplicit", False)
        if xref["reftype"] == "numref":
            if exercise.number is None:
                message = (
                    __(
                        "numref to the exercise %r inside an instructor note: such "
                        "exercises have no number (learners do not see them); use ref instead"
                    )
                    if exercise.instructor_only
                    else __("numref to the unnumbered exercise %r: use ref instead, or number it")
                )
                logger.warning(
                    message,
                    target,
                    location=xref,
                    type=TYPE,
                    subtype=Subtype.NUMREF,
                )
                text = exercise_reference_text(exercise)
            else:
                template = xref.astext() if explicit else _("Exercise %s")
                text = _format_numref(template, exercise)
        else:
            text = xref.astext() if explicit else exercise_reference_text(exercise)
        inline = nodes.inline("", text, classes=["xref", "std", f"std-{xref['reftype']}"])
        reference = self._link(exercise, inline, where=xref)
        if exercise.instructor_only:
            # views.py replaces it in the learner view, which lacks the exercise.
            reference = nodes.inline("", "", reference, refinery_instructor_ref=True)
        xref.replace_self(reference)


def _format_numref(template: str, exercise: ExerciseNumber) -> str:
    number = exercise.number or ""
    name = exercise.title if exercise.custom_title else ""
    if "{" in template:
        return re.sub(
            r"\{(number|name)\}", lambda m: number if m[1] == "number" else name, template
        )
    return template.replace("%s", number)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", collect_blocks)
    app.connect("env-updated", number_exercises)
    app.add_post_transform(ResolveLessonBlocks)
