"""Pages that extensions add through ``html-collect-pages`` have their copy in
the second view, as every other page: sphinx.ext.viewcode's source pages
(``_modules/...``) and its index, and the pages of the root's own odd
extension (one pagename yielded twice, one page without a body).  A copy's
links stay in its view, its switch leads to the same page in the other view,
in html and dirhtml, with either view at the root; the learner view's source
pages leave out what is documented only inside instructor notes."""

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
#: The pages the root's extensions collect, in both views.
COLLECTED = (
    "_modules/index",
    "_modules/refinery_tiles",
    "_modules/refinery_garden/soil",
    "odd/twice",
    "odd/bodiless",
)
#: The source page of a module documented only inside an instructor note.
ANSWERS = "_modules/refinery_answers"
#: Words only the root's instructor notes show (the answers' docstrings too).
NOTE_WORDS = ("round the tile count", "bag of compost", "Worked answers", "the worked answer")
ORDERS = {"learner": ["learner", "instructor"], "instructor": ["instructor", "learner"]}
CASES = [(builder, root) for builder in ("html", "dirhtml") for root in ORDERS]
VIEWS = ("learner", "instructor")
DOCS = "a.viewcode-back"
SOURCE = "a:has(> span.viewcode-link)"
SWITCH = f"a[{KEEP_MARKER}]"


def output(builder: str, pagename: str) -> str:
    """The file of ``pagename`` (dirhtml: a folder's ``index.html``, but for an index)."""
    index = pagename == "index" or pagename.endswith("/index")
    return f"{pagename}.html" if builder == "html" or index else f"{pagename}/index.html"


class Site:
    """One build of the root, read by view."""

    def __init__(self, outdir: Path, builder: str, root: str) -> None:
        self.outdir, self.builder, self.root = outdir, builder, root
        self.folder = ORDERS[root][1]

    def path(self, view: str, pagename: str) -> str:
        """Where ``pagename`` of ``view`` is, relative to the output folder."""
        name = output(self.builder, pagename)
        return name if view == self.root else f"{self.folder}/{name}"

    def file(self, view: str, pagename: str) -> Path:
        return self.outdir / self.path(view, pagename)

    def targets(self, view: str, pagename: str, selector: str) -> list[str]:
        """Where the links ``selector`` of the page lead, relative to the output folder."""
        page = self.file(view, pagename)
        links = soup(page).select(selector)
        assert links, f"{page}: no {selector}"
        return [str(page_of(self.outdir, page, a["href"])) for a in links]

    def pages(self, view: str) -> list[Path]:
        if view == self.root:
            folder = self.outdir / self.folder
            return [p for p in self.outdir.rglob("*.html") if not p.is_relative_to(folder)]
        return list((self.outdir / self.folder).rglob("*.html"))


def build(tmp: Path, builder: str, root: str, parallel: int = 0) -> Path:
    srcdir = copy_sources(root_path(ROOT), tmp / "src")
    app = SphinxTestApp(
        builder, srcdir=srcdir, confoverrides={"refinery_views": ORDERS[root]}, parallel=parallel
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
    for view in VIEWS:
        for pagename in COLLECTED:
            assert built.file(view, pagename).is_file(), (view, pagename)
        # Yielded twice: the second wins.
        assert "The second time." in built.file(view, "odd/twice").read_text(encoding="utf-8")
    assert built.file("instructor", ANSWERS).is_file()
    assert not built.file("learner", ANSWERS).exists()


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_the_links_of_collected_pages_stay_in_their_view(site, builder, root):
    built = site(builder, root)
    for view in VIEWS:
        index, garden = built.path(view, "index"), built.path(view, "api/garden")
        tiles = built.path(view, "_modules/refinery_tiles")
        soil = built.path(view, "_modules/refinery_garden/soil")
        # "[docs]" leads back to the documented object, in the same view.
        assert set(built.targets(view, "_modules/refinery_tiles", DOCS)) == {index}
        assert set(built.targets(view, "_modules/refinery_garden/soil", DOCS)) == {garden}
        # "[source]" leads to the source page of the same view.
        sources = set(built.targets(view, "index", SOURCE))
        assert sources - {built.path(view, ANSWERS)} == {tiles}
        assert set(built.targets(view, "api/garden", SOURCE)) == {soil}
        # A collected page's link to a page collected after it.
        bodiless = built.path(view, "odd/bodiless")
        assert built.targets(view, "odd/twice", "a.odd-link") == [bodiless]
    assert leaks_out_of_view(built.outdir, built.folder) == []


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_each_view_lists_and_links_the_sources_it_shows(site, builder, root):
    built = site(builder, root)
    tiles, soil = "_modules/refinery_tiles", "_modules/refinery_garden/soil"
    listed = {view: built.targets(view, "_modules/index", "article li > a") for view in VIEWS}
    assert listed["learner"] == [built.path("learner", soil), built.path("learner", tiles)]
    answers = built.path("instructor", ANSWERS)
    assert listed["instructor"] == [
        answers,
        built.path("instructor", soil),
        built.path("instructor", tiles),
    ]
    anchors = {
        view: [a["href"].split("#")[1] for a in soup(built.file(view, tiles)).select(DOCS)]
        for view in VIEWS
    }
    assert anchors == {
        "learner": ["refinery_tiles.area"],
        "instructor": ["refinery_tiles.area", "refinery_tiles.tiles_needed"],
    }
    assert built.targets("instructor", "index", SOURCE) == [
        built.path("instructor", tiles),
        built.path("instructor", tiles),
        answers,
    ]
    assert built.targets("instructor", ANSWERS, DOCS) == [built.path("instructor", "index")]


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_the_switch_of_a_collected_page_leads_to_its_other_view(site, builder, root):
    built = site(builder, root)
    for pagename in COLLECTED:
        learner, instructor = built.path("learner", pagename), built.path("instructor", pagename)
        assert built.targets("learner", pagename, SWITCH) == [instructor], pagename
        assert built.targets("instructor", pagename, SWITCH) == [learner], pagename
    # A page in one view only: to the other view's home page.
    assert built.targets("instructor", ANSWERS, SWITCH) == [built.path("learner", "index")]


@pytest.mark.parametrize(("builder", "root"), CASES)
def test_learner_pages_hold_no_note(site, builder, root):
    built = site(builder, root)
    pages = built.pages("learner")
    assert any("_modules" in page.parts for page in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(words in text for words in NOTE_WORDS), page
    instructor = built.file("instructor", ANSWERS).read_text(encoding="utf-8")
    assert "Worked answers" in instructor


def test_a_parallel_build_writes_the_same_collected_pages(site, tmp_path):
    serial = site("dirhtml", "instructor")
    parallel = build(tmp_path, "dirhtml", "instructor", parallel=2)
    assert differences(site_files(serial.outdir), site_files(parallel)) == []


def test_one_view_leaves_out_the_sources_of_notes(copy_root):
    built = copy_root(ROOT).build("html", confoverrides={"refinery_views": ["learner"]})
    modules = built.outdir / "_modules"
    assert (modules / "refinery_tiles.html").is_file()
    assert not (modules / "refinery_answers.html").exists()
    assert not (built.outdir / "instructor").exists()


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


def test_copies_link_to_viewcode_pages_before_they_are_written(copy_root):
    """viewcode's pages are known before the documents are written: the copies'
    "[source]" links lead into the view at once, not by a pass over every copy
    after the pages are collected."""
    app = copy_root(ROOT).app("html")
    seen: list[str] = []

    def before_collecting(app):
        page = Path(app.outdir) / "instructor" / "index.html"
        seen.extend(a["href"].split("#")[0] for a in soup(page).select(SOURCE))
        return []

    app.connect("html-collect-pages", before_collecting, priority=0)
    run_build(app)
    assert seen == ["_modules/refinery_tiles.html"] * 2 + ["_modules/refinery_answers.html"]


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


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_an_edition_shows_the_sources_of_its_readers(copy_root, edition):
    """Every other output is one edition (JSON here): the learner edition's
    source pages are the learner view's."""
    built = copy_root(ROOT).build("json", confoverrides={"refinery_edition": edition})
    modules = built.outdir / "_modules"
    tiles = (modules / "refinery_tiles.fjson").read_text(encoding="utf-8")
    assert ("refinery_tiles.tiles_needed" in tiles) == (edition == "instructor")
    assert (modules / "refinery_answers.fjson").exists() == (edition == "instructor")


def test_hidden_solutions_have_no_source_page_in_any_view(copy_root):
    """A module documented only inside a hidden solution: the solution is gone
    before viewcode reads the page, in both views."""
    sources = copy_root(ROOT)
    (sources / "refinery_hints.py").write_text(
        '"""Hints."""\n\n\ndef hint():\n    """The hint."""\n', encoding="utf-8"
    )
    with (sources / "api/garden.md").open("a", encoding="utf-8") as page:
        page.write(
            "\n:::{exercise}\nCount the beds.\n:::\n\n::::{solution}\n"
            "```{eval-rst}\n.. autofunction:: refinery_hints.hint\n```\n::::\n"
        )
    shown = copy_root(sources.srcdir, dest="shown").build("html")
    hidden = sources.build("html", confoverrides={"refinery_solutions": "hidden"})
    for view in ("", "instructor/"):
        assert (shown.outdir / f"{view}_modules/refinery_hints.html").is_file()
        modules = hidden.outdir / f"{view}_modules"
        assert (modules / "refinery_garden/soil.html").is_file()
        assert not (modules / "refinery_hints.html").exists(), view
