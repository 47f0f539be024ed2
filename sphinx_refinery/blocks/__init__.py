"""What authors write: the table of block kinds, the block directives, tabs.

Nothing here knows about other documents; :mod:`..lesson` builds on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import assets, custom, directives, quiz, tabs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, directives, quiz, custom, tabs, assets)
