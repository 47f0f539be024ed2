"""No table of contents lists an object declared inside an instructor note.

Sphinx adds the objects a page declares (``toc_object_entries``) to its
table of contents, which every page's navigation shows: an entry for an
object inside a note would name it to learners and lead to an anchor their
page lacks.  Such entries are left out of the page's table of contents when
it is read, for both views (a hidden solution is gone before Sphinx collects
the table of contents).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..data import lesson_data

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def drop_toc_entries(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's table of contents and the instructor ids."""
    env = app.env
    ids = lesson_data(env).document(env.docname).instructor_ids
    toc = env.tocs.get(env.docname)
    if not ids or toc is None:
        return
    for reference in list(toc.findall(nodes.reference)):
        if reference.get("anchorname", "").removeprefix("#") not in ids:
            continue
        item = next((a for a in _ancestors(reference) if isinstance(a, nodes.list_item)), None)
        if item is None:
            continue
        listing = item.parent
        listing.remove(item)
        if not listing.children and listing is not toc:
            listing.parent.remove(listing)


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", drop_toc_entries, priority=650)
