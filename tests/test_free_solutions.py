"""Solutions that belong to no exercise (after a discussion, a demo or a questions
block, or standing alone) build without a warning, titled "Solution" or by their
argument; an argument is an exercise's label only when it is one."""

from __future__ import annotations

import pytest
from helpers import build_once

PAGES = ("free_myst", "free_rest")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    yield from build_once(tmp_path_factory, "free-solutions")  # fails on any warning


def solution_titles(built, name: str) -> list[str]:
    from helpers import page

    return [
        " ".join(t.get_text(" ", strip=True).split())
        for t in page(built, name).select(
            "details.solution summary, div.solution > .admonition-title"
        )
    ]


def test_free_solutions_in_markdown(built):
    assert solution_titles(built, "free_myst") == [
        "Solution",  # after a discussion: not the exercise's, although it came before
        "our motivation (but let us brainstorm first)",
        "Solution",
        "Windows",
        "macOS & Linux: open a terminal",
        "Solution to Exercise 1",
    ]


def test_free_solutions_in_rest(built):
    assert solution_titles(built, "free_rest") == [
        "Solution",
        "our motivation (but let us brainstorm first)",
        "Windows",
        "Solution to Exercise 2",
    ]


@pytest.mark.parametrize("name", PAGES)
def test_only_the_labelled_solution_links_back(built, name):
    from helpers import page

    assert len(page(built, name).select(".refinery-backlink")) == 1


def test_a_solution_right_after_its_exercise_still_belongs_to_it(make_app, tmp_path):
    from helpers import page, run_build

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_refinery"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# P\n\n:::{exercise} Count\nCount.\n:::\n\nA hint in prose.\n\n:::{solution}\nTen.\n:::\n",
        encoding="utf-8",
    )
    app = run_build(make_app("html", srcdir=tmp_path))
    [summary] = page(app, "index").select("details.solution summary")
    assert "Solution to Exercise 1" in summary.get_text()


def test_a_lone_solution_without_argument_builds_cleanly(make_app, tmp_path):
    """Was a warning ("a solution with no exercise before it"); sphinx-lesson accepted it."""
    from helpers import page, run_build

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_refinery"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# P\n\n:::{solution}\nS.\n:::\n\n:::{exercise}\nE.\n:::\n", encoding="utf-8"
    )
    app = run_build(make_app("html", srcdir=tmp_path))
    [summary] = page(app, "index").select("details.solution summary")
    assert summary.get_text(strip=True).endswith("Solution")
