"""Learner and instructor views from one build."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from helpers import Sources, html_pages, rewrite, soup

from sphinx_refinery.outputs.views.links import link_rewriter, shift_urls

NOTE = "Live-code the first test."


@pytest.fixture
def srcdir(copy_root) -> Sources:
    return copy_root("lesson")


def build(srcdir: Sources, builder="html", **overrides):
    return srcdir.build(builder, confoverrides=overrides)


def relative_links_resolve(outdir: Path) -> list[str]:
    """Every relative href/src of every page names a file that exists."""
    broken = []
    for page in outdir.rglob("*.html"):
        html = soup(page)
        for tag in html.select("[href], [src]"):
            url = tag["href"] if tag.has_attr("href") else tag["src"]
            if url == "" or url.startswith(("#", "http:", "https:", "mailto:", "data:")):
                continue  # this very page, or not a file of the site
            path = url.split("#")[0].split("?")[0]
            target = page.parent / path
            if path.endswith("/") or path in ("", "."):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(outdir)} -> {url}")
    return broken


def test_learner_view_has_no_instructor_text(srcdir):
    app = build(srcdir)
    out = Path(app.outdir)
    assert NOTE not in (out / "episodes" / "one.html").read_text()
    assert NOTE in (out / "instructor" / "episodes" / "one.html").read_text()
    search = (out / "searchindex.js").read_text()
    assert "live" not in search  # stem of "Live-code", only in an instructor note
    assert "regress" in search  # learner text is indexed
    # the guide's notes are for instructors only
    assert "Show the test ids" not in (out / "guide.html").read_text()
    assert "Show the test ids" in (out / "instructor" / "guide.html").read_text()


def test_every_page_is_copied(srcdir):
    app = build(srcdir)
    copies = sorted(
        p.relative_to(Path(app.outdir) / "instructor").as_posix()
        for p in (Path(app.outdir) / "instructor").rglob("*.html")
    )
    # episode two has no instructor note: it is copied too, so instructors stay in their view
    assert copies == [
        "episodes/one.html",
        "episodes/three.html",
        "episodes/two.html",
        "exercises.html",
        "genindex.html",
        "guide.html",
        "index.html",
        "keypoints.html",
        "search.html",
    ]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_links_of_both_views_resolve(srcdir, builder):
    app = build(srcdir, builder)
    assert relative_links_resolve(Path(app.outdir)) == []


def test_instructor_pages_link_to_each_other(srcdir):
    app = build(srcdir)
    index = soup(Path(app.outdir) / "instructor" / "index.html")
    hrefs = [a["href"] for a in index.select("table.refinery-schedule tbody a")]
    # every episode has its instructor copy, two (without notes) too
    assert hrefs == ["episodes/one.html", "episodes/two.html", "episodes/three.html"]


def test_instructor_root_view(srcdir):
    app = build(srcdir, refinery_views=["instructor", "learner"])
    out = Path(app.outdir)
    assert NOTE in (out / "episodes" / "one.html").read_text()
    assert NOTE not in (out / "learner" / "episodes" / "one.html").read_text()
    assert relative_links_resolve(out) == []


def test_single_view(srcdir):
    app = build(srcdir, refinery_views=["learner"])
    out = Path(app.outdir)
    assert not (out / "instructor").exists()
    assert NOTE not in (out / "episodes" / "one.html").read_text()


def test_adding_a_note_rewrites_links(copy_root):
    def edit(src: Sources) -> None:
        two = src / "episodes/two.md"
        rewrite(two, two.read_text() + "\n:::{instructor-note}\nA new note.\n:::\n")

    inc = copy_root("lesson", "inc")
    build(inc)
    edit(inc)
    app = build(inc)
    clean = copy_root("lesson", "clean")
    edit(clean)
    clean_app = build(clean)
    assert html_pages(app.outdir) == html_pages(clean_app.outdir)


def test_link_rewriter_keeps_copies_inside_the_view():
    rewrite = link_rewriter("episodes", "instructor", {"episodes/b.html", "index.html"})
    html = (
        '<a href="b.html#x">b</a><a href="c.html">c</a><img src="../_images/p.png">'
        '<a href="../index.html">i</a><a href="#top">t</a><a href="https://x.org/">x</a>'
        '<html data-content_root="../"><a data-refinery-view-link href="../../a.html">v</a>'
    )
    result = BeautifulSoup(shift_urls(html, rewrite), "html.parser")
    assert [a["href"] for a in result.select("a")] == [
        "b.html#x",
        "../../episodes/c.html",
        "../index.html",
        "#top",
        "https://x.org/",
        "../../a.html",
    ]
    assert result.img["src"] == "../../_images/p.png"
    # the copy is as deep in the view's folder as the page in the site: its root stays
    assert result.html["data-content_root"] == "../"
    assert posixpath.normpath("instructor/episodes/../../_images") == "_images"


def test_reference_to_an_instructor_only_exercise(srcdir):
    one = srcdir / "episodes" / "one.md"
    one.write_text(
        one.read_text()
        + "\n::::{instructor-note}\n:::{exercise} Secret warm-up\n:label: ex-secret\nHidden.\n"
        ":::\n::::\n\nSee {ref}`ex-secret`.\n"
    )
    app = build(srcdir)
    out = Path(app.outdir)
    learner = (out / "episodes" / "one.html").read_text()
    assert "Secret warm-up" not in learner
    assert "an exercise in the instructor view" in learner
    instructor = soup(out / "instructor" / "episodes" / "one.html")
    link = next(a for a in instructor.select("a") if "Secret warm-up" in a.get_text())
    assert link["href"] == "#ex-secret"


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


def test_images_of_the_instructor_copy(srcdir):
    """The instructor copy shows the page's images as the learner page does
    (file chosen for ``*``, link to a scaled image), and the images only
    instructors see are copied to ``_images`` too."""
    (srcdir / "fig").mkdir()
    (srcdir / "fig" / "plot.svg").write_text(SVG)
    (srcdir / "fig" / "secret.svg").write_text(SVG)
    one = srcdir / "episodes" / "one.md"
    one.write_text(
        one.read_text()
        + "\n```{image} ../fig/plot.*\n:width: 100px\n```\n"
        + "\n::::{instructor-note}\n```{image} ../fig/secret.svg\n```\n::::\n"
    )
    app = build(srcdir)
    out = Path(app.outdir)
    assert sorted(p.name for p in (out / "_images").iterdir()) == ["plot.svg", "secret.svg"]
    learner = soup(out / "episodes" / "one.html")
    assert [img["src"] for img in learner.select("img")] == ["../_images/plot.svg"]
    assert learner.img.parent["href"] == "../_images/plot.svg"
    instructor = soup(out / "instructor" / "episodes" / "one.html")
    images = instructor.select("img")
    assert [img["src"] for img in images] == ["../../_images/plot.svg", "../../_images/secret.svg"]
    assert images[0].parent["href"] == "../../_images/plot.svg"
    assert relative_links_resolve(out) == []


def test_body_for_view_cuts_the_other_views_content():
    from sphinx_refinery.outputs.views.marking import _marker, body_for_view

    def only(view: str, html: str) -> str:
        return _marker(view, "<") + html + _marker(view, ">")

    body = (
        "<p>a</p>"
        + only("instructor", "<div>note\n<p>two</p></div>")
        + "<p>b "
        + only("learner", "<span>(hidden)</span>")
        + only("instructor", '<a href="#x">X</a>')
        + "</p>"
    )
    assert body_for_view(body, "learner") == "<p>a</p><p>b <span>(hidden)</span></p>"
    assert body_for_view(body, "instructor") == (
        '<p>a</p><div>note\n<p>two</p></div><p>b <a href="#x">X</a></p>'
    )
    # page text cannot forge a marker: it is random per process
    forged = "\x00refinery-view-0000000000000000<instructor\x00secret"
    assert body_for_view(forged, "learner") == forged


def test_each_page_is_translated_once_for_both_views(srcdir, strict_build):
    """Both views of a page come from one HTML translation, and each view
    keeps the markup around the instructor content that a separate
    translation would give it."""
    one = srcdir / "episodes" / "one.md"
    one.write_text(
        one.read_text()
        + "\n- first item\n\n  :::{instructor-note}\n  Point at the item.\n  :::\n\n"
        + "Text before\n\n:::{instructor-note}\n```python\nsecret = 1\n```\n:::\n\nText after.\n"
    )
    app = srcdir.app()
    builder = app.builder
    translated: list[str] = []
    page: list[nodes.document] = []
    create, write = builder.create_translator, builder.write_doc

    def write_doc(docname, doctree):
        page[:] = [doctree]
        write(docname, doctree)

    def create_translator(*args):
        if page and args[0] is page[0]:  # not a title or a table of contents
            translated.append(builder.current_docname)
        return create(*args)

    builder.create_translator = create_translator
    builder.write_doc = write_doc  # wraps the extension's, installed at builder-inited
    strict_build(app)
    assert sorted(translated) == sorted(app.env.found_docs)
    out = Path(app.outdir)
    learner = (out / "episodes" / "one.html").read_text()
    instructor = (out / "instructor" / "episodes" / "one.html").read_text()
    for text in ("first item", "Text before", "Text after."):
        assert text in learner and text in instructor
    assert "Point at the item." not in learner and "secret" not in learner
    assert "Point at the item." in instructor
    assert '<span class="n">secret</span>' in instructor
    assert "\x00" not in learner + instructor
    # the note inside the list item is gone, leaving no wrapper behind
    item = next(
        li for li in soup(out / "episodes" / "one.html").select("li") if "first item" in li.text
    )
    assert [child.name for child in item.children if child.name] == ["p"]
    assert item.get_text(strip=True) == "first item"
