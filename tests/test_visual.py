"""What a person sees on the example lesson, measured in Chromium: defects
that axe and Lighthouse do not report (a black square for the copy icon, a
search field smaller than its button, a schedule wider than a phone, a scheme
toggle whose first click changes nothing visible). ``dev/screenshots.py``
writes the pictures to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import TESTS, chromium, copy_sources, serve, sphinx_build

pytestmark = pytest.mark.browser
EXAMPLE = TESTS.parent / "example-lesson"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("visual")
    src = copy_sources(EXAMPLE, base / "src")
    with serve(sphinx_build(src, base / "html", base / "doctrees")) as url:
        yield url


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_(path: str, **options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server}/{path}", wait_until="networkidle")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_icon_is_drawn_as_lines_not_a_filled_square(open_page, scheme):
    page = open_page("episodes/02-variables-and-loops.html", color_scheme=scheme)
    page.hover(".highlight")
    icon = page.locator("button.copybtn svg").first
    style = icon.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return {mask: s.maskImage || s.webkitMaskImage, background: s.backgroundColor}; }"
    )
    assert style["mask"] in ("none", ""), style
    assert style["background"] in ("rgba(0, 0, 0, 0)", "transparent"), style
    # Its strokes are drawn in the button's text colour, which contrasts with the button.
    colours = page.locator("button.copybtn").first.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b.querySelector('svg')).stroke]"
    )
    assert colours[0] == colours[1]


def test_search_field_is_as_large_as_its_button(open_page):
    page = open_page("search.html?q=loop")
    field = page.locator(".search-page-form input[type=search]").bounding_box()
    button = page.locator(".search-page-form input[type=submit]")
    box = button.bounding_box()
    assert field and box
    assert field["height"] >= 40 and abs(field["height"] - box["height"]) <= 2
    assert field["width"] >= 3 * box["width"]
    assert button.get_attribute("value") == "Search"


def test_schedule_fits_a_phone(open_page):
    page = open_page("index.html", viewport=PHONE)
    table = page.locator("table.refinery-schedule")
    widths = table.evaluate(
        "t => [t.getBoundingClientRect().width, t.parentElement.clientWidth,"
        " t.querySelector('tbody td:nth-child(2)').getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(t.querySelector('tbody td:nth-child(2)')).lineHeight)]"
    )
    table_width, box_width, episode_cell, line = widths
    assert table_width <= box_width + 0.5, widths
    # An episode title takes at most two lines.
    assert episode_cell <= 2 * line + 16, widths


def test_every_click_on_the_scheme_toggle_shows_the_scheme(open_page):
    page = open_page("index.html", color_scheme="light")
    toggle = page.locator(".scheme-toggle")
    shown = toggle.locator(".scheme-toggle-text")
    seen = [shown.inner_text().strip()]
    for _ in range(3):
        toggle.click()
        seen.append(shown.inner_text().strip())
    assert seen == ["Auto", "Light", "Dark", "Auto"]
    assert toggle.get_attribute("title") == "Colour scheme: automatic"
    assert " ".join(toggle.text_content().split()) == "Colour scheme: Auto"


def test_wrapped_inline_code_keeps_its_chip_on_every_line(open_page):
    page = open_page("episodes/02-variables-and-loops.html", viewport=PHONE)
    style = page.locator(".body p code.literal").first.evaluate(
        "c => { const s = getComputedStyle(c);"
        " return s.boxDecorationBreak || s.webkitBoxDecorationBreak; }"
    )
    assert style == "clone"


def test_inline_code_in_a_title_leaves_no_gap_before_punctuation(open_page):
    page = open_page("episodes/02-variables-and-loops.html")
    padding = page.locator("summary code.literal").first.evaluate(
        "c => { const s = getComputedStyle(c);"
        " return parseFloat(s.paddingRight) / parseFloat(s.fontSize); }"
    )
    assert padding <= 0.16


def test_a_long_summary_never_runs_under_its_chevron(open_page):
    page = open_page("episodes/02-variables-and-loops.html", viewport=PHONE)
    for summary in page.locator("details.admonition > summary.admonition-title").all():
        text_right, chevron_left = summary.evaluate(
            """s => {
              const range = document.createRange(); range.selectNodeContents(s);
              const rects = [...range.getClientRects()];
              const right = Math.max(...rects.map(r => r.right));
              const box = s.getBoundingClientRect();
              const after = getComputedStyle(s, '::after');
              return [right, box.right - parseFloat(after.right) - parseFloat(after.width) * 1.5];
            }"""
        )
        assert text_right <= chevron_left, (text_right, chevron_left)
