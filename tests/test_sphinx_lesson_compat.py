"""A lesson in sphinx-lesson-template's layout builds after swapping only extension and theme."""

from __future__ import annotations

import pytest
from helpers import ROOTS, Sources, exercise_titles


@pytest.fixture
def content(copy_root) -> Sources:
    return copy_root(ROOTS / "test-sphinx-lesson" / "content")


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text"])
def test_builds_with_no_warnings(content, builder):
    content.build(builder)


def test_lesson_content(content):
    app = content.build()
    basics = app.page("basics")
    # "Basics-1: ..." names the exercise itself: kept, and no second number.
    assert exercise_titles(basics) == [
        "Basics-1: Stage part of a file",
        "Exercise 1",
        "Basics-2: Inspect the staging area",
    ]
    # The solution nested in Basics-1 and the one after Basics-2 are tied to them.
    summaries = [s.get_text(strip=True) for s in basics.select("details.solution summary")]
    assert summaries == [
        "Solution to Basics-1: Stage part of a file",
        "Solution to Basics-2: Inspect the staging area",
    ]
    assert (
        basics.select_one("details.dropdown:not(.solution) summary").get_text(strip=True)
        == "Exercise leader setup"
    )

    listing = app.page("exercises")
    lists = listing.select(".refinery-exerciselist")
    assert len(lists) == 2
    everything, homework = lists
    assert "Branch-2: Merge" in everything.get_text()
    assert [h.get_text(strip=True) for h in homework.select(".admonition-title")] == ["Homework"]
    # The solutions are copied with their exercises, and linked to the originals.
    assert "git merge spicy" in everything.get_text()
