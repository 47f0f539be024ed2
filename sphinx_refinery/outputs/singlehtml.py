"""Single-page HTML: one page of every document, so one set of ids.

Each document numbers its blocks' serial ids on its own (``exercise-0``,
``solution-0``, ...), as sphinx-lesson did; on the single page, a block
whose serial id an earlier document took gets its document's name in front
(``episodes-intro-exercise-0``), so that every id is unique.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..blocks.nodes import lesson_block
from ..lesson.links import page_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class UniqueSerialIds(SphinxPostTransform):
    """Make the blocks' serial ids unique on the assembled single page."""

    builders = ("singlehtml",)
    default_priority = 4  # before the lists copy blocks (5), with ids of their own

    def run(self, **kwargs) -> None:
        taken: set[str] = set()
        blocks = []
        for element in self.document.findall(nodes.Element):
            if isinstance(element, lesson_block) and element.get("refinery_serial_id"):
                blocks.append(element)
            else:
                taken.update(element["ids"])
        for block in blocks:
            serial = block["refinery_serial_id"]
            taken.update(i for i in block["ids"] if i != serial)
            if serial not in taken:
                taken.add(serial)
                continue
            docname = block.get("refinery_doc") or page_of(self.env, block)
            new_id = base = nodes.make_id(f"{docname}-{serial}")
            number = 1
            while new_id in taken:
                number += 1
                new_id = f"{base}-{number}"
            taken.add(new_id)
            block["ids"] = [new_id if i == serial else i for i in block["ids"]]
            block["refinery_serial_id"] = new_id


def setup(app: Sphinx) -> None:
    app.add_post_transform(UniqueSerialIds)
