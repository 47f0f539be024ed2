"""Tables of contents list an object declared inside an instructor note for
instructors only.

Sphinx adds the objects a page declares (``toc_object_entries``) to its
table of contents (``env.tocs``), which the page's contents, every toctree
that lists the page and the site navigation show.  When a page is read, each
entry of an object inside a note is marked instructor-only
(:func:`mark_toc_entries`: the class every instructor-only node has), and the
table of contents learners see is kept beside it (``learner_toc``).

- A toctree in a page body is resolved once for both views: its marked
  entries are instructor content, which the learner view and the learner
  edition take out like any other.
- Everything else Sphinx writes from ``env.tocs`` while it writes a page
  (the page's contents, ``toctree()``, the EPUB's contents, single-page
  HTML's navigation): while learners' outputs are written,
  :func:`tocs_for` puts each document's learner table of contents (and its
  count of entries, which decides whether a page shows contents at all) in
  ``env.tocs``, and puts everyone's back afterwards.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes

from ...blocks.nodes import ancestors, mark_instructor_only, marked_instructor_only
from ..data import lesson_data

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def learner_copy(toc: nodes.Element) -> nodes.Element:
    """A copy of ``toc`` without its marked entries."""
    copy = toc.deepcopy()
    for node in [node for node in copy.findall(nodes.Element) if marked_instructor_only(node)]:
        if node.parent is not None:
            node.parent.remove(node)
    return copy


def mark_toc_entries(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's table of contents and the instructor
    ids: mark the entries of objects inside notes; keep the learners' copy."""
    env = app.env
    docname = env.docname
    document = lesson_data(env).document(docname)
    document.learner_toc = None
    toc = env.tocs.get(docname)
    ids = document.instructor_ids
    if not ids or toc is None:
        return
    for reference in toc.findall(nodes.reference):
        if reference.get("anchorname", "").removeprefix("#") not in ids:
            continue
        item = next((a for a in ancestors(reference) if isinstance(a, nodes.list_item)), None)
        if item is not None:
            mark_instructor_only(item)
    listings = [listing for listing in toc.findall(nodes.bullet_list) if listing is not toc]
    for listing in listings:  # a list left empty goes too
        if listing.children and all(marked_instructor_only(child) for child in listing.children):
            mark_instructor_only(listing)
    if not any(marked_instructor_only(node) for node in toc.findall(nodes.Element)):
        return
    learner = learner_copy(toc)
    withheld = len(list(toc.findall(nodes.reference))) - len(list(learner.findall(nodes.reference)))
    document.learner_toc = (learner, env.toc_num_entries.get(docname, 0) - withheld)


def show_learner_tocs(env: BuildEnvironment, learners: bool) -> None:
    """From now on, ``env.tocs`` as learners (or everyone) see them: the learners'
    tables of contents put in (a learner edition of one tree: for its whole
    write), or everyone's back."""
    data = lesson_data(env)
    if learners == (data.displaced_tocs is not None):
        return
    if not learners:
        assert data.displaced_tocs is not None
        for docname, (toc, entries) in data.displaced_tocs.items():
            env.tocs[docname] = toc
            env.toc_num_entries[docname] = entries
        data.displaced_tocs = None
        return
    displaced = {}
    for docname, document in data.documents.items():
        if document.learner_toc is None or docname not in env.tocs:
            continue
        displaced[docname] = (env.tocs[docname], env.toc_num_entries.get(docname, 0))
        env.tocs[docname], env.toc_num_entries[docname] = document.learner_toc
    data.displaced_tocs = displaced


def learner_tocs_shown(env: BuildEnvironment) -> bool:
    """Whether ``env.tocs`` holds the learners' tables of contents now."""
    return lesson_data(env).displaced_tocs is not None


@contextmanager
def tocs_for(env: BuildEnvironment, learners: bool) -> Iterator[None]:
    """While in the block, ``env.tocs`` as learners (or everyone) see them."""
    before = learner_tocs_shown(env)
    show_learner_tocs(env, learners)
    try:
        yield
    finally:
        show_learner_tocs(env, before)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", mark_toc_entries, priority=650)
