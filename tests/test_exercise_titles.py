"""Titles with their own scheme ("Exercise: …", "Exercise Topic-1: …",
"(optional) Branch-3: …", "Challenge 4: …") never show the kind's word twice or
two numbers, in the block, in references, in solutions and in the exercise list."""

from __future__ import annotations

import pytest
from helpers import build_once, exercise_titles, normalized_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    yield from build_once(tmp_path_factory, "exercise-titles")  # fails on any warning


def texts(html, selector: str) -> list[str]:
    return [normalized_text(node.get_text(" ", strip=True)) for node in html.select(selector)]


def test_block_titles(built):
    from helpers import page

    assert [normalized_text(t) for t in exercise_titles(page(built, "titles_myst"))] == [
        "Exercise 1 : Browsing the catalogue",
        "Exercise Topic-1: Counting shelves",
        "(optional) Branch-3: Merging two lists",
        "Exercise 2 : Sorting books",
    ]
    assert [normalized_text(t) for t in exercise_titles(page(built, "titles_rest"))] == [
        "Exercise 3 : Weighing parcels",
        "Licensing-2: Picking a licence",
    ]


def test_references_and_solutions(built):
    from helpers import page

    myst = page(built, "titles_myst")
    assert texts(myst, "p:not(.refinery-backlink) a.reference") == [
        "Exercise 1: Browsing the catalogue",
        "Exercise Topic-1: Counting shelves",
        "(optional) Branch-3: Merging two lists",
        "Exercise 2",
    ]
    assert texts(myst, "details.solution summary") == [
        "Solution to Exercise 1",
        "Solution to Exercise Topic-1: Counting shelves",
    ]
    rest = page(built, "titles_rest")
    assert texts(rest, "p:not(.refinery-backlink) a.reference") == [
        "Exercise 3: Weighing parcels",
        "Licensing-2: Picking a licence",
    ]
    assert texts(rest, "details.solution summary") == ["Solution to Licensing-2: Picking a licence"]


def test_exercise_list(built):
    from helpers import page

    text = normalized_text(page(built, "all").get_text(" "))
    for title in (
        "Exercise 1 : Browsing the catalogue",
        "Exercise Topic-1: Counting shelves",
        "(optional) Branch-3: Merging two lists",
        "Exercise 2 : Sorting books",
        "Exercise 3 : Weighing parcels",
        "Licensing-2: Picking a licence",
    ):
        assert title in text
    for doubled in (
        "Exercise: Browsing",
        "Exercise 1 : Exercise",
        "Challenge 4",
        ": Exercise Topic",
    ):
        assert doubled not in text
