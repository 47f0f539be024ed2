"""Episode metadata, the schedule and the aggregated pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import warnings_of
from helpers import page, rewrite

ROOT = Path(__file__).parent / "roots" / "test-lesson"


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT, tmp_path / "src"))


@pytest.fixture
def app(make_app, strict_build, srcdir):
    return strict_build(make_app("html", srcdir=srcdir))


def rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def test_schedule_adds_up(app):
    table = page(app, "index").select_one("table.refinery-schedule")
    assert rows(table) == [
        ["13:00", "Why tests", "10", "5"],
        ["13:15", "Fixtures", "20", "25"],
        ["14:00", "Coffee", "", "15"],
        ["14:15", "Parametrize", "5", "10"],
        ["14:30", "Finish", "", ""],
    ]
    assert "Total: 90 min" in table.get_text()
    links = [a["href"] for a in table.select("tbody a")]
    assert links == ["episodes/one.html", "episodes/two.html", "episodes/three.html"]


def test_front_matter_lists_become_blocks(app):
    one = page(app, "episodes/one")
    section = one.select_one("section")
    blocks = [b["class"] for b in section.find_all("div", recursive=False)]
    assert blocks[0][:1] == ["questions"]
    assert blocks[1][:1] == ["objectives"]
    assert blocks[-1][:1] == ["keypoints"]
    assert "Tests catch regressions." in section.select_one("div.keypoints").get_text()
    three = page(app, "episodes/three")
    items = [li.get_text(strip=True) for li in three.select("div.keypoints li")]
    assert items == ["One test, many cases.", "Parametrize keeps tests short."]


def test_keypoints_summary(app):
    summary = page(app, "keypoints")
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
    guide = page(app, "instructor/guide")
    assert guide.select_one("table.refinery-schedule") is not None
    notes = guide.select("div.instructor-note")
    assert [n.get_text(" ", strip=True) for n in notes] == [
        "Instructor note Live-code the first test.",
        "Instructor note Show the test ids in the output.",
    ]


def test_exercise_index_lists_kinds(app):
    listing = page(app, "exercises")
    items = [li.get_text(" ", strip=True) for li in listing.select(".refinery-aggregate-links li")]
    assert items == [
        "Exercise 1: First test (exercise)",
        "Homework (homework)",
        "Exercise 2: Share setup (challenge)",
    ]


def test_missing_timing_warns(make_app, srcdir):
    one = srcdir / "episodes" / "one.md"
    one.write_text(one.read_text().replace("teaching: 10\n", ""))
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    warnings = warnings_of(app)
    assert "episodes/one.md:1" in warnings
    assert "episode 'Why tests' has no timing" in warnings


def test_bad_timing_value_warns(make_app, srcdir):
    one = srcdir / "episodes" / "one.md"
    one.write_text(one.read_text().replace("teaching: 10", "teaching: ten"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert "teaching: 'ten' is not a number of minutes" in warnings_of(app)


def test_incremental_edits_match_clean_build(make_app, strict_build, tmp_path):
    from test_incremental import html_pages

    def edit(src: Path) -> None:
        two = src / "episodes" / "two.md"
        text = two.read_text().replace("teaching: 20", "teaching: 30")
        text = text.replace(":::{keypoints}\n- Fixtures share setup.\n:::\n", "")
        text = text.replace("# Fixtures", "# Fixtures and setup")
        rewrite(two, text + "\n:::{exercise} Added\nNew.\n:::\n")

    incremental = Path(shutil.copytree(ROOT, tmp_path / "inc"))
    strict_build(make_app("html", srcdir=incremental))
    edit(incremental)
    app = strict_build(make_app("html", srcdir=incremental))
    clean = Path(shutil.copytree(ROOT, tmp_path / "clean"))
    edit(clean)
    clean_app = strict_build(make_app("html", srcdir=clean))
    assert html_pages(Path(app.outdir)) == html_pages(Path(clean_app.outdir))
    assert "Fixtures and setup" in (Path(app.outdir) / "index.html").read_text()


def test_parallel_equals_serial(make_app, strict_build, tmp_path):
    from test_incremental import html_pages

    serial = strict_build(make_app("html", srcdir=shutil.copytree(ROOT, tmp_path / "s")))
    parallel = strict_build(
        make_app("html", srcdir=shutil.copytree(ROOT, tmp_path / "p"), parallel=2)
    )
    assert html_pages(Path(parallel.outdir)) == html_pages(Path(serial.outdir))


@pytest.mark.parametrize("show", ["collapsed", "expanded", "hidden"])
def test_solution_display(make_app, strict_build, tmp_path, show):
    src = Path(shutil.copytree(Path(__file__).parent / "roots" / "test-exercises", tmp_path / "s"))
    app = strict_build(make_app("html", srcdir=src, confoverrides={"refinery_solutions": show}))
    second = page(app, "second")
    details = second.select("details.solution")
    search = (Path(app.outdir) / "searchindex.js").read_text()
    if show == "hidden":
        assert details == []
        assert "Solves alpha from another page" not in second.get_text()
        assert '"belong"' not in search  # stem of "Belongs", only in a solution
    else:
        assert '"belong"' in search
        assert len(details) == 2
        assert all(d.has_attr("open") == (show == "expanded") for d in details)


def test_solutions_at_end_of_episode(make_app, strict_build, tmp_path):
    src = Path(shutil.copytree(Path(__file__).parent / "roots" / "test-exercises", tmp_path / "s"))
    app = strict_build(
        make_app("html", srcdir=src, confoverrides={"refinery_solutions_placement": "end"})
    )
    second = page(app, "second")
    end = second.select_one("section#refinery-solutions")
    assert end is not None
    assert [s.summary.get_text(strip=True) for s in end.select("details.solution")] == [
        "Solution to Exercise 2",
        "Just a title",
    ]
    pointers = [a["href"] for a in second.select("p.refinery-solution-link a")]
    assert pointers == ["#solution-0", "#solution-1"]


def test_unknown_solution_setting_warns(make_app, tmp_path):
    src = Path(shutil.copytree(Path(__file__).parent / "roots" / "test-exercises", tmp_path / "s"))
    app = make_app("html", srcdir=src, confoverrides={"refinery_solutions": "folded"})
    app.build()
    app.cleanup()
    assert "refinery_solutions = 'folded' is not one of" in warnings_of(app)


def test_solutions_on_their_own_page(make_app, strict_build, tmp_path):
    src = Path(shutil.copytree(Path(__file__).parent / "roots" / "test-exercises", tmp_path / "s"))
    (src / "solutions.md").write_text("# Solutions\n\n```{solutionlist}\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("second\n", "second\nsolutions\n"))
    app = strict_build(
        make_app("html", srcdir=src, confoverrides={"refinery_solutions_placement": "page"})
    )
    second = page(app, "second")
    assert second.select("details.solution") == []
    pointers = [a["href"] for a in second.select("p.refinery-solution-link a")]
    assert pointers == ["solutions.html#second-solution-0", "solutions.html#second-solution-1"]
    listing = page(app, "solutions")
    for href in pointers:
        assert listing.select_one(f"#{href.split('#')[1]}") is not None
    assert "Solves alpha from another page." in listing.get_text()


def test_solutions_page_placement_without_a_page_warns(make_app, tmp_path):
    src = Path(shutil.copytree(Path(__file__).parent / "roots" / "test-exercises", tmp_path / "s"))
    app = make_app("html", srcdir=src, confoverrides={"refinery_solutions_placement": "page"})
    app.build()
    app.cleanup()
    assert "needs a page with the solutionlist directive" in warnings_of(app)
    assert page(app, "second").select("details.solution")


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_schedule_in_other_builders(make_app, strict_build, srcdir, builder):
    app = strict_build(make_app(builder, srcdir=srcdir))
    text = "\n".join(
        p.read_text()
        for p in Path(app.outdir).iterdir()
        if p.is_file() and p.suffix in (".txt", ".tex", ".1")
    )
    for cell in ("13:00", "14:30", "Coffee", "Parametrize"):
        assert cell in text
