"""Pages that gather blocks from the whole lesson (``exerciselist``).

The directive leaves a placeholder node; at write time, when every document
is known, the placeholder is replaced by copies of the blocks taken from the
other documents' doctrees, grouped by page in lesson order, each linked to
its original.  Which pages show a list is recorded on the environment, so
that :mod:`sphinx_refinery.exercises` can have them rewritten whenever any
document changes.
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

from .blocks import anchor_of, lesson_block
from .lesson_data import lesson_data
from .links import link, page_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

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
            include=self.options.get("include", list(aggregate.include)),
            exclude=self.options.get("exclude", list(aggregate.exclude)),
            style=self.options.get("style", "full"),
            classes=[f"refinery-{aggregate.directive}", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        document = lesson_data(self.env).document(self.env.docname)
        document.aggregates.add(aggregate.name)
        result: list[nodes.Node] = [node]
        if aggregate.with_schedule:
            from .lesson import schedule_node

            result.insert(0, schedule_node(self))
        return result


def directive_for(aggregate: Aggregate) -> type[AggregateDirective]:
    name = "".join(p.capitalize() for p in aggregate.directive.split("-")) + "Directive"
    return type(name, (AggregateDirective,), {"aggregate": aggregate})


def _qualifies(node: lesson_block, include: list[str], exclude: list[str]) -> bool:
    classes = set(node["classes"])
    return bool(classes.intersection(include)) and not classes.intersection(exclude)


def _renew_ids(tree: nodes.Element, document: nodes.document) -> None:
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
        if had_ids:
            document.set_id(element)
        if isinstance(element, lesson_block):
            element["refinery_copy"] = True


class ExpandAggregates(SphinxPostTransform):
    """Replace each list placeholder by copies of the lesson's blocks."""

    default_priority = 5  # before the blocks are numbered (6) and references resolved (10)

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(aggregate_list)):
            placeholder.replace_self(self._build(placeholder))

    def _build(self, placeholder: aggregate_list) -> nodes.Element:
        data = lesson_data(self.env)
        aggregate = AGGREGATES_BY_NAME[placeholder["aggregate"]]
        container = nodes.container(classes=placeholder["classes"])
        here = page_of(self.env, placeholder)
        for docname in data.order:
            document = data.documents.get(docname)
            if docname == here or document is None or not document.blocks:
                continue
            blocks = self._blocks_of(docname, placeholder)
            if blocks:
                container += self._group(aggregate, docname, blocks, placeholder)
        if not container.children:
            container += nodes.paragraph("", _(aggregate.empty_text))
        return container

    def _blocks_of(self, docname: str, placeholder: aggregate_list) -> list[lesson_block]:
        include, exclude = placeholder["include"], placeholder["exclude"]
        doctree = self.env.get_doctree(docname)
        found = []
        for node in doctree.findall(lesson_block):
            if not _qualifies(node, include, exclude):
                continue
            outer = [a for a in _iter_ancestors(node.parent) if isinstance(a, lesson_block)]
            if any(_qualifies(a, include, exclude) for a in outer):
                continue  # shown inside the block that contains it
            if any(set(a["classes"]) & set(exclude) for a in outer):
                continue  # inside a block left out on purpose
            found.append(node)
        return found

    def _group(
        self,
        aggregate: Aggregate,
        docname: str,
        blocks: list[lesson_block],
        placeholder: aggregate_list,
    ) -> nodes.Element:
        title = self.env.titles.get(docname)
        title_text = title.astext() if title else docname
        group = nodes.container(
            classes=["refinery-aggregate-group", f"refinery-{aggregate.directive}-page"]
        )
        heading = nodes.rubric("", "", classes=[f"refinery-{aggregate.directive}-heading"])
        heading += link(self.env, placeholder, docname, "", nodes.Text(title_text))
        group += heading
        if placeholder["style"] == "list":
            group += self._link_list(docname, blocks, placeholder)
            return group
        for original in blocks:
            copy = original.deepcopy()
            _renew_ids(copy, self.document)
            if aggregate.linkable:
                copy["ids"] = [copy_id(docname, anchor_of(original))]
            _retarget_local_links(copy, self.env, placeholder, docname)
            if aggregate.copy_content:
                group.extend(child for child in copy.children if not isinstance(child, nodes.title))
            else:
                group += copy
            where = nodes.paragraph(classes=["refinery-aggregate-source"])
            where += link(
                self.env,
                placeholder,
                docname,
                anchor_of(original),
                nodes.inline("", _("View in context")),
            )
            group += where
        return group

    def _link_list(
        self, docname: str, blocks: list[lesson_block], placeholder: aggregate_list
    ) -> nodes.bullet_list:
        """One linked line per block: its (numbered) title and its kind."""
        from .exercises import block_title_text

        items = nodes.bullet_list(classes=["refinery-aggregate-links"])
        for block in blocks:
            text = block_title_text(self.env, block)
            paragraph = nodes.paragraph(
                "",
                "",
                link(self.env, placeholder, docname, anchor_of(block), nodes.inline("", text)),
            )
            kind = block.get("directive_name", block["kind"])
            paragraph += nodes.inline("", f" ({kind})", classes=["refinery-kind"])
            items += nodes.list_item("", paragraph)
        return items


def copy_id(docname: str, anchor: str) -> str:
    """The id of the copy of block ``anchor`` of ``docname`` on an aggregated page."""
    return nodes.make_id(f"{docname}-{anchor}")


def _iter_ancestors(node: nodes.Node | None):
    while node is not None:
        yield node
        node = node.parent


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
