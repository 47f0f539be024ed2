"""Markdown dialects read as MyST: Carpentries Workbench fenced divs and
Jekyll-style blockquotes rewritten before parsing, the fence check after, and
the importer of whole Workbench lessons.  All of them read the lines through
one scanner (:mod:`.scanner`: fences, front matter, problems) and report
through one ``source-read`` helper (:mod:`.hooks`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import carpentries, fences, notebooks, workbench

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, carpentries, workbench, fences, notebooks)
