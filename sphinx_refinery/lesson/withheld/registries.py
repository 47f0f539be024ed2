"""The ids learners never reach, recorded per document, and the registries
as a learner edition writes them.

- :func:`forget_ids`: content of a hidden solution is in no output; its ids
  are kept as the document's ``hidden_ids`` and its ``std`` labels, terms and
  index entries are dropped for good.
- :func:`record_instructor_ids`: the ids inside a document's instructor-only
  blocks (``instructor_ids``).
- :func:`learner_registries`: while a learner edition writes its general
  index, inventory and search index, the index entries inside instructor
  notes are out, and the domains report none of their objects
  (:mod:`.domains` reads :func:`withheld_ids`).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes

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
    lists = _drop_index_entries(env, lambda doc, node_id: node_id in withheld.get(doc, ()))
    before, data.writing_for_learners = data.writing_for_learners, True
    try:
        yield
    finally:
        data.writing_for_learners = before
        _index_entries(env).update(lists)


def setup(app: Sphinx) -> None:
    # After hidden solutions are dropped (450) and the blocks are collected.
    app.connect("doctree-read", record_instructor_ids, priority=600)
