"""In Chromium: an instructor who clicks "[source]" beside a function reads its
source in the instructor view, comes back by "[docs]", and the switch of the
source page leads to the learner view's source page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import chromium, served_root_site
from test_browser import PHONE, axe_problems, axe_source  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    yield from served_root_site(tmp_path_factory, "test-views-collected")


def test_an_instructor_reads_the_source_and_comes_back_in_the_instructor_view(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "instructor/index.html")
    page.click("a:has(> span.viewcode-link) >> nth=1")  # tiles_needed, inside a note
    page.wait_for_load_state("load")
    assert page.url == f"{server}instructor/_modules/refinery_tiles.html#tiles_needed"
    page.click("a.viewcode-back >> nth=1")
    page.wait_for_load_state("load")
    assert page.url == f"{server}instructor/index.html#refinery_tiles.tiles_needed"
    assert page.locator("#refinery_tiles\\.tiles_needed").is_visible()
    page.go_back()
    page.wait_for_load_state("load")
    page.click("a.view-switch")
    page.wait_for_load_state("load")
    assert page.url == f"{server}_modules/refinery_tiles.html"
    assert page.locator("a.view-switch").inner_text().strip() == "Instructor view"
    page.close()


def test_source_links_beside_their_code_on_desktop_and_phone(browser, server):
    """ "[docs]" at the right of its definition, the definition "[source]" led to
    outlined; on a phone "[source]" wraps with its signature, above the description."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "instructor/_modules/refinery_tiles.html#area")
    block = page.locator("div.viewcode-block#area")
    back = block.locator("a.viewcode-back").bounding_box()
    code = page.locator("div.highlight pre").first.bounding_box()
    assert back and code and back["x"] + back["width"] > code["x"] + code["width"] - 40
    assert block.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "index.html")
    link = page.locator("a:has(> span.viewcode-link)").first.bounding_box()
    description = page.locator("dl.py.function > dd").first.bounding_box()
    assert link and description and link["y"] + link["height"] <= description["y"] + 1
    page.close()


def test_axe_on_source_pages(browser, server, axe_source):  # noqa: F811
    pages = ["instructor/_modules/refinery_tiles.html#area", "index.html"]
    problems = [
        problem
        for scheme in ("light", "dark")
        for problem in axe_problems(browser, server, pages, axe_source, scheme)
    ]
    assert not problems, "\n".join(problems)
