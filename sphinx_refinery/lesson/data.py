"""What the extension knows about every document, kept on the build environment.

The canonical Sphinx collector pattern (as in ``sphinx.ext.todo``): facts are
recorded per document while reading, dropped when the document is purged,
merged from parallel readers, and everything that spans documents (numbers,
lists) is computed only after all documents are read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..blocks.nodes import ancestors, lesson_block

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence, Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class BlockRecord:
    """One lesson block of a document, in document order."""

    kind: str
    node_id: str
    title: str
    custom_title: bool
    line: int | None
    labels: tuple[str, ...] = ()
    #: Position among the document's exercises (exercise kinds only).
    exercise_index: int | None = None
    nonumber: bool = False
    #: For solutions: the exercise (index in this document) they belong to.
    solution_of: int | None = None
    #: For solutions: a label given as argument, resolved once all are known.
    solution_label: str = ""
    classes: tuple[str, ...] = ()
    #: Is it nested in another lesson block?
    nested: bool = False
    #: A solution of no exercise by position whose argument is written as a label
    #: (checked once all labels are known).
    orphan: bool = False
    #: Inside a block only instructors see.
    instructor_only: bool = False


class StoredBlock(NamedTuple):
    """One lesson block of a document as the aggregate pages see it."""

    classes: tuple[str, ...]
    #: Positions (in :attr:`DocumentData.outline`) of the lesson blocks it is nested in.
    outer: tuple[int, ...]
    #: Digest of the block's subtree (``pformat``): changes when what a copy shows changes.
    digest: bytes
    #: What a copy shows of other blocks, resolved at write time: the exercises
    #: (docname, exercise index) whose numbers and titles it shows (its own, and
    #: those its solutions belong to), the labels it names (``ref``/``numref``
    #: targets, solution arguments); nested blocks included.
    exercises: tuple[tuple[str, int], ...] = ()
    labels: tuple[str, ...] = ()


def fingerprint(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class DocumentData:
    blocks: list[BlockRecord] = field(default_factory=list)
    #: Labels this document references with ``ref``/``numref``.
    referenced_labels: set[str] = field(default_factory=set)
    #: Kinds of aggregated lists this document shows ("exercises", ...).
    aggregates: set[str] = field(default_factory=set)
    #: Timings and lists the episode declares (a ``lesson.EpisodeInfo``).
    episode: Any = None
    #: The lesson's schedule as this document declares it (a ``timetable.Plan``),
    #: and the line of that declaration.
    schedule_plan: Any = None
    schedule_line: int = 0
    #: Its aggregate placeholders: (aggregate, include, exclude) each.
    placeholders: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    #: While the document is read: its outermost lesson blocks (the nested ones
    #: inside), the doctree's own nodes, so that what later handlers and
    #: transforms do to them counts; :meth:`settle` turns them into the two below.
    reading_blocks: list[nodes.Element] | None = None
    #: Every lesson block, outermost and nested, in document order.
    outline: tuple[StoredBlock, ...] = ()
    #: The outermost blocks as they were pickled with the doctree (the
    #: ``sphinx.ext.todo`` pattern), each kept pickled and compressed: bytes
    #: objects load with the environment at every build, thousands of nodes
    #: would slow every build down; one pickle per block, so that a list page
    #: unpickles only the blocks it shows.
    blocks_pickle: tuple[bytes, ...] = ()
    #: Position in :attr:`outline` of each outermost block (its nested blocks follow it).
    block_starts: tuple[int, ...] = ()
    #: The process that read the document (see :meth:`LessonData.__getstate__`).
    reader: int = 0
    #: Ids of the nodes inside its instructor-only blocks (``lesson.withheld``).
    instructor_ids: frozenset[str] = frozenset()
    #: It has instructor-only blocks.
    instructor_blocks: bool = False
    #: It had solutions that ``refinery_solutions = "hidden"`` left out.
    hidden_solutions: bool = False
    #: Ids of the nodes inside those solutions (``lesson.withheld``).
    hidden_ids: frozenset[str] = frozenset()
    #: It has cross-references (``lesson.withheld.changes``).
    cross_references: bool = False
    #: Its table of contents as learners see it, and its count of entries,
    #: when it lists objects inside notes (``lesson.withheld.toc``).
    learner_toc: Any = None
    #: The targets of the index entries roles make with its references
    #: (``envvar``), outside notes: id -> (domain, role, target).
    role_index_targets: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def settle(self) -> None:
        """Keep the blocks read, detached from the doctree, and their fingerprints."""
        if self.reading_blocks is None:
            return

        copies = [_detached_copy(node) for node in self.reading_blocks]
        flat = [node for top in copies for node in top.findall(lesson_block)]
        position = {id(node): index for index, node in enumerate(flat)}
        self.outline = tuple(
            StoredBlock(
                tuple(node["classes"]),
                tuple(position[id(a)] for a in ancestors(node) if id(a) in position),
                fingerprint(node.pformat()),
                *_dependencies(node),
            )
            for node in flat
        )
        self.blocks_pickle = tuple(
            zlib.compress(pickle.dumps(top, pickle.HIGHEST_PROTOCOL)) for top in copies
        )
        self.block_starts = tuple(position[id(top)] for top in copies)
        self.reading_blocks = None

    def stored_blocks(self, positions: Sequence[int]) -> list[nodes.Element]:
        """Fresh copies of the blocks at ``positions`` of the :attr:`outline`,
        unpickling only the outermost blocks that hold them."""

        self.settle()
        unpickled: dict[int, list[nodes.Element]] = {}
        found = []
        for position in positions:
            top = bisect_right(self.block_starts, position) - 1
            if top not in unpickled:
                tree = pickle.loads(zlib.decompress(self.blocks_pickle[top]))
                unpickled[top] = list(tree.findall(lesson_block))
            found.append(unpickled[top][position - self.block_starts[top]])
        return found

    def __getstate__(self) -> dict[str, Any]:
        # A parallel reader pickles its environment right after reading: the
        # doctree's nodes must not go with it.
        self.settle()
        return self.__dict__


def _dependencies(block: nodes.Element) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """The exercises and labels whose numbers and titles a copy of ``block`` shows."""
    from sphinx import addnodes

    exercises: dict[tuple[str, int], None] = {}
    labels: dict[str, None] = {}
    for node in block.findall(lesson_block):
        docname = node.get("refinery_doc", "")
        for attribute in ("exercise_index", "solution_of"):
            if node.get(attribute) is not None:
                exercises[docname, node[attribute]] = None
        if node.get("kind") == "solution" and node.get("title_arg"):
            labels[node["title_arg"].lower()] = None
    for xref in block.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "std" and xref.get("reftype") in ("ref", "numref"):
            labels[xref["reftarget"].lower()] = None
    return tuple(exercises), tuple(labels)


def _detached_copy(node: nodes.Element) -> nodes.Element:
    """A deep copy that does not refer to the doctree (docutils copies ``_document``)."""
    copy = node.deepcopy()
    for child in copy.findall():
        vars(child).pop("_document", None)
    return copy


@dataclass
class ExerciseNumber:
    """The resolved identity of one exercise."""

    docname: str
    node_id: str
    number: str | None
    title: str
    custom_title: bool
    #: Inside an instructor note: only the instructor view shows it.
    instructor_only: bool = False


@dataclass
class LessonData:
    """Everything the extension stores on ``env.refinery``."""

    documents: dict[str, DocumentData] = field(default_factory=dict)
    #: (docname, exercise index) -> number; filled after reading.
    exercises: dict[tuple[str, int], ExerciseNumber] = field(default_factory=dict)
    #: label -> (docname, exercise index)
    labels: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: (docname, quiz index) -> number, and label -> quiz (``lesson.quizzes``).
    quizzes: dict[tuple[str, int], ExerciseNumber] = field(default_factory=dict)
    quiz_labels: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Documents in lesson (toctree) order, root first.
    order: list[str] = field(default_factory=list)
    #: Per output directory, per aggregate page: a digest of what it shows
    #: (see ``aggregates.pages_to_rewrite``), as last written there.
    shown: dict[str, dict[str, bytes]] = field(default_factory=dict)
    #: What every page's navigation shows: each document's place and title.
    navigation: tuple = ()
    #: The process that holds the build's environment.
    owner: int = field(default_factory=os.getpid, compare=False, repr=False)
    #: Every object the domains list, by (domain, type, name): inside an
    #: instructor note or not, as the last build saw it (``lesson.withheld.changes``).
    placement: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    #: While a learner edition writes its registries (``withheld.learner_registries``),
    #: or anything at all (a learner edition of one tree); reset when unpickled.
    writing_for_learners: bool = field(default=False, compare=False, repr=False)
    #: Everyone's tables of contents (and counts), by document, while
    #: ``env.tocs`` holds the learners' (``withheld.toc``); reset when unpickled.
    displaced_tocs: dict[str, tuple[Any, int]] | None = field(
        default=None, compare=False, repr=False
    )

    def document(self, docname: str) -> DocumentData:
        document = self.documents.get(docname)
        if document is None:
            document = self.documents[docname] = DocumentData(reader=os.getpid())
        return document

    def __getstate__(self) -> dict[str, Any]:
        """A parallel reader (a forked process) sends back only the documents it
        read: Sphinx merges nothing else, and the stored blocks of the documents
        read before the fork would make every chunk's environment larger."""
        state = dict(self.__dict__)
        here = os.getpid()
        if here != self.owner:
            state["documents"] = {
                docname: document
                for docname, document in self.documents.items()
                if document.reader == here
            }
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.owner = os.getpid()
        self.writing_for_learners = False
        self.displaced_tocs = None

    def purge(self, docname: str) -> None:
        self.documents.pop(docname, None)

    def merge(self, docnames: Iterable[str], other: LessonData) -> None:
        for docname in docnames:
            if docname in other.documents:
                self.documents[docname] = other.documents[docname]

    def aggregate_pages(self, aggregate: str | None = None) -> set[str]:
        return {
            docname
            for docname, data in self.documents.items()
            if (aggregate in data.aggregates if aggregate else data.aggregates)
        }

    def settle(self) -> None:
        for document in self.documents.values():
            document.settle()

    def referencing(self, labels: Set[str]) -> set[str]:
        return {
            docname for docname, data in self.documents.items() if data.referenced_labels & labels
        }


def lesson_data(env: BuildEnvironment) -> LessonData:
    """The extension's data on ``env`` (created on first use)."""
    data = getattr(env, "refinery", None)
    if not isinstance(data, LessonData):
        data = LessonData()
        env.refinery = data  # type: ignore[attr-defined]  # our store on the env
    return data


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    lesson_data(env).purge(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other) -> None:
    lesson_data(env).merge(docnames, lesson_data(other))


def lesson_order(env: BuildEnvironment) -> list[str]:
    """Documents in reading order: the root's toctree depth first, then the rest sorted."""
    root = env.config.root_doc
    seen: dict[str, None] = {}
    stack = [root] if root in env.all_docs else []
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen[docname] = None
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    in_toctree = list(seen)
    return in_toctree + sorted(set(env.all_docs) - seen.keys())


def rewrite_all_when_navigation_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page lists the episodes: a new title or order means rewriting them all.

    Sphinx itself rewrites only the documents it re-read, which would leave the
    other pages with stale navigation after an episode is renamed or moved.
    """
    data = lesson_data(env)
    navigation = tuple(
        (
            docname,
            env.titles[docname].astext() if docname in env.titles else "",
            tuple(env.toctree_includes.get(docname, ())),
        )
        for docname in lesson_order(env)
    )
    changed = bool(data.navigation) and navigation != data.navigation
    data.navigation = navigation
    return sorted(env.all_docs) if changed else []


def setup(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", rewrite_all_when_navigation_changes)
