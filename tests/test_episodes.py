"""Episode metadata: front matter lists as blocks, timings and their warnings."""

from __future__ import annotations

import pytest
from helpers import html_pages, rewrite


@pytest.fixture
def lesson(copy_root):
    return copy_root("lesson")


def test_front_matter_lists_become_blocks(lesson):
    app = lesson.build()
    one = app.page("episodes/one")
    section = one.select_one("section")
    blocks = [b["class"] for b in section.find_all("div", recursive=False)]
    assert blocks[0][:1] == ["questions"]
    assert blocks[1][:1] == ["objectives"]
    assert blocks[-1][:1] == ["keypoints"]
    assert "Tests catch regressions." in section.select_one("div.keypoints").get_text()
    three = app.page("episodes/three")
    items = [li.get_text(strip=True) for li in three.select("div.keypoints li")]
    assert items == ["One test, many cases.", "Parametrize keeps tests short."]


@pytest.mark.parametrize(
    ("old", "new", "warnings"),
    [
        ("teaching: 10\n", "", ["episodes/one.md:1", "episode 'Why tests' has no timing"]),
        ("teaching: 10", "teaching: ten", ["teaching: 'ten' is not a number of minutes"]),
    ],
    ids=["missing_timing_warns", "bad_timing_value_warns"],
)
def test_timing_mistakes_warn(lesson, old, new, warnings):
    one = lesson / "episodes/one.md"
    one.write_text(one.read_text().replace(old, new))
    app = lesson.build(strict=False)
    for warning in warnings:
        assert warning in app.warnings


def test_incremental_edits_match_clean_build(copy_root):
    def edit(src) -> None:
        two = src / "episodes/two.md"
        text = two.read_text().replace("teaching: 20", "teaching: 30")
        text = text.replace(":::{keypoints}\n- Fixtures share setup.\n:::\n", "")
        text = text.replace("# Fixtures", "# Fixtures and setup")
        rewrite(two, text + "\n:::{exercise} Added\nNew.\n:::\n")

    incremental = copy_root("lesson", "inc")
    incremental.build()
    edit(incremental)
    app = incremental.build()
    clean = copy_root("lesson", "clean")
    edit(clean)
    clean_app = clean.build()
    assert html_pages(app.outdir) == html_pages(clean_app.outdir)
    assert "Fixtures and setup" in app.text("index.html")
