"""A page's second-view copy repeats none of the warnings its page just gave.

The copy is rendered again from the page's context, so every
``html-page-context`` handler runs twice for it; an extension that warns
there (sphinxcontrib-bioschemas: "file not found", once per page) would warn
twice per page.  :func:`warnings_recorded` notes what the page's own rendering
logged; :func:`repeats_dropped` drops exactly those warnings while the copy is
rendered (other warnings pass).  The filter sits on the handlers of Sphinx's
logger, first, so it also works where a parallel build collects the records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sphinx.util.logging import NAMESPACE

WarningKey = tuple[int, str, str]


def _key(record: logging.LogRecord) -> WarningKey:
    return (record.levelno, record.getMessage(), str(getattr(record, "location", None)))


class _Repeats(logging.Filter):
    """Records the key of each warning; with ``drop``, drops those already seen."""

    def __init__(self, seen: set[WarningKey], drop: bool) -> None:
        super().__init__()
        self.seen, self.drop = seen, drop

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = _key(record)
        if self.drop and key in self.seen:
            return False
        self.seen.add(key)
        return True


@contextmanager
def _filtering(repeats: _Repeats) -> Iterator[None]:
    handlers = list(logging.getLogger(NAMESPACE).handlers)
    for handler in handlers:
        handler.filters.insert(0, repeats)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(repeats)


def warnings_recorded(seen: set[WarningKey]) -> AbstractContextManager[None]:
    """Note the warnings logged inside into ``seen``."""
    return _filtering(_Repeats(seen, drop=False))


def repeats_dropped(seen: set[WarningKey]) -> AbstractContextManager[None]:
    """Drop the warnings inside that ``seen`` already holds."""
    return _filtering(_Repeats(seen, drop=True))
