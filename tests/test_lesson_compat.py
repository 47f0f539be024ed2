"""What sphinx-lesson lessons bring along: ``toggle`` (sphinx-togglebutton),
``:class: with-border`` figures, CSS written for sphinx_rtd_theme's
``.rst-content`` and the project's name as the lesson's title."""

from __future__ import annotations

from sphinx_refinery.theme.bundle import PREBUILT_CSS


def test_toggle_is_a_details_block_open_with_show(copy_root):
    built = copy_root("toggle").build("html")
    for docname in ("index", "rest"):
        closed, shown = built.page(docname).select("article details.toggle")
        assert not closed.has_attr("open") and shown.has_attr("open")
        assert closed.summary.get_text(strip=True) == "Details"
    assert "Why it whistles" in built.page("index").select("details.toggle")[1].summary.get_text()


def test_toggle_content_is_in_other_builders(copy_root):
    built = copy_root("toggle").build("text")
    text = built.text("index.txt")
    assert "The kettle boils at a hundred degrees." in text
    assert "Why it whistles: Steam escapes" in text


def test_with_border_figures_get_a_border():
    css = PREBUILT_CSS.read_text(encoding="utf-8")
    assert "img.with-border" in css and "2px solid currentColor" in css


def test_article_carries_rst_content_for_lesson_css(copy_root):
    built = copy_root("toggle").build("html")
    assert built.page("index").select_one("article.body.rst-content")
    assert built.page("index").select_one("img.with-border")


def test_without_html_title_the_project_names_the_lesson(copy_root):
    sources = copy_root("toggle")
    page = sources.build("html").page("rest")
    assert page.title.get_text() == "Toggles in reST \u2014 Toggles"
    assert page.select_one(".site-title-text").get_text() == "Toggles"
    given = sources.build("html", confoverrides={"html_title": "Kettles 101"}).page("rest")
    assert given.select_one(".site-title-text").get_text() == "Kettles 101"
