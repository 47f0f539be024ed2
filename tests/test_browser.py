"""The sphinx_refinery theme in Chromium: accessibility (axe-core), phones,
keyboard, dark mode with and without JavaScript, the colour scheme toggle.

Needs Playwright (Python), a Chromium (``$CHROMIUM`` or ``/usr/bin/chromium``)
and axe-core: ``$AXE_JS``, else ``tests/browser/node_modules/axe-core/``
(``npm ci --prefix tests/browser``), else ``~/.cache/refinery-bench``.
Every test is skipped when one of them is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_root_site, chromium, serve

pytestmark = pytest.mark.browser
AXE_CANDIDATES = [
    Path(os.environ["AXE_JS"]) if os.environ.get("AXE_JS") else None,
    Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js",
    Path.home() / ".cache" / "refinery-bench" / "node_modules" / "axe-core" / "axe.min.js",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _axe_path() -> Path | None:
    return next((p for p in AXE_CANDIDATES if p is not None and p.is_file()), None)


@pytest.fixture(scope="module")
def axe_source() -> str:
    path = _axe_path()
    if path is None:
        pytest.skip("axe-core not found (set AXE_JS or run npm ci --prefix tests/browser)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The theme lesson built once (html, warnings are errors)."""
    return build_root_site(tmp_path_factory, "test-theme")


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 (a free port)."""
    with serve(site) as url:
        yield url


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**{"viewport": DESKTOP, **context})
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return ctx, page


def axe_problems(
    browser, server: str, names: list[str], axe_source: str, scheme: str, settle_ms: int = 0
) -> list[str]:
    """axe-core's critical and serious violations on the pages ``names`` of ``server``."""
    problems = []
    ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = ctx.new_page()
    for name in names:
        page.goto(server + name)
        page.wait_for_load_state("load")
        if settle_ms:
            page.wait_for_timeout(settle_ms)
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document)")
        for violation in result["violations"]:
            if violation["impact"] in {"critical", "serious"}:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{name} [{scheme}] {violation['id']}: {targets}")
    ctx.close()
    return problems


def background(page, selector: str = "body") -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_no_critical_or_serious_violation_on_any_page(
    browser, server, site, axe_source, scheme
):
    problems = axe_problems(browser, server, pages(site), axe_source, scheme, settle_ms=100)
    assert not problems, "\n".join(problems)


def test_phone_navigation_without_javascript(browser, server):
    ctx, page = open_page(
        browser, server + "episodes/01-blocks.html", viewport=PHONE, java_script_enabled=False
    )
    link = page.locator('nav.site-nav a[href="03-wide.html"]')
    assert not link.is_visible()
    page.click("label.nav-button")
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and 0 <= box["x"] < PHONE["width"] and box["y"] < PHONE["height"]
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("episodes/03-wide.html")
    ctx.close()


def test_phone_menu_opens_from_the_keyboard(browser, server):
    ctx, page = open_page(browser, server + "episodes/01-blocks.html", viewport=PHONE)
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # menu checkbox
    assert page.evaluate("document.activeElement.id") == "nav-toggle"
    page.keyboard.press("Space")
    assert page.locator('nav.site-nav a[href="03-wide.html"]').is_visible()
    page.keyboard.press("Escape")
    assert not page.locator('nav.site-nav a[href="03-wide.html"]').is_visible()
    ctx.close()


def test_phone_menu_closes_when_focus_moves_past_it(browser, server):
    ctx, page = open_page(browser, server + "episodes/01-blocks.html", viewport=PHONE)
    page.focus("#nav-toggle")
    page.keyboard.press("Space")
    links = page.locator("nav.site-nav a")
    last = links.nth(links.count() - 1)
    assert last.is_visible()
    last.focus()
    page.keyboard.press("Tab")
    assert not page.evaluate("document.getElementById('nav-toggle').checked")
    assert not last.is_visible()
    # Focus went on into the page, which is no longer covered.
    assert page.evaluate("!document.getElementById('site-nav').contains(document.activeElement)")
    ctx.close()


def test_first_tab_focuses_a_visible_skip_link(browser, server):
    ctx, page = open_page(browser, server + "episodes/02-code.html")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {cls: e.className, href: e.getAttribute('href'), w: r.width, h: r.height,
                top: r.top, left: r.left}; }"""
    )
    assert focused["cls"] == "skip-link" and focused["href"] == "#content"
    assert focused["w"] > 1 and focused["h"] > 1 and focused["top"] >= 0 and focused["left"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    ctx.close()


def test_dark_scheme_without_javascript(browser, server):
    colours = {}
    for scheme in ("light", "dark"):
        ctx, page = open_page(
            browser,
            server + "episodes/02-code.html",
            color_scheme=scheme,
            java_script_enabled=False,
        )
        colours[scheme] = (background(page), background(page, ".highlight"))
        ctx.close()
    assert colours["light"][0] != colours["dark"][0]
    assert colours["light"][1] != colours["dark"][1]


def test_no_page_scrolls_sideways_on_a_phone(browser, server, site):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    wide = []
    for name in pages(site):
        page.goto(server + name)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        page.evaluate("window.scrollTo(500, 0)")
        if width > PHONE["width"] or page.evaluate("window.scrollX") > 0:
            wide.append(f"{name}: {width}px")
    ctx.close()
    assert not wide


def test_wide_content_scrolls_in_focusable_boxes(browser, server):
    ctx, page = open_page(browser, server + "episodes/03-wide.html", viewport=PHONE)
    box = page.locator(".table-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    box.focus()
    page.keyboard.press("ArrowRight")
    # Scrolling may be smooth: wait for it (a loaded machine takes longer), not a fixed time.
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=10_000)
    ctx.close()


def test_scheme_toggle_changes_and_remembers(browser, server):
    ctx, page = open_page(browser, server + "index.html", color_scheme="light")
    toggle = page.locator("button.scheme-toggle")
    assert toggle.is_visible()
    light = background(page)
    seen = []
    for _ in range(3):
        toggle.click()
        seen.append(page.evaluate("document.documentElement.dataset.theme"))
        if seen[-1] == "dark":
            assert background(page) != light
            # Its accessible name is its visible text: "Colour scheme: Dark".
            assert "Dark" in " ".join(toggle.text_content().split())
            assert "dark" in toggle.get_attribute("title")
            break
    assert seen[-1] == "dark", seen
    page.goto(server + "episodes/01-blocks.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) != light
    toggle = page.locator("button.scheme-toggle")
    toggle.click()  # dark -> auto: follows the (light) preference again
    assert page.evaluate("document.documentElement.dataset.theme") == "auto"
    assert page.evaluate("localStorage.getItem('refinery-scheme')") is None
    assert background(page) == light
    ctx.close()


def test_toggle_is_hidden_without_javascript(browser, server):
    ctx, page = open_page(browser, server + "index.html", java_script_enabled=False)
    assert not page.locator("button.scheme-toggle").is_visible()
    ctx.close()


def test_print_expands_solutions_and_hides_navigation(browser, server):
    ctx, page = open_page(browser, server + "episodes/01-blocks.html")
    page.emulate_media(media="print")
    assert not page.locator("nav.site-nav").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.solution p").first.is_visible()
    ctx.close()


def test_projector_mode_hides_navigation_and_is_remembered(browser, server):
    ctx, page = open_page(browser, server + "episodes/01-blocks.html?projector")
    assert page.evaluate("document.documentElement.classList.contains('projector')")
    assert not page.locator(".site-nav").is_visible()
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size > 20
    page.goto(server + "episodes/02-code.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('projector')")
    toggle = page.locator("button.projector-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator(".site-nav").is_visible()
    ctx.close()


def test_view_switch_leads_to_the_same_page_in_the_other_view(browser, server):
    ctx, page = open_page(browser, server + "episodes/01-blocks.html")
    assert page.locator(".instructor-note").count() == 0
    page.click("a.view-switch")
    page.wait_for_load_state("load")
    assert page.url.endswith("instructor/episodes/01-blocks.html")
    assert page.locator(".instructor-note").count() >= 1
    assert page.locator("a.view-switch").inner_text().strip() == "Learner view"
    page.click("a.view-switch")
    page.wait_for_load_state("load")
    assert page.url.endswith("/episodes/01-blocks.html")
    assert "instructor/" not in page.url
    ctx.close()
