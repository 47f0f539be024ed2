"""Writing pages with every process that ``-j`` allows.

For ``-j N`` Sphinx writes pages in ``N - 1`` forked processes while the main
process resolves each page's doctree and feeds the search index.  In a lesson
the main process finishes that long before the writers are done (on 2 cores
and 500 episodes: 4 of the write phase's 10 seconds), so with ``-j 2`` or
``-j auto`` on a 2-core machine one core waits through most of the write.
With ``refinery_parallel_write_all = True`` (the default) the parallel write
forks ``N`` writers instead: the main process's share of a core goes to them
once it has nothing else to do.  What is written does not change.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _accepts_docnames_and_nproc(method) -> bool:
    try:
        parameters = list(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        return False
    return parameters[:2] == ["docnames", "nproc"]


def write_with_every_process(app: Sphinx) -> None:
    """Give the builder's parallel write ``-j`` writers instead of ``-j - 1``."""
    if not app.config.refinery_parallel_write_all or app.parallel < 2:
        return
    builder = app.builder
    write_parallel = getattr(builder, "_write_parallel", None)
    if write_parallel is None or not _accepts_docnames_and_nproc(write_parallel):
        logger.debug("[refinery] this Sphinx writes in parallel differently: left as it is")
        return
    processes = app.parallel

    def _write_parallel(docnames: Sequence[str], nproc: int) -> None:
        write_parallel(docnames, nproc=max(nproc, processes))

    builder._write_parallel = _write_parallel  # type: ignore[method-assign]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", write_with_every_process)
