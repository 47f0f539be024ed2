"""What learners never see, beyond the blocks themselves: the labels, index
entries and glossary terms inside instructor notes and hidden solutions.

Sphinx registers these in its domains (the ``std`` labels, objects and terms,
the ``index`` entries) for the whole build, and ``{ref}`` link texts,
``genindex`` and ``objects.inv`` are written from there, not from the page.

- Hidden solutions (``refinery_solutions = "hidden"``) are in no output: their
  entries are dropped from the domains when the solution is dropped
  (:func:`forget_ids`).
- Instructor notes are in the instructor view: their entries stay, the ids
  inside them are recorded per document (:func:`record_instructor_ids`);
  references to them from learner content are marked as instructor references
  (:class:`MarkInstructorReferences`), which the learner view replaces by a
  note; :func:`learner_registries` hides the entries while a learner edition
  writes its index and inventory.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..blocks.nodes import for_instructors, kind_of, lesson_block
from .data import lesson_data

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")

#: The ``std`` domain's tables of targets: name -> (docname, id, ...).
STD_TABLES = ("labels", "anonlabels", "objects", "progoptions", "terms")


def ids_in(tree: nodes.Element) -> set[str]:
    """Every id in ``tree``, its own included."""
    return {node_id for element in tree.findall(nodes.Element) for node_id in element["ids"]}


def orphaned_footnotes(tree: nodes.Node, gone: Set[str]) -> list[nodes.Element]:
    """The footnotes and citations of ``tree`` referenced only from ids in ``gone``
    (MyST gathers footnote definitions at the end of the page, outside the
    block that cites them)."""
    notes: list[nodes.Element] = [*tree.findall(nodes.footnote), *tree.findall(nodes.citation)]
    return [
        note
        for note in notes
        if note["backrefs"] and set(note["backrefs"]) <= gone and not set(note["ids"]) & gone
    ]


def _std_tables(env: BuildEnvironment) -> list[dict]:
    data = env.get_domain("std").data
    return [data[name] for name in STD_TABLES if isinstance(data.get(name), dict)]


def _index_entries(env: BuildEnvironment) -> dict[str, list]:
    return env.get_domain("index").data.setdefault("entries", {})


def _drop(
    env: BuildEnvironment, withheld: Callable[[str, str], bool]
) -> tuple[list[tuple[dict, object, object]], dict[str, list]]:
    """Take the entries whose (docname, id) is ``withheld`` out of the domains;
    return what was taken, to put back."""
    taken: list[tuple[dict, object, object]] = []
    for table in _std_tables(env):
        for name, target in list(table.items()):
            if withheld(target[0], target[1]):
                taken.append((table, name, target))
                del table[name]
    entries = _index_entries(env)
    lists: dict[str, list] = {}
    for docname, listed in list(entries.items()):
        kept = [entry for entry in listed if not withheld(docname, entry[2])]
        if len(kept) != len(listed):
            lists[docname] = listed
            entries[docname] = kept
    return taken, lists


def forget_ids(env: BuildEnvironment, docname: str, ids: Set[str]) -> None:
    """Drop the domain entries of ``docname`` that point at ``ids`` (content
    that is in no output)."""
    if ids:
        _drop(env, lambda doc, node_id: doc == docname and node_id in ids)


def record_instructor_ids(app: Sphinx, doctree: nodes.document) -> None:
    """Note the ids inside the document's instructor-only blocks (``doctree-read``)."""
    document = lesson_data(app.env).document(app.env.docname)
    ids: set[str] = set()
    for block in doctree.findall(lesson_block):
        kind = kind_of(block)
        if kind is not None and kind.audience == "instructor":
            document.instructor_blocks = True
            ids |= ids_in(block)
    document.instructor_ids = frozenset(ids)


def instructor_ids(env: BuildEnvironment) -> Mapping[str, frozenset[str]]:
    return {
        docname: document.instructor_ids
        for docname, document in lesson_data(env).documents.items()
        if document.instructor_ids
    }


@contextmanager
def learner_registries(env: BuildEnvironment) -> Iterator[None]:
    """While in the block, the domains know nothing inside instructor notes."""
    withheld = instructor_ids(env)
    if not withheld:
        yield
        return
    taken, lists = _drop(env, lambda doc, node_id: node_id in withheld.get(doc, ()))
    try:
        yield
    finally:
        for table, name, target in taken:
            table[name] = target
        _index_entries(env).update(lists)


#: The cross-reference types whose targets the ``std`` tables hold, by table.
_XREF_TABLES = {"ref": "labels", "numref": "anonlabels", "term": "terms", "keyword": "labels"}


class MarkInstructorReferences(SphinxPostTransform):
    """Mark references from learner content to targets inside instructor notes.

    The learner view replaces a marked reference by a note, so that neither
    the target's caption nor a link to a page that lacks it reaches learners.
    """

    default_priority = 8  # after exercise references (6), before Sphinx resolves (10)

    def run(self, **kwargs) -> None:
        withheld = instructor_ids(self.env)
        if not withheld:
            return
        std = self.env.get_domain("std").data
        for xref in list(self.document.findall(addnodes.pending_xref)):
            table = _XREF_TABLES.get(xref.get("reftype", ""))
            if xref.get("refdomain") != "std" or table is None:
                continue
            name = xref["reftarget"]
            target = std.get(table, {}).get(name.lower() if table != "objects" else name)
            if target is None or target[1] not in withheld.get(target[0], ()):
                continue
            if for_instructors(xref):
                continue
            wrapper = nodes.inline(
                "",
                "",
                refinery_instructor_ref=True,
                refinery_learner_text=_("(in the instructor view)"),
            )
            xref.replace_self(wrapper)
            wrapper += xref


def setup(app: Sphinx) -> None:
    # After hidden solutions are dropped (450) and the blocks are collected.
    app.connect("doctree-read", record_instructor_ids, priority=600)
    app.add_post_transform(MarkInstructorReferences)
