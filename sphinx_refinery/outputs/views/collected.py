"""Pages that extensions add (``html-collect-pages``), in both views.

Sphinx writes them after every document (``gen_pages_from_extensions``):
``sphinx.ext.viewcode``'s highlighted sources (``_modules/...``) and its
``_modules/index``, or any extension's.  :class:`CollectedPagesMixin` renders
each collected page a second time, into the second view's folder, as the
search page is; its links stay in that view and its switch leads to the same
page in the other view.

viewcode's pages are those of the view (:mod:`.viewcode`): when a view leaves
out objects that another shows (documented inside a note), viewcode collects
the second view's pages first, and each page's copy is rendered from the
second view's page; a module documented only inside notes has its source page
in the instructor view alone (``ViewState.single``: its switch leads to the
other view's home page).

The documents are written first, so their copies learn of these pages early:
viewcode's are known before any page is written, and the copies' links to
them stay in the view from the start.  Any other collected page is found as
it is written; the copies' links to it are moved into the view afterwards
(:func:`move_links_into_view`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .links import shift_urls, split_url
from .state import Collecting
from .viewcode import (
    Page,
    all_modules,
    expected_pages,
    modules_for_view,
    reading_modules,
    viewcode_pages,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.builders.html import StandaloneHTMLBuilder

    from .state import ViewState

    _Builder = StandaloneHTMLBuilder
else:
    _Builder = object


class CollectedPagesMixin(_Builder):
    """Writes the pages extensions collect in both views; comes before
    ``ViewsBuilderMixin`` in the builder's bases."""

    refinery_views: ViewState

    if TYPE_CHECKING:  # ViewsBuilderMixin's

        def _render_copy(
            self, pagename: str, context: dict[str, Any], templatename: str, doctree: Any
        ) -> None: ...

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        state = self.refinery_views
        if state.second:
            pages = expected_pages(all_modules(self.env))
            state.outputs |= {self._output_of(name) for name in pages}

    def gen_pages_from_extensions(self) -> None:
        state = self.refinery_views
        if not state.second:  # EditionMixin's filter of viewcode's pages is enough
            super().gen_pages_from_extensions()
            return
        root = modules_for_view(self.env, learner=state.root == "learner")
        second = modules_for_view(self.env, learner=state.second == "learner")
        self._rewrite_pages_without_copy(expected_pages(second))
        collecting = Collecting()
        if second != root:  # collected before the root view writes over its pages
            with reading_modules(self.env, second):
                collecting.copies = viewcode_pages(self)
            collecting.viewcode = frozenset(expected_pages(all_modules(self.env)))
        known = state.outputs
        state.collecting = collecting
        try:
            super().gen_pages_from_extensions()  # EditionMixin's: the root view's pages
            left = collecting.copies or {}
            for pagename in sorted(left):  # only the second view shows them
                self._write_collected_copy(*left[pagename])
        finally:
            state.collecting = None
        late = state.outputs - known
        if late:
            outdir, encoding = Path(self.outdir), self.config.html_output_encoding
            move_links_into_view(outdir, state.folder, late, encoding, self.out_suffix)

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
        if state.collecting is None or outfilename is not None or state.rendering:
            super().handle_page(
                pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
            )
            return
        copy = _copy_of(state.collecting, pagename, addctx, templatename)
        if copy is None:
            state.single |= {pagename}
        else:
            state.extra_pages |= {pagename}
        state.outputs |= {self._output_of(pagename)}
        super().handle_page(pagename, addctx, templatename, event_arg=event_arg)
        if copy is not None:
            with state.rendering_view(str(state.second)):
                self._render_copy(pagename, copy[1], copy[2], None)

    def _copies_extra_page(self, pagename: str) -> bool:
        """Collected pages get their copy here, not as the search page does."""
        if self.refinery_views.collecting is not None:
            return False
        return super()._copies_extra_page(pagename)  # type: ignore[misc]  # the views'

    def _write_collected_copy(
        self, pagename: str, context: dict[str, Any], templatename: str
    ) -> None:
        """The copy of a page that only the second view shows."""
        state = self.refinery_views
        state.single |= {pagename}
        with state.rendering_view(str(state.second)):
            self._render_copy(pagename, context, templatename, None)

    def _rewrite_pages_without_copy(self, pages: Set[str]) -> None:
        """Make viewcode write again each of its ``pages`` whose copy is missing
        (the lesson had one view before): it skips pages newer than their module."""
        folder = self.refinery_views.folder
        for name in pages:
            page = Path(self.get_output_path(name))
            if page.is_file() and not Path(self.get_output_path(f"{folder}/{name}")).is_file():
                page.unlink()

    def _output_of(self, name: str) -> str:
        return Path(self.get_output_path(name)).relative_to(Path(self.outdir)).as_posix()


def _copy_of(
    collecting: Collecting, pagename: str, context: dict[str, Any], templatename: str
) -> Page | None:
    """What the copy of a collected page is rendered from: the page itself, or
    viewcode's page as the second view shows it (None: that view has none)."""
    copies = collecting.copies
    if copies is None or pagename not in collecting.viewcode:
        return pagename, context, templatename
    return copies.pop(pagename, None)


def move_links_into_view(
    outdir: Path, folder: str, pages: Set[str], encoding: str, suffix: str = ".html"
) -> None:
    """Point the links of every copy (a ``suffix`` file) in ``outdir / folder``
    that lead to one of ``pages`` (outputs relative to ``outdir``) at that
    page's copy."""
    view = outdir / folder
    for copy in sorted(view.rglob(f"*{suffix}")):
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
