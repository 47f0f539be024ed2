"""A label written last in an instructor note (or a hidden solution) stays
in it.

docutils gives the ids and names of a target (``.. _name:``, MyST's
``(name)=``) to the element that follows it (``PropagateTargets``), even
when that element is outside the block the target is written in: a label
that ends a note would label what follows the note (a learner's section,
its title and anchor), and the learner view would show and link it.
:class:`KeepTargetsInside` runs just before and puts an empty comment after
such a target: docutils gives nothing to a comment, so the target keeps its
ids inside the note (an anonymous label, withheld with the rest of the note).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ...blocks.nodes import is_solution, kind_of, lesson_block

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Attributes of a target that refers elsewhere (not moved by docutils).
_REFERRING = ("refid", "refuri", "refname")


def withholds(block: lesson_block, hidden_solutions: bool) -> bool:
    """Whether ``block`` is content some readers never get."""
    kind = kind_of(block)
    return (kind is not None and kind.audience == "instructor") or (
        hidden_solutions and is_solution(block)
    )


def _moved_out(target: nodes.target, block: nodes.Element) -> bool:
    """Whether docutils would give ``target``'s ids to a node outside ``block``."""
    if isinstance(target.parent, nodes.TextElement) or any(map(target.hasattr, _REFERRING)):
        return False
    following = target.next_node(ascend=True)
    while isinstance(following, nodes.system_message):
        following = following.next_node(ascend=True, descend=False)
    if following is None:
        return False
    parent = following.parent
    while parent is not None and parent is not block:
        parent = parent.parent
    return parent is None


class KeepTargetsInside(SphinxTransform):
    """Keep the targets that end a withheld block inside it."""

    default_priority = 255  # before docutils' PropagateTargets (260)

    def apply(self, **kwargs) -> None:
        hidden = self.config.refinery_solutions == "hidden"
        for block in self.document.findall(lesson_block):
            if not withholds(block, hidden):
                continue
            for target in list(block.findall(nodes.target)):
                if _moved_out(target, block):
                    target.parent.insert(target.parent.index(target) + 1, nodes.comment())


def setup(app: Sphinx) -> None:
    app.add_transform(KeepTargetsInside)
