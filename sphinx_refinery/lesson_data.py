"""What the extension knows about every document, kept on the build environment.

The canonical Sphinx collector pattern (as in ``sphinx.ext.todo``): facts are
recorded per document while reading, dropped when the document is purged,
merged from parallel readers, and everything that spans documents (numbers,
lists) is computed only after all documents are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

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
    #: A solution with no exercise before it in its document.
    orphan: bool = False
    #: Inside a block only instructors see.
    instructor_only: bool = False


@dataclass
class DocumentData:
    blocks: list[BlockRecord] = field(default_factory=list)
    #: Labels this document references with ``ref``/``numref``.
    referenced_labels: set[str] = field(default_factory=set)
    #: Kinds of aggregated lists this document shows ("exercises", ...).
    aggregates: set[str] = field(default_factory=set)
    #: Timings and lists the episode declares (a ``lesson.EpisodeInfo``).
    episode: Any = None
    #: Documents this document's schedules leave out.
    schedule_exclude: set[str] = field(default_factory=set)


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
    #: Documents in lesson (toctree) order, root first.
    order: list[str] = field(default_factory=list)
    #: Documents added, changed or removed since the last build.
    changed_documents: set[str] = field(default_factory=set)
    #: What every page's navigation shows: each document's place and title.
    navigation: tuple = ()
    #: Pages written in both views (they have instructor-only content).
    instructor_pages: set[str] | None = None

    def document(self, docname: str) -> DocumentData:
        return self.documents.setdefault(docname, DocumentData())

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

    def referencing(self, labels: Set[str]) -> set[str]:
        return {
            docname for docname, data in self.documents.items() if data.referenced_labels & labels
        }


def lesson_data(env: BuildEnvironment) -> LessonData:
    """The extension's data on ``env`` (created on first use)."""
    data = getattr(env, "refinery", None)
    if not isinstance(data, LessonData):
        data = LessonData()
        env.refinery = data  # type: ignore[attr-defined]
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
