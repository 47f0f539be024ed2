"""In Chromium: an instructor moves by "Next" and searches without leaving the
instructor view, and the switch leads back to the same page for learners."""

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
    yield from served_root_site(tmp_path_factory, "test-view-navigation")


def test_next_from_an_instructor_page_stays_in_the_instructor_view(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "instructor/episodes/first.html")
    for name in ("plain", "last"):
        page.click("a[rel=next]")
        page.wait_for_load_state("load")
        assert page.url == f"{server}instructor/episodes/{name}.html"
        assert page.locator("a.view-switch").inner_text().strip() == "Learner view"
    page.click("a.view-switch")
    page.wait_for_load_state("load")
    assert page.url == f"{server}episodes/last.html"
    page.close()


def test_instructor_search_results_lead_to_instructor_pages(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "instructor/search.html?q=nothing")
    result = page.locator("#search-results a").first
    result.wait_for(timeout=10_000)
    assert result.get_attribute("href") == "episodes/plain.html"
    result.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(f"{server}instructor/episodes/plain.html")
    page.close()
