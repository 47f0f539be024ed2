"""Links between pages that work in every builder.

A node is written on the page of the document it sits in: in HTML that is
the page being written, but in LaTeX and single-page HTML all documents are
assembled into one tree and a node belongs to the document whose
``start_of_file`` wraps it.  Links must start from there, and a target page
that is not part of the output (an orphan left out of the PDF) gives plain
text instead of a crash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..compat import builder_of
from ..config import SAFE_LINK_SCHEMES, link_scheme
from ..warnings import TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


def page_of(env: BuildEnvironment, node: nodes.Node | None) -> str:
    """The document a node is written in.

    Sphinx's ``inline_all_toctrees`` moves a document's children into a
    ``start_of_file`` without making it their parent: they still name their
    own document (whose ``source`` tells which it is) as theirs.
    """
    while node is not None:
        if isinstance(node, addnodes.start_of_file):
            return node["docname"]
        if isinstance(node, nodes.document) and node.parent is None and node.get("source"):
            return env.path2doc(node["source"]) or env.docname
        node = node.parent
    return env.docname


def link(
    env: BuildEnvironment,
    where: nodes.Node | None,
    todocname: str,
    target_id: str,
    child: nodes.Node,
) -> nodes.Node:
    """A reference to ``target_id`` of ``todocname`` placed at ``where``."""
    try:
        return make_refnode(builder_of(env), page_of(env, where), todocname, target_id, child)
    except NoUri:
        return child


def refuse_unsafe_toctree_links(app: Sphinx, doctree: nodes.document) -> None:
    """Leave out toctree entries whose address could run code (``javascript://...``):
    Sphinx takes any ``scheme://`` entry as an external link."""
    for toctree in doctree.findall(addnodes.toctree):
        entries = toctree["entries"]
        for title, ref in list(entries):
            if ref is None or "://" not in ref or link_scheme(ref) in SAFE_LINK_SCHEMES:
                continue
            logger.warning(
                __("toctree entry %r is left out: only http, https and mailto addresses link"),
                ref,
                location=toctree,
                type=TYPE,
                subtype=Subtype.LINK,
            )
            entries.remove((title, ref))  # in place: the toctree collector shares the list


def setup(app: Sphinx) -> None:
    # Before Sphinx's toctree collector (500) reads the entries.
    app.connect("doctree-read", refuse_unsafe_toctree_links, priority=400)
