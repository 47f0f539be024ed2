"""The schedule of the episodes (``sphinx_refinery.lesson.episodes``)."""

from __future__ import annotations

from pathlib import Path

import pytest


def rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def test_schedule_adds_up(copy_root):
    app = copy_root("lesson").build()
    table = app.page("index").select_one("table.refinery-schedule")
    assert rows(table) == [
        ["13:00", "Why tests", "10", "5"],
        ["13:15", "Fixtures", "20", "25"],
        ["14:00", "Coffee (15 min)", "", ""],
        ["14:15", "Parametrize", "5", "10"],
        ["14:30", "Finish", "", ""],
    ]
    assert "Total: 90 min" in table.get_text()
    links = [a["href"] for a in table.select("tbody a")]
    assert links == ["episodes/one.html", "episodes/two.html", "episodes/three.html"]


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_schedule_in_other_builders(copy_root, builder):
    app = copy_root("lesson").build(builder)
    text = "\n".join(
        p.read_text()
        for p in Path(app.outdir).iterdir()
        if p.is_file() and p.suffix in (".txt", ".tex", ".1")
    )
    for cell in ("13:00", "14:30", "Coffee", "Parametrize"):
        assert cell in text
