"""What each view shows: instructor-only content, taken out of the learner
page and kept aside to put back for the instructor copy.

Where the work happens matters for parallel builds (``-j``): Sphinx resolves
every doctree and feeds the search index in the main process, and only
``write_doc`` runs in the workers.  So the main process only takes the
instructor content out of the page (:func:`.builder.split_views`, keeping the removed
nodes aside in a :class:`Removed`); the builder
(:class:`~.builder.ViewsBuilderMixin`) puts it back, marked, to write both
views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ...blocks.kinds import KINDS_BY_NAME
from ...blocks.nodes import INSTRUCTOR_ONLY_CLASS, lesson_block
from ...lesson.withheld import ids_in, orphaned_footnotes

if TYPE_CHECKING:
    from sphinx.config import Config

_ = get_translation("sphinx_refinery")

#: Aggregated content that only instructors see.
INSTRUCTOR_CLASSES = frozenset({"refinery-instructor-guide", INSTRUCTOR_ONLY_CLASS})


def is_page(doctree: nodes.document) -> bool:
    """Whether ``doctree`` is a page, not a document an extension makes to
    resolve a part of one (``sphinx.ext.todo``'s copies of todo entries)."""
    return bool(doctree.get("source"))


def is_instructor_only(node: nodes.Node) -> bool:
    if isinstance(node, lesson_block):
        kind = KINDS_BY_NAME.get(node.get("kind", ""))
        return bool(kind and kind.audience == "instructor")
    return isinstance(node, nodes.Element) and not INSTRUCTOR_CLASSES.isdisjoint(node["classes"])


class Removed:
    """The instructor-only content taken out of a doctree, kept to put it back.

    :meth:`take_from` drops every instructor-only node; references to
    exercises (or other content) that only instructors see become a plain note
    (their ``refinery_learner_text``, if they have one), so that neither their
    title nor a dead link reaches learners.  ``blocks`` are the
    outermost instructor-only nodes, each with its parent, its index there and
    the sibling that followed it; ``notes`` the references to instructor-only
    exercises, each with the note that replaced it.
    """

    __slots__ = ("blocks", "notes")

    def __init__(self) -> None:
        self.blocks: list[tuple[nodes.Element, int, nodes.Node | None, nodes.Element]] = []
        self.notes: list[tuple[nodes.Element, nodes.Element]] = []

    def __bool__(self) -> bool:
        """Whether anything was taken out (the views differ)."""
        return bool(self.blocks or self.notes)

    @classmethod
    def take_from(cls, tree: nodes.Node) -> Removed:
        removed = cls()
        blocks: list[nodes.Element] = []
        references: list[nodes.Element] = []
        _find_instructor_content(tree, blocks, references)
        if blocks:  # and the footnotes only they cite
            gone = set().union(*map(ids_in, blocks))
            blocks += orphaned_footnotes(tree, gone)
        for reference in references:
            text = reference.get("refinery_learner_text") or _(
                "(an exercise in the instructor view)"
            )
            note = nodes.inline("", text)
            reference.replace_self(note)
            removed.notes.append((reference, note))
        for block in blocks:
            parent = block.parent
            index = parent.index(block)
            del parent[index]
            after = parent.children[index] if index < len(parent.children) else None
            removed.blocks.append((parent, index, after, block))
        return removed

    @classmethod
    def take_from_toctrees(cls, tree: nodes.Node, removed: object) -> None:
        """Take the instructor-only entries (objects inside notes) out of the
        toctrees Sphinx resolved after the rest was taken out; add them to
        ``removed`` when it is a :class:`Removed`."""
        for wrapper in list(tree.findall(nodes.compound)):
            if "toctree-wrapper" not in wrapper["classes"]:
                continue
            more = cls.take_from(wrapper)
            if isinstance(removed, Removed):
                removed.blocks += more.blocks

    def put_back(self) -> None:
        """Make the doctree what it was before the content was taken out."""
        for parent, index, after, block in reversed(self.blocks):
            parent.insert(position(parent, after, index), block)
        for reference, note in reversed(self.notes):
            note.parent.replace(note, reference)

    def take_again(self) -> None:
        """Undo :meth:`put_back`."""
        for reference, note in self.notes:
            reference.parent.replace(reference, note)
        for parent, _index, _after, block in self.blocks:
            parent.remove(block)


def _find_instructor_content(
    node: nodes.Node, blocks: list[nodes.Element], references: list[nodes.Element]
) -> None:
    """The outermost instructor-only nodes under ``node`` and the references to
    instructor-only exercises outside them, in document order (one walk)."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        if is_instructor_only(child):
            blocks.append(child)
        elif child.get("refinery_instructor_ref"):
            references.append(child)
        else:
            _find_instructor_content(child, blocks, references)


def position(parent: nodes.Element, after: nodes.Node | None, index: int) -> int:
    """Where a node removed at ``index`` of ``parent``, before ``after``, goes back."""
    if after is not None:
        for position, child in enumerate(parent.children):
            if child is after:
                return position
    return min(index, len(parent.children))


def root_view(config: Config) -> str:
    return config.refinery_views[0] if config.refinery_views else "instructor"


def second_view(config: Config) -> str | None:
    views = config.refinery_views
    return views[1] if len(views) > 1 else None
