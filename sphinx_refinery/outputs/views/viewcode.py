"""``sphinx.ext.viewcode``'s source pages as each view shows them.

viewcode writes a page of highlighted source for each module an object was
documented from (``_modules/...``), a "[docs]" link beside each such object,
and an index of the pages, all from what it recorded while reading
(``env._viewcode_modules``).  An object documented inside an instructor note
is not in the learner view: :func:`modules_for_view` is that record as the
learner view reads it, without those objects' "[docs]" links and without a
module documented only inside notes (whose source and docstrings only
instructors see); :func:`reading_modules` lends it to viewcode while it
collects its pages.
"""

from __future__ import annotations

import posixpath
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ...compat import app_of
from ...lesson.data import lesson_data

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

#: viewcode's folder of source pages (its ``OUTPUT_DIRNAME``).
FOLDER = "_modules"
#: Where viewcode keeps what it recorded while reading.
RECORD = "_viewcode_modules"

Page = tuple[str, dict[str, Any], str]


def expected_pages(modules: dict[str, Any] | None) -> set[str]:
    """The pages viewcode writes from its record ``modules`` (known before any
    page is written): a source page per module, and their index."""
    if not modules:
        return set()
    pages = {posixpath.join(FOLDER, *name.split(".")) for name, entry in modules.items() if entry}
    return {*pages, f"{FOLDER}/index"}


def all_modules(env: BuildEnvironment) -> dict[str, Any] | None:
    """viewcode's record of modules (None without viewcode)."""
    return getattr(env, RECORD, None)


def modules_for_view(env: BuildEnvironment, learner: bool) -> dict[str, Any] | None:
    """viewcode's record of modules as the view reads it (for ``learner``,
    without the objects documented inside instructor notes); None without
    viewcode.  Hidden solutions are gone before viewcode reads a page."""
    modules = all_modules(env)
    if modules is None or not learner:
        return modules
    withheld = {
        name: document.instructor_ids
        for name, document in lesson_data(env).documents.items()
        if document.instructor_ids
    }
    if not withheld:
        return modules
    seen: dict[str, Any] = {}
    for name, entry in modules.items():
        if not entry:
            seen[name] = entry
            continue
        code, tags, used, refname = entry
        shown = {
            fullname: docname
            for fullname, docname in used.items()
            if f"{refname}.{fullname}" not in withheld.get(docname, ())
        }
        if shown or not used:
            seen[name] = (code, tags, shown, refname)
    return seen


@contextmanager
def reading_modules(env: BuildEnvironment, modules: dict[str, Any] | None) -> Iterator[None]:
    """While in the block, viewcode reads ``modules`` as its record."""
    if modules is None:
        yield
        return
    recorded = getattr(env, RECORD)
    setattr(env, RECORD, modules)
    try:
        yield
    finally:
        setattr(env, RECORD, recorded)


def viewcode_pages(builder: StandaloneHTMLBuilder) -> dict[str, Page]:
    """The pages viewcode collects now, by name (it yields each once)."""
    from sphinx.ext.viewcode import collect_pages

    return {page[0]: page for page in collect_pages(app_of(builder))}
