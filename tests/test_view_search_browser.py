"""In Chromium, with the instructor view at the site's root: the learner
view's search finds learner words, never the words of instructor notes, and
its results lead to learner pages; the instructor view's search finds the
notes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import chromium, served_root_site

pytestmark = pytest.mark.browser

NOT_FOUND = "did not match any documents"


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    yield from served_root_site(tmp_path_factory, "test-view-search")


def search(browser, url: str) -> tuple[str, list[str]]:
    """The search page's summary once the search is done, and its result links."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url)
    summary = page.locator("#search-results .search-summary")
    summary.wait_for(timeout=10_000)
    page.wait_for_function(
        "document.querySelector('#search-results .search-summary').innerText.trim() !== ''"
    )
    text = summary.inner_text()
    links = [link.get_attribute("href") or "" for link in page.locator("#search-results a").all()]
    page.close()
    return text, links


def test_the_learner_search_does_not_find_a_word_of_a_note(browser, server):
    summary, links = search(browser, server + "learner/search.html?q=zqxisearchk")
    assert NOT_FOUND in summary
    assert links == []


def test_the_learner_search_finds_learner_words_in_learner_pages(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "learner/search.html?q=lantern")
    result = page.locator("#search-results a").first
    result.wait_for(timeout=10_000)
    assert result.get_attribute("href") == "episodes/lamps.html"
    result.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(f"{server}learner/episodes/lamps.html")
    assert "zqxisearchk" not in page.content()
    page.close()


def test_the_instructor_search_finds_the_note(browser, server):
    summary, links = search(browser, server + "search.html?q=zqxisearchk")
    assert NOT_FOUND not in summary
    assert "episodes/lamps.html" in links
