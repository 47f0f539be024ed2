"""The ``lesson_block`` node and what other modules ask of it.

Every block (exercise, solution, objectives, ...) is a :class:`lesson_block`
node.  It subclasses docutils' generic ``admonition`` so that every builder
that has no visitor of its own for it (text, man, texinfo, ...) still renders
it as a titled admonition: nothing an author writes is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .kinds import KINDS_BY_NAME, BlockKind

if TYPE_CHECKING:
    from collections.abc import Iterator


def kind_of(node: nodes.Element) -> BlockKind | None:
    """The kind of a lesson block node (None for other nodes)."""
    if isinstance(node, lesson_block):
        return KINDS_BY_NAME.get(node.get("kind", ""))
    return None


class lesson_block(nodes.admonition):
    """A lesson block.  Attributes: ``kind``, ``collapsible``, ``custom_title``,
    ``nonumber``, ``title_arg`` and, after collection, ``refinery_doc``."""


def anchor_of(node: nodes.Element) -> str:
    """The id links to a block use: its label's id, else the serial id."""
    serial = node.get("refinery_serial_id")
    labelled = [node_id for node_id in node["ids"] if node_id != serial]
    return (labelled or node["ids"] or [""])[0]


def is_solution(node: nodes.Node) -> bool:
    """Whether ``node`` is a solution block."""
    return isinstance(node, lesson_block) and node.get("kind") == "solution"


#: Class of content that only the instructor view shows besides instructor
#: notes themselves: copies of blocks from inside notes on list pages, a
#: solution's link back to an exercise inside a note.
INSTRUCTOR_ONLY_CLASS = "refinery-instructor-only"


def marked_instructor_only(node: nodes.Node) -> bool:
    """Whether ``node`` carries :data:`INSTRUCTOR_ONLY_CLASS`."""
    return isinstance(node, nodes.Element) and INSTRUCTOR_ONLY_CLASS in node["classes"]


def mark_instructor_only(node: nodes.Element) -> None:
    """Give ``node`` :data:`INSTRUCTOR_ONLY_CLASS` (once)."""
    if INSTRUCTOR_ONLY_CLASS not in node["classes"]:
        node["classes"].append(INSTRUCTOR_ONLY_CLASS)


def for_instructors(node: nodes.Node) -> bool:
    """Whether ``node`` is an instructor-only block or sits inside one."""
    for element in (node, *ancestors(node)):
        kind = kind_of(element) if isinstance(element, nodes.Element) else None
        if kind is not None and kind.audience == "instructor":
            return True
    return False


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The node's parent, its parent's parent, and so on."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent
