"""The project's own sites in Chromium: axe-core on every page of example-lesson/
and docs/ (both views), in light and dark, and the checks a phone user needs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import copy_sources, serve, sphinx_build
from test_browser import PHONE, axe_problems, axe_source, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

REPO = Path(__file__).parent.parent
SITES = ["example-lesson", "docs"]


@pytest.fixture(scope="module", params=SITES)
def built(request, tmp_path_factory) -> Path:
    """The site built once per module (html, warnings are errors)."""
    base = tmp_path_factory.mktemp(request.param)
    src = copy_sources(REPO / request.param, base / request.param)
    shutil.copy(REPO / "ARCHITECTURE.md", base / "ARCHITECTURE.md")  # docs include it
    return sphinx_build(src, base / "html", base / "dt")


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


def test_axe_on_every_page_in_light_and_dark(browser, built, served, axe_source):  # noqa: F811
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert len(names) > 10
    problems = [
        problem
        for scheme in ("light", "dark")
        for problem in axe_problems(browser, served, names, axe_source, scheme)
    ]
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone(browser, built, served):  # noqa: F811
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    wide = []
    for path in sorted(built.rglob("*.html")):
        name = path.relative_to(built).as_posix()
        page.goto(served + name)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{name}: {width}px")
    ctx.close()
    assert not wide
