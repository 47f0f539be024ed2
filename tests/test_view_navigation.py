"""Instructors stay in their view: every page has its copy under ``instructor/``,
and every link of a copy (next/previous, navigation, breadcrumbs, body, logo,
search form) leads to a page of that view; each page's switch leads to the
same page in the other view."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from helpers import ROOTS, soup

from sphinx_refinery.outputs.views.links import KEEP_MARKER

EXAMPLE = ROOTS.parent.parent / "example-lesson"
#: Files of the site that are no page and serve both views.
SHARED = ("_static/", "_images/", "_sources/", "_downloads/", "searchindex.js", "objects.inv")


def page_of(outdir: Path, page: Path, url: str) -> str | None:
    """The file ``url`` of ``page`` names, relative to ``outdir`` (None: not a local page)."""
    if not url or url.startswith(("#", "?", "mailto:", "data:")) or "://" in url:
        return None
    path = url.split("#")[0].split("?")[0]
    here = page.parent.relative_to(outdir).as_posix()
    target = posixpath.normpath(posixpath.join(here, path))
    if path.endswith("/") or path in ("", ".", ".."):
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./")


def leaks_out_of_view(outdir: Path, folder: str = "instructor") -> list[str]:
    """Links of the view's copies that lead to a page outside the view."""
    out = []
    for page in sorted((outdir / folder).rglob("*.html")):
        html = soup(page)
        for tag in html.select("a[href], form[action], link[href]"):
            if tag.has_attr(KEEP_MARKER):
                continue
            url = tag.get("href") if tag.name != "form" else tag.get("action")
            target = page_of(outdir, page, url)
            if target is None or target.startswith(SHARED):
                continue
            if not target.startswith(f"{folder}/") or not (outdir / target).is_file():
                out.append(f"{page.relative_to(outdir)} -> {url}")
    return out


def switch_targets(outdir: Path, folder: str = "instructor") -> list[str]:
    """Pages whose view switch does not lead to the same page in the other view."""
    wrong = []
    for page in sorted(outdir.rglob("*.html")):
        name = page.relative_to(outdir).as_posix()
        if name.startswith("_"):
            continue
        switch = soup(page).select_one(f"a[{KEEP_MARKER}]")
        if switch is None:
            wrong.append(f"{name}: no switch")
            continue
        inside = name.startswith(f"{folder}/")
        expected = name.removeprefix(f"{folder}/") if inside else f"{folder}/{name}"
        if page_of(outdir, page, switch["href"]) != expected:
            wrong.append(f"{name} -> {switch['href']}")
    return wrong


@pytest.fixture(params=["html", "dirhtml"])
def builder(request) -> str:
    return request.param


def test_instructor_links_stay_in_the_instructor_view(copy_root, builder):
    app = copy_root("view-navigation").build(builder)
    out = Path(app.outdir)
    assert leaks_out_of_view(out) == []
    assert switch_targets(out) == []


def test_the_example_lesson_keeps_instructors_in_their_view(copy_root, builder):
    app = copy_root(EXAMPLE).build(builder)
    out = Path(app.outdir)
    assert leaks_out_of_view(out) == []
    assert switch_targets(out) == []
    # the crawl saw every page: each learner page has its copy
    learner = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if not p.relative_to(out).as_posix().startswith(("instructor/", "_"))
    }
    folder = out / "instructor"
    copies = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    assert learner == copies


def test_next_from_an_episode_without_notes_stays_in_the_view(copy_root):
    app = copy_root("view-navigation").build()
    out = Path(app.outdir)
    # "plain" has no instructor content: its copy exists, and "next" from it
    # leads to the copy of the last episode
    for name, after in (("first", "plain"), ("plain", "last")):
        page = out / "instructor" / "episodes" / f"{name}.html"
        next_link = soup(page).select_one("a[rel=next]")
        assert next_link is not None
        assert page_of(out, page, next_link["href"]) == f"instructor/episodes/{after}.html"


def test_the_instructor_search_page_searches_in_its_view(copy_root, builder):
    app = copy_root("lesson").build(builder)
    out = Path(app.outdir)
    name = "search.html" if builder == "html" else "search/index.html"
    page = out / "instructor" / name
    html = soup(page)
    # Sphinx's search fetches and links result pages under data-content_root
    root = page_of(out, page, html.html["data-content_root"])
    assert root == "instructor/index.html"
    # the index it reads is the instructor view's own (with the notes' words);
    # the learner index at the site root has none of them
    script = next(s["src"] for s in html.select("script[src]") if "searchindex" in s["src"])
    assert page_of(out, page, script) == "instructor/searchindex.js"
    assert "live" in (out / "instructor" / "searchindex.js").read_text()
    assert "live" not in (out / "searchindex.js").read_text()


def test_the_learner_copy_of_the_index_has_no_instructor_entries(copy_root):
    views = {"refinery_views": ["instructor", "learner"]}
    app = copy_root("view-navigation").build("html", confoverrides=views)
    out = Path(app.outdir)
    assert leaks_out_of_view(out, "learner") == []
    assert switch_targets(out, "learner") == []
    root_index = (out / "genindex.html").read_text()
    learner_index = (out / "learner" / "genindex.html").read_text()
    assert "refinery-secret-term" in root_index
    assert "refinery-secret-term" not in learner_index
