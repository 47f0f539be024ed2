"""What a block copied to another page keeps of its original page.

A copy gets ids of its own (:func:`.aggregates._renew_ids`), so the HTML
writer, which looks numbers up by id, no longer finds the numbers
``numfig`` gave the figures, tables and code captions inside it: the copy
carries its original's numbers as text instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..compat import builder_of

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def keep_figure_numbers(tree: nodes.Element, env: BuildEnvironment, docname: str) -> None:
    """Write the ``numfig`` number of each numbered element of ``tree`` (from
    ``docname``) into its caption, as the HTML writer would have."""
    if not env.config.numfig or builder_of(env).format != "html":
        return  # LaTeX numbers figures itself, copies included
    numbers = env.toc_fignumbers.get(docname, {})
    domain = env.domains.standard_domain
    for element in tree.findall(nodes.Element):
        figtype = domain.get_enumerable_node_type(element) if element["ids"] else None
        number = numbers.get(figtype or "", {}).get(element["ids"][0]) if figtype else None
        prefix = env.config.numfig_format.get(figtype or "")
        caption = next(
            (child for child in element.children if isinstance(child, nodes.caption | nodes.title)),
            None,
        )
        if number and prefix and caption is not None:
            text = prefix % ".".join(map(str, number)) + " "
            caption.insert(0, nodes.inline(text, text, classes=["caption-number"]))
