"""Pages that extensions add (``html-collect-pages``), in both views.

Sphinx writes them after every document (``gen_pages_from_extensions``):
``sphinx.ext.viewcode``'s highlighted sources (``_modules/...``) and its
``_modules/index``, or any extension's.  :class:`CollectedPagesMixin` gives
each its copy in the second view's folder, as the search page gets one: while
they are collected, every page handled is an extra page of the views, its
output one that the copies' links stay on.

The documents are written first, so their copies learn of these pages early:
:func:`expected_pages` names those known before any page is written
(viewcode's, from what it read), and their links stay in the view from the
start.  Any other collected page is found as it is written; the copies'
links to it are moved into the view afterwards (:func:`move_links_into_view`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sphinx.builders.html import StandaloneHTMLBuilder

from .links import shift_urls, split_url

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    _Builder = StandaloneHTMLBuilder
else:
    _Builder = object

#: ``sphinx.ext.viewcode``'s folder of source pages (its ``OUTPUT_DIRNAME``).
VIEWCODE_FOLDER = "_modules"


class _Views(Protocol):
    """What the mixin reads and sets of the build's ``ViewState``."""

    second: str | None
    folder: str
    outputs: frozenset[str]
    extra_pages: frozenset[str]
    rendering: str | None


class CollectedPagesMixin(_Builder):
    """Writes the pages extensions collect in both views; comes before
    ``ViewsBuilderMixin`` in the builder's bases."""

    refinery_views: _Views
    _refinery_collecting = False

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        state = self.refinery_views
        if state.second:
            state.outputs |= {self._output_of(name) for name in expected_pages(self)}

    def gen_pages_from_extensions(self) -> None:
        state = self.refinery_views
        if not state.second:
            super().gen_pages_from_extensions()
            return
        self._rewrite_pages_without_copy()
        known = state.outputs
        self._refinery_collecting = True
        try:
            super().gen_pages_from_extensions()
        finally:
            self._refinery_collecting = False
        late = state.outputs - known
        if late:
            move_links_into_view(Path(self.outdir), state.folder, late, self._encoding)

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        state = self.refinery_views
        if self._refinery_collecting and outfilename is None and not state.rendering:
            # Copied right after it is written, as the search page is.
            state.extra_pages |= {pagename}
            state.outputs |= {self._output_of(pagename)}
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )

    def _rewrite_pages_without_copy(self) -> None:
        """Make viewcode write again a source page whose copy is missing (the
        lesson had one view before): it skips pages newer than their module."""
        folder = self.refinery_views.folder
        for name in expected_pages(self):
            page = Path(self.get_output_path(name))
            if page.is_file() and not Path(self.get_output_path(f"{folder}/{name}")).is_file():
                page.unlink()

    def _output_of(self, name: str) -> str:
        return Path(self.get_output_path(name)).relative_to(Path(self.outdir)).as_posix()

    @property
    def _encoding(self) -> str:
        return self.config.html_output_encoding


def expected_pages(builder: StandaloneHTMLBuilder) -> set[str]:
    """The pages extensions will collect that are known before any page is
    written: ``sphinx.ext.viewcode``'s source pages and their index."""
    modules = getattr(builder.env, "_viewcode_modules", None)
    if not modules:
        return set()
    pages = {
        posixpath.join(VIEWCODE_FOLDER, *name.split("."))
        for name, entry in modules.items()
        if entry
    }
    return {*pages, f"{VIEWCODE_FOLDER}/index"}


def move_links_into_view(outdir: Path, folder: str, pages: Set[str], encoding: str) -> None:
    """Point the links of every copy in ``outdir / folder`` that lead to one of
    ``pages`` (outputs relative to ``outdir``) at that page's copy."""
    view = outdir / folder
    for copy in sorted(view.rglob("*.html")):
        page_dir = copy.parent.relative_to(view).as_posix()
        html = copy.read_bytes().decode(encoding)
        moved = shift_urls(html, _into_view(page_dir, folder, pages))
        if moved != html:
            copy.write_bytes(moved.encode(encoding, "xmlcharrefreplace"))


def _into_view(page_dir: str, folder: str, pages: Set[str]) -> Callable[[str], str]:
    """For a copy in ``folder/page_dir``: a link to one of ``pages`` outside the
    view leads to its copy instead."""
    here = posixpath.join(folder, page_dir)

    def rewrite(url: str) -> str:
        path, rest, is_dir = split_url(url)
        resolved = posixpath.normpath(posixpath.join(here, path))
        target = posixpath.join(resolved, "index.html") if is_dir else resolved
        if target not in pages:
            return url
        new = posixpath.relpath(posixpath.join(folder, resolved), here)
        return new + ("/" if is_dir and new != "." else "") + rest

    return rewrite
