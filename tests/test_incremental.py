"""Incremental and parallel builds give the same pages as a clean serial build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import rewrite

ROOT = Path(__file__).parent / "roots" / "test-blocks"

NEW_EXERCISE = """
:::{exercise} Added later
:label: ex-added
A freshly added exercise survives.
:::
"""


def html_pages(outdir: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
        if "_static" not in path.parts
    }


def copy_root(dest: Path) -> Path:
    shutil.copytree(ROOT, dest)
    return dest


def add_exercise(srcdir: Path) -> None:
    episode = srcdir / "myst_backtick.md"
    rewrite(episode, episode.read_text(encoding="utf-8") + NEW_EXERCISE)


def test_adding_an_exercise_renumbers_like_a_clean_build(make_app, strict_build, tmp_path):
    incremental = copy_root(tmp_path / "incremental")
    strict_build(make_app("html", srcdir=incremental))
    add_exercise(incremental)
    app = strict_build(make_app("html", srcdir=incremental))

    clean = copy_root(tmp_path / "clean")
    add_exercise(clean)
    clean_app = strict_build(make_app("html", srcdir=clean))

    assert html_pages(Path(app.outdir)) == html_pages(Path(clean_app.outdir))
    listing = (Path(app.outdir) / "exercises.html").read_text(encoding="utf-8")
    assert "A freshly added exercise survives." in listing


def test_removing_an_exercise_page_updates_the_list(make_app, strict_build, tmp_path):
    srcdir = copy_root(tmp_path / "src")
    strict_build(make_app("html", srcdir=srcdir))
    (srcdir / "nested.md").unlink()
    index = srcdir / "index.md"
    rewrite(index, index.read_text(encoding="utf-8").replace("nested\n", ""))
    app = strict_build(make_app("html", srcdir=srcdir))
    listing = (Path(app.outdir) / "exercises.html").read_text(encoding="utf-8")
    assert "Outer exercise body survives." not in listing


@pytest.mark.parametrize("builder", ["html", "singlehtml"])
def test_parallel_build_equals_serial(make_app, strict_build, tmp_path, builder):
    serial = strict_build(make_app(builder, srcdir=copy_root(tmp_path / "serial")))
    parallel = strict_build(make_app(builder, srcdir=copy_root(tmp_path / "parallel"), parallel=2))
    assert html_pages(Path(parallel.outdir)) == html_pages(Path(serial.outdir))
