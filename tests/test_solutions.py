"""How solutions are shown: collapsed, expanded or hidden; in place, at the end or on a page."""

from __future__ import annotations

import pytest


@pytest.fixture
def exercises(copy_root):
    return copy_root("exercises")


@pytest.mark.parametrize("show", ["collapsed", "expanded", "hidden"])
def test_solution_display(exercises, show):
    app = exercises.build(confoverrides={"refinery_solutions": show})
    second = app.page("second")
    details = second.select("details.solution")
    search = app.text("searchindex.js")
    if show == "hidden":
        assert details == []
        assert "Solves alpha from another page" not in second.get_text()
        assert '"belong"' not in search  # stem of "Belongs", only in a solution
    else:
        assert '"belong"' in search
        assert len(details) == 2
        assert all(d.has_attr("open") == (show == "expanded") for d in details)


def test_solutions_at_end_of_episode(exercises):
    app = exercises.build(confoverrides={"refinery_solutions_placement": "end"})
    second = app.page("second")
    end = second.select_one("section#refinery-solutions")
    assert end is not None
    assert [s.summary.get_text(strip=True) for s in end.select("details.solution")] == [
        "Solution to Exercise 2",
        "Just a title",
    ]
    pointers = [a["href"] for a in second.select("p.refinery-solution-link a")]
    assert pointers == ["#solution-0", "#solution-1"]


def test_unknown_solution_setting_warns(exercises):
    app = exercises.build(confoverrides={"refinery_solutions": "folded"}, strict=False)
    assert "refinery_solutions = 'folded' is not one of" in app.warnings


def test_solutions_on_their_own_page(exercises):
    (exercises / "solutions.md").write_text("# Solutions\n\n```{solutionlist}\n```\n")
    index = exercises / "index.md"
    index.write_text(index.read_text().replace("second\n", "second\nsolutions\n"))
    app = exercises.build(confoverrides={"refinery_solutions_placement": "page"})
    second = app.page("second")
    assert second.select("details.solution") == []
    pointers = [a["href"] for a in second.select("p.refinery-solution-link a")]
    assert pointers == ["solutions.html#second-solution-0", "solutions.html#second-solution-1"]
    listing = app.page("solutions")
    for href in pointers:
        assert listing.select_one(f"#{href.split('#')[1]}") is not None
    assert "Solves alpha from another page." in listing.get_text()


def test_solutions_page_placement_without_a_page_warns(exercises):
    app = exercises.build(confoverrides={"refinery_solutions_placement": "page"}, strict=False)
    assert "needs a page with the solutionlist directive" in app.warnings
    assert app.page("second").select("details.solution")
