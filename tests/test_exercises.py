"""Exercise numbering styles, labels, solution links and references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import warnings_of
from helpers import page

ROOT = Path(__file__).parent / "roots" / "test-exercises"


def titles(soup) -> list[str]:
    return [t.get_text("", strip=True) for t in soup.select("div.exercise > .admonition-title")]


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT, tmp_path / "src"))


def test_lesson_numbering(make_app, strict_build, srcdir):
    app = strict_build(make_app("html", srcdir=srcdir))
    assert titles(page(app, "index")) == ["Exercise 1: On the front page"]
    assert titles(page(app, "first")) == ["Exercise 2: Alpha", "Not counted", "Exercise 3"]
    assert titles(page(app, "second")) == ["Exercise 4: Gamma"]


def test_episode_numbering(make_app, strict_build, srcdir):
    app = strict_build(
        make_app("html", srcdir=srcdir, confoverrides={"refinery_exercise_numbering": "episode"})
    )
    assert titles(page(app, "index")) == ["Exercise 1: On the front page"]
    assert titles(page(app, "first")) == ["Exercise 1.1: Alpha", "Not counted", "Exercise 1.2"]
    assert titles(page(app, "second")) == ["Exercise 2.1: Gamma"]


def test_no_numbering(make_app, strict_build, srcdir):
    second = srcdir / "second.md"
    # numref needs a number: keep only ref in this variant
    second.write_text(second.read_text().split("Links:")[0] + "See {ref}`ex-alpha`.\n")
    app = strict_build(
        make_app("html", srcdir=srcdir, confoverrides={"refinery_exercise_numbering": "none"})
    )
    assert titles(page(app, "first")) == ["Alpha", "Not counted", "Exercise"]
    links = [
        a.get_text() for a in page(app, "second").select("[role=main] p:not(.refinery-backlink) a")
    ]
    assert links == ["Alpha"]


def test_solutions_and_references(make_app, strict_build, srcdir):
    app = strict_build(make_app("html", srcdir=srcdir))
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


def test_numref_to_unnumbered_exercise_warns(make_app, srcdir):
    (srcdir / "second.md").write_text(
        "# Second\n\n:::{exercise} Free\n:label: ex-free\n:nonumber:\nFree.\n:::\n\n"
        "See {numref}`ex-free`.\n"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    assert "second.md:9" in warnings
    assert "numref to the unnumbered exercise 'ex-free'" in warnings


def test_duplicate_labels_warn(make_app, srcdir):
    (srcdir / "second.md").write_text(
        "# Second\n\n:::{exercise} Again\n:label: ex-alpha\nDuplicate.\n:::\n"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    assert "duplicate label ex-alpha" in warnings
    assert "second.md:3" in warnings


def test_lesson_defaults_for_myst_and_copybutton(make_app, strict_build, srcdir):
    app = strict_build(make_app("html", srcdir=srcdir))
    assert "colon_fence" in app.config.myst_enable_extensions
    assert app.config.copybutton_prompt_is_regexp is True
    script = (Path(app.outdir) / "_static" / "copybutton.js").read_text()
    assert r"\\$ " in script or r"\$ " in script


def test_author_settings_win(make_app, strict_build, srcdir):
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text() + 'myst_enable_extensions = ["deflist"]\ncopybutton_prompt_text = "%% "\n'
    )
    for name in ("first", "second"):  # colon fences are off now: use backticks
        path = srcdir / f"{name}.md"
        path.write_text(path.read_text().replace(":::{", "```{").replace(":::", "```"))
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace(":::{", "```{").replace(":::", "```"))
    app = strict_build(make_app("html", srcdir=srcdir))
    assert app.config.myst_enable_extensions == ["deflist"]
    assert app.config.copybutton_prompt_text == "%% "


def test_command_line_settings_win(make_app, strict_build, srcdir):
    app = strict_build(
        make_app(
            "html",
            srcdir=srcdir,
            confoverrides={"myst_enable_extensions": ["colon_fence", "deflist"]},
        )
    )
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
A title that is only a number keeps it.
:::
"""


def third_page(make_app, strict_build, srcdir: Path, **overrides):
    (srcdir / "third.md").write_text(THIRD)
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("second\n", "second\nthird\n", 1))
    app = strict_build(make_app("html", srcdir=srcdir, confoverrides=overrides))
    return app, page(app, "third"), page(app, "instructor/third")


def test_exercises_in_instructor_notes_leave_no_gap(make_app, strict_build, srcdir):
    _app, learner, instructor = third_page(make_app, strict_build, srcdir)
    assert titles(learner) == [
        "Exercise 5: Sort the list",
        "Exercise 6: Reverse the list",
        "Exercise 7: Challenge 8",
    ]
    assert "For the instructor" not in learner.get_text()
    assert titles(instructor) == [
        "Exercise 5: Sort the list",
        "For the instructor",
        "Exercise 6: Reverse the list",
        "Exercise 7: Challenge 8",
    ]
    note = instructor.select_one("div.instructor-note div.exercise > .admonition-title")
    assert note.get_text(strip=True) == "For the instructor"


def test_written_numbers_kept_without_numbering(make_app, strict_build, srcdir):
    second = srcdir / "second.md"
    second.write_text(second.read_text().split("Links:")[0])  # numref needs numbers
    _app, learner, _instructor = third_page(
        make_app, strict_build, srcdir, refinery_exercise_numbering="none"
    )
    assert titles(learner) == [
        "Challenge 7: Sort the list",
        "Exercise 9. Reverse the list",
        "Challenge 8",
    ]
