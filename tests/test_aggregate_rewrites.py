"""Aggregate pages (lists, schedules) are rewritten when, and only when, what they show changes.

Most tests build ``tests/roots/test-aggregates``, change its sources, build
again and compare which HTML files the second build wrote (their mtimes)
and what they say, and that they equal a clean build of the changed sources.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Sources, html_pages, normalized_text, rewrite, soup
from helpers import touch as touch_file

EPISODES = [f"episodes/{name}" for name in ("one", "two", "three", "four", "five")]
#: Every aggregate page, in both views.
AGGREGATE_FILES = {
    f"{view}{page}.html"
    for page in ("exercises", "keypoints", "guide", "schedule")
    for view in ("", "instructor/")
}


def stamps(outdir: Path) -> dict[str, int]:
    return {
        str(path.relative_to(outdir)): path.stat().st_mtime_ns
        for path in outdir.rglob("*.html")
        if "_static" not in path.parts
    }


def text_of(outdir: Path, name: str) -> str:
    """The text of a page's content (not of its navigation, which lists every episode)."""
    main = soup(outdir / name).select_one("[role=main]")
    assert main is not None, name
    return normalized_text(main.get_text())


def touch(srcdir: Path, docname: str) -> None:
    """Date a source later without changing it."""
    touch_file(srcdir / f"{docname}.md")


def replace(srcdir: Path, docname: str, old: str, new: str) -> None:
    path = srcdir / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, (docname, old)
    rewrite(path, text.replace(old, new))


class Lesson:
    """A copy of the test root, built again and again in place."""

    def __init__(self, sources: Sources, parallel: int = 1) -> None:
        self.sources, self.parallel = sources, parallel
        self.srcdir = sources.srcdir
        self.outdir: Path | None = None

    def build(self) -> set[str]:
        """Build; the HTML files this build wrote."""
        before = stamps(self.outdir) if self.outdir else {}
        self.outdir = self.sources.build(parallel=self.parallel).outdir
        after = stamps(self.outdir)
        return {name for name, stamp in after.items() if before.get(name) != stamp}

    def text(self, name: str) -> str:
        assert self.outdir is not None
        return text_of(self.outdir, name)


@pytest.fixture
def lesson(copy_root) -> Lesson:
    built = Lesson(copy_root("aggregates", "incremental"))
    assert built.build() >= AGGREGATE_FILES
    return built


@pytest.fixture
def same_as_clean(copy_root) -> Callable[[Lesson, Callable], None]:
    """Assert that a lesson's output equals a clean build after the same change."""

    def check(lesson: Lesson, change: Callable[[Path], object], removed: str = "") -> None:
        clean = Lesson(copy_root("aggregates", "clean"))
        change(clean.srcdir)
        clean.build()
        assert lesson.outdir is not None and clean.outdir is not None
        pages = html_pages(lesson.outdir)
        if removed:  # Sphinx leaves the output of a removed document in place (both views)
            del pages[f"{removed}.html"]
            pages.pop(f"instructor/{removed}.html", None)
        assert pages == html_pages(clean.outdir)

    return check


def test_touching_an_episode_rewrites_no_aggregate_page(lesson, same_as_clean):
    touch(lesson.srcdir, "episodes/two")
    written = lesson.build()
    assert "episodes/two.html" in written
    assert not written & AGGREGATE_FILES
    same_as_clean(lesson, lambda srcdir: None)


def test_touching_every_page_rewrites_no_aggregate_page(lesson):
    """Aggregate pages re-read themselves are written, the others are not."""
    for docname in [*EPISODES, "index", "exercises"]:
        touch(lesson.srcdir, docname)
    written = lesson.build()
    assert written & AGGREGATE_FILES == {"exercises.html", "instructor/exercises.html"}


EDITS = {
    # name: (docname, old, new, pages that show it, text there, pages left alone)
    "exercise title": (
        "episodes/two",
        "{challenge} Share setup",
        "{challenge} Share the setup",
        {"exercises.html", "instructor/exercises.html"},
        "Share the setup",
        {"schedule.html", "keypoints.html"},
    ),
    "exercise body": (
        "episodes/four",
        "Skip it by default.",
        "Skip it unless asked for.",
        {"exercises.html", "instructor/exercises.html"},
        "Skip it unless asked for.",
        {"schedule.html", "guide.html", "keypoints.html"},
    ),
    "key point": (
        "episodes/one",
        '"Tests catch regressions."',
        '"Tests catch regressions early."',
        {"keypoints.html", "instructor/keypoints.html"},
        "Tests catch regressions early.",
        {"schedule.html", "exercises.html"},
    ),
    "key point block": (
        "episodes/two",
        "- Fixtures share setup.",
        "- Fixtures share setup code.",
        {"keypoints.html"},
        "Fixtures share setup code.",
        {"schedule.html", "exercises.html"},
    ),
    "instructor note": (
        "episodes/three",
        "Show the test ids",
        "Show the test names",
        {"instructor/guide.html"},  # the learner's guide has no instructor notes
        "Show the test names in the output.",
        {"schedule.html", "exercises.html", "keypoints.html"},
    ),
    "timing": (
        "episodes/two",
        "teaching: 20",
        "teaching: 30",
        {"schedule.html", "guide.html", "instructor/guide.html"},
        "Fixtures 30 25",
        {"exercises.html", "keypoints.html"},
    ),
    "break": (
        "episodes/two",
        "break: 5",
        "break: 15",
        {"schedule.html", "guide.html"},
        "Break (15 min)",
        {"exercises.html", "keypoints.html"},
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_rewrites_the_pages_that_show_it(lesson, same_as_clean, edit):
    docname, old, new, shown_on, text, left_alone = EDITS[edit]
    assert text not in lesson.text(next(iter(shown_on)))
    replace(lesson.srcdir, docname, old, new)
    written = lesson.build()
    assert shown_on <= written
    assert not written & left_alone, " ".join(sorted(written))
    for name in shown_on:
        assert text in lesson.text(name), name
    same_as_clean(lesson, lambda srcdir: replace(srcdir, docname, old, new))


def test_a_new_title_renames_the_groups_of_every_list(lesson, same_as_clean):
    replace(lesson.srcdir, "episodes/four", "# Markers", "# Test markers")
    written = lesson.build()
    assert written >= AGGREGATE_FILES
    assert "Test markers" in lesson.text("exercises.html")
    assert "Test markers" in lesson.text("schedule.html")
    same_as_clean(
        lesson, lambda srcdir: replace(srcdir, "episodes/four", "# Markers", "# Test markers")
    )


NEW_EPISODE = """---
teaching: 5
exercises: 5
keypoints: ["Plugins extend pytest."]
---

# Plugins

:::{exercise} Install a plugin
Pick one from the list.
:::
"""


def add_episode(srcdir: Path) -> None:
    rewrite(srcdir / "episodes" / "six.md", NEW_EPISODE)
    replace(srcdir, "index", "episodes/five\n", "episodes/five\nepisodes/six\n")


def remove_episode(srcdir: Path) -> None:
    (srcdir / "episodes" / "five.md").unlink()
    replace(srcdir, "index", "episodes/five\n", "")


def test_adding_an_episode_lists_it(lesson, same_as_clean):
    add_episode(lesson.srcdir)
    written = lesson.build()
    assert written >= AGGREGATE_FILES
    assert "Install a plugin" in lesson.text("exercises.html")
    assert "Plugins extend pytest." in lesson.text("keypoints.html")
    assert "Plugins 5 5" in lesson.text("schedule.html")
    same_as_clean(lesson, add_episode)


def test_removing_an_episode_unlists_it(lesson, same_as_clean):
    remove_episode(lesson.srcdir)
    written = lesson.build()
    assert written >= AGGREGATE_FILES
    assert "Measure coverage" not in lesson.text("exercises.html")
    assert "Coverage shows untested lines." not in lesson.text("keypoints.html")
    assert "Coverage" not in lesson.text("schedule.html")
    same_as_clean(lesson, remove_episode, removed="episodes/five")


def test_renumbered_exercises_rewrite_the_lists_that_show_them(lesson, same_as_clean):
    """A new first exercise renumbers the others: the exercise list shows the
    numbers, the key points a reference to one (their blocks are unchanged)."""

    def add_exercise(srcdir: Path) -> None:
        replace(srcdir, "episodes/one", "::::{exercise} First test", NEW_FIRST_EXERCISE)

    assert "Exercise 1: First test needs none." in lesson.text("keypoints.html")
    add_exercise(lesson.srcdir)
    written = lesson.build()
    assert {"exercises.html", "keypoints.html", "episodes/four.html"} <= written
    assert not written & {"schedule.html", "guide.html"}
    assert "Exercise 4: Mark a slow test" in lesson.text("exercises.html")
    assert "Exercise 2: First test needs none." in lesson.text("keypoints.html")
    same_as_clean(lesson, add_exercise)


NEW_FIRST_EXERCISE = """:::{exercise} Warm up
Run pytest.
:::

::::{exercise} First test"""


def test_parallel_builds_rewrite_the_same_pages(copy_root):
    """-j 2 reads in worker processes, whose data is pickled and merged."""

    def steps(srcdir: Path):
        yield
        # Six documents read again (by two workers with -j 2), nothing changed.
        for docname in [*EPISODES, "index"]:
            touch(srcdir, docname)
        yield
        # The same, with an exercise edited.
        for docname in [*EPISODES[1:], "index"]:
            touch(srcdir, docname)
        replace(srcdir, "episodes/one", "Write one.", "Write a first one.")
        yield
        add_episode(srcdir)
        yield

    runs = {}
    for parallel in (1, 2):
        built = Lesson(copy_root("aggregates", f"j{parallel}"), parallel=parallel)
        written = []
        for _step in steps(built.srcdir):
            written.append(built.build())
        assert built.outdir is not None
        runs[parallel] = written, html_pages(built.outdir)
    assert runs[2] == runs[1]
    written = runs[1][0]
    assert not written[1] & AGGREGATE_FILES
    assert {"exercises.html", "instructor/exercises.html"} <= written[2]
    assert not written[2] & {"schedule.html", "keypoints.html", "guide.html"}


LATE_TRANSFORM = """

from sphinx.transforms import SphinxTransform
from sphinx_refinery.blocks.nodes import lesson_block


class MarkBlocksLate(SphinxTransform):
    default_priority = 990  # after doctree-read (880), before the doctree is pickled

    def apply(self, **kwargs):
        for node in self.document.findall(lesson_block):
            node["classes"].append("marked-late")


def setup(app):
    app.add_transform(MarkBlocksLate)
"""


@pytest.mark.parametrize("parallel", [1, 2])
def test_lists_show_the_blocks_as_pickled(copy_root, parallel):
    """What transforms do to the blocks after doctree-read shows in the lists."""
    built = Lesson(copy_root("aggregates"), parallel=parallel)
    conf = built.srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + LATE_TRANSFORM, encoding="utf-8")
    built.build()
    assert built.outdir is not None
    listing = soup(built.outdir / "exercises.html").select("div.exercise")
    assert len(listing) == 4
    assert all("marked-late" in block["class"] for block in listing)


def test_an_environment_of_an_older_version_is_read_again(lesson, same_as_clean):
    """An environment saved by an older version (no stored blocks) is discarded
    (``env_version``), so its lists are not left empty."""
    assert lesson.outdir is not None
    pickled = lesson.outdir.parent / "doctrees" / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    for document in env.refinery.documents.values():
        for name in ("outline", "blocks_pickle", "block_starts", "reading_blocks", "placeholders"):
            vars(document).pop(name, None)
    vars(env.refinery).pop("shown")
    env.version = {**env.version, "sphinx_refinery": 2}
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))

    written = lesson.build()
    assert written >= AGGREGATE_FILES
    assert "Measure coverage" in lesson.text("exercises.html")
    same_as_clean(lesson, lambda srcdir: None)


# -- an exercise added or its page removed (tests/roots/test-blocks) --------------------------

NEW_EXERCISE = """
:::{exercise} Added later
:label: ex-added
A freshly added exercise survives.
:::
"""


def add_exercise(srcdir: Path) -> None:
    episode = srcdir / "myst_backtick.md"
    rewrite(episode, episode.read_text(encoding="utf-8") + NEW_EXERCISE)


def test_adding_an_exercise_renumbers_like_a_clean_build(copy_root):
    incremental = copy_root("blocks", "incremental")
    incremental.build()
    add_exercise(incremental.srcdir)
    app = incremental.build()

    clean = copy_root("blocks", "clean")
    add_exercise(clean.srcdir)
    clean_app = clean.build()

    assert html_pages(app.outdir) == html_pages(clean_app.outdir)
    listing = app.text("exercises.html")
    assert "A freshly added exercise survives." in listing


def test_removing_an_exercise_page_updates_the_list(copy_root):
    sources = copy_root("blocks")
    sources.build()
    (sources / "nested.md").unlink()
    index = sources / "index.md"
    rewrite(index, index.read_text(encoding="utf-8").replace("nested\n", ""))
    app = sources.build()
    listing = app.text("exercises.html")
    assert "Outer exercise body survives." not in listing


# -- the stored blocks -------------------------------------------------------------------------


def test_a_list_unpickles_only_the_blocks_it_shows(monkeypatch):
    """Each outermost block is stored on its own: asking for one block (or a
    block nested in it) unpickles that block's tree and no other."""
    from docutils import nodes

    from sphinx_refinery.blocks.nodes import lesson_block
    from sphinx_refinery.lesson import data as lesson_data
    from sphinx_refinery.lesson.data import DocumentData

    def block(kind: str, *children: nodes.Node) -> nodes.Element:
        node = lesson_block("", nodes.title("", kind.title()), *children, kind=kind)
        node["classes"] = [kind]
        return node

    tops = [
        block("questions"),
        block("exercise", block("hint"), block("solution")),
        block("keypoints"),
    ]
    document = DocumentData(reading_blocks=tops)
    document.settle()
    assert [b.classes for b in document.outline] == [
        ("questions",),
        ("exercise",),
        ("hint",),
        ("solution",),
        ("keypoints",),
    ]
    assert document.block_starts == (0, 1, 4)
    loads: list[bytes] = []
    real_loads = pickle.loads

    def counting_loads(data: bytes):
        loads.append(data)
        return real_loads(data)

    monkeypatch.setattr(lesson_data.pickle, "loads", counting_loads)
    found = document.stored_blocks([3, 1, 4])
    assert [node["kind"] for node in found] == ["solution", "exercise", "keypoints"]
    assert found[0].parent is found[1]  # the solution inside its exercise's copy
    assert len(loads) == 2  # the exercise's tree and the key points', not the questions'


def test_a_parallel_reader_sends_back_only_what_it_read():
    """In a forked reader the environment is pickled for the main process,
    which merges only the documents that reader read: the others' stored
    blocks stay behind.  The main process pickles everything."""
    import os

    from sphinx_refinery.lesson.data import DocumentData, LessonData

    data = LessonData()
    data.documents["read-here"] = DocumentData(reader=os.getpid())
    data.documents["read-before"] = DocumentData(reader=os.getpid() + 1)
    assert set(pickle.loads(pickle.dumps(data)).documents) == {"read-here", "read-before"}
    data.owner = os.getpid() + 1  # as in a process forked from the owner
    sent = pickle.loads(pickle.dumps(data))
    assert set(sent.documents) == {"read-here"}
    assert sent.owner == os.getpid()  # the process that loaded it owns it
    assert data.document("new").reader == os.getpid()
