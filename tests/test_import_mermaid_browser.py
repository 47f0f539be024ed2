"""An imported lesson's Mermaid diagrams in a browser: where mermaid.js cannot run
(JavaScript off, or its CDN out of reach, as here), the diagram's source stays
readable inside the page's column; axe finds nothing serious, drawn or as source."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import serve, sphinx_build
from test_browser import PHONE, axe_problems, axe_source, browser  # noqa: F401 (fixtures)
from test_import_mermaid import FAKE_EXTENSION, WORKBENCH

from sphinx_refinery.sources import importer
from sphinx_refinery.sources.importer import import_lesson

pytestmark = pytest.mark.browser
PAGE = "episodes/steeping.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, Path]]:
    """The lesson imported and built with the extension (its stand-in) and without."""
    base = tmp_path_factory.mktemp("mermaid")
    package = base / "site-packages" / "sphinxcontrib" / "mermaid"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(FAKE_EXTENSION, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(base / "site-packages"))
        drawn = import_lesson(WORKBENCH, base / "drawn").dest
        built = {"drawn": sphinx_build(drawn, base / "drawn-html", base / "drawn-dt")}
        patch.setattr(importer, "mermaid_available", lambda: False)
        source = import_lesson(WORKBENCH, base / "source").dest
        built["source"] = sphinx_build(source, base / "source-html", base / "source-dt")
    sys.modules.pop("sphinxcontrib.mermaid", None)
    yield built


@pytest.mark.parametrize("javascript", [True, False])
def test_diagram_source_is_readable_without_mermaid_js(browser, sites, javascript):  # noqa: F811
    with serve(sites["drawn"]) as url:
        for viewport in ({"width": 1280, "height": 800}, PHONE):
            ctx = browser.new_context(viewport=viewport, java_script_enabled=javascript)
            page = ctx.new_page()
            page.goto(url + PAGE)
            page.wait_for_load_state("load")
            diagram = page.locator("pre.mermaid").first
            assert diagram.is_visible()
            assert "accTitle: Steps of steeping tea" in diagram.inner_text()
            fits = diagram.evaluate("e => e.scrollWidth <= e.clientWidth")
            article = page.locator("article").first.bounding_box()
            box = diagram.bounding_box()
            assert fits and article and box
            assert box["x"] + box["width"] <= article["x"] + article["width"] + 1
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            ctx.close()


def test_axe_on_diagrams(browser, sites, axe_source):  # noqa: F811
    problems = []
    for site in sites.values():
        with serve(site) as url:
            for scheme in ("light", "dark"):
                problems += axe_problems(browser, url, [PAGE], axe_source, scheme)
    assert not problems, "\n".join(problems)
