"""One translation, two bodies.

The page is translated to HTML once for both views: the content only one view
shows is put back into the doctree inside :class:`view_only` markers, the
translator writes a marker string at their edges, and each view's body is cut
from that one translation (:func:`body_for_view`).
"""

from __future__ import annotations

import re
import secrets

from docutils import nodes

from .content import Removed, position


class view_only(nodes.Element):
    """Wraps content that only one view shows, while the page is translated
    (``view`` = its name); it never stays in a doctree."""


class view_only_inline(nodes.Inline, nodes.TextElement):
    """:class:`view_only` inside a paragraph."""


#: Begins every marker: random per process, so no page text can forge one.
_MARKER = f"\x00refinery-view-{secrets.token_hex(8)}"


def _marker(view: str, edge: str) -> str:
    return f"{_MARKER}{edge}{view}\x00"


def visit_view_only(translator, node: nodes.Element) -> None:
    translator.body.append(_marker(node["view"], "<"))


def depart_view_only(translator, node: nodes.Element) -> None:
    translator.body.append(_marker(node["view"], ">"))


def body_for_view(body: str, view: str) -> str:
    """``body`` as ``view`` shows it: other views' marked content cut out,
    the markers of its own content dropped."""
    if _MARKER not in body:
        return body
    cut = re.compile(
        re.escape(_MARKER)
        + r"<(?!"
        + re.escape(view)
        + r"\x00)([^\x00]*)\x00.*?"
        + re.escape(_MARKER)
        + r">\1\x00",
        re.DOTALL,
    )
    body = cut.sub("", body)
    return body.replace(_marker(view, "<"), "").replace(_marker(view, ">"), "")


class Marked:
    """The page with both views' content in place, each view's own part wrapped
    in :class:`view_only`: instructor blocks, and the learner's note and the
    instructor's link where a reference names an instructor-only exercise."""

    __slots__ = ("removed", "wrappers")

    def __init__(self, removed: Removed) -> None:
        self.removed = removed
        self.wrappers: list[tuple[nodes.Element, list[nodes.Node]]] = []
        for parent, index, after, block in removed.blocks:
            wrapper = view_only("", view="instructor")
            parent.insert(position(parent, after, index), wrapper)
            wrapper.append(block)
            self.wrappers.append((wrapper, []))
        for reference, note in removed.notes:
            learner = view_only_inline("", view="learner")
            instructor = view_only_inline("", view="instructor")
            note.parent.replace(note, [learner, instructor])
            learner.append(note)
            instructor.append(reference)
            self.wrappers.append((learner, [note]))
            self.wrappers.append((instructor, []))

    def unmark(self) -> None:
        """Back to the page without the instructor content (as ``removed`` left it)."""
        for wrapper, keep in reversed(self.wrappers):
            wrapper.parent.replace(wrapper, keep)
