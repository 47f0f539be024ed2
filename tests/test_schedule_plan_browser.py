"""In Chromium: every day's table of a multi-day schedule fits a phone's width,
a time past midnight included, and the days' columns line up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import chromium, served_root_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    yield from served_root_site(tmp_path_factory, "test-schedule-days")


@pytest.mark.parametrize("page_name", ["index.html", "instructor/guide.html"])
def test_each_day_fits_a_phone(browser, server, page_name):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + page_name)
    widths = page.evaluate(
        """() => [...document.querySelectorAll('table.refinery-schedule')].map(t => [
            t.getBoundingClientRect().right, t.parentElement.getBoundingClientRect().right])"""
    )
    page.close()
    assert len(widths) == 3
    assert all(right <= box + 0.5 for right, box in widths), widths


@pytest.mark.parametrize("width", [390, 1280])
def test_the_days_columns_line_up(browser, server, width):
    """Each day's table has its columns where the other days have theirs."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + "index.html")
    edges = page.evaluate(
        """() => [...document.querySelectorAll('table.refinery-schedule')].map(t =>
            [...t.querySelector('tr').children].map(
                c => Math.round(c.getBoundingClientRect().left)))"""
    )
    page.close()
    assert len(edges) == 3
    assert edges[0] == edges[1] == edges[2], edges
