"""Smoke test of the build benchmark (benchmarks/run.py): not a timed test.

Generates a tiny lesson in every dialect and builds the sphinx_refinery one
once, the way the benchmark does (child process, rusage).
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_every_dialect_generates_the_same_lesson(bench, tmp_path):
    lessongen = bench.lessongen
    for theme in ("sphinx_refinery", "alabaster", "sphinx_lesson"):
        lesson = lessongen.generate(tmp_path / theme, theme, 3)
        names = sorted(str(p.relative_to(lesson.root)) for p in lesson.root.rglob("*.*"))
        assert len(names) == 3 + 1 + 1 + 2 + len(lessongen.AGGREGATE_PAGES) + 1, names
        assert lesson.middle_doc == "episodes/ep-0002"
        assert lessongen.exercise_title(2) in lesson.middle_source.read_text(encoding="utf-8")
    edited = lessongen.edit_exercise_title(lesson, "(edit 1)")
    assert edited in lesson.middle_source.read_text(encoding="utf-8")


def test_one_build_of_sphinx_refinery(bench, tmp_path):
    lessongen = bench.lessongen
    lesson = lessongen.generate(tmp_path / "src", "sphinx_refinery", 2)
    out = tmp_path / "out"
    build, _ = bench.run_sphinx(sys.executable, lesson.root, out, "1")
    assert build.returncode == 0, build.stderr_tail
    assert build.warnings == 0, build.stderr_tail
    assert build.max_rss_kb > 10_000
    html = out / "html"
    # every block kind is used: instructor-only ones are in the instructor copy
    page = (html / "instructor" / f"{lesson.middle_doc}.html").read_text(encoding="utf-8")
    for kind in lessongen.BLOCK_KINDS:
        assert re.search(rf'class="[^"]*\b{re.escape(kind.name)}\b', page), kind.name
    assert 'class="highlight-python' in page and "diagram.svg" in page
    exercises = (html / "exercises.html").read_text(encoding="utf-8")
    assert lessongen.exercise_title(lesson.middle) in exercises
    hashes = bench.html_hashes(html)
    assert "index.html" in hashes and "schedule.html" in hashes
