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
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .blocks import anchor_of, lesson_block
from .compat import builder_of
from .lesson_data import lesson_data

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_refinery")

#: sphinx-lesson's defaults for ``exerciselist``.
DEFAULT_INCLUDE = ("exercise", "solution", "challenge", "exerciselist-include")
DEFAULT_EXCLUDE = ("exerciselist-exclude",)


class aggregate_list(nodes.container):
    """Placeholder for a generated list; attributes ``aggregate``, ``include``, ``exclude``.

    A container, so that a builder that skips post-transforms renders it empty.
    """


def _class_list(argument: str | None) -> list[str]:
    return [item for item in re.split(r"[\s,]+", argument or "") if item]


class ExerciseListDirective(SphinxDirective):
    """``exerciselist``: every exercise of the lesson, grouped by page."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "include": _class_list,
        "exclude": _class_list,
        "class": _class_list,
    }

    def run(self) -> list[nodes.Node]:
        node = aggregate_list(
            aggregate="exercises",
            include=self.options.get("include", list(DEFAULT_INCLUDE)),
            exclude=self.options.get("exclude", list(DEFAULT_EXCLUDE)),
            classes=["refinery-exerciselist", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        lesson_data(self.env).document(self.env.docname).aggregates.add("exercises")
        return [node]


def _qualifies(node: lesson_block, include: list[str], exclude: list[str]) -> bool:
    classes = set(node["classes"])
    return bool(classes.intersection(include)) and not classes.intersection(exclude)


def _strip_ids(tree: nodes.Element) -> None:
    """Copies must not repeat the original's ids; keep links pointing to the original."""
    for element in tree.findall(nodes.Element):
        element["ids"] = []
        element["names"] = []
        element.attributes.pop("backrefs", None)


class ExpandAggregates(SphinxPostTransform):
    """Replace each list placeholder by copies of the lesson's blocks."""

    default_priority = 5  # before the blocks are numbered (6) and references resolved (10)

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(aggregate_list)):
            placeholder.replace_self(self._build(placeholder))

    def _build(self, placeholder: aggregate_list) -> nodes.Element:
        data = lesson_data(self.env)
        container = nodes.container(classes=placeholder["classes"])
        here = self.env.docname
        for docname in data.order:
            document = data.documents.get(docname)
            if docname == here or document is None or not document.blocks:
                continue
            blocks = self._blocks_of(docname, placeholder)
            if not blocks:
                continue
            container += self._group(docname, blocks)
        if not container.children:
            container += nodes.paragraph("", _("This lesson has no exercises yet."))
        return container

    def _blocks_of(self, docname: str, placeholder: aggregate_list) -> list[lesson_block]:
        include, exclude = placeholder["include"], placeholder["exclude"]
        doctree = self.env.get_doctree(docname)
        found = []
        for node in doctree.findall(lesson_block):
            if not _qualifies(node, include, exclude):
                continue
            parent = node.parent
            if any(
                isinstance(a, lesson_block) and _qualifies(a, include, exclude)
                for a in _iter_ancestors(parent)
            ):
                continue  # shown inside the block that contains it
            found.append(node)
        return found

    def _group(self, docname: str, blocks: list[lesson_block]) -> nodes.Element:
        builder = builder_of(self.env)
        title = self.env.titles.get(docname)
        title_text = title.astext() if title else docname
        group = nodes.container(classes=["refinery-exerciselist-page"])
        heading = nodes.rubric("", "", classes=["refinery-exerciselist-heading"])
        heading += make_refnode(builder, self.env.docname, docname, "", nodes.Text(title_text))
        group += heading
        for original in blocks:
            copy = original.deepcopy()
            target_id = anchor_of(original)
            _strip_ids(copy)
            _retarget_local_links(copy, builder, self.env.docname, docname)
            group += copy
            where = nodes.paragraph(classes=["refinery-exerciselist-source"])
            where += make_refnode(
                builder,
                self.env.docname,
                docname,
                target_id,
                nodes.inline("", _("View in context")),
            )
            group += where
        return group


def _iter_ancestors(node: nodes.Node | None):
    while node is not None:
        yield node
        node = node.parent


def _retarget_local_links(tree: nodes.Element, builder, fromdoc: str, todoc: str) -> None:
    """Turn in-page links of a copied block into links to its original page."""
    for ref in list(tree.findall(nodes.reference)):
        if "refid" in ref and "refuri" not in ref:
            refid = ref.attributes.pop("refid")
            new = make_refnode(builder, fromdoc, todoc, refid, ref.children or [nodes.Text("")])
            new["classes"] = ref["classes"]
            ref.replace_self(new)


def setup(app: Sphinx) -> None:
    app.add_node(aggregate_list)
    app.add_directive("exerciselist", ExerciseListDirective)
    app.add_post_transform(ExpandAggregates)
