"""Tables of contents list the objects declared inside instructor notes in
the instructor view (and the instructor edition), never in the learner one.

``tests/roots/test-withheld-notes`` declares a Python function
(``zqxitocfunck``, reST) and a JavaScript function (``zqxitocjsk``, MyST)
inside notes, next to learners' functions; Sphinx gives each object an entry
in its page's table of contents (``toc_object_entries``), which the page's
contents, the index page's toctree and the site navigation show.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOTS, rewrite, soup
from test_leaks import output_files
from test_withheld_objects import ORDERS, folders, leaked, learner_side

ROOT = ROOTS / "test-withheld-notes"
IN_NOTES = {"zqxitocfunck", "zqxitocjsk"}
FOR_LEARNERS = {"learner_toc_func", "learnerTool"}


def build(copy_root, builder="html", order="learner-root", *, dest="", **overrides):
    sources = copy_root(ROOT, dest=f"notes-toc-{builder}-{order}{dest}")
    confoverrides = {"refinery_views": ORDERS[order], "version": "1.0", **overrides}
    return sources, sources.build(builder, confoverrides=confoverrides)


def page_path(builder: str, folder: str, page: str) -> str:
    if builder == "dirhtml" and page != "index":
        return f"{folder}{page}/index.html"
    return f"{folder}{page}.html"


def names(element) -> set[str]:
    """The object names an element's links show."""
    text = element.get_text(" ") if element is not None else ""
    return {name for name in IN_NOTES | FOR_LEARNERS if name in text}


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_view_lists_what_it_shows(copy_root, builder, order):
    _sources, built = build(copy_root, builder, order)
    learner, instructor = folders(order)
    assert leaked(learner_side(output_files(built.outdir), order)) == {}
    for folder, expected in ((learner, FOR_LEARNERS), (instructor, FOR_LEARNERS | IN_NOTES)):
        contents = set()
        for page in ("api", "tools"):
            html = soup(built.outdir / page_path(builder, folder, page))
            contents |= names(html.select_one("nav.page-toc"))
        assert contents == expected, folder
        # the index page's toctree lists the pages' entries
        index = soup(built.outdir / page_path(builder, folder, "index"))
        assert names(index.select_one("[role=main] .toctree-wrapper")) == expected, folder


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("theme", ["sphinx_refinery", "alabaster"])
def test_each_views_navigation(copy_root, theme, order):
    """Navigation that lists more than titles: the theme's own (theme option
    ``titles_only``), a theme's ``toctree()`` (alabaster's sidebar)."""
    options = {"titles_only": False} if theme == "sphinx_refinery" else {}
    _sources, built = build(
        copy_root, "html", order, dest=theme, html_theme=theme, html_theme_options=options
    )
    learner, instructor = folders(order)
    assert leaked(learner_side(output_files(built.outdir), order)) == {}
    where = "nav.site-nav" if theme == "sphinx_refinery" else ".sphinxsidebar"
    for folder, expected in (
        (learner, {"learner_toc_func"}),
        (instructor, {"learner_toc_func", "zqxitocfunck"}),
    ):
        html = soup(built.outdir / folder / "api.html")
        assert names(html.select_one(where)) == expected, folder


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text", "json", "latex"])
def test_each_edition_lists_what_it_shows(copy_root, builder):
    _sources, built = build(copy_root, builder)
    files = output_files(built.outdir)
    assert leaked(files) == {}
    _sources, built = build(copy_root, builder, dest="instructor", refinery_edition="instructor")
    files = output_files(built.outdir)
    contents = {  # a table of contents apart from the notes themselves
        "epub": "\n".join(text for name, text in files.items() if name.endswith("nav.xhtml")),
        "text": files.get("index.txt", ""),
        "json": json.loads(files.get("api.fjson", "{}")).get("toc", ""),
    }
    if builder in contents:
        assert {"zqxitocfunck", "learner_toc_func"} <= set(re.findall(r"\w+", contents[builder]))


IN_NOTE = "   .. py:function:: zqxitocfunck(x)\n\n      Triples ``x``.\n\n"


@pytest.mark.parametrize("order", ORDERS)
def test_an_object_moved_out_of_its_note(copy_root, order):
    """An incremental build: the learner view lists an object that an edit
    moved out of its note, and no longer lists it once it is back."""
    sources, _built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    api = sources / "api.rst"
    original = api.read_text(encoding="utf-8")
    assert IN_NOTE in original
    declared = IN_NOTE.replace("   ", "", 1).replace("      ", "   ")
    moved = original.replace(IN_NOTE, "").replace(
        ".. instructor-note::", declared + ".. instructor-note::"
    )
    rewrite(api, moved)
    views = {"refinery_views": ORDERS[order], "version": "1.0"}
    again = sources.build("html", confoverrides=views)
    for folder in (learner, instructor):
        page = soup(again.outdir / folder / "api.html")
        assert "zqxitocfunck" in names(page.select_one("nav.page-toc")), folder
        index = soup(again.outdir / folder / "index.html")
        assert "zqxitocfunck" in names(index.select_one("[role=main] .toctree-wrapper")), folder

    rewrite(api, original)
    back = sources.build("html", confoverrides=views)
    for folder, listed in ((learner, False), (instructor, True)):
        page = soup(back.outdir / folder / "api.html")
        assert ("zqxitocfunck" in names(page.select_one("nav.page-toc"))) is listed, folder
        index = soup(back.outdir / folder / "index.html")
        toctree = index.select_one("[role=main] .toctree-wrapper")
        assert ("zqxitocfunck" in names(toctree)) is listed, folder


@pytest.mark.parametrize("order", ORDERS)
def test_a_toctree_inside_a_note_is_in_the_instructor_navigation(copy_root, order):
    """The root page's toctree inside a note (pages for instructors, its
    caption the note's text) is in the instructor view's site navigation only."""
    sources = copy_root(ROOTS / "test-withheld-navigation", dest=f"navigation-{order}")
    built = sources.build("html", confoverrides={"refinery_views": ORDERS[order]})
    learner, instructor = folders(order)
    files = output_files(built.outdir)
    assert leaked(learner_side(files, order), re.compile("zqxinavk", re.IGNORECASE)) == {}
    for page in ("index", "episode", "teaching"):
        navigation = soup(built.outdir / instructor / f"{page}.html").select_one("nav.site-nav")
        assert "Zqxinavk pages" in navigation.get_text(), page
        assert "Episodes" in navigation.get_text(), page
        navigation = soup(built.outdir / learner / f"{page}.html").select_one("nav.site-nav")
        assert "Episodes" in navigation.get_text(), page
