"""References into withheld content, once Sphinx resolved them.

A domain tags the reference it resolves to an object or label it withholds
(:mod:`.domains`); right after Sphinx's ``ReferencesResolver``,
:class:`ReplaceWithheldReferences` makes each tagged reference

- into a hidden solution: its text, unlinked, as Sphinx shows a reference it
  cannot resolve (the solution is in no output);
- from learner content into an instructor note: a reference marked as an
  instructor reference, which the learner view and the learner edition
  replace by a note, "(in the instructor view)"
  (:class:`~sphinx_refinery.outputs.views.content.Removed`), so that neither
  the target's name or caption nor a link to an anchor the learner page lacks
  reaches learners; the instructor view keeps the link.  The index entry a
  role makes with its reference (``envvar``: the variable's name) goes with
  it, as its entry in the learners' general index
  (:func:`.registries.learner_registries`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domains import WITHHELD
from .registries import role_index_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("sphinx_refinery")


class ReplaceWithheldReferences(SphinxPostTransform):
    """Unlink references into hidden solutions; mark references into notes."""

    default_priority = 11  # right after Sphinx resolves references (10)

    def run(self, **kwargs) -> None:
        tagged = [node for node in self.document.findall(nodes.Element) if WITHHELD in node]
        for resolved in tagged:
            withheld = resolved.attributes.pop(WITHHELD)
            if withheld == "hidden":
                for reference in list(resolved.findall(nodes.reference)):
                    reference.replace_self(reference.children)
                continue
            wrapper = nodes.inline(
                "",
                "",
                refinery_instructor_ref=True,
                refinery_learner_text=_("(in the instructor view)"),
            )
            companions = role_index_nodes(resolved)
            resolved.replace_self(wrapper)
            for node in companions:
                node.parent.remove(node)
            wrapper += [*companions, resolved]


def setup(app: Sphinx) -> None:
    app.add_post_transform(ReplaceWithheldReferences)
