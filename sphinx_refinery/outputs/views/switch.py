"""What the templates know about views: which view a page is in, where the
other view of it is (the "Instructor view" / "Learner view" switch), and the
site navigation rendered once for both views of a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.osutil import relative_uri

from ...lesson.withheld import learner_tocs_shown
from .builder import ViewsBuilderMixin, writes_second_view
from .content import root_view, second_view
from .links import KEEP_MARKER
from .state import ViewState

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def add_view_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.Node | None
) -> None:
    """Tell the templates which view a page is in and where the same page is in
    the other view (every page has a copy there; a page in one view only, as
    one an extension adds without a copy, leads to the other view's home page)."""
    builder = app.builder
    if builder.format != "html":
        return
    config = app.config
    state = builder.refinery_views if isinstance(builder, ViewsBuilderMixin) else None
    rendering = state.rendering if state else None
    view = rendering or root_view(config)
    other = second_view(config) if view == root_view(config) else root_view(config)
    context["refinery_view"] = view
    context["refinery_other_view"] = other
    if other is None or state is None or not writes_second_view(builder):
        context["refinery_other_view_url"] = None
        return
    # A page in one view only (an index learners do not get, the source page of
    # a module documented only in notes) has no copy.
    has_copy = pagename not in state.single | state.learner_left_out and (
        pagename in state.pages or pagename in state.extra_pages or bool(rendering)
    )
    target = pagename if has_copy else config.root_doc
    here = builder.get_target_uri(pagename)
    if rendering:
        copy = builder.get_target_uri(f"{state.folder}/{pagename}")
        url = relative_uri(copy, builder.get_target_uri(target))
    else:
        url = relative_uri(here, builder.get_target_uri(f"{state.folder}/{target}"))
    context["refinery_other_view_url"] = url
    context["refinery_view_link_marker"] = KEEP_MARKER
    if has_copy:
        _share_navigation(state, builder.env, pagename, context)


def _share_navigation(
    state: ViewState, env: BuildEnvironment, pagename: str, context: dict
) -> None:
    """Render a page's navigation once for both of its views.

    ``toctree()`` (the site navigation in the templates) walks the whole
    lesson's toctree for every page; the copy in the second view gets exactly
    the same markup (its links are moved afterwards), so it reuses what the
    first view of the same page rendered (unless the views' tables of
    contents differ: objects inside notes).
    """
    toctree = context.get("toctree")
    if not callable(toctree):
        return
    if state.navigation_page != pagename:
        state.navigation_page = pagename
        state.navigation = {}
    rendered = state.navigation

    def shared_toctree(*args, **kwargs):
        # each view's tables of contents (objects inside notes: lesson.withheld.toc)
        key = repr((args, sorted(kwargs.items()), learner_tocs_shown(env)))
        if key not in rendered:
            rendered[key] = toctree(*args, **kwargs)
        return rendered[key]

    context["toctree"] = shared_toctree
