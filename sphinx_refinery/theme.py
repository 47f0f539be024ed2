"""Registers the ``sphinx_refinery`` HTML theme."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "sphinx_refinery"


def setup(app: Sphinx) -> None:
    app.add_html_theme("sphinx_refinery", str(THEME_DIR))
