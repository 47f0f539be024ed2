"""Pages that extensions add through ``html-collect-pages`` have their copy in
the second view, as every other page: sphinx.ext.viewcode's source pages
(``_modules/...``) and its index, and the pages of the root's own odd
extension (one pagename yielded twice, one page without a body).  A copy's
links stay in its view, its switch leads to the same page in the other view,
in html and dirhtml, with either view at the root."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import copy_sources, differences, root_path, run_build, site_files, soup
from sphinx.testing.util import SphinxTestApp
from test_view_navigation import leaks_out_of_view, page_of

from sphinx_refinery.outputs.views.collected import move_links_into_view
from sphinx_refinery.outputs.views.links import KEEP_MARKER

ROOT = "views-collected"
#: The pages the root's extensions collect.
COLLECTED = (
    "_modules/index",
    "_modules/refinery_tiles",
    "_modules/refinery_garden/soil",
    "odd/twice",
    "odd/bodiless",
)
#: Words of the root's instructor notes.
NOTE_WORDS = ("round the tile count", "bag of compost")
ORDERS = {"learner": ["learner", "instructor"], "instructor": ["instructor", "learner"]}
CASES = [(builder, root) for builder in ("html", "dirhtml") for root in ORDERS]


def output(builder: str, pagename: str) -> str:
    """The file of ``pagename`` (dirhtml: a folder's ``index.html``, but for an index)."""
    index = pagename == "index" or pagename.endswith("/index")
    return f"{pagename}.html" if builder == "html" or index else f"{pagename}/index.html"


class Site:
    """One build of the root: its output folder and where its copies are."""

    def __init__(self, outdir: Path, builder: str, root: str) -> None:
        self.outdir, self.builder, self.root = outdir, builder, root
        self.folder = ORDERS[root][1]

    def file(self, pagename: str, *, copy: bool = False) -> Path:
        name = output(self.builder, pagename)
        return self.outdir / (f"{self.folder}/{name}" if copy else name)

    def targets(self, pagename: str, selector: str, *, copy: bool = False) -> list[str]:
        """Where the links ``selector`` of the page lead, relative to the output folder."""
        page = self.file(pagename, copy=copy)
        links = soup(page).select(selector)
        assert links, f"{page}: no {selector}"
        return [str(page_of(self.outdir, page, a["href"])) for a in links]


def build(tmp: Path, builder: str, root: str, parallel: int = 0) -> Path:
    srcdir = copy_sources(root_path(ROOT), tmp / "src")
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        confoverrides={"refinery_views": ORDERS[root]},
        parallel=parallel,
    )
    run_build(app)
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Callable[[str, str], Site]]:
    built: dict[tuple[str, str], Site] = {}

    def get(builder: str, root: str) -> Site:
        if (builder, root) not in built:
            tmp = tmp_path_factory.mktemp(f"{builder}-{root}")
            built[builder, root] = Site(build(tmp, builder, root), builder, root)
        return built[builder, root]

    yield get


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_every_collected_page_is_written_in_both_views(site, builder, root):
    built = site(builder, root)
    for pagename in COLLECTED:
        assert built.file(pagename).is_file(), pagename
        assert built.file(pagename, copy=True).is_file(), pagename
    # Yielded twice: the second wins, in both views.
    for copy in (False, True):
        assert "The second time." in built.file("odd/twice", copy=copy).read_text()


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_the_links_of_collected_pages_stay_in_their_view(site, builder, root):
    built = site(builder, root)
    folder = built.folder
    index, garden = output(builder, "index"), output(builder, "api/garden")
    tiles = output(builder, "_modules/refinery_tiles")
    soil = output(builder, "_modules/refinery_garden/soil")
    # "[docs]" leads back to the documented object, in the same view.
    docs = "a.viewcode-back"
    assert set(built.targets("_modules/refinery_tiles", docs)) == {index}
    assert set(built.targets("_modules/refinery_tiles", docs, copy=True)) == {f"{folder}/{index}"}
    assert set(built.targets("_modules/refinery_garden/soil", docs, copy=True)) == {
        f"{folder}/{garden}"
    }
    # "[source]" of a copy leads to the copy of the source page.
    source = "a:has(> span.viewcode-link)"
    assert set(built.targets("index", source)) == {tiles}
    assert set(built.targets("index", source, copy=True)) == {f"{folder}/{tiles}"}
    assert set(built.targets("api/garden", source, copy=True)) == {f"{folder}/{soil}"}
    # viewcode's index of modules, and a collected page's link to a page
    # collected after it.
    modules = built.targets("_modules/index", "article li > a", copy=True)
    assert sorted(modules) == [f"{folder}/{soil}", f"{folder}/{tiles}"]
    bodiless = output(builder, "odd/bodiless")
    assert built.targets("odd/twice", "a.odd-link", copy=True) == [f"{folder}/{bodiless}"]
    assert built.targets("odd/twice", "a.odd-link") == [bodiless]
    assert leaks_out_of_view(built.outdir, folder) == []


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_the_switch_of_a_collected_page_leads_to_its_other_view(site, builder, root):
    built = site(builder, root)
    switch = f"a[{KEEP_MARKER}]"
    for pagename in COLLECTED:
        page, copy = output(builder, pagename), f"{built.folder}/{output(builder, pagename)}"
        assert built.targets(pagename, switch) == [copy], pagename
        assert built.targets(pagename, switch, copy=True) == [page], pagename


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_learner_pages_hold_no_note(site, builder, root):
    built = site(builder, root)
    learner = built.outdir / "learner" if root == "instructor" else built.outdir
    pages = [
        page
        for page in learner.rglob("*.html")
        if root == "instructor" or not page.is_relative_to(built.outdir / "instructor")
    ]
    assert any("_modules" in page.parts for page in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(words in text for words in NOTE_WORDS), page
    instructor = built.file("index", copy=root == "learner").read_text(encoding="utf-8")
    assert all(words in instructor for words in NOTE_WORDS[:1])


def test_a_parallel_build_writes_the_same_collected_pages(site, tmp_path):
    serial = site("dirhtml", "instructor")
    parallel = build(tmp_path, "dirhtml", "instructor", parallel=2)
    assert differences(site_files(serial.outdir), site_files(parallel)) == []


def test_a_lesson_that_had_one_view_gets_the_copies_of_its_source_pages(tmp_path):
    """viewcode skips a source page newer than its module: a build that adds the
    second view writes it again, for its copy."""
    srcdir = copy_sources(root_path(ROOT), tmp_path / "src")
    for views in (["learner"], ORDERS["learner"]):
        app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"refinery_views": views})
        run_build(app)
    html = Path(app.outdir)
    assert (html / "instructor/_modules/refinery_tiles.html").is_file()
    assert (html / "instructor/_modules/refinery_garden/soil.html").is_file()


def test_links_to_a_page_collected_late_are_moved_into_the_view(tmp_path):
    view = tmp_path / "instructor" / "guide"
    view.mkdir(parents=True)
    page = view / "page.html"
    page.write_text(
        '<a href="../../late.html#top">late</a> <a href="../../other.html">other</a>'
        ' <a href="../page.html">in the view</a>',
        encoding="utf-8",
    )
    move_links_into_view(tmp_path, "instructor", {"late.html"}, "utf-8")
    assert page.read_text(encoding="utf-8") == (
        '<a href="../late.html#top">late</a> <a href="../../other.html">other</a>'
        ' <a href="../page.html">in the view</a>'
    )


def test_copies_link_to_viewcode_pages_before_they_are_written(copy_root):
    """viewcode's pages are known before the documents are written: the copies'
    "[source]" links lead into the view at once, not by a pass over every copy
    after the pages are collected."""
    sources = copy_root(ROOT)
    app = sources.app("html")
    seen: list[str] = []

    def before_collecting(app):
        page = Path(app.outdir) / "instructor" / "index.html"
        seen.extend(a["href"] for a in soup(page).select("a:has(> span.viewcode-link)"))
        return []

    app.connect("html-collect-pages", before_collecting, priority=0)
    run_build(app)
    assert seen == [
        "_modules/refinery_tiles.html#area",
        "_modules/refinery_tiles.html#tiles_needed",
    ]
