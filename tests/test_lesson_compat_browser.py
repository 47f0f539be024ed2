"""sphinx-lesson's ``?minipres`` address opens the theme's projector mode;
``with-border`` images show their border."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_root_site, chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    site: Path = build_root_site(tmp_path_factory, "test-toggle")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.mark.parametrize("query", ["?minipres", "?pres", "?plain", "?projector"])
def test_minipres_addresses_open_projector_mode(browser, server, query):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "index.html" + query)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('projector')")
    assert not page.locator(".site-nav").is_visible()
    context.close()


def test_plain_address_is_not_projector_mode(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "index.html?presenter=1")
    page.wait_for_load_state("load")
    assert not page.evaluate("document.documentElement.classList.contains('projector')")
    width = page.evaluate(
        "getComputedStyle(document.querySelector('img.with-border')).borderTopWidth"
    )
    assert width == "2px"
    context.close()
