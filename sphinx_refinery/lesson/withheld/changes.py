"""Pages whose references follow an object into or out of a note are
written again.

A learner page's reference to an object inside an instructor note reads
"(in the instructor view)"; a reference to any other object is a link.  When
an edit moves an object out of its note (or into one), Sphinx reads the
edited page again, not the pages that reference the object.
:func:`rewrite_referrers` (``env-updated``) compares where each object every
domain lists stands (inside a note or not) with the last build, and, when
one moved, returns the pages that have cross-references, so that they are
written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from ..data import lesson_data
from .registries import instructor_ids

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def note_cross_references(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: whether the document has cross-references."""
    document = lesson_data(app.env).document(app.env.docname)
    document.cross_references = any(True for _ in doctree.findall(addnodes.pending_xref))


def placement(env: BuildEnvironment) -> dict[tuple[str, str, str], bool]:
    """Every object the domains list, by (domain, type, name): inside an
    instructor note or not."""
    inside = instructor_ids(env)
    return {
        (domain.name, objtype, name): anchor in inside.get(docname, ())
        for domain in env.domains.sorted()
        for name, _shown, objtype, docname, anchor, _priority in domain.get_objects()
    }


def rewrite_referrers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the documents with cross-references, when an object
    moved into or out of a note since the last build."""
    data = lesson_data(env)
    now = placement(env)
    before, data.placement = data.placement, now
    if not any(before.get(key, inside) != inside for key, inside in now.items()):
        return []
    return sorted(name for name, document in data.documents.items() if document.cross_references)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", note_cross_references)
    app.connect("env-updated", rewrite_referrers)
