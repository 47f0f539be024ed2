"""Optional speed measures that reach into Sphinx internals.

Each one is documented in its module, changes no output, and has its own off
switch in ``conf.py``: :mod:`.gc_freeze` (``refinery_gc_freeze``) and
:mod:`.parallel` (``refinery_parallel_write_all``, mixed into the HTML
builders by :mod:`sphinx_refinery.outputs.views`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import gc_freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, gc_freeze)
