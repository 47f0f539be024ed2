"""Writing pages with every process that ``-j`` allows.

For ``-j N`` Sphinx writes pages in ``N - 1`` forked processes while the main
process resolves each page's doctree and feeds the search index.  In a lesson
the main process finishes that long before the writers are done (on 2 cores
and 500 episodes: 4 of the write phase's 10 seconds), so with ``-j 2`` or
``-j auto`` on a 2-core machine one core waits through most of the write.
With ``refinery_parallel_write_all = True`` (the default) the parallel write
forks ``N`` writers instead: the main process's share of a core goes to them
once it has nothing else to do.  What is written does not change.

:class:`WriteWithEveryProcess` overrides the builder's ``_write_parallel``;
it is mixed into the html and dirhtml builders (see
:mod:`sphinx_refinery.outputs.views.builder`) only when that method has the
signature of Sphinx 8.2 and 9 (:func:`writes_in_parallel_as_expected`).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from ..compat import app_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.builders import Builder

    _Builder = Builder
else:
    _Builder = object


def writes_in_parallel_as_expected(builder_class: type) -> bool:
    """Whether ``builder_class._write_parallel`` takes ``(docnames, nproc)``."""
    method = getattr(builder_class, "_write_parallel", None)
    if method is None:
        return False
    try:
        parameters = list(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        return False
    return parameters[:3] == ["self", "docnames", "nproc"]


class WriteWithEveryProcess(_Builder):
    """Gives the parallel write ``-j`` writers instead of ``-j - 1``."""

    def _write_parallel(self, docnames: Sequence[str], nproc: int) -> None:
        if self.config.refinery_parallel_write_all:
            nproc = max(nproc, app_of(self).parallel)
        super()._write_parallel(docnames, nproc)
