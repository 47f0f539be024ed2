"""The HTML builder that writes a page's second-view copy with the page itself.

:class:`ViewsBuilderMixin` is mixed into the builder class registered for
``html`` and for ``dirhtml`` (:func:`use_view_builders`), as Sphinx's own
``DirectoryHTMLBuilder`` subclasses ``StandaloneHTMLBuilder``: it overrides
documented builder methods and calls ``super()``.

- ``prepare_writing`` notes the pages that have a copy (every document, the
  search page and the indices), and where (main process, before any page is
  written);
- ``write_doc_serialized`` (main process) registers the images only the
  instructor copy shows: Sphinx picks their files and collects them for
  ``_images/`` there, from the doctree it indexes; and feeds the page, as the
  second view shows it, to that view's own search index (:mod:`.search`),
  which ``dump_search_index`` writes into its folder;
- ``write_doc`` puts the instructor content back, marked, so that the page is
  translated once (:mod:`.marking`); ``handle_page`` of that page cuts the
  root view's body out of it, keeps a copy of the context for the second
  view, and gives ``html-page-context`` handlers the root view's doctree;
- the copy is then rendered by ``handle_page`` from that context into the
  second view's folder, and its links moved there (:mod:`.links`);
- a page that is no document (search, ``html_additional_pages``, domain
  indices; those extensions collect: :mod:`.collected`) is rendered a second
  time for its copy right after it is written;
  the general index is written a second time from the second view's
  registries (``write_genindex``).

Everything the build knows about views is in one :class:`.state.ViewState`,
``builder.refinery_views``.
"""

from __future__ import annotations

import posixpath
from contextlib import nullcontext
from copy import deepcopy
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation
from sphinx.util import logging

from ..._perf.highlighting import ReuseFormatters
from ..._perf.parallel import WriteWithEveryProcess, writes_in_parallel_as_expected
from ...lesson.withheld import learner_registries
from ..repeated_warnings import WarningKey, repeats_dropped, warnings_recorded
from .collected import CollectedPagesMixin
from .content import Removed, is_page, root_view
from .editions import EditionMixin, empty_for_learners
from .links import link_rewriter, shift_urls
from .marking import Marked, body_for_view
from .search import ViewIndex
from .state import PageInViews, ViewState, copies_folder

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config

    _Builder = StandaloneHTMLBuilder
else:
    _Builder = object

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: The builders that get a second view: they write one linked file per page.
VIEW_BUILDERS = ("html", "dirhtml")
#: Attribute of a resolved doctree when it gets a second-view copy: the
#: :class:`Removed` content of a learner page, or ``True`` (instructor root view).
SPLIT = "refinery_split"


class ViewsBuilderMixin(EditionMixin):
    """Writes every page in both views."""

    @cached_property
    def refinery_views(self) -> ViewState:
        return ViewState.from_config(self.config)

    def refinery_learner_root(self) -> bool:
        return self.refinery_views.root == "learner"

    def refinery_learner_pages(self) -> bool:
        return "learner" in (self.refinery_views.root, self.refinery_views.second)

    def refinery_rendering_for_learners(self) -> bool:
        state = self.refinery_views
        return (state.rendering or state.root) == "learner"

    def refinery_left_out_indices(self) -> frozenset[str]:
        return self.refinery_views.learner_left_out

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        state = self.refinery_views
        if self.refinery_learner_pages():
            state.learner_left_out = empty_for_learners(self.env, self.domain_indices)
        if not state.second:
            return
        state.folder = copies_folder(state.second, self.env.found_docs)
        state.pages = frozenset(self.env.all_docs)
        extra = {*self.config.html_additional_pages, *(i[0] for i in self.domain_indices)}
        if self.search:
            extra.add("search")
        if self.use_index:
            extra |= {"genindex", "genindex-all"}
        state.extra_pages = frozenset(extra)
        state.outputs = frozenset(self._relative_output(name) for name in state.pages | extra)
        if self.indexer is not None:  # the copy of the search page reads the view's index
            state.search = ViewIndex(self, state.second, state.folder)
            state.search.load(self, docnames)
            state.outputs |= {self.searchindex_filename}

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        split = getattr(doctree, SPLIT, None)
        if self.refinery_learner_root():  # toctrees are resolved after split_views
            Removed.take_from_toctrees(doctree, split)
        super().write_doc_serialized(docname, doctree)
        if isinstance(split, Removed):
            for *_where, block in split.blocks:
                for child in block.children:
                    if isinstance(child, nodes.Element):
                        self.post_process_images(child)
        search = self.refinery_views.search
        if search is None or split is None:
            return
        # The page as the second view shows it, for that view's index.
        removed = split if isinstance(split, Removed) else Removed.take_from(doctree)
        if not removed:
            search.mirror(docname)
            return
        if removed is split:
            removed.put_back()
        try:
            search.feed(self, docname, doctree)
        finally:
            if removed is split:
                removed.take_again()
            else:
                removed.put_back()

    def dump_search_index(self) -> None:
        """The root view's index, then the second view's, each with the
        registries its view shows (objects inside notes only for instructors)."""
        super().dump_search_index()
        search = self.refinery_views.search
        if search is not None:
            learner = search.view == "learner"
            with learner_registries(self.env) if learner else nullcontext():
                search.dump(self)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        state = self.refinery_views
        split = getattr(doctree, SPLIT, None)
        if split is None or state.second is None:
            super().write_doc(docname, doctree)
            return
        removed = split if isinstance(split, Removed) else Removed.take_from(doctree)
        page = state.page = PageInViews(docname, doctree, Marked(removed))
        logged: set[WarningKey] = set()
        try:
            with warnings_recorded(logged):
                super().write_doc(docname, doctree)
        finally:
            state.page = None
        if page.second_context is None:  # the page was written without handle_page
            page.marked.unmark()
            return
        with repeats_dropped(logged):
            self._write_copy(docname, doctree, removed, page.second_context)

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
        page = state.page
        if (
            page is not None
            and page.second_context is None
            and pagename == page.docname
            and event_arg is page.doctree
        ):
            self._split_context(page, addctx)
        if state.rendering and outfilename is None:  # a page of the second view's own
            self._render_copy(pagename, addctx, templatename, None)
            return
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )
        if state.indexing:  # the copies of the index pages link to each other
            state.outputs |= {self._relative_output(pagename)}
        if state.second and outfilename is None and self._copies_extra_page(pagename):
            with state.rendering_view(state.second):
                self._render_copy(pagename, addctx, templatename, None)

    def _copies_extra_page(self, pagename: str) -> bool:
        """Whether ``pagename`` is a page that is no document (the search page,
        the indices, ``html_additional_pages``) and gets its copy now."""
        state = self.refinery_views
        if state.indexing or pagename in self.env.all_docs:
            return False
        return pagename in state.extra_pages or pagename.startswith("genindex-")

    def write_genindex(self) -> None:
        """The index of each view, each from its view's registries (the learner
        view's leaves out the entries inside instructor notes)."""
        state = self.refinery_views
        if not state.second:
            super().write_genindex()
            return
        state.indexing = True
        try:
            super().write_genindex()
        finally:
            state.indexing = False
        learner = state.second == "learner"
        registries = learner_registries(self.env) if learner else nullcontext()
        with registries, state.rendering_view(state.second):
            super(EditionMixin, self).write_genindex()

    def _split_context(self, page: PageInViews, context: dict[str, Any]) -> None:
        """Give ``context`` the root view's body and keep the second view's context;
        leave the doctree as the root view shows it, for ``html-page-context``."""
        state = self.refinery_views
        if state.second is None:  # only pages with a second view are split
            return
        body = context["body"]
        # Taken before html-page-context handlers change the context.
        second = deepcopy({key: value for key, value in context.items() if key != "body"})
        second["body"] = body_for_view(body, state.second)
        second.update(self.refinery_page_toc(page.docname, state.second == "learner"))
        page.second_context = second
        context["body"] = body_for_view(body, state.root)
        page.marked.unmark()
        if state.root == "instructor":
            page.marked.removed.put_back()

    def _write_copy(
        self, docname: str, doctree: nodes.document, removed: Removed, context: dict[str, Any]
    ) -> None:
        """Render the second view of a page into its folder, links moved there."""
        state = self.refinery_views
        view = state.second
        if view is None:  # only pages with a second view get a copy
            return
        instructor = view == "instructor"
        if instructor:
            removed.put_back()
        else:
            removed.take_again()
        try:
            with state.rendering_view(view):
                self._render_copy(docname, context, "page.html", doctree)
        finally:
            if instructor:
                removed.take_again()
            else:
                removed.put_back()

    def _render_copy(
        self, pagename: str, context: dict[str, Any], templatename: str, doctree: Any
    ) -> None:
        """Render ``pagename`` into the second view's folder and move its links there."""
        state = self.refinery_views
        output = Path(self.get_output_path(f"{state.folder}/{pagename}"))
        page_dir = posixpath.dirname(self._relative_output(pagename))
        rewrite = link_rewriter(page_dir, state.folder, state.outputs)
        # A page that fails to render is not written: no old copy is moved again.
        output.unlink(missing_ok=True)
        super().handle_page(pagename, context, templatename, outfilename=output, event_arg=doctree)
        if output.is_file():
            encoding = self.config.html_output_encoding
            html = output.read_bytes().decode(encoding)
            output.write_bytes(shift_urls(html, rewrite).encode(encoding, "xmlcharrefreplace"))

    def _relative_output(self, name: str) -> str:
        return Path(self.get_output_path(name)).relative_to(Path(self.outdir)).as_posix()


def writes_second_view(builder: object) -> TypeGuard[ViewsBuilderMixin]:
    """Whether ``builder`` writes a second view (html or dirhtml, two views)."""
    return isinstance(builder, ViewsBuilderMixin) and builder.refinery_views.second is not None


def split_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make the page the root view's; mark it when it gets a second-view copy.

    Runs in the main process (``doctree-resolved``), before the page is
    indexed: learners' pages lose their instructor content here (html and
    dirhtml; the other builders write one edition), kept aside for the instructor copy, which
    :meth:`ViewsBuilderMixin.write_doc` makes.
    """
    builder = app.builder
    if not isinstance(builder, ViewsBuilderMixin) or not is_page(doctree):
        return  # one edition (outputs.editions), or a part of a page
    second = writes_second_view(builder)
    if root_view(app.config) == "learner":
        removed = Removed.take_from(doctree)
        if second:
            setattr(doctree, SPLIT, removed)
    elif second:
        setattr(doctree, SPLIT, True)


def view_builder_class(base: type[StandaloneHTMLBuilder]) -> type[StandaloneHTMLBuilder]:
    """``base`` with :class:`~.collected.CollectedPagesMixin`,
    :class:`ViewsBuilderMixin`, :class:`~sphinx_refinery._perf.
    highlighting.ReuseFormatters` (and, where Sphinx writes in parallel as
    expected, :class:`~sphinx_refinery._perf.parallel.WriteWithEveryProcess`)."""
    mixins: tuple[type, ...] = (CollectedPagesMixin, ViewsBuilderMixin, ReuseFormatters)
    if writes_in_parallel_as_expected(base):
        mixins += (WriteWithEveryProcess,)
    return type(f"{base.__name__}WithViews", (*mixins, base), {"__module__": __name__})


def _takes_views(base: type | None) -> TypeGuard[type[StandaloneHTMLBuilder]]:
    return (
        isinstance(base, type)
        and issubclass(base, StandaloneHTMLBuilder)
        and not issubclass(base, (SingleFileHTMLBuilder, ViewsBuilderMixin))
    )


def use_view_builders(app: Sphinx, config: Config) -> None:
    """Register the html and dirhtml builders with the views mixed in.

    Runs late at ``config-inited``: after the setup of every extension and
    ``conf.py`` (one may have registered its own ``html`` builder, which gets
    the views too; the built-in ones are registered by ``sphinx.builders.html``
    before any extension is loaded), and before Sphinx creates the builder.
    Looking the class up in ``setup()`` would miss a builder registered by an
    extension listed after this one.
    """
    for name in VIEW_BUILDERS:
        base = app.registry.builders.get(name)
        if _takes_views(base):
            app.add_builder(view_builder_class(base), override=True)


def adopt_running_builder(app: Sphinx) -> None:
    """When the extension is loaded by the theme alone (``html_theme =
    "sphinx_refinery"`` without ``extensions``), Sphinx has already created the
    builder when it loads the theme: make that builder the views' class."""
    builder = getattr(app, "builder", None)
    if builder is not None and builder.name in VIEW_BUILDERS and _takes_views(type(builder)):
        builder.__class__ = view_builder_class(type(builder))
