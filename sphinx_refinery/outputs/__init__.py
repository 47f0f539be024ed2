"""Per-builder output: the learner and instructor views (HTML), LaTeX/PDF,
and the workshop notes builder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import latex, latex_book, notes, singlehtml, views

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, views, latex, latex_book, notes, singlehtml)
