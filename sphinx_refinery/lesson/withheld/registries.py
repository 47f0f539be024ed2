"""The ids learners never reach, recorded per document, and the registries
as a learner edition writes them.

- :func:`forget_ids`: content of a hidden solution is in no output; its ids
  are kept as the document's ``hidden_ids`` and its ``std`` labels, terms and
  index entries are dropped for good.
- :func:`record_instructor_ids`: the ids inside a document's instructor-only
  blocks (``instructor_ids``).
- :func:`learner_registries`: while a learner edition writes its general
  index, inventory and search index, the index entries inside instructor
  notes (and those ``envvar`` references to a variable inside one make) are
  out, and the domains report none of their objects
  (:mod:`.domains` reads :func:`withheld_ids`).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ...blocks.nodes import kind_of, lesson_block
from ..data import lesson_data
from .toc import show_learner_tocs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

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


def _index_entries(env: BuildEnvironment) -> dict[str, list]:
    return env.get_domain("index").data.setdefault("entries", {})


def _drop_index_entries(
    env: BuildEnvironment, withheld: Callable[[str, str], bool]
) -> dict[str, list]:
    """Take the index entries whose (docname, id) is ``withheld`` out of the
    index domain; return the lists they were in, to put back."""
    entries = _index_entries(env)
    lists: dict[str, list] = {}
    for docname, listed in list(entries.items()):
        kept = [entry for entry in listed if not withheld(docname, entry[2])]
        if len(kept) != len(listed):
            lists[docname] = listed
            entries[docname] = kept
    return lists


def forget_ids(env: BuildEnvironment, docname: str, ids: Set[str]) -> None:
    """Drop the entries of ``docname`` that point at ``ids`` (content that is
    in no output): its ``std`` targets and index entries; the other domains'
    objects are withheld from every output by their ids."""
    if not ids:
        return
    document = lesson_data(env).document(docname)
    document.hidden_ids = document.hidden_ids | frozenset(ids)
    std = env.get_domain("std").data
    for table in (std[name] for name in STD_TABLES if isinstance(std.get(name), dict)):
        for name, target in list(table.items()):
            if target[0] == docname and target[1] in ids:
                del table[name]
    _drop_index_entries(env, lambda doc, node_id: doc == docname and node_id in ids)


def role_index_nodes(xref: nodes.Node) -> list[nodes.Element]:
    """The index entry and its target that a role put before its reference
    ``xref`` (Sphinx's ``envvar``: ``[index, target, reference]``), or none."""
    parent = xref.parent
    position = parent.index(xref) if parent is not None else 0
    if position < 2:
        return []
    index, target = parent[position - 2], parent[position - 1]
    if not isinstance(index, addnodes.index) or not isinstance(target, nodes.target):
        return []
    if not index["entries"]:
        return []
    ids = set(target["ids"])
    if ids and all(entry[2] in ids for entry in index["entries"]):
        return [index, target]
    return []


def record_instructor_ids(app: Sphinx, doctree: nodes.document) -> None:
    """Note the ids inside the document's instructor-only blocks, and the
    targets of the index entries roles make with learners' references
    (``doctree-read``)."""
    document = lesson_data(app.env).document(app.env.docname)
    ids: set[str] = set()
    for block in doctree.findall(lesson_block):
        kind = kind_of(block)
        if kind is not None and kind.audience == "instructor":
            document.instructor_blocks = True
            ids |= ids_in(block)
    document.instructor_ids = frozenset(ids)
    document.role_index_targets = {
        target_id: (xref.get("refdomain", ""), xref.get("reftype", ""), xref["reftarget"])
        for xref in doctree.findall(addnodes.pending_xref)
        if "reftarget" in xref
        for target_id in _role_index_target(xref, ids)
    }


def _role_index_target(xref: addnodes.pending_xref, inside: Set[str]) -> list[str]:
    companions = role_index_nodes(xref)
    return [tid for tid in companions[1]["ids"] if tid not in inside] if companions else []


def _withheld_role_entries(
    env: BuildEnvironment, withheld: Mapping[str, frozenset[str]]
) -> dict[str, set[str]]:
    """By document, the targets of the index entries roles made with
    references to ``std`` objects in ``withheld`` ids (a variable declared in a
    note): the learner page shows a note in the reference's place, not the name."""
    std = env.get_domain("std")
    objects = std.data.get("objects", {})
    found: dict[str, set[str]] = {}
    for docname, document in lesson_data(env).documents.items():
        for target_id, (domain, role, name) in document.role_index_targets.items():
            if domain != "std":
                continue
            for objtype in std.objtypes_for_role(role) or ():
                entry = objects.get((objtype, name))
                if entry is not None and entry[1] in withheld.get(entry[0], ()):
                    found.setdefault(docname, set()).add(target_id)
    return found


def instructor_ids(env: BuildEnvironment) -> Mapping[str, frozenset[str]]:
    return {
        docname: document.instructor_ids
        for docname, document in lesson_data(env).documents.items()
        if document.instructor_ids
    }


def withheld_ids(env: BuildEnvironment) -> Mapping[str, frozenset[str]]:
    """The ids no object listed now may point at, by document: those of hidden
    solutions, and, while a learner edition writes, those inside instructor notes."""
    data = lesson_data(env)
    learners = data.writing_for_learners
    withheld = {}
    for docname, document in data.documents.items():
        ids = document.hidden_ids | document.instructor_ids if learners else document.hidden_ids
        if ids:
            withheld[docname] = ids
    return withheld


def write_for_learners(env: BuildEnvironment, learners: bool) -> None:
    """Whether everything written from now on is for learners (a learner
    edition of one tree: the domains then always withhold what is inside
    notes, and the tables of contents are the learners')."""
    lesson_data(env).writing_for_learners = learners
    show_learner_tocs(env, learners)


@contextmanager
def learner_registries(env: BuildEnvironment) -> Iterator[None]:
    """While in the block, the registries know nothing inside instructor notes."""
    withheld = instructor_ids(env)
    if not withheld:
        yield
        return
    data = lesson_data(env)
    roles = _withheld_role_entries(env, withheld)

    def withheld_entry(doc: str, node_id: str) -> bool:
        return node_id in withheld.get(doc, ()) or node_id in roles.get(doc, ())

    lists = _drop_index_entries(env, withheld_entry)
    before, data.writing_for_learners = data.writing_for_learners, True
    try:
        yield
    finally:
        data.writing_for_learners = before
        _index_entries(env).update(lists)


def setup(app: Sphinx) -> None:
    # After hidden solutions are dropped (450) and the blocks are collected.
    app.connect("doctree-read", record_instructor_ids, priority=600)
