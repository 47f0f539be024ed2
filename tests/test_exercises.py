"""Exercise numbering styles, labels, solution links and references."""

from __future__ import annotations

import pytest
from helpers import Sources, exercise_titles, page


def titles(soup) -> list[str]:
    return exercise_titles(soup, "")


@pytest.fixture
def srcdir(copy_root) -> Sources:
    return copy_root("exercises")


def test_lesson_numbering(srcdir):
    app = srcdir.build()
    assert titles(page(app, "index")) == ["Exercise 1: On the front page"]
    assert titles(page(app, "first")) == ["Exercise 2: Alpha", "Not counted", "Exercise 3"]
    assert titles(page(app, "second")) == ["Exercise 4: Gamma"]


def test_episode_numbering(srcdir):
    app = srcdir.build(confoverrides={"refinery_exercise_numbering": "episode"})
    assert titles(page(app, "index")) == ["Exercise 1: On the front page"]
    assert titles(page(app, "first")) == ["Exercise 1.1: Alpha", "Not counted", "Exercise 1.2"]
    assert titles(page(app, "second")) == ["Exercise 2.1: Gamma"]


def test_no_numbering(srcdir):
    second = srcdir / "second.md"
    # numref needs a number: keep only ref in this variant
    second.write_text(second.read_text().split("Links:")[0] + "See {ref}`ex-alpha`.\n")
    app = srcdir.build(confoverrides={"refinery_exercise_numbering": "none"})
    assert titles(page(app, "first")) == ["Alpha", "Not counted", "Exercise"]
    links = [
        a.get_text() for a in page(app, "second").select("[role=main] p:not(.refinery-backlink) a")
    ]
    assert links == ["Alpha"]


def test_solutions_and_references(srcdir):
    app = srcdir.build()
    second = page(app, "second")
    summaries = second.select("details.solution summary")
    by_label, plain = summaries
    assert by_label.get_text(strip=True) == "Solution to Exercise 2"
    assert by_label.a is None  # no link inside <summary>
    backlink = by_label.parent.select_one("p.refinery-backlink a")
    assert backlink["href"] == "first.html#ex-alpha"
    assert backlink.get_text() == "Back to Exercise 2: Alpha"
    assert plain.get_text(strip=True) == "Just a title"
    links = [
        (a.get_text(), a["href"]) for a in second.select("p:not(.refinery-backlink) a.reference")
    ]
    assert links == [
        ("Exercise 2: Alpha", "first.html#ex-alpha"),
        ("Exercise 3", "first.html#ex-beta"),
        ("Task 4 (Gamma)", "#ex-gamma"),
        ("Nr. 2", "first.html#ex-alpha"),
    ]


@pytest.mark.parametrize(
    ("second", "warnings"),
    [
        (
            "# Second\n\n:::{exercise} Free\n:label: ex-free\n:nonumber:\nFree.\n:::\n\n"
            "See {numref}`ex-free`.\n",
            ["second.md:9", "numref to the unnumbered exercise 'ex-free'"],
        ),
        (
            "# Second\n\n:::{exercise} Again\n:label: ex-alpha\nDuplicate.\n:::\n",
            ["duplicate label ex-alpha", "second.md:3"],
        ),
    ],
    ids=["numref_to_unnumbered_exercise_warns", "duplicate_labels_warn"],
)
def test_label_mistakes_warn(srcdir, second, warnings):
    (srcdir / "second.md").write_text(second)
    app = srcdir.build(strict=False)
    for warning in warnings:
        assert warning in app.warnings


def test_lesson_defaults_for_myst_and_copybutton(srcdir):
    app = srcdir.build()
    assert "colon_fence" in app.config.myst_enable_extensions
    assert app.config.copybutton_prompt_is_regexp is True
    script = app.text("_static/copybutton.js")
    assert r"\\$ " in script or r"\$ " in script


def test_author_settings_win(srcdir):
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text() + 'myst_enable_extensions = ["deflist"]\ncopybutton_prompt_text = "%% "\n'
    )
    for name in ("first", "second"):  # colon fences are off now: use backticks
        path = srcdir / f"{name}.md"
        path.write_text(path.read_text().replace(":::{", "```{").replace(":::", "```"))
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace(":::{", "```{").replace(":::", "```"))
    app = srcdir.build()
    assert app.config.myst_enable_extensions == ["deflist"]
    assert app.config.copybutton_prompt_text == "%% "


def test_command_line_settings_win(srcdir):
    app = srcdir.build(confoverrides={"myst_enable_extensions": ["colon_fence", "deflist"]})
    assert app.config.myst_enable_extensions == ["colon_fence", "deflist"]


THIRD = """# Third

:::{exercise} Challenge 7: Sort the list
Sort it.
:::

::::{instructor-note}
:::{exercise} For the instructor
Only instructors do this one.
:::
::::

:::{exercise} Exercise 9. Reverse the list
Reverse it.
:::

:::{exercise} Challenge 8
A title that is only the kind word and a number gives way to the lesson number.
:::
"""


def third_page(srcdir: Sources, **overrides):
    (srcdir / "third.md").write_text(THIRD)
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("second\n", "second\nthird\n", 1))
    app = srcdir.build(confoverrides=overrides)
    return app, app.page("third"), app.page("instructor/third")


def test_exercises_in_instructor_notes_leave_no_gap(srcdir):
    _app, learner, instructor = third_page(srcdir)
    assert titles(learner) == [
        "Exercise 5: Sort the list",
        "Exercise 6: Reverse the list",
        "Exercise 7",  # the title "Challenge 8" is only the kind word and a number
    ]
    assert "For the instructor" not in learner.get_text()
    assert titles(instructor) == [
        "Exercise 5: Sort the list",
        "For the instructor",
        "Exercise 6: Reverse the list",
        "Exercise 7",  # the title "Challenge 8" is only the kind word and a number
    ]
    note = instructor.select_one("div.instructor-note div.exercise > .admonition-title")
    assert note.get_text(strip=True) == "For the instructor"


def test_written_numbers_kept_without_numbering(srcdir):
    second = srcdir / "second.md"
    second.write_text(second.read_text().split("Links:")[0])  # numref needs numbers
    _app, learner, _instructor = third_page(srcdir, refinery_exercise_numbering="none")
    assert titles(learner) == [
        "Challenge 7: Sort the list",
        "Exercise 9. Reverse the list",
        "Challenge 8",
    ]


# -- numbers and references in every syntax (tests/roots/test-blocks) ------------------------


@pytest.fixture
def html_app(copy_root):
    return copy_root("blocks").build()


def test_numbers_follow_lesson_order(html_app):
    backtick = page(html_app, "myst_backtick")
    assert exercise_titles(backtick) == [
        "Exercise 1 : Backtick exercise title",
        "Exercise 2 : Backtick challenge title",
        "Exercise 3",
    ]
    nested = page(html_app, "nested")
    first = nested.select_one("div.exercise > .admonition-title").get_text(" ", strip=True)
    # myst_colon holds exercises 4 and 5
    assert first.startswith("Exercise 6")


def test_references_to_exercises(html_app):
    nested = page(html_app, "nested")
    links = {a.get_text(strip=True): a["href"] for a in nested.select("p a.reference")}
    assert links["Exercise 6: Outer exercise"] == "#ex-outer"
    assert links["Exercise 7"] == "#ex-colon"
    assert links["the custom text"] == "#ex-colon"
    summary = nested.select_one("details.solution.toggle-shown summary")
    assert summary.get_text(strip=True) == "Solution to Exercise 7"
