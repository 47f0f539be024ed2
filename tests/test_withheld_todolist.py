"""What extensions read or copy of a page keeps instructor notes out of
learner outputs.

``tests/roots/test-withheld-todolist`` lists the lesson's todo entries
(``sphinx.ext.todo``'s ``todolist``), one of them inside an instructor note,
and its ``conf.py`` writes what an ``html-page-context`` handler reads of
the page's doctree into a meta tag.
"""

from __future__ import annotations

import pytest
from helpers import ROOTS, soup
from test_leaks import output_files
from test_withheld_objects import ORDERS, folders, leaked, learner_side

ROOT = ROOTS / "test-withheld-todolist"


def build(copy_root, builder="html", order="learner-root", **overrides):
    sources = copy_root(ROOT, dest=f"todolist-{builder}-{order}")
    confoverrides = {"refinery_views": ORDERS[order], **overrides}
    return sources.build(builder, confoverrides=confoverrides)


@pytest.mark.parametrize("order", ORDERS)
def test_a_todolist_lists_a_notes_entry_for_instructors(copy_root, order):
    built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    assert leaked(learner_side(output_files(built.outdir), order)) == {}
    listing = soup(built.outdir / learner / "index.html").select_one("[role=main]").get_text()
    assert "needs a picture" in listing
    assert listing.count("original entry") == 1
    listing = soup(built.outdir / instructor / "index.html").select_one("[role=main]").get_text()
    assert "needs a picture" in listing
    assert "Zqxitodok" in listing
    assert listing.count("original entry") == 2


@pytest.mark.parametrize("order", ORDERS)
def test_page_context_handlers_read_each_views_doctree(copy_root, order):
    built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    for folder, words in ((learner, ""), (instructor, "Zqxinotek Zqxitodok")):
        page = soup(built.outdir / folder / "episode.html")
        assert page.select_one('meta[name="doctree-words"]')["content"] == words, folder


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml"])
def test_the_learner_edition_lists_no_notes_entry(copy_root, builder):
    built = build(copy_root, builder)
    text = "\n".join(output_files(built.outdir).values())
    assert leaked(output_files(built.outdir)) == {}
    assert "needs a picture" in text
