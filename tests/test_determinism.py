"""Builds are deterministic: same sources, same bytes, however they are built.

Complements test_incremental.py, test_views.py and test_lesson.py (html and
singlehtml, ``-j 2`` against ``-j 1``, one edit at a time) with: every output
file (instructor copies, bundles and search index included) byte for byte,
across two clean builds; ``-j 2`` for the other builders; and an incremental
build after each step of a sequence of edits (episodes added, renamed and
removed, exercises added and removed, a label renamed) against a clean build
of the same sources.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "roots" / "test-lesson"
THEME = {"html_theme": "sphinx_refinery"}


def site_files(outdir: Path) -> dict[str, bytes]:
    """Every output file but the pickled doctrees, by path."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def without_empty_search_terms(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with the search index's empty term lists dropped.

    Sphinx's incremental index keeps a word whose last page is gone, with an
    empty page list (``"first": []``); a clean build has no such word.  Both
    find the same pages, so the comparison leaves those entries out.
    """
    text = files["searchindex.js"].decode()
    prefix, _, rest = text.partition("(")
    index = json.loads(rest[: rest.rindex(")")])
    for key in ("terms", "titleterms"):
        index[key] = {word: pages for word, pages in index[key].items() if pages != []}
    dumped = json.dumps(index, sort_keys=True, separators=(",", ":"))
    return {**files, "searchindex.js": f"{prefix}({dumped})".encode()}


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    """Files of ``expected`` that ``actual`` lacks or has with other bytes."""
    return [name for name, data in expected.items() if actual.get(name) != data]


def copy_sources(src: Path, dest: Path) -> Path:
    return Path(shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_build")))


def test_two_clean_builds_are_byte_identical(make_app, strict_build, tmp_path):
    first = strict_build(
        make_app("html", srcdir=copy_sources(ROOT, tmp_path / "a"), confoverrides=THEME)
    )
    second = strict_build(
        make_app("html", srcdir=copy_sources(ROOT, tmp_path / "b"), confoverrides=THEME)
    )
    files = site_files(Path(first.outdir))
    assert any(name.startswith("instructor/") for name in files)
    assert any(name.startswith("_static/") for name in files)
    assert differences(files, site_files(Path(second.outdir))) == []
    assert files.keys() == site_files(Path(second.outdir)).keys()


@pytest.mark.parametrize("builder", ["dirhtml", "text", "latex"])
def test_parallel_build_equals_serial(make_app, strict_build, tmp_path, builder):
    serial = strict_build(
        make_app(builder, srcdir=copy_sources(ROOT, tmp_path / "s"), confoverrides=THEME)
    )
    parallel = strict_build(
        make_app(
            builder, srcdir=copy_sources(ROOT, tmp_path / "p"), confoverrides=THEME, parallel=2
        )
    )
    files = site_files(Path(serial.outdir))
    assert files
    assert differences(files, site_files(Path(parallel.outdir))) == []


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


def test_incremental_builds_after_edits_equal_clean_builds(make_app, strict_build, tmp_path):
    src = copy_sources(ROOT, tmp_path / "inc")
    strict_build(make_app("html", srcdir=src, confoverrides=THEME))
    for step, edit in enumerate(EDITS):
        edit(src)
        incremental = strict_build(make_app("html", srcdir=src, confoverrides=THEME))
        clean_src = copy_sources(src, tmp_path / f"clean-{step}")
        clean = strict_build(make_app("html", srcdir=clean_src, confoverrides=THEME))
        # Sphinx leaves the pages of removed documents behind: compare what a clean build has.
        expected = without_empty_search_terms(site_files(Path(clean.outdir)))
        actual = without_empty_search_terms(site_files(Path(incremental.outdir)))
        assert differences(expected, actual) == [], edit.__name__
    guide = (Path(incremental.outdir) / "instructor" / "guide.html").read_text(encoding="utf-8")
    assert "Mocks are a last resort." in guide
    assert "Show the test ids" not in guide
