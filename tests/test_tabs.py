"""Tabs in sphinx-tabs syntax: HTML structure, other builders, and a real browser."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOTS, chromium, normalized_text, page, soup

from sphinx_refinery.blocks.tabs import language_label

ROOT = ROOTS / "test-tabs"
PAGES = ("myst_backtick", "myst_colon", "rest", "nested", "second")

#: Every tab label of the test root.
LABELS = (
    "Apples",
    "Pears",
    "Oranges",
    "Linux",
    "macOS",
    "Windows",
    "Python",
    "The R language",
    "Bash",
    "Outer one",
    "Outer two",
    "Inner A",
    "Inner B",
    "C",
    "Python 3",
    "Included code",
    "A figure",
    "An exercise",
    "Exercise tab one",
    "Exercise tab two",
    "Deep one",
    "Deep two",
)

#: Every sentence written in a tab body (code excluded).
SENTENCE = re.compile(r"[A-Z][^`{}:*\n]*\.")


def tab_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(ROOT.iterdir()):
        if path.suffix in (".md", ".rst"):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if SENTENCE.fullmatch(line) and not line.startswith(("The index", "The choice")):
                    sentences.append(line)
    return sentences


def test_sentences_are_found() -> None:
    sentences = tab_sentences()
    assert "Deep two sentence." in sentences
    assert len(sentences) >= 25


def test_language_label() -> None:
    assert language_label("py") == "Python"
    assert language_label("c++") == "C++"
    assert language_label("no-such-language") == "no-such-language"


# -- HTML ---------------------------------------------------------------------


def panels_of(tab_set) -> list:
    return tab_set.find_all("div", class_="refinery-tab-panel", recursive=False)


def label_of(panel) -> str:
    label = panel.find("p", class_="refinery-tab-label", recursive=False)
    assert label is not None, panel
    return normalized_text(label.get_text())


@pytest.mark.sphinx("html", testroot="tabs")
def test_html_structure(app, strict_build) -> None:
    strict_build(app)
    all_labels: list[str] = []
    for docname in PAGES:
        html = page(app, docname)
        ids = [element["id"] for element in html.find_all(id=True)]
        assert not [i for i, n in Counter(ids).items() if n > 1], docname
        for tab_set in html.select("div.refinery-tabs"):
            panels = panels_of(tab_set)
            assert len(panels) >= 2
            # Nothing but panels in a set, each with its label first.
            assert all(
                "refinery-tab-panel" in child["class"]
                for child in tab_set.find_all(recursive=False)
            )
            for number, panel in enumerate(panels, start=1):
                assert panel["id"] == f"{tab_set['id']}-panel-{number}"
                assert panel.find(recursive=False).name == "p"
                all_labels.append(label_of(panel))
    assert sorted(set(all_labels)) == sorted(LABELS)
    # Every panel is in the page, none is hidden by the server.
    assert not page(app, "rest").select(".refinery-tab-panel[hidden]")


@pytest.mark.sphinx("html", testroot="tabs")
def test_html_code_tabs(app, strict_build) -> None:
    strict_build(app)
    html = page(app, "myst_backtick")
    code_set = html.select("div.refinery-tabs")[-1]
    panels = panels_of(code_set)
    assert [label_of(p) for p in panels] == ["Python", "The R language", "Bash"]
    assert all("refinery-code-tab" in p["class"] for p in panels)
    assert [p["data-refinery-tab-sync"] for p in panels] == ["Python", "The R language", "Bash"]
    python = panels[0].find("div", class_="highlight-py")
    assert python.find("span", class_="k").get_text() == "def"
    bash = panels[2]
    assert bash.find("span", class_="caption-text").get_text() == "A shell script"
    assert bash.find("span", class_="linenos") is not None
    assert "second line" in bash.find("span", class_="hll").get_text()

    rest = page(app, "rest")
    code_set = rest.select("div.refinery-tabs")[2]
    assert [label_of(p) for p in panels_of(code_set)] == ["C", "Python 3", "Python"]
    assert code_set.find("div", class_="highlight-c") is not None
    assert code_set.find_all("span", class_="linenos")


@pytest.mark.sphinx("html", testroot="tabs")
def test_html_group_tabs_and_nesting(app, strict_build) -> None:
    strict_build(app)
    html = page(app, "myst_backtick")
    group_sets = html.select("div.refinery-tabs")[1:3]
    for tab_set in group_sets:
        assert [p["data-refinery-tab-sync"] for p in panels_of(tab_set)] == [
            "Linux",
            "macOS",
            "Windows",
        ]
    plain = panels_of(html.select("div.refinery-tabs")[0])
    assert not any(p.has_attr("data-refinery-tab-sync") for p in plain)
    assert plain[1].find("em").get_text() == "juicy"

    colon = page(app, "myst_colon")
    outer = colon.select("div.refinery-tabs")[1]
    inner = panels_of(outer)[0].find("div", class_="refinery-tabs")
    assert [label_of(p) for p in panels_of(inner)] == ["Inner A", "Inner B"]

    nested = page(app, "nested")
    exercise = nested.find(class_="exercise")
    sets = exercise.find_all("div", class_="refinery-tabs")
    assert len(sets) == 3
    solution = exercise.find(class_="solution")
    deep = solution.find("div", class_="deep")
    assert "refinery-tabs" in deep["class"]
    assert deep.find_parent("div", class_="refinery-tab-panel") is not None

    rest = page(app, "rest")
    last = panels_of(rest.select("div.refinery-tabs")[-1])
    assert "included_function" in last[0].get_text()
    assert last[1].find("img")["alt"] == "A single pixel"
    assert last[2].find(class_="exercise").find(class_="solution") is None
    assert last[2].find(class_="solution") is not None


@pytest.mark.sphinx("html", testroot="tabs")
def test_html_keeps_every_sentence(app, strict_build) -> None:
    strict_build(app)
    text = normalized_text(" ".join(page(app, d).get_text(" ") for d in PAGES))
    assert [s for s in tab_sentences() if s not in text] == []


@pytest.mark.sphinx("singlehtml", testroot="tabs")
def test_singlehtml_ids_are_unique(app, strict_build) -> None:
    strict_build(app)
    html = page(app, "index")
    # Only the tabs' ids: singlehtml repeats some ids of other constructs.
    ids = [element["id"] for element in html.find_all(id=re.compile("^refinery-tabs"))]
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert len(html.select("div.refinery-tabs")) == 15
    panel_ids = [p["id"] for p in html.select("div.refinery-tab-panel")]
    assert len(panel_ids) == len(set(panel_ids)) > 28


@pytest.mark.sphinx("dirhtml", testroot="tabs")
def test_dirhtml(app, strict_build) -> None:
    strict_build(app)
    html = soup(Path(app.outdir) / "nested" / "index.html")
    assert len(html.select("div.refinery-tabs")) == 3
    assert (Path(app.outdir) / "_static" / "refinery" / "tabs.js").is_file()


@pytest.mark.sphinx("html", testroot="tabs")
def test_assets_are_linked(app, strict_build) -> None:
    strict_build(app)
    html = page(app, "rest")
    assert html.find("script", src=re.compile(r"_static/refinery/tabs\.js$")) is not None
    assert html.find("link", href=re.compile(r"_static/refinery/tabs\.css$")) is not None


# -- other builders -------------------------------------------------------------


def _output_text(app, pattern: str) -> str:
    text = "\n".join(f.read_text(encoding="utf-8") for f in Path(app.outdir).glob(pattern))
    text = text.replace(r"\sphinxhyphen{}", "-").replace("\\-", "-").replace(r"\_", "_")
    return normalized_text(text)


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [
        ("text", "*.txt"),
        ("latex", "*.tex"),
        ("man", "*.1"),
        ("texinfo", "*.texi"),
    ],
)
def test_other_builders_keep_every_tab(copy_root, builder, pattern):
    app = copy_root("tabs").build(builder)
    text = _output_text(app, pattern)
    assert [label for label in LABELS if label not in text] == []
    assert [s for s in tab_sentences() if s not in text] == []
    assert "included from a file" in text


@pytest.mark.sphinx("text", testroot="tabs")
def test_text_shows_labels_before_content(app, strict_build) -> None:
    strict_build(app)
    text = (Path(app.outdir) / "nested.txt").read_text(encoding="utf-8")
    order = [
        text.index(s)
        for s in (
            "**Exercise tab one**",
            "Exercise tab one sentence.",
            "**Exercise tab two**",
            "Exercise tab two sentence.",
            "**Deep one**",
            "Deep one sentence.",
        )
    ]
    assert order == sorted(order)


def test_gettext_extracts_labels(copy_root) -> None:
    # Its own copy: gettext's environment does not suit the other builders.
    pot = copy_root("tabs").build("gettext").text("rest.pot")
    for label in ("Apples", "Linux", "A figure", "Included code"):
        assert f'msgid "{label}"' in pot


def test_epub_shows_every_tab_statically(copy_root) -> None:
    html = soup(copy_root("tabs").build("epub").outdir / "nested.xhtml")
    assert html.select("div.refinery-tabs") and not html.find(id=re.compile("refinery-tabs"))
    labels = [normalized_text(p.get_text()) for p in html.select("p.refinery-tab-label")]
    assert labels == [
        "Exercise tab one",
        "Exercise tab two",
        "Linux",
        "Windows",
        "Deep one",
        "Deep two",
    ]


# -- misuse and coexistence -----------------------------------------------------


@pytest.mark.sphinx("html", testroot="tabs-misuse")
def test_misplaced_tabs_warn_but_keep_content(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "index.md:5" in warnings and "placed directly inside a tabs directive" in warnings
    assert "should contain only tab, group-tab or code-tab" in warnings
    assert "needs a label" in warnings
    text = page(app, "index").get_text(" ")
    assert "A lonely tab sentence." in text
    assert "A stray paragraph sentence." in text
    first_line_set = page(app, "index").select(".refinery-tabs")[-2]
    assert first_line_set.select_one(".refinery-tab-label").get_text() == "Label on the first line"
    assert "Sentence after a first-line label." in text
    labels = page(app, "index").select(".refinery-tabs")[-1].select(".refinery-tab-label")
    assert labels[0].code.get_text() == "conda"
    assert labels[1].strong.get_text() == "pip"


@pytest.mark.sphinx("html", testroot="tabs-external")
def test_sphinx_tabs_keeps_its_directives(app, strict_build, monkeypatch) -> None:
    """A project that loads sphinx_tabs.tabs itself gets sphinx-tabs' directives."""
    for name in [name for name in sys.modules if name.startswith("sphinx_tabs")]:
        monkeypatch.delitem(sys.modules, name)
    strict_build(app)
    html = page(app, "index")
    assert html.find(class_="fake-sphinx-tabs") is not None
    assert html.find(class_="refinery-tabs") is None


# -- in a browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def site(copy_root) -> Path:
    """The test root built with alabaster (the test app otherwise switches to 'basic')."""
    return copy_root("tabs").build(confoverrides={"html_theme": "alabaster"}).outdir


def _open(browser, site: Path, docname: str, **context):
    context.setdefault("viewport", {"width": 1000, "height": 900})
    ctx = browser.new_context(**context)
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((site / f"{docname}.html").as_uri())
    return ctx, tab, errors


def _visible(tab, text: str) -> bool:
    return tab.get_by_text(text, exact=True).is_visible()


@pytest.mark.browser
def test_browser_click_and_keys(browser, site) -> None:
    ctx, tab, errors = _open(browser, site, "myst_backtick")
    first = tab.locator(".refinery-tabs").first
    tabs = first.get_by_role("tab")
    assert tabs.all_text_contents() == ["Apples", "Pears", "Oranges"]
    assert first.get_by_role("tablist").count() == 1
    assert _visible(tab, "Apples are green, or sometimes red.")
    assert not _visible(tab, "Oranges are orange.")
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    assert [tabs.nth(i).get_attribute("tabindex") for i in range(3)] == ["0", "-1", "-1"]
    # The in-panel label is replaced by the tab list.
    assert not first.locator(".refinery-tab-label").first.is_visible()

    tabs.nth(1).click()
    assert tab.locator("p", has_text="Pears are green and").is_visible()
    assert not _visible(tab, "Apples are green, or sometimes red.")
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    assert tabs.nth(0).get_attribute("aria-selected") == "false"
    panel_id = tabs.nth(1).get_attribute("aria-controls")
    panel = tab.locator(f"#{panel_id}")
    assert panel.get_attribute("role") == "tabpanel"
    assert panel.get_attribute("aria-labelledby") == tabs.nth(1).get_attribute("id")
    assert panel.get_attribute("tabindex") == "0"

    tabs.nth(1).focus()
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("document.activeElement.textContent") == "Oranges"
    assert _visible(tab, "Oranges are orange.")
    tab.keyboard.press("ArrowRight")  # wraps around
    assert tab.evaluate("document.activeElement.textContent") == "Apples"
    tab.keyboard.press("ArrowLeft")
    assert tab.evaluate("document.activeElement.textContent") == "Oranges"
    tab.keyboard.press("Home")
    assert tab.evaluate("document.activeElement.textContent") == "Apples"
    tab.keyboard.press("End")
    assert tab.evaluate("document.activeElement.getAttribute('aria-selected')") == "true"
    assert _visible(tab, "Oranges are orange.")
    tab.keyboard.press("Tab")  # from the tab list into the panel
    assert tab.evaluate("document.activeElement.getAttribute('role')") == "tabpanel"

    ids = tab.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert errors == []
    ctx.close()


@pytest.mark.browser
def test_browser_group_tabs_sync_and_are_remembered(browser, site) -> None:
    ctx, tab, errors = _open(browser, site, "myst_backtick")
    assert _visible(tab, "Linux users open a terminal.")
    tab.get_by_role("tab", name="Windows").first.click()
    assert _visible(tab, "Windows users open Git Bash.")
    assert _visible(tab, "Windows users run the setup wizard.")  # the other set followed
    assert not _visible(tab, "Linux users run the installer script.")
    # Plain tabs are not affected.
    assert _visible(tab, "Apples are green, or sometimes red.")

    tab.reload()
    assert _visible(tab, "Windows users open Git Bash.")
    assert _visible(tab, "Windows users run the setup wizard.")
    assert not _visible(tab, "Linux users open a terminal.")

    tab.goto((site / "second.html").as_uri())
    assert _visible(tab, "Second page Windows sentence.")
    assert not _visible(tab, "Second page Linux sentence.")

    # Code tabs switch together too, by label.
    tab.goto((site / "rest.html").as_uri())
    assert _visible(tab, "Rest Windows sentence.")
    tab.get_by_role("tab", name="Python", exact=True).click()
    assert tab.locator("text=rest linenos line").is_visible()
    assert errors == []
    ctx.close()


@pytest.mark.browser
def test_browser_link_into_hidden_panel(browser, site) -> None:
    ctx, tab, errors = _open(browser, site, "rest")
    exercise_id = tab.evaluate("document.querySelector('.refinery-tab-panel .exercise').id")
    tab.goto((site / "rest.html").as_uri() + f"#{exercise_id}")
    assert _visible(tab, "The exercise in a tab sentence.")
    assert errors == []
    ctx.close()


@pytest.mark.browser
def test_browser_without_javascript_shows_everything(browser, site) -> None:
    for docname in PAGES:
        ctx, tab, _ = _open(browser, site, docname, java_script_enabled=False)
        tab.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert tab.get_by_role("tab").count() == 0
        labels = tab.locator(".refinery-tab-label")
        assert labels.count() > 0
        assert all(labels.nth(i).is_visible() for i in range(labels.count()))
        checked = 0
        for sentence in tab_sentences():
            locator = tab.get_by_text(sentence, exact=True)
            if locator.count():
                assert locator.first.is_visible(), (docname, sentence)
                checked += 1
        assert checked >= 2, docname
        ctx.close()


@pytest.mark.browser
def test_browser_narrow_screen(browser, site) -> None:
    for docname in PAGES:
        ctx, tab, errors = _open(browser, site, docname, viewport={"width": 390, "height": 800})
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, docname
        assert errors == []
        ctx.close()


@pytest.mark.browser
def test_browser_reduced_motion_and_focus(browser, site) -> None:
    ctx, tab, _ = _open(browser, site, "myst_backtick", reduced_motion="reduce")
    first_tab = tab.get_by_role("tab").first
    assert first_tab.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
    first_tab.focus()
    tab.keyboard.press("ArrowRight")
    focused = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused == "solid"
    ctx.close()


@pytest.mark.browser
def test_browser_print_shows_every_panel(browser, site) -> None:
    ctx, tab, _ = _open(browser, site, "myst_backtick")
    assert not _visible(tab, "Oranges are orange.")
    tab.emulate_media(media="print")
    assert _visible(tab, "Oranges are orange.")
    assert tab.locator(".refinery-tab-label").first.is_visible()
    assert not tab.get_by_role("tablist").first.is_visible()
    ctx.close()
