"""Labels, index entries and domain indices of what instructor notes declare
reach no learner output.

``tests/roots/test-withheld-notes`` has, inside notes: a label that is the
last thing in its note (reST ``.. _zqxilastk:`` before a learners' section,
MyST ``(zqximdlastk)=`` before a learners' heading), a Python module on
each page (so the Python module index lists only notes' modules), a
``program``, an environment variable, a glossary term, an ``index`` entry
and a numbered listing; learner content after the notes declares a function
and an option, and references the label, the variable, the term and the
listing.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOTS, rewrite, soup
from test_leaks import output_files
from test_withheld_objects import (
    NOTE,
    ORDERS,
    folders,
    inventory,
    leaked,
    learner_side,
    search_index,
)
from test_withheld_toc import page_path

ROOT = ROOTS / "test-withheld-notes"
#: Learner references to what the notes declare, by page.
REFERENCES = {"api": 3, "tools": 3}


def build(copy_root, builder="html", order="learner-root", *, dest="", **overrides):
    sources = copy_root(ROOT, dest=f"notes-labels-{builder}-{order}{dest}")
    confoverrides = {"refinery_views": ORDERS[order], "version": "1.0", **overrides}
    return sources, sources.build(builder, confoverrides=confoverrides)


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_label_that_ends_a_note_stays_in_it(copy_root, builder, order):
    """docutils gives a label's id to what follows it: the learners' section
    after the note.  It stays in the note: learner references to it read like
    any other reference into a note, and no learner page has its anchor."""
    _sources, built = build(copy_root, builder, order)
    learner, instructor = folders(order)
    assert leaked(learner_side(output_files(built.outdir), order)) == {}
    for page, count in REFERENCES.items():
        html = soup(built.outdir / page_path(builder, learner, page))
        assert html.select_one("[role=main]").get_text().count(NOTE) == count, page
    api = soup(built.outdir / page_path(builder, learner, "api"))
    assert api.find("section", id="learner-section")["id"] == "learner-section"
    tools = soup(built.outdir / page_path(builder, learner, "tools"))
    assert tools.find("section", id="next-steps") is not None
    # the instructor view links to the label, inside its note
    for page, label in (("api", "zqxilastk"), ("tools", "zqximdlastk")):
        html = soup(built.outdir / page_path(builder, instructor, page))
        assert html.select(f'a[href="#{label}"]'), page
        assert html.find(id=label).find_parent(class_="instructor-note") is not None, page


@pytest.mark.parametrize("order", ORDERS)
def test_what_a_note_declares_stays_in_the_note(copy_root, order):
    """``py:module`` and ``program`` inside a note name nothing after it."""
    _sources, built = build(copy_root, "html", order)
    objects = inventory(built.outdir / "objects.inv")
    assert {
        ("py:function", "learner_after_note"),
        ("std:cmdoption", "--learner-after"),
    } <= objects
    learner, _instructor = folders(order)
    api = soup(built.outdir / learner / "api.html")
    assert api.find(id="learner_after_note") is not None
    assert api.find(id="cmdoption-learner-after") is not None


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "json", "text", "latex"])
def test_the_learner_edition_names_nothing_of_the_notes(copy_root, builder):
    """The learner edition: its pages, index (LaTeX's from the pages), contents."""
    _sources, built = build(copy_root, builder)
    files = output_files(built.outdir)
    assert leaked(files) == {}
    assert NOTE in "\n".join(files.values())


@pytest.mark.parametrize("order", ORDERS)
def test_an_index_of_notes_only_is_not_the_learners(copy_root, order):
    """The Python module index lists only modules declared in notes: the
    learner view neither writes nor links it (Sphinx writes no empty index),
    the instructor view does both."""
    _sources, built = build(copy_root, "html", order, dest="classic", html_theme="classic")
    learner, instructor = folders(order)
    files = output_files(built.outdir)
    assert f"{learner}py-modindex.html" not in files
    assert f"{instructor}py-modindex.html" in files
    modules = soup(built.outdir / instructor / "py-modindex.html").get_text()
    assert {"zqxictxmodk", "zqximdmodk"} <= set(modules.split())
    for name, text in learner_side(files, order).items():
        # objects.inv: Sphinx lists the label of every domain index, even empty
        assert "py-modindex" not in text or name == "objects.inv", name
    # the relation bar of the instructor view ("modules | index")
    assert 'href="py-modindex.html"' in files[f"{instructor}api.html"]


@pytest.mark.parametrize("order", ORDERS)
def test_the_view_switch_of_an_index_learners_lack(copy_root, order):
    _sources, built = build(copy_root, "html", order)
    _learner, instructor = folders(order)
    index = soup(built.outdir / instructor / "py-modindex.html")
    switch = next(a for a in index.select("a[href]") if a.get_text(strip=True) == "Learner view")
    expected = "../index.html" if order == "learner-root" else "learner/index.html"
    assert switch["href"] == expected


def test_an_index_emptied_by_an_edit_is_taken_away(copy_root):
    """A learner module makes the learner view's module index; once the edit
    that moves it into a note is built, the index written before is gone."""
    sources = copy_root(ROOT, dest="notes-emptied")
    api = sources / "api.rst"
    original = api.read_text(encoding="utf-8")
    rewrite(api, original + "\n.. py:module:: learnermod\n")
    views = {"refinery_views": ORDERS["learner-root"], "version": "1.0"}
    built = sources.build("html", confoverrides=views)
    assert "learnermod" in (built.outdir / "py-modindex.html").read_text(encoding="utf-8")
    rewrite(api, original)
    again = sources.build("html", confoverrides=views)
    assert not (again.outdir / "py-modindex.html").exists()
    assert (again.outdir / "instructor" / "py-modindex.html").exists()


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_an_edition_of_one_tree_has_the_index_its_readers_get(copy_root, edition):
    _sources, built = build(copy_root, "json", dest=edition, refinery_edition=edition)
    assert (built.outdir / "py-modindex.fjson").exists() == (edition == "instructor")


@pytest.mark.parametrize("order", ORDERS)
def test_a_learner_reference_to_a_variable_in_a_note(copy_root, order):
    """Sphinx's ``envvar`` role adds an index entry, the variable's name,
    pointing at the reference, on the referencing page.  That page is the
    learner's, but it shows "(in the instructor view)" in the reference's
    place: the name is only in the note.  So the learners' general index and
    search index leave the entry out (and the learner page its target); the
    instructor view keeps both, as for any reference."""
    _sources, built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    genindex = (built.outdir / learner / "genindex.html").read_text(encoding="utf-8")
    assert "ZQXIENVK" not in genindex
    entries = search_index(built.outdir / learner / "searchindex.js")["indexentries"]
    assert not [entry for entry in entries if "zqxienvk" in entry]
    genindex = soup(built.outdir / instructor / "genindex.html")
    entry = next(li for li in genindex.select("li") if li.get_text().startswith("ZQXIENVK,"))
    links = {a["href"].split("#")[0] for a in entry.select("a[href]")}
    assert {"api.html", "tools.html"} <= links
    entries = search_index(built.outdir / instructor / "searchindex.js")["indexentries"]
    assert "zqxienvk" in entries


def test_json_context_of_the_learner_edition(copy_root):
    _sources, built = build(copy_root, "json")
    for page in ("api", "tools", "genindex"):
        context = json.loads((built.outdir / f"{page}.fjson").read_text(encoding="utf-8"))
        assert leaked({page: json.dumps(context)}) == {}


@pytest.mark.parametrize("order", ORDERS)
def test_a_label_that_ends_a_hidden_solution_is_in_no_output(copy_root, order):
    _sources, built = build(copy_root, "html", order, dest="hidden", refinery_solutions="hidden")
    files = output_files(built.outdir)
    assert leaked(files, re.compile("zqxh[a-z]*k", re.IGNORECASE)) == {}
    for folder in folders(order):
        api = soup(built.outdir / folder / "api.html")
        assert api.find("section", id="further-reading") is not None
