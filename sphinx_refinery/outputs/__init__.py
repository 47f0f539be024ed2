"""Per-builder output: the learner and instructor views (HTML), LaTeX/PDF,
and the workshop notes builder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import latex, latex_book, notes, singlehtml, views

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    views.setup(app)
    latex.setup(app)
    latex_book.setup(app)
    notes.setup(app)
    singlehtml.setup(app)
