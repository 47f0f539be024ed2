"""In Chromium: an instructor who clicks "[source]" beside a function reads its
source in the instructor view, comes back by "[docs]", and the switch of the
source page leads to the learner view's source page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_root_site, chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    site = build_root_site(tmp_path_factory, "test-views-collected")
    with serve(Path(site)) as url:
        yield url


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
