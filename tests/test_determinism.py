"""Builds are deterministic: same sources, same bytes, however they are built.

Complements test_build_equivalence.py (every root: ``-j 2`` against ``-j 1``,
an incremental build after one touch or one edit against a clean build) with:
every output file (instructor copies, bundles and search index included) byte
for byte, across two clean builds; and an incremental build after each step
of a sequence of edits (episodes added, renamed and removed, exercises added
and removed, a label renamed) against a clean build of the same sources.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import differences, site_files, without_empty_search_terms

THEME = {"html_theme": "sphinx_refinery"}


def test_two_clean_builds_are_byte_identical(copy_root):
    first = copy_root("lesson", "a").build(confoverrides=THEME)
    second = copy_root("lesson", "b").build(confoverrides=THEME)
    files = site_files(first.outdir)
    assert any(name.startswith("instructor/") for name in files)
    assert any(name.startswith("_static/") for name in files)
    assert differences(files, site_files(second.outdir)) == []
    assert files.keys() == site_files(second.outdir).keys()


# -- a sequence of edits ----------------------------------------------------------

FOUR = """\
---
teaching: 5
exercises: 5
---

# Mocking

::::{exercise} Mock a clock
:label: ex-clock
Replace time.time.

:::{solution}
Use monkeypatch.
:::
::::

:::{instructor-note}
Mocks are a last resort.
:::
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_episode(src: Path) -> None:
    (src / "episodes" / "four.md").write_text(FOUR, encoding="utf-8")
    _replace(src / "index.md", "episodes/three\n", "episodes/three\nepisodes/four\n")
    _replace(src / "episodes" / "one.md", "Tests are code", "See {ref}`ex-clock`. Tests are code")


def rename_episode(src: Path) -> None:
    (src / "episodes" / "two.md").rename(src / "episodes" / "fixtures.md")
    _replace(src / "index.md", "episodes/two\n", "episodes/fixtures\n")
    _replace(src / "index.md", ":breaks: episodes/two 15", ":breaks: episodes/fixtures 15")


def move_exercises(src: Path) -> None:
    _replace(src / "episodes" / "one.md", ":::{exercise} First test\nWrite one.\n:::\n", "")
    three = src / "episodes" / "three.rst"
    three.write_text(
        three.read_text(encoding="utf-8") + "\n.. exercise:: Many inputs\n\n   Add three.\n",
        encoding="utf-8",
    )


def remove_episode(src: Path) -> None:
    (src / "episodes" / "three.rst").unlink()
    _replace(src / "index.md", "episodes/three\n", "")


def rename_label(src: Path) -> None:
    _replace(src / "episodes" / "four.md", ":label: ex-clock", ":label: ex-mock-clock")
    _replace(src / "episodes" / "one.md", "{ref}`ex-clock`", "{ref}`ex-mock-clock`")


EDITS: list[Callable[[Path], None]] = [
    add_episode,
    rename_episode,
    move_exercises,
    remove_episode,
    rename_label,
]


def test_incremental_builds_after_edits_equal_clean_builds(copy_root):
    sources = copy_root("lesson", "inc")
    src = sources.srcdir
    sources.build(confoverrides=THEME)
    for step, edit in enumerate(EDITS):
        edit(src)
        incremental = sources.build(confoverrides=THEME)
        # A copy of the edited sources, built from scratch.
        clean = copy_root(src, f"clean-{step}").build(confoverrides=THEME)
        # Sphinx leaves the pages of removed documents behind: compare what a clean build has.
        expected = without_empty_search_terms(site_files(clean.outdir))
        actual = without_empty_search_terms(site_files(incremental.outdir))
        assert differences(expected, actual) == [], edit.__name__
    guide = incremental.text("instructor/guide.html")
    assert "Mocks are a last resort." in guide
    assert "Show the test ids" not in guide
