"""Per-builder output: the learner and instructor views (HTML), LaTeX/PDF,
the workshop notes builder, and Mermaid diagrams drawn or shown as source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import latex, latex_book, mermaid, notes, singlehtml, views

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, views, latex, latex_book, notes, singlehtml, mermaid)
