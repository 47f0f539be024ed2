"""Each view searches its own index: nothing of an instructor note is in the
learner view's index, whichever view is at the site's root, and the
instructor view's index finds the notes.

``tests/roots/test-view-search`` puts the instructor view at the root
(``refinery_views = ["instructor", "learner"]``) and a ``zqxi...k`` token in
every construct of its instructor notes that the search index reads (text,
titles, an exercise, an ``envvar`` object, an index entry, a glossary term).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import ROOTS, rewrite, soup, touch
from test_view_navigation import page_of

ROOT = ROOTS / "test-view-search"
TOKEN = re.compile(r"zqxi[a-z]*k", re.IGNORECASE)
TOKENS = {t.lower() for path in ROOT.rglob("*.md") for t in TOKEN.findall(path.read_text())}
ORDERS = {"instructor-root": ["instructor", "learner"], "learner-root": ["learner", "instructor"]}
DOCS = ["episodes/lamps", "episodes/tides", "index"]


def build(copy_root, builder="html", order="instructor-root", *, dest="", **kwargs):
    sources = copy_root(ROOT, dest=f"view-search-{builder}-{order}{dest}")
    views = {"refinery_views": ORDERS[order]}
    return sources, sources.build(builder, confoverrides=views, **kwargs)


def folders(order: str) -> tuple[str, str]:
    """(learner view's folder, instructor view's folder), "" for the root."""
    return ("learner/", "") if order == "instructor-root" else ("", "instructor/")


def learner_files(outdir: Path, order: str) -> dict[str, str]:
    """Every file the learner view loads: its pages and search index, and the
    files both views share (``_static``, ``_images``, ``_sources``)."""
    learner, instructor = folders(order)
    files = {}
    for path in sorted(outdir.rglob("*")):
        name = path.relative_to(outdir).as_posix()
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        in_view = name.startswith(learner) and not (instructor and name.startswith(instructor))
        if in_view or name.startswith("_"):
            files[name] = path.read_bytes().decode("utf-8", "replace")
    return files


def search_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def words(index: dict) -> set[str]:
    """The words the index finds, in titles or text."""
    return {*index["terms"], *index["titleterms"]}


def index_tokens(path: Path) -> set[str]:
    return {t.lower() for t in TOKEN.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("parallel", [0, 2])
@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_learner_view_holds_no_instructor_token(copy_root, builder, order, parallel):
    _sources, built = build(copy_root, builder, order, parallel=parallel)
    files = learner_files(built.outdir, order)
    learner, instructor = folders(order)
    assert f"{learner}searchindex.js" in files
    leaked = {name: TOKEN.findall(text) for name, text in files.items() if TOKEN.search(text)}
    assert leaked == {}
    # every page is in the learner index, with its learner words
    learner_index = search_index(built.outdir / learner / "searchindex.js")
    assert sorted(learner_index["docnames"]) == DOCS
    assert {"lantern", "lighthous", "logbook"} <= words(learner_index)
    assert "lantern" in learner_index["indexentries"]
    # the instructor view's index finds every token of the notes
    assert index_tokens(built.outdir / instructor / "searchindex.js") == TOKENS


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_search_page_reads_its_views_index(copy_root, builder, order):
    _sources, built = build(copy_root, builder, order)
    out = built.outdir

    for folder in folders(order):
        page = out / folder / ("search.html" if builder == "html" else "search/index.html")
        html = soup(page)
        script = next(s["src"] for s in html.select("script[src]") if "searchindex" in s["src"])
        assert page_of(out, page, script) == f"{folder}searchindex.js"
        # Sphinx's search fetches and links result pages under data-content_root
        assert page_of(out, page, html.html["data-content_root"]) == f"{folder}index.html"


@pytest.mark.parametrize("order", ORDERS)
def test_an_incremental_build_keeps_each_index_whole(copy_root, order):
    sources, _built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    lamps = sources / "episodes" / "lamps.md"
    rewrite(
        lamps,
        lamps.read_text(encoding="utf-8")
        + "\nThe foghorn sounds.\n\n```{instructor-note}\nSay zqxinewk.\n```\n",
    )
    touch(sources / "episodes" / "tides.md")
    again = sources.build("html", confoverrides={"refinery_views": ORDERS[order]})
    learner_index = search_index(again.outdir / learner / "searchindex.js")
    assert sorted(learner_index["docnames"]) == DOCS
    assert {"foghorn", "lantern", "logbook"} <= words(learner_index)
    assert not TOKEN.search((again.outdir / learner / "searchindex.js").read_text())
    assert index_tokens(again.outdir / instructor / "searchindex.js") >= TOKENS | {"zqxinewk"}


def test_a_lost_view_index_is_reported(copy_root):
    """An incremental build that cannot read the view's index of the last build
    says that the index lacks the pages it does not write."""
    sources, built = build(copy_root, "html")
    (built.outdir / "learner" / "searchindex.js").unlink()
    touch(sources / "episodes" / "tides.md")
    views = {"refinery_views": ORDERS["instructor-root"]}
    again = sources.build("html", confoverrides=views, strict=False)
    assert "learner view's search index could not be read" in again.warnings
    assert "refinery.views" in again.warnings
    written = search_index(again.outdir / "learner" / "searchindex.js")["docnames"]
    assert "episodes/tides" in written
    assert "episodes/lamps" not in written  # not written again: not in the index


def test_the_learner_edition_index_leaves_out_objects_inside_notes(copy_root):
    """JSON (one edition): the search index lists no object defined inside a note."""
    overrides = {"refinery_edition": "learner", "html_theme": "alabaster"}
    sources = copy_root(ROOT, dest="view-search-json")
    built = sources.build("json", confoverrides=overrides)
    index = (built.outdir / "searchindex.json").read_text(encoding="utf-8")
    assert not TOKEN.search(index)
    assert "lantern" in index


def entries_of(index: dict, docname: str) -> dict:
    """What ``index`` holds for one page: its title, titles and words."""
    number = index["docnames"].index(docname)

    def pages(value):
        return {value} if isinstance(value, int) else set(value)

    return {
        "title": index["titles"][number],
        "filename": index["filenames"][number],
        "alltitles": sorted(
            title
            for title, places in index["alltitles"].items()
            for place in places
            if place[0] == number
        ),
        "terms": {w for w, docs in index["terms"].items() if number in pages(docs)},
        "titleterms": {w for w, docs in index["titleterms"].items() if number in pages(docs)},
    }


@pytest.mark.parametrize("parallel", [0, 2])
@pytest.mark.parametrize("order", ORDERS)
def test_a_page_without_notes_is_indexed_alike_in_both_views(copy_root, order, parallel):
    """The second view's index takes such a page's entries from the root's."""
    sources, built = build(copy_root, "html", order, parallel=parallel)
    learner, instructor = folders(order)

    def both(outdir: Path) -> tuple[dict, dict]:
        return tuple(
            entries_of(search_index(outdir / folder / "searchindex.js"), "index")
            for folder in (learner, instructor)
        )

    in_learner, in_instructor = both(built.outdir)
    assert in_learner == in_instructor
    assert {"learner", "everi", "read"} <= in_learner["terms"]
    assert "lighthous" in in_learner["titleterms"]
    assert in_learner["title"] == "Lighthouse keeping"
    # written again alone, with words it did not have
    index = sources / "index.md"
    rewrite(index, index.read_text(encoding="utf-8") + "\nThe beacon glows.\n")
    again = sources.build("html", confoverrides={"refinery_views": ORDERS[order]})
    in_learner, in_instructor = both(again.outdir)
    assert in_learner == in_instructor
    assert "beacon" in in_instructor["terms"]
    # the pages with notes keep their own entries in each view
    lamps = [
        entries_of(search_index(again.outdir / folder / "searchindex.js"), "episodes/lamps")
        for folder in (learner, instructor)
    ]
    assert "zqxisearchk" in lamps[1]["terms"] and "zqxisearchk" not in lamps[0]["terms"]
