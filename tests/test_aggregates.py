"""Pages that gather blocks from the whole lesson: exercise lists, key points, the guide."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(copy_root):
    return copy_root("lesson").build()


def test_keypoints_summary(app):
    summary = app.page("keypoints")
    groups = summary.select(".refinery-aggregate-group")
    assert [g.select_one("p.rubric").get_text(strip=True) for g in groups] == [
        "Why tests",
        "Fixtures",
        "Parametrize",
    ]
    assert [li.get_text(strip=True) for li in summary.select(".refinery-aggregate-group li")] == [
        "Tests catch regressions.",
        "Fixtures share setup.",
        "One test, many cases.",
        "Parametrize keeps tests short.",
    ]


def test_instructor_guide_has_schedule_and_notes(app):
    guide = app.page("instructor/guide")
    assert guide.select_one("table.refinery-schedule") is not None
    notes = guide.select("div.instructor-note")
    assert [n.get_text(" ", strip=True) for n in notes] == [
        "Instructor note Live-code the first test.",
        "Instructor note Show the test ids in the output.",
    ]


def test_exercise_index_lists_kinds(app):
    listing = app.page("exercises")
    items = [li.get_text(" ", strip=True) for li in listing.select(".refinery-aggregate-links li")]
    assert items == [
        "Exercise 1: First test (exercise)",
        "Homework (homework)",
        "Exercise 2: Share setup (challenge)",
    ]


def test_exercise_list(copy_root):
    listing = copy_root("blocks").build().page("exercises")
    groups = listing.select(".refinery-exerciselist-page")
    assert [
        g.select_one(".refinery-exerciselist-heading").get_text(strip=True) for g in groups
    ] == [
        "Every block in backtick fences",
        "Every block in colon fences",
        "Nesting four deep",
        "Every block in reStructuredText",
    ]
    # copies have ids of their own: unique on the page, none of the originals'
    ids = [tag["id"] for tag in listing.select("[id]")]
    assert len(ids) == len(set(ids))
    copied = [tag["id"] for tag in listing.select(".refinery-exerciselist [id]")]
    assert copied and not {"ex-outer", "ex-colon", "exercise-0"} & set(copied)
