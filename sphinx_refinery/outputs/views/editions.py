"""Editions: the learner or the instructor edition of every output but the two views.

The html and dirhtml builders write both views (:mod:`.builder`).  Every other
output (singlehtml, EPUB, LaTeX/PDF, text, man, texinfo, JSON, ...) is one
tree, and it is one edition, chosen by ``refinery_edition`` (by default the
root view of ``refinery_views``): the learner edition leaves out everything
only instructors see, exactly as the learner view does (:func:`take_edition`).

A learner edition has no page that only instructors read
(:func:`instructor_pages`: the instructor guide's, and a page with nothing
left but titles once its notes are out): the PDF leaves out its chapter, an
EPUB its entry in the contents and the reading order.  The outputs that
mirror the site (single-page HTML, text) keep it, as the learner view does.

Besides the pages, a learner edition (and the learner root view) keeps its
registries clean: :class:`EditionMixin` writes the general index, the
domain indices (the Python module index, ...; one left empty is neither
written nor linked), the search index and
``objects.inv`` without the entries and objects inside instructor notes (a
learner edition of one tree withholds them while it writes anything,
:func:`writes_one_learner_edition`), and
:func:`withhold_sources` publishes no ``_sources`` copy of a page whose source
holds instructor notes or hidden solutions (the learner could read them
there).
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from docutils import nodes
from sphinx import addnodes
from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import document_toc

from ...lesson.data import lesson_data
from ...lesson.withheld import (
    learner_index_content,
    learner_registries,
    tocs_for,
    write_for_learners,
)
from .content import Removed, is_instructor_only, is_page, root_view
from .viewcode import modules_for_view, reading_modules

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    _Builder = StandaloneHTMLBuilder
else:
    _Builder = object

#: Builders whose output is not read by learners or instructors: they get everything.
NOT_EDITIONS = frozenset({"gettext", "i18n", "linkcheck", "dummy", "changes", "notes"})
#: What a page may hold and still have no content of its own.
NO_CONTENT = (nodes.title, nodes.target, nodes.comment, nodes.Invisible, addnodes.index)
#: HTML builders of one tree that get :class:`EditionMixin`.
EDITION_BUILDERS = ("singlehtml", "epub", "json", "pickle")


def edition(config: Config) -> str:
    """``refinery_edition``, or the root view of ``refinery_views``."""
    return config.refinery_edition or root_view(config)


class EditionMixin(_Builder):
    """An HTML builder whose general index and inventory are the learners' when
    its root output is: nothing inside instructor notes is listed."""

    def refinery_learner_root(self) -> bool:
        """Whether the site's root (its index, its inventory) is for learners."""
        return edition(self.config) == "learner"

    def refinery_learner_pages(self) -> bool:
        """Whether any page this builder writes is for learners."""
        return edition(self.config) == "learner"

    def refinery_rendering_for_learners(self) -> bool:
        """Whether the page being rendered now is for learners."""
        return self.refinery_learner_root()

    def refinery_left_out_indices(self) -> frozenset[str]:
        """The domain indices learners' pages neither link nor get, when
        Sphinx wrote them anyway: all their entries are inside notes (a learner
        edition of one tree has no such index: Sphinx leaves out an empty one)."""
        return frozenset()

    def _registries(self) -> AbstractContextManager[None]:
        return learner_registries(self.env) if self.refinery_learner_root() else nullcontext()

    def write_genindex(self) -> None:
        with self._registries():
            super().write_genindex()

    def dump_inventory(self) -> None:
        with self._registries():
            super().dump_inventory()

    def gen_pages_from_extensions(self) -> None:
        """viewcode's source pages as the root output's readers see them."""
        with reading_modules(self.env, modules_for_view(self.env, self.refinery_learner_root())):
            super().gen_pages_from_extensions()

    def dump_search_index(self) -> None:
        with self._registries():
            super().dump_search_index()

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        """A page for learners: its domain index (the Python module index,
        ...) lists nothing inside instructor notes, its tables of contents
        (``toctree()``) none of their objects."""
        learners = self.refinery_rendering_for_learners()
        left_out = self.refinery_left_out_indices() if learners else frozenset()
        if pagename in left_out:  # not written, as Sphinx writes no empty index
            Path(outfilename or self.get_output_path(pagename)).unlink(missing_ok=True)
            return
        if templatename == "domainindex.html" and learners:
            addctx = {**addctx, "content": learner_index_content(self.env, addctx["content"])}
        if left_out:  # nor linked
            links = addctx.get("rellinks", self.globalcontext.get("rellinks", []))
            addctx = {**addctx, "rellinks": [link for link in links if link[0] not in left_out]}
        with tocs_for(self.env, learners):
            super().handle_page(
                pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
            )

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """The page's contents (``toc``) as the view it is written for shows them."""
        with tocs_for(self.env, self.refinery_rendering_for_learners()):
            return super().get_doc_context(docname, body, metatags)

    def refinery_page_toc(self, docname: str, learners: bool) -> dict[str, Any]:
        """The context of the page's contents for learners (or instructors),
        when the two differ (objects inside notes); else nothing."""
        document = lesson_data(self.env).documents.get(docname)
        if document is None or document.learner_toc is None:
            return {}
        with tocs_for(self.env, learners):
            toc = document_toc(self.env, docname, self.tags)
            return {
                "toc": self.render_partial(toc)["fragment"],
                "display_toc": self.env.toc_num_entries[docname] > 1,
            }

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """EPUB: the learner edition's contents (and reading order) leave out the
        pages only instructors read; they stay in the book, for links to them."""
        if self.refinery_learner_pages():
            left_out = {self.get_target_uri(name) for name in instructor_pages(self.env)}
            refnodes[:] = [r for r in refnodes if r["refuri"].split("#")[0] not in left_out]
        getattr(super(), "toc_add_files")(refnodes)  # noqa: B009 (EPUB builders only)

    def handle_finish(self) -> None:
        super().handle_finish()
        if hasattr(self, "globalcontext_filename") and self.refinery_learner_pages():
            # The JSON and pickle builders copy the whole environment for a web
            # application: every note and hidden solution is in it.
            (Path(self.outdir) / ENV_PICKLE_FILENAME).unlink(missing_ok=True)


def empty_for_learners(env: BuildEnvironment, indices: list) -> frozenset[str]:
    """The names of the domain indices (``builder.domain_indices``) that
    list nothing for learners."""
    return frozenset(
        name
        for name, _index, content, _collapse in indices
        if not learner_index_content(env, content)
    )


def _learner_edition(builder: Builder, config: Config) -> bool:
    """Whether ``builder`` writes a learner edition of one tree (not the views,
    not an output without editions)."""
    return (
        builder.name not in NOT_EDITIONS
        and getattr(builder, "refinery_views", None) is None
        and edition(config) == "learner"
    )


def take_edition(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of every builder but the two views: the learner
    edition loses what only instructors see."""
    if _learner_edition(app.builder, app.config) and is_page(doctree):
        Removed.take_from(doctree)
        if app.builder.format == "latex":
            drop_instructor_pages(doctree, app.env)


def writes_one_learner_edition(app: Sphinx, builder: Builder) -> None:
    """``write-started``: every output of a learner edition of one tree (LaTeX,
    EPUB, ...) is for learners, its domain indices included."""
    write_for_learners(app.env, _learner_edition(builder, app.config))


def stop_writing_for_learners(app: Sphinx, error: Exception | None) -> None:
    write_for_learners(app.env, False)


def instructor_pages(env: BuildEnvironment) -> set[str]:
    """The pages only instructors read: those that hold the instructor guide,
    and those that have instructor notes and nothing else but titles."""
    pages = set()
    for name, document in lesson_data(env).documents.items():
        if "instructor" in document.aggregates or (
            document.instructor_blocks and _nothing_for_learners(env.get_doctree(name))
        ):
            pages.add(name)
    return pages


def drop_instructor_pages(tree: nodes.document, env: BuildEnvironment) -> None:
    """Leave out of the book (LaTeX: one tree of all pages) the chapters of the
    pages only instructors read; a page that holds other pages stays."""
    if not any(True for _ in tree.findall(addnodes.start_of_file)):
        return
    left_out = instructor_pages(env)
    for page in list(tree.findall(addnodes.start_of_file)):
        if page["docname"] in left_out and not any(
            True for _ in page.findall(addnodes.start_of_file, include_self=False)
        ):
            page.parent.remove(page)


def _nothing_for_learners(node: nodes.Element) -> bool:
    """Whether ``node`` holds nothing but titles, targets, index entries and
    instructor-only content."""
    return all(
        isinstance(child, NO_CONTENT)
        or is_instructor_only(child)
        or (isinstance(child, nodes.section) and _nothing_for_learners(child))
        for child in node.children
    )


def _learner_pages(builder: Builder) -> bool:
    check = getattr(builder, "refinery_learner_pages", None)
    return check() if callable(check) else edition(builder.config) == "learner"


def withhold_sources(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """No ``_sources`` copy (nor "show source" link) of a page whose source
    holds hidden solutions, or instructor notes when learners read the page."""
    if not context.get("sourcename"):
        return
    document = lesson_data(app.env).documents.get(pagename)
    if document is None:
        return
    if document.hidden_solutions or (document.instructor_blocks and _learner_pages(app.builder)):
        context["sourcename"] = ""


def edition_builder_class(base: type[StandaloneHTMLBuilder]) -> type[StandaloneHTMLBuilder]:
    return type(f"{base.__name__}Edition", (EditionMixin, base), {"__module__": __name__})


def _takes_edition(base: type | None) -> TypeGuard[type[StandaloneHTMLBuilder]]:
    return (
        isinstance(base, type)
        and issubclass(base, StandaloneHTMLBuilder)
        and not issubclass(base, EditionMixin)
    )


def use_edition_builders(app: Sphinx, config: Config) -> None:
    """Register the one-tree HTML builders with :class:`EditionMixin` (late at
    ``config-inited``, as :func:`.builder.use_view_builders` does)."""
    for name in EDITION_BUILDERS:
        base = app.registry.builders.get(name)
        if _takes_edition(base):
            app.add_builder(edition_builder_class(base), override=True)


def adopt_running_builder(app: Sphinx) -> None:
    """The builder Sphinx already made when only the theme loads the extension."""
    builder = getattr(app, "builder", None)
    if builder is not None and builder.name in EDITION_BUILDERS and _takes_edition(type(builder)):
        builder.__class__ = edition_builder_class(type(builder))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_edition_builders, priority=900)
    app.connect("doctree-resolved", take_edition, priority=900)  # as split_views
    app.connect("write-started", writes_one_learner_edition)
    app.connect("build-finished", stop_writing_for_learners)
    app.connect("html-page-context", withhold_sources)
    adopt_running_builder(app)
