"""Pages that gather blocks from the whole lesson (``exerciselist``).

The directive leaves a placeholder node; at write time, when every document
is known, the placeholder is replaced by copies of the blocks of the other
documents, grouped by page in lesson order, each linked to its original.
The blocks are kept on the environment when a document is read (as
``sphinx.ext.todo`` keeps its todos), with a fingerprint of each, so that
writing a list unpickles no doctree, and :func:`pages_to_rewrite` can tell
which lists show something new after an incremental read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import (
    INSTRUCTOR_ONLY_CLASS,
    ancestors,
    anchor_of,
    for_instructors,
    lesson_block,
)
from .copies import keep_figure_numbers
from .data import fingerprint, lesson_data
from .links import link, page_of
from .naming import block_title_text
from .schedule import schedule_node, schedule_view

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from .data import DocumentData, LessonData, StoredBlock

_ = get_translation("sphinx_refinery")

#: sphinx-lesson's defaults for ``exerciselist``.
DEFAULT_INCLUDE = ("exercise", "solution", "challenge", "exerciselist-include")
DEFAULT_EXCLUDE = ("exerciselist-exclude",)


@dataclass(frozen=True)
class Aggregate:
    """One kind of generated page content."""

    name: str
    directive: str
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    #: Copy whole blocks, or only what is inside them (no box, no title).
    copy_content: bool = False
    empty_text: str = ""
    with_schedule: bool = False
    #: Give each copy an id of its own, so that pages can link to it.
    linkable: bool = False


AGGREGATES = (
    Aggregate(
        "exercises",
        "exerciselist",
        DEFAULT_INCLUDE,
        DEFAULT_EXCLUDE,
        empty_text="This lesson has no exercises yet.",
    ),
    Aggregate(
        "keypoints",
        "keypoints-summary",
        ("keypoints",),
        copy_content=True,
        empty_text="No episode lists key points yet.",
    ),
    Aggregate(
        "instructor",
        "instructor-guide",
        ("instructor-note",),
        empty_text="No episode has instructor notes yet.",
        with_schedule=True,
    ),
    Aggregate(
        "solutions",
        "solutionlist",
        ("solution",),
        empty_text="This lesson has no solutions yet.",
        linkable=True,
    ),
)
AGGREGATES_BY_NAME = {aggregate.name: aggregate for aggregate in AGGREGATES}


class aggregate_list(nodes.container):
    """Placeholder for a generated list; attributes ``aggregate``, ``include``, ``exclude``.

    A container, so that a builder that skips post-transforms renders it empty.
    """


def _class_list(argument: str | None) -> list[str]:
    return [item for item in re.split(r"[\s,]+", argument or "") if item]


class AggregateDirective(SphinxDirective):
    """Base of the aggregate directives; :func:`directive_for` binds one aggregate."""

    aggregate: ClassVar[Aggregate]
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "include": _class_list,
        "exclude": _class_list,
        "class": _class_list,
        "style": lambda value: directives.choice(value, ("full", "list")),
    }

    def run(self) -> list[nodes.Node]:
        aggregate = self.aggregate
        node = aggregate_list(
            aggregate=aggregate.name,
            include=self.options.get("include", default_include(aggregate)),
            exclude=self.options.get("exclude", list(aggregate.exclude)),
            style=self.options.get("style", "full"),
            classes=[f"refinery-{aggregate.directive}", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        document = lesson_data(self.env).document(self.env.docname)
        document.aggregates.add(aggregate.name)
        result: list[nodes.Node] = [node]
        if aggregate.with_schedule:
            result.insert(0, schedule_node(self))
        return result


def default_include(aggregate: Aggregate) -> list[str]:
    """The classes an aggregate lists without ``:include:``: the exercise list
    lists the lesson's own exercise kinds too."""
    include = list(aggregate.include)
    if aggregate.directive == "exerciselist":
        include += [k.name for k in KINDS_BY_NAME.values() if k.exercise and k.name not in include]
    return include


def directive_for(aggregate: Aggregate) -> type[AggregateDirective]:
    name = "".join(p.capitalize() for p in aggregate.directive.split("-")) + "Directive"
    return type(name, (AggregateDirective,), {"aggregate": aggregate})


def _qualifies(classes: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> bool:
    return bool(set(classes).intersection(include)) and not set(classes).intersection(exclude)


def select(
    outline: Sequence[StoredBlock], include: Sequence[str], exclude: Sequence[str]
) -> list[int]:
    """Positions of the blocks a list with ``include``/``exclude`` shows."""
    chosen = []
    for index, block in enumerate(outline):
        if not _qualifies(block.classes, include, exclude):
            continue
        outer = [outline[position].classes for position in block.outer]
        if any(_qualifies(classes, include, exclude) for classes in outer):
            continue  # shown inside the block that contains it
        if any(set(classes).intersection(exclude) for classes in outer):
            continue  # inside a block left out on purpose
        chosen.append(index)
    return chosen


def blocks_of(document: DocumentData, include: Sequence[str], exclude: Sequence[str]) -> list:
    """Fresh copies of the blocks of ``document`` that a list shows."""
    return document.stored_blocks(select(document.outline, include, exclude))


def store_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the document's outermost blocks and its placeholders on the environment.

    Connected late, so that the other handlers have done their work on the
    blocks; the nodes are detached from the doctree once all documents are
    read (:meth:`DocumentData.settle`), after the last transforms.
    """
    document = lesson_data(app.env).document(app.env.docname)
    document.reading_blocks = [
        node
        for node in doctree.findall(lesson_block)
        if not any(isinstance(a, lesson_block) for a in ancestors(node))
    ]
    document.placeholders = tuple(
        (node["aggregate"], tuple(node["include"]), tuple(node["exclude"]))
        for node in doctree.findall(aggregate_list)
    )


def _settle_blocks(app: Sphinx, env: BuildEnvironment) -> None:
    lesson_data(env).settle()


def _resolved(data: LessonData, block: StoredBlock) -> tuple[list, list]:
    """The numbers and titles of the exercises a copy of ``block`` names."""
    exercises = [data.exercises.get(key) for key in block.exercises]
    labels = [
        data.exercises.get(data.labels[label]) if label in data.labels else None
        for label in block.labels
    ]
    return exercises, labels


def pages_to_rewrite(env: BuildEnvironment, outdir: str) -> set[str]:
    """The aggregate pages whose content changed since they were last written to ``outdir``.

    What a page shows is, per list, for each other document in lesson order:
    its name, its title, and the fingerprints of the blocks the list takes
    from it with the numbers and titles of the exercises they name; for a
    schedule, the timetable.
    """
    data = lesson_data(env)
    data.settle()
    titles = {}
    schedule = None
    shown = {}
    for page in sorted(data.aggregate_pages()):
        document = data.documents[page]
        view: list[object] = []
        for name, include, exclude in document.placeholders:
            view.append((name, include, exclude))
            for docname in data.order:
                other = data.documents.get(docname)
                if docname == page or other is None or not other.blocks:
                    continue
                chosen = [other.outline[i] for i in select(other.outline, include, exclude)]
                if chosen:
                    if docname not in titles:
                        title = env.titles.get(docname)
                        titles[docname] = title.astext() if title else docname
                    view.append((docname, titles[docname]))
                    view.extend((block.digest, *_resolved(data, block)) for block in chosen)
        if "schedule" in document.aggregates:
            if schedule is None:
                schedule = schedule_view(env)
            view.append(schedule)
        shown[page] = fingerprint(repr(view))
    previous = data.shown.get(outdir, {})
    data.shown[outdir] = shown
    return {page for page, digest in shown.items() if previous.get(page) != digest}


def rewrite_changed_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, after the exercises are numbered: the lists whose blocks,
    titles or exercise numbers changed, and the schedules whose timetable did."""
    return sorted(pages_to_rewrite(env, str(app.outdir)) & set(env.all_docs))


def _renew_ids(tree: nodes.Element, document: nodes.document, taken: set[str]) -> None:
    """Give a copy ids of its own (the original's belong to the original's page),
    and mark its blocks as copies.

    Numbered things (figures, tables, code captions) need an id to be written,
    so every element that had one gets a fresh one.
    """
    for element in tree.findall(nodes.Element):
        had_ids = bool(element["ids"])
        element["ids"] = []
        element["names"] = []
        element.attributes.pop("backrefs", None)
        if had_ids:  # not an id of the page already (single-page HTML has every page's)
            while document.set_id(element) in taken:
                element["ids"] = []
            taken.add(element["ids"][0])
        if isinstance(element, lesson_block):
            element["refinery_copy"] = True


class ExpandAggregates(SphinxPostTransform):
    """Replace each list placeholder by copies of the lesson's blocks."""

    default_priority = 5  # before the blocks are numbered (6) and references resolved (10)

    def run(self, **kwargs) -> None:
        self.taken: set[str] = {
            i for node in self.document.findall(nodes.Element) for i in node["ids"]
        }
        for placeholder in list(self.document.findall(aggregate_list)):
            placeholder.replace_self(self._build(placeholder))

    def _unique(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ... when a list before took it (two lists on a page)."""
        new_id, number = wanted, 1
        while new_id in self.taken or new_id in self.document.ids:
            number += 1
            new_id = f"{wanted}-{number}"
        self.taken.add(new_id)
        return new_id

    def _build(self, placeholder: aggregate_list) -> nodes.Element:
        data = lesson_data(self.env)
        aggregate = AGGREGATES_BY_NAME[placeholder["aggregate"]]
        container = nodes.container(classes=placeholder["classes"])
        here = page_of(self.env, placeholder)
        for docname in data.order:
            document = data.documents.get(docname)
            if docname == here or document is None or not document.blocks:
                continue
            blocks = blocks_of(document, placeholder["include"], placeholder["exclude"])
            if blocks:
                container += self._group(aggregate, docname, blocks, placeholder)
        if not container.children:
            container += nodes.paragraph("", _(aggregate.empty_text))
        return container

    def _group(
        self,
        aggregate: Aggregate,
        docname: str,
        blocks: list[lesson_block],
        placeholder: aggregate_list,
    ) -> nodes.Element:
        """The blocks of one page.  Those from inside instructor notes (or that
        are notes) are instructor-only: the learner view leaves them out, with
        their "View in context" links; a group of nothing else is left out whole."""
        title = self.env.titles.get(docname)
        title_text = title.astext() if title else docname
        group = nodes.container(
            classes=["refinery-aggregate-group", f"refinery-{aggregate.directive}-page"]
        )
        heading = nodes.rubric("", "", classes=[f"refinery-{aggregate.directive}-heading"])
        heading += link(self.env, placeholder, docname, "", nodes.Text(title_text))
        group += heading
        # Fresh copies (blocks_of), still inside the copy of their outermost block.
        withheld = [for_instructors(block) for block in blocks]
        if all(withheld):
            group["classes"].append(INSTRUCTOR_ONLY_CLASS)
            withheld = [False] * len(blocks)
        if placeholder["style"] == "list":
            group += self._link_list(docname, blocks, withheld, placeholder)
            return group
        for copy, instructor_only in zip(blocks, withheld, strict=True):
            anchor = anchor_of(copy)
            keep_figure_numbers(copy, self.env, docname)
            _renew_ids(copy, self.document, self.taken)
            if aggregate.linkable:
                copy["ids"] = [self._unique(copy_id(docname, anchor))]
            _retarget_local_links(copy, self.env, placeholder, docname)
            shown: list[nodes.Node]
            if aggregate.copy_content:
                shown = [child for child in copy.children if not isinstance(child, nodes.title)]
            else:
                shown = [copy]
            where = nodes.paragraph(classes=["refinery-aggregate-source"])
            where += link(
                self.env,
                placeholder,
                docname,
                anchor,
                nodes.inline("", _("View in context")),
            )
            shown.append(where)
            if instructor_only:
                group += nodes.container("", *shown, classes=[INSTRUCTOR_ONLY_CLASS])
            else:
                group.extend(shown)
        return group

    def _link_list(
        self,
        docname: str,
        blocks: list[lesson_block],
        withheld: list[bool],
        placeholder: aggregate_list,
    ) -> nodes.bullet_list:
        """One linked line per block: its (numbered) title and its kind."""
        items = nodes.bullet_list(classes=["refinery-aggregate-links"])
        for block, instructor_only in zip(blocks, withheld, strict=True):
            text = block_title_text(self.env, block)
            paragraph = nodes.paragraph(
                "",
                "",
                link(self.env, placeholder, docname, anchor_of(block), nodes.inline("", text)),
            )
            kind = block.get("directive_name", block["kind"])
            paragraph += nodes.inline("", f" ({kind})", classes=["refinery-kind"])
            classes = [INSTRUCTOR_ONLY_CLASS] if instructor_only else []
            items += nodes.list_item("", paragraph, classes=classes)
        return items


def copy_id(docname: str, anchor: str) -> str:
    """The id of the copy of block ``anchor`` of ``docname`` on an aggregated page."""
    return nodes.make_id(f"{docname}-{anchor}")


def _retarget_local_links(tree: nodes.Element, env, where: nodes.Node, todoc: str) -> None:
    """Turn in-page links of a copied block into links to its original page."""
    for ref in list(tree.findall(nodes.reference)):
        if "refid" in ref and "refuri" not in ref:
            refid = ref.attributes.pop("refid")
            new = link(env, where, todoc, refid, nodes.inline("", "", *ref.children))
            if isinstance(new, nodes.Element):
                new["classes"] += ref["classes"]
            ref.replace_self(new)


def setup(app: Sphinx) -> None:
    app.add_node(aggregate_list)
    for aggregate in AGGREGATES:
        app.add_directive(aggregate.directive, directive_for(aggregate))
    app.add_post_transform(ExpandAggregates)
    # After every other handler (the blocks as they are pickled), and before
    # anything at env-updated may resolve a doctree that the stored nodes are part of.
    app.connect("doctree-read", store_blocks, priority=900)
    app.connect("env-updated", _settle_blocks, priority=100)
    # After exercises.number_exercises (500): the lists show the new numbers.
    app.connect("env-updated", rewrite_changed_lists, priority=550)
