"""Optional speed measures that reach into Sphinx internals.

Each one is documented in its module and changes no output.  Those that
change how Sphinx works have their own off switch in ``conf.py``:
:mod:`.gc_freeze` (``refinery_gc_freeze``) and :mod:`.parallel`
(``refinery_parallel_write_all``, mixed into the HTML builders by
:mod:`sphinx_refinery.outputs.views`).  :mod:`.highlighting` only reuses
what Sphinx's highlighter makes (mixed in there too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import gc_freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(app, gc_freeze)
