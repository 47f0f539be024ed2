"""What a build knows about its views: one :class:`ViewState` per builder
(``builder.refinery_views``), the page being written in both views, the pages
extensions collect while they are collected, and the folder the second view's
copies go to."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from ...warnings import TYPE, Subtype
from .content import root_view, second_view

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from docutils import nodes
    from sphinx.config import Config

    from .marking import Marked
    from .search import ViewIndex
    from .viewcode import Page

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


@dataclass
class Collecting:
    """The pages extensions collect, while they are collected
    (``ViewState.collecting``)."""

    #: viewcode's pages as the second view shows them, when they differ from
    #: the root view's (the root view's come with the other collected pages).
    copies: dict[str, Page] | None = None
    #: The names of all of viewcode's pages, when ``copies`` is set.
    viewcode: frozenset[str] = frozenset()


@dataclass
class PageInViews:
    """The page being written in both views."""

    docname: str
    doctree: nodes.document
    marked: Marked
    #: The second view's context, taken in ``handle_page`` of the root view.
    second_context: dict[str, Any] | None = None


@dataclass
class ViewState:
    """What a build knows about its views (``builder.refinery_views``)."""

    #: The view at the site's root.
    root: str
    #: The view written under its own folder, or None (one view).
    second: str | None
    #: That folder: the view's name, unless the lesson has a folder of that name
    #: (:func:`copies_folder`).
    folder: str = ""
    #: The documents that have a copy in the second view: all of them (set by
    #: ``prepare_writing``).
    pages: frozenset[str] = frozenset()
    #: Their output files and those of ``extra_pages``, relative to the output
    #: folder, ``/``-separated: links to them stay in the second view.
    outputs: frozenset[str] = frozenset()
    #: The page being written in both views, while it is written.
    page: PageInViews | None = None
    #: The pages that are no document but get a copy too (search, indices).
    extra_pages: frozenset[str] = frozenset()
    #: The domain indices the learner view leaves out: all their entries are
    #: inside notes (``prepare_writing``).
    learner_left_out: frozenset[str] = frozenset()
    #: Pages in one view only (the source page of a module documented in notes).
    single: frozenset[str] = frozenset()
    #: While the pages extensions add are collected (:mod:`.collected`).
    collecting: Collecting | None = None
    #: The view of the copy being rendered, while it is rendered.
    rendering: str | None = None
    #: While the root view's general index is written (its copy comes after).
    indexing: bool = False
    #: The second view's own search index (set by ``prepare_writing``).
    search: ViewIndex | None = None
    #: The navigation rendered for one page, by call: both views reuse it.
    navigation: dict[str, str] = field(default_factory=dict)
    navigation_page: str | None = None

    @contextmanager
    def rendering_view(self, view: str) -> Iterator[None]:
        self.rendering = view
        try:
            yield
        finally:
            self.rendering = None

    @classmethod
    def from_config(cls, config: Config) -> ViewState:
        second = second_view(config)
        return cls(root=root_view(config), second=second, folder=second or "")


def copies_folder(view: str, docnames: Set[str]) -> str:
    """The folder of the second view's copies: ``view``, or, when the lesson has
    pages in a folder of that name, the first of ``view-view``, ``view-view2``, ...
    that it has not (with a warning at the first such page)."""
    taken = {docname.split("/", 1)[0] for docname in docnames if "/" in docname}
    if view not in taken:
        return view
    folder = f"{view}-view"
    number = 1
    while folder in taken:
        number += 1
        folder = f"{view}-view{number}"
    first = min(docname for docname in docnames if docname.startswith(f"{view}/"))
    logger.warning(
        __(
            "the lesson has a folder %r, where the %s view's copies of pages would "
            "go: they go to %r instead"
        ),
        view,
        view,
        folder,
        location=first,
        type=TYPE,
        subtype=Subtype.VIEWS,
    )
    return folder
