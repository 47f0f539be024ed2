"""One schedule per lesson: the start, breaks and days declared once, and every
schedule (the home page's, the instructor guide's) the same; a break is a row
of its own; a workshop of several days restarts its clock each day."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOTS, rewrite

EXAMPLE = ROOTS.parent.parent / "example-lesson"


def schedules(page) -> list[tuple[str, list[list[str]]]]:
    """Each schedule table of a page: its caption and its rows."""
    return [
        (
            table.select_one("caption").get_text(" ", strip=True).rstrip("¶ "),
            [
                [cell.get_text(" ", strip=True) for cell in row.select("td")]
                for row in table.select("tbody tr")
            ],
        )
        for table in page.select("table.refinery-schedule")
    ]


def test_home_and_guide_show_the_same_schedule(copy_root):
    app = copy_root("lesson").build()
    home = schedules(app.page("index"))
    assert home == schedules(app.page("instructor/guide"))
    assert home == schedules(app.page("guide"))
    caption, rows = home[0]
    assert caption == "Total: 90 min"
    assert rows[-1] == ["14:30", "Finish", "", ""]


def test_a_break_is_a_row_of_its_own(copy_root):
    app = copy_root("lesson").build()
    (_caption, rows), *_ = schedules(app.page("index"))
    breaks = [row for row in rows if "(15 min)" in row[1]]
    assert breaks == [["14:00", "Coffee (15 min)", "", ""]]  # no minutes under "Exercises"


def test_the_example_lesson_schedules_agree(copy_root):
    app = copy_root(EXAMPLE).build()
    home = schedules(app.page("index"))
    assert home == schedules(app.page("instructor/guide"))
    (caption, rows), *_ = home
    assert caption == "Total: 110 min"
    assert rows[-1] == ["10:50", "Finish", "", ""]
    assert ["10:05", "Coffee break (15 min)", "", ""] in rows


DAYS = [
    (
        "Day 1, 09:00 to 10:40: 100 min",
        [
            ["09:00", "Setting up", "20", "10"],
            ["09:30", "Coffee (10 min)", "", ""],
            ["09:40", "Reading data", "30", "30"],
            ["10:40", "Finish", "", ""],  # the break after the day's last episode is left out
        ],
    ),
    (
        "Day 2, 23:30 to 00:10 (next day): 40 min",
        [["23:30", "Night session", "25", "15"], ["00:10 (next day)", "Finish", "", ""]],
    ),
    (
        "Day 3, 09:00 to 09:30: 30 min",
        [["09:00", "Wrapping up", "10", "20"], ["09:30", "Finish", "", ""]],
    ),
]


def test_each_day_restarts_its_clock(copy_root):
    app = copy_root("schedule-days").build()
    for page in ("index", "guide", "instructor/guide"):
        html = app.page(page)
        assert schedules(html) == DAYS, page
        assert "Total: 170 min in 3 days" in html.select_one(".refinery-schedule-days").get_text()


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml", "epub"])
def test_days_in_other_builders(copy_root, builder):
    overrides = {"version": "1.0", "copyright": "2026"} if builder == "epub" else {}
    app = copy_root("schedule-days").build(builder, confoverrides=overrides)
    text = "\n".join(
        p.read_text()
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in (".txt", ".tex", ".html", ".xhtml")
    )
    for words in ("Day 2, 23:30 to 00:10 (next day): 40 min", "Total: 170 min in 3 days"):
        assert words in text


def test_a_second_declaration_is_reported(copy_root):
    src = copy_root("schedule-days")
    guide = src / "guide.md"
    rewrite(guide, guide.read_text() + "\n```{schedule}\n:start: 10:00\n```\n")
    app = src.build(strict=False)
    warnings = app.warnings
    assert "guide.md:6: WARNING: schedule: the lesson's start, breaks and days are declared" in (
        warnings
    )
    assert "'index'" in warnings
    # every schedule still shows the one plan
    assert schedules(app.page("guide"))[0] == DAYS[0]


def test_a_day_that_starts_with_no_episode_is_reported(copy_root):
    src = copy_root("schedule-days")
    index = src / "index.md"
    rewrite(index, index.read_text().replace("episodes/wrap-up\n---", "guide\n---"))
    app = src.build(strict=False)
    assert "index.md:3: WARNING: schedule: :days: names 'guide', which is no episode" in (
        app.warnings
    )
