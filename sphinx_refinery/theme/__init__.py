"""The ``sphinx_refinery`` HTML theme.

- :mod:`.options`: the theme's name and folder, options as the code reads them
- :mod:`.bundle`: the one stylesheet and one script every page loads
- :mod:`.minify`: the small CSS/JS minifier the bundles go through
- :mod:`.markup`: small accessibility fixes to Sphinx's markup
- :mod:`.navigation`: the site navigation, resolved once per build
- :mod:`.context`: the page context the templates read

Dark mode without a flash of the wrong colours: ``<html data-theme="auto">``
is switched to the reader's stored choice by
:data:`.bundle.THEME_INIT_SCRIPT`, a one-line inline script in ``<head>``.
Under a Content-Security-Policy without ``'unsafe-inline'``, allow it with its
hash, :data:`.bundle.THEME_INIT_SCRIPT_CSP` (``script-src 'self' <hash>``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import navigation
from .context import check_url_options, lesson_title, prepare_navigation, update_context
from .options import THEME_DIR, THEME_NAME

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    app.connect("config-inited", lesson_title)
    app.connect("builder-inited", check_url_options)
    # Late: the scripts and stylesheets other extensions add to one page in their
    # own handler (sphinxcontrib-mermaid's, listed after sphinx_refinery) are kept.
    app.connect("html-page-context", update_context, priority=900)
    app.connect("env-updated", navigation.forget)
    app.connect("doctree-resolved", prepare_navigation)
