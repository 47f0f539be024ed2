"""Optional speed measures that reach into Sphinx internals.

Each one is documented in its module, changes no output, and has its own off
switch in ``conf.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import gc_freeze, parallel

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    parallel.setup(app)
    gc_freeze.setup(app)
