"""The sphinx_refinery HTML theme: page structure, assets, links, builders.

Builds ``tests/roots/test-theme`` (four pages, every block kind, a long code
line, a wide table, an external link, images) and reads the HTML.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import page, soup

from sphinx_refinery.theme import bundle as theme
from sphinx_refinery.theme.options import THEME_DIR

EPISODES = ["episodes/01-blocks", "episodes/02-code", "episodes/03-wide"]
PAGES = ["index", *EPISODES, "glossary", "reference", "genindex", "search"]
FOCUSABLE = "a[href], button:not([hidden]), input:not([type=hidden]), select, textarea, [tabindex]"


def local(url: str) -> bool:
    return "://" not in url


def stylesheets(html: BeautifulSoup) -> list[str]:
    return [link["href"] for link in html.select('link[rel="stylesheet"]')]


def scripts(html: BeautifulSoup) -> list[str]:
    return [script["src"] for script in html.select("script[src]")]


@pytest.fixture
def built(copy_root):
    """Build a copy of the theme lesson with ``builder`` (and extra conf values)."""
    copies = itertools.count()

    def build(builder: str = "html", **confoverrides):
        sources = copy_root("theme", f"theme-{next(copies)}")
        return sources.build(builder, confoverrides=confoverrides)

    return build


# ---------------------------------------------------------------- structure


def test_landmarks_and_skip_link(built):
    app = built()
    for name in PAGES:
        html = page(app, name)
        body = html.body
        first = body.select_one(FOCUSABLE)
        assert first.name == "a" and "skip-link" in first["class"], name
        assert html.select_one(first["href"]) is not None, name
        assert body.select_one("header.site-header")
        assert body.select_one("main#content")
        assert body.select_one("footer.site-footer")
        navs = body.select("nav")
        assert navs and all(nav.get("aria-label") or nav.get("aria-labelledby") for nav in navs)
        labels = [nav.get("aria-label") for nav in navs if nav.get("aria-label")]
        assert len(labels) == len(set(labels)), f"{name}: nav labels repeat"
        assert len(body.select("main")) == 1


def test_navigation_lists_episodes_in_order_and_marks_current(built):
    app = built()
    html = page(app, "episodes/02-code")
    nav = html.select_one("nav.site-nav")
    links = [a["href"] for a in nav.select(".nav-tree li a")]
    assert links == ["01-blocks.html", "#", "03-wide.html", "../glossary.html", "../reference.html"]
    current = nav.select('[aria-current="page"]')
    assert len(current) == 1 and current[0].get_text() == "Code and links"
    home = page(app, "index").select_one('.site-header a.site-title[aria-current="page"]')
    assert home is not None


def test_every_heading_role_has_a_level(built):
    app = built()
    for name in PAGES:
        html = page(app, name)
        for element in html.select('[role="heading"]'):
            assert element.get("aria-level"), f"{name}: {element}"
    # The body toctree caption sits below the h1: level 2.
    captions = page(app, "index").select('.body [role="heading"]')
    assert [c["aria-level"] for c in captions] == ["2", "2"]


def test_drawer_checkbox_and_menu_label(built):
    html = page(built(), "episodes/01-blocks")
    toggle = html.select_one("input#nav-toggle[type=checkbox]")
    assert toggle is not None and toggle["aria-controls"] == "site-nav"
    assert html.select_one('label.nav-button[for="nav-toggle"]').get_text(strip=True) == "Menu"
    # The checkbox comes before the navigation, so that CSS alone opens it.
    text = str(html)
    assert text.index('id="nav-toggle"') < text.index('id="site-nav"')


def test_page_toc_and_prev_next(built):
    app = built()
    html = page(app, "episodes/01-blocks")
    toc = html.select_one("nav.page-toc")
    assert [a.get_text() for a in toc.select("a")] == [
        "Learner blocks",
        "Instructor blocks",
        "Docutils admonitions",
    ]
    prev_next = html.select_one("nav.prev-next")
    assert [a["href"] for a in prev_next.select("a")] == ["../index.html", "02-code.html"]
    assert page(app, "glossary").select_one("nav.page-toc") is None


# ---------------------------------------------------------------- assets


def test_one_stylesheet_one_script_no_search_index_on_content_pages(built):
    app = built()
    for name in ["index", *EPISODES, "glossary"]:
        html = page(app, name)
        css = [href for href in stylesheets(html) if local(href)]
        js = [src for src in scripts(html) if local(src)]
        assert len(css) == 1 and "refinery-theme.css?v=" in css[0], (name, css)
        assert len(js) == 1 and "refinery-theme.js?v=" in js[0], (name, js)
        assert html.select_one("script[src]").has_attr("defer")
        for unwanted in ("searchindex", "searchtools", "doctools", "basic.css", "pygments"):
            assert unwanted not in str(html.head), (name, unwanted)
    search = page(app, "search")
    assert any("searchindex.js" in src for src in scripts(search))
    assert any("searchtools.js" in src for src in scripts(search))
    assert any("doctools.js" in src for src in scripts(search))


def test_bundles_hold_theme_extension_and_copybutton_files(built):
    app = built()
    static = Path(app.outdir) / "_static"
    assert not (static / "css").exists() and not (static / "js").exists()  # bundled
    css = (static / theme.BUNDLE_CSS).read_text()
    js = (static / theme.BUNDLE_JS).read_text()
    assert ".admonition.exercise{" in css  # blocks.css
    assert "button.copybtn{" in css  # the theme's copybutton styles
    assert "@media print" in css
    assert ':root[data-theme="dark"]{' in css
    assert "prefers-color-scheme:dark" in css
    assert "--refinery-code-keyword" in css
    for extension_file in sorted(theme.EXTENSION_STATIC.glob("*.js")):
        assert f"/*! {extension_file.name} */" in js
    assert "/*! copybutton.js */" in js and "window.ClipboardJS" in js
    assert "localStorage" in js
    # Every colour of the theme's own CSS is a custom property.
    for source in theme.THEME_CSS_DIR.glob("*.css"):
        text = re.sub(r"/\*.*?\*/|url\([^)]*\)", "", source.read_text(), flags=re.DOTALL)
        text = re.sub(r"--refinery-[\w-]+\s*:[^;}]*", "", text)
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(", text), source.name


def test_css_digest_changes_with_colour_options(built):
    plain = built()
    coloured = built(
        html_theme_options={
            "light_css_variables": {"--refinery-accent": "#123456"},
            "dark_css_variables": {"--refinery-accent": "#abcdef"},
        }
    )
    css = (Path(coloured.outdir) / "_static" / theme.BUNDLE_CSS).read_text()
    assert ":root{--refinery-accent:#123456}" in css
    # The lesson's dark colours come after the theme's, for both ways to get dark.
    theme_dark = css.rindex(':root[data-theme="dark"]{')
    assert css.index(":root[data-theme=dark]{--refinery-accent:#abcdef}") > theme_dark
    assert css.index(":root:not([data-theme=light]){--refinery-accent:#abcdef}") > theme_dark
    href = stylesheets(page(coloured, "index"))[0]
    assert href != stylesheets(page(plain, "index"))[0]


def test_lesson_pygments_style_is_bundled(built):
    app = built(pygments_style="monokai")
    css = (Path(app.outdir) / "_static" / theme.BUNDLE_CSS).read_text()
    assert ".highlight .k{" in css  # monokai's keyword colour, light and dark


def test_inline_scheme_script_matches_its_csp_hash(built):
    html = page(built(), "index")
    inline = [s.string for s in html.select("script:not([src])")]
    assert inline == [theme.THEME_INIT_SCRIPT]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == theme.THEME_INIT_SCRIPT_CSP
    assert html.html["data-theme"] == "auto"


def test_favicon_description_and_canonical(built):
    app = built(html_baseurl="https://example.org/lesson/")
    html = page(app, "episodes/02-code")
    icon = html.select_one('link[rel="icon"]')["href"]
    assert (Path(app.outdir) / "episodes" / icon).resolve().is_file()
    description = html.select_one('meta[name="description"]')["content"]
    assert description.startswith("Code blocks scroll sideways")
    assert len(html.select('meta[name="viewport"]')) == 1
    canonical = html.select_one('link[rel="canonical"]')["href"]
    assert canonical == "https://example.org/lesson/episodes/02-code.html"


# ---------------------------------------------------------------- content


def test_code_and_tables_scroll_in_focusable_boxes(built):
    app = built()
    code = page(app, "episodes/02-code").select("div.highlight > pre")
    assert code and all(
        pre["tabindex"] == "0" and pre["role"] == "group" and pre["aria-label"] for pre in code
    )
    wrappers = page(app, "episodes/03-wide").select("div.table-scroll")
    assert len(wrappers) == 1
    assert wrappers[0]["tabindex"] == "0" and wrappers[0]["aria-label"] == "Table"
    assert wrappers[0].find("table") is not None


def test_every_block_kind_is_styled(built):
    app = built()
    css = (Path(app.outdir) / "_static" / theme.BUNDLE_CSS).read_text()
    from sphinx_refinery.blocks.kinds import BLOCK_KINDS

    for kind in BLOCK_KINDS:
        assert f".admonition.{kind.name}{{--rb-c:var(" in css, kind.name
        assert f"--rb-i:var(--refinery-icon-{kind.icon})" in css, kind.name
    blocks = page(app, "episodes/01-blocks")
    assert blocks.select_one("details.admonition.solution > summary.admonition-title")


# ---------------------------------------------------------------- links


def test_edit_link_from_sphinx_lesson_html_context(built):
    html = page(built(), "episodes/01-blocks")
    link = html.select_one("footer .edit-link a")
    assert link["href"] == (
        "https://github.com/example-org/theme-lesson/edit/main/content/episodes/01-blocks.md"
    )
    assert html.select_one('footer a[rel="license"]').get_text() == "CC BY 4.0"
    assert page(built(), "genindex").select_one(".edit-link") is None


def test_edit_link_from_theme_options_gitlab(built):
    app = built(
        html_context={},
        html_theme_options={
            "repository_url": "https://gitlab.com/group/lesson/",
            "repository_branch": "develop",
            "repository_path": "docs",
        },
    )
    link = page(app, "episodes/02-code").select_one("footer .edit-link a")
    assert link["href"] == "https://gitlab.com/group/lesson/-/edit/develop/docs/episodes/02-code.md"


def test_edit_link_from_theme_options_github_defaults(built):
    app = built(html_context={}, html_theme_options={"repository_url": "https://github.com/o/r"})
    link = page(app, "index").select_one("footer .edit-link a")
    assert link["href"] == "https://github.com/o/r/edit/main/index.md"


def test_no_edit_link_without_repository(built):
    app = built(html_context={}, html_theme_options={})
    assert page(app, "index").select_one(".edit-link") is None


def test_style_external_links(built):
    marked = page(built(), "episodes/02-code")
    assert "mark-external" in marked.body["class"]
    assert marked.select_one(".body a.reference.external")["href"] == "https://docs.pytest.org/"
    plain = page(built(html_theme_options={"style_external_links": False}), "episodes/02-code")
    assert "mark-external" not in plain.body["class"]


def test_rtd_theme_options_are_accepted(built):
    built(
        html_theme_options={
            "style_external_links": True,
            "collapse_navigation": False,
            "navigation_depth": 2,
            "titles_only": False,
            "sticky_navigation": True,
            "logo_only": False,
            "prev_next_buttons_location": "bottom",
        }
    )


def test_announcement_and_logo(built):
    app = built(
        html_theme_options={"announcement": "Workshop <b>today</b>", "logo": "logo.svg"},
    )
    html = page(app, "index")
    banner = html.select_one('.announcement[role="region"]')
    assert banner.select_one("b").get_text() == "today"
    assert html.select_one(".site-title img.logo")["src"] == "_static/logo.svg"


# ---------------------------------------------------------------- builders


def test_dirhtml_links(built):
    app = built("dirhtml")
    html = soup(Path(app.outdir) / "episodes" / "02-code" / "index.html")
    nav = [a["href"] for a in html.select(".nav-tree li a")]
    assert nav == ["../01-blocks/", "#", "../03-wide/", "../../glossary/", "../../reference/"]
    assert [a["href"] for a in html.select(".prev-next a")] == ["../01-blocks/", "../03-wide/"]
    assert html.select_one("link[rel=stylesheet]")["href"].startswith("../../_static/")
    assert html.select_one("form.search-form")["action"] == "../../search/"
    assert html.select_one("a.site-title")["href"] == "../../"


def test_singlehtml_links(built):
    app = built("singlehtml")
    html = soup(Path(app.outdir) / "index.html")
    nav = [a["href"] for a in html.select(".nav-tree li a")]
    assert nav == [
        "#document-episodes/01-blocks",
        "#document-episodes/02-code",
        "#document-episodes/03-wide",
        "#document-glossary",
        "#document-reference",
    ]
    for anchor in nav:
        assert html.find(id=anchor[1:]) is not None
    assert html.select_one("form.search-form") is None
    assert html.select_one('link[rel="search"]') is None


def test_epub_uses_its_own_theme_without_warnings(built):
    app = built("epub")
    xhtml = (Path(app.outdir) / "episodes" / "01-blocks.xhtml").read_text()
    assert "refinery-theme" not in xhtml
    assert "refinery/blocks.css" in xhtml


def test_other_themes_get_toctree_caption_levels(built):
    app = built(html_theme="alabaster", html_theme_options={})
    for element in page(app, "index").select('.body [role="heading"]'):
        assert element.get("aria-level") == "2"


def test_no_link_inside_summary(built):
    html = page(built(), "episodes/01-blocks")
    summary = html.select_one("details.solution > summary")
    assert summary.get_text(strip=True) == "Solution to Exercise 1"
    assert summary.find("a") is None


# ---------------------------------------------------------------- contrast


def _palettes() -> dict[str, dict[str, str]]:
    """The light and dark values of every --refinery-* colour variable."""
    source = (theme.THEME_CSS_DIR / "00-variables.css").read_text()
    split = source.index("@media")
    found = {}
    for scheme, text in (("light", source[:split]), ("dark", source[split:])):
        found[scheme] = dict(re.findall(r"(--refinery-[\w-]+):\s*(#[0-9a-fA-F]{6})\b", text))
    found["dark"] = {**found["light"], **found["dark"]}
    return found


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


CODE_TEXT = [
    "code-fg",
    "code-lineno",
    "code-comment",
    "code-keyword",
    "code-string",
    "code-number",
    "code-name",
    "code-builtin",
    "code-tag",
    "code-prompt",
    "code-output",
    "code-deleted",
    "code-inserted",
    "code-error",
]
FAMILIES = ["blue", "green", "purple", "orange", "red", "teal", "yellow", "pink", "grey"]
TEXT_PAIRS = [
    *[(token, background) for token in CODE_TEXT for background in ("code-bg", "code-hl-bg")],
    ("code-deleted", "code-deleted-bg"),
    ("code-inserted", "code-inserted-bg"),
    ("code-fg", "inline-code-bg"),
    *[
        (text, background)
        for text in ("fg", "muted", "link", "link-visited")
        for background in ("bg", "surface", "block-bg", "table-stripe")
    ],
    ("current-fg", "current-bg"),
    ("mark-fg", "mark-bg"),
    ("announcement-fg", "announcement-bg"),
    *[("block-fg", f"{family}-tint") for family in FAMILIES],
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_pairs_meet_wcag_aa(scheme):
    colours = _palettes()[scheme]
    weak = []
    for text, background in TEXT_PAIRS:
        ratio = contrast(colours[f"--refinery-{text}"], colours[f"--refinery-{background}"])
        if ratio < 4.5:
            weak.append(f"{text} on {background}: {ratio:.2f}")
    # Stripes and icons are graphics: 3:1 against the page and their title.
    for family in FAMILIES:
        stripe = colours[f"--refinery-{family}"]
        for background in ("block-bg", f"{family}-tint"):
            ratio = contrast(stripe, colours[f"--refinery-{background}"])
            if ratio < 3:
                weak.append(f"{family} on {background}: {ratio:.2f}")
    assert not weak, weak


def test_readme_states_the_csp_hash():
    readme = (THEME_DIR / "README.md").read_text()
    assert theme.THEME_INIT_SCRIPT_CSP in readme


def test_page_toc_can_be_turned_off(built):
    app = built(html_theme_options={"show_page_toc": False})
    html = page(app, "episodes/01-blocks")
    assert html.select_one("nav.page-toc") is None
    assert "has-page-toc" not in html.body["class"]
