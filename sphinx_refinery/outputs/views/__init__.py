"""Learner and instructor views from one ``sphinx-build`` run.

``refinery_views = ["learner", "instructor"]`` (the default) makes the
learner view the site's root and writes an instructor copy under
``instructor/``.  Every page the builder writes (the documents, the search
page, the indices, the pages extensions collect) has its copy there, whose
links stay in that view.
Instructor-only content is removed from the learner doctree before
the page is written and indexed, so it is neither in the learner HTML nor in
its search index; each view has a search index of its own.

- :mod:`.content`: what is instructor-only, taking it out and putting it back;
  the views of ``refinery_views``;
- :mod:`.marking`: one translation of a page, each view's body cut from it;
- :mod:`.builder`: the html/dirhtml builder subclass that writes both views;
  :mod:`.state`: what it knows about them (:class:`~.state.ViewState`);
- :mod:`.collected`: the pages extensions add (``html-collect-pages``) in both
  views; :mod:`.viewcode`: ``sphinx.ext.viewcode``'s pages as each view shows them;
- :mod:`.links`: the copy's links moved into the second view's folder;
- :mod:`.search`: the second view's own search index, in its folder;
- :mod:`.switch`: the template context (view names, the switch URL);
- :mod:`.editions`: every other output is one edition (``refinery_edition``);
  the learner side's index, inventory and ``_sources``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import editions
from .builder import adopt_running_builder, split_views, use_view_builders
from .marking import depart_view_only, view_only, view_only_inline, visit_view_only
from .switch import add_view_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    for node in (view_only, view_only_inline):
        app.add_node(node, html=(visit_view_only, depart_view_only))
    app.connect("config-inited", use_view_builders, priority=900)
    # late: after handlers that add content to the page (sphinx.ext.todo's todolist)
    app.connect("doctree-resolved", split_views, priority=900)
    app.connect("html-page-context", add_view_context)
    adopt_running_builder(app)
    editions.setup(app)
