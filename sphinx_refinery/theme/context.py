"""The page context the theme's templates read (``html-page-context``).

The site navigation (Sphinx's toctree with ``aria-level`` on captions and
``aria-current`` on the current page), the on-page contents, the "Edit this
page" address, a meta description, a default favicon, and the body with
keyboard-reachable scroll boxes around code blocks and tables.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from ..compat import writes_linked_pages
from ..config import conf_location, set_by_author
from ..warnings import TYPE, Subtype
from . import navigation
from .bundle import (
    BUNDLE_CSS,
    BUNDLE_JS,
    FAVICON,
    STORAGE_KEY,
    THEME_INIT_SCRIPT,
    css_variable_allowed,
    page_assets,
    write_bundles,
)
from .markup import (
    fix_toctree_captions,
    mark_current_page,
    page_toc,
    scroll_boxes,
    unlink_summaries,
)
from .options import THEME_NAME, URL_OPTIONS, as_bool, safe_url, theme_context, uses_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def check_url_options(app: Sphinx) -> None:
    """Warn once about theme options whose address is refused."""
    if not uses_theme(app):
        return
    options = app.config.html_theme_options or {}
    for name in URL_OPTIONS:
        value = options.get(name)
        if value and not safe_url(value):
            logger.warning(
                __(
                    "html_theme_options[%r] = %r is not a web address (http, https or "
                    "mailto); it is left out"
                ),
                name,
                value,
                type=TYPE,
                subtype=Subtype.THEME,
            )
    for option in ("light_css_variables", "dark_css_variables"):
        variables = options.get(option)
        for name, value in variables.items() if isinstance(variables, dict) else ():
            if not css_variable_allowed(name, value):
                logger.warning(
                    __(
                        "html_theme_options[%r]: %r: %r is left out: a name is --letters-"
                        "digits-and-dashes, a value holds none of ; { } < >"
                    ),
                    option,
                    name,
                    value,
                    location=conf_location(app, "html_theme_options"),
                    type=TYPE,
                    subtype=Subtype.THEME,
                )


def edit_url(context: dict[str, Any], docname: str, suffix: str) -> str:
    """The "Edit this page" address from theme options or sphinx-lesson's
    ``html_context`` keys (``display_github``, ``github_user``, ...)."""
    repo = str(context.get("theme_repository_url") or "").rstrip("/")
    branch = str(context.get("theme_repository_branch") or "")
    path = str(context.get("theme_repository_path") or "")
    provider = str(context.get("theme_repository_provider") or "").lower()
    if not repo:
        if as_bool(context.get("display_github")) and context.get("github_user"):
            name = context.get("github_repo") or context.get("github_repo_name")
            if not name:
                return ""
            host = str(context.get("github_host") or "github.com")
            repo = f"https://{host}/{context['github_user']}/{name}"
            branch = str(context.get("github_version") or "")
            provider = "github"
        elif as_bool(context.get("display_gitlab")) and context.get("gitlab_user"):
            host = str(context.get("gitlab_host") or "gitlab.com")
            repo = f"https://{host}/{context['gitlab_user']}/{context.get('gitlab_repo', '')}"
            branch = str(context.get("gitlab_version") or "")
            provider = "gitlab"
        else:
            return ""
        path = str(context.get("conf_py_path") or "")
    if not provider:
        provider = "gitlab" if "gitlab" in (urlsplit(repo).hostname or "") else "github"
    mode = "blob" if str(context.get("theme_vcs_pageview_mode")) in {"blob", "view"} else "edit"
    file = "/".join(p for p in (path.strip("/"), docname + suffix) if p)
    separator = "/-/" if provider == "gitlab" else "/"
    return f"{repo}{separator}{mode}/{branch or 'main'}/{file}"


def describe(doctree: nodes.document | None, fallback: str, limit: int = 160) -> str:
    """A meta description: the page's first paragraph of running text."""
    text = ""
    if doctree is not None:
        for paragraph in doctree.findall(nodes.paragraph):
            if isinstance(paragraph.parent, nodes.section):
                text = " ".join(paragraph.astext().split())
                if len(text) > 40:
                    break
    text = text or fallback
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def renders_no_template(app: Sphinx) -> bool:
    """The json and pickle builders dump the context instead of rendering the
    templates; their context lacks the helpers the theme's keys are made with."""
    from sphinxcontrib.serializinghtml import SerializingHTMLBuilder

    return isinstance(app.builder, SerializingHTMLBuilder)


def _static_url(context: dict[str, Any], name: str) -> str:
    if not name or "://" in name or name.startswith("data:"):
        return name
    return context["pathto"]("_static/" + name, 1)


def update_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Fill the context the theme's templates read (``refinery_*`` keys)."""
    if app.builder.format != "html":
        return
    if isinstance(context.get("body"), str):
        context["body"] = fix_toctree_captions(context["body"])
    if not uses_theme(app) or renders_no_template(app):
        return
    for name in URL_OPTIONS:
        context[f"theme_{name}"] = safe_url(context.get(f"theme_{name}"))
    _asset_context(app, pagename, context)
    _layout_context(app, pagename, context)
    _head_context(context, doctree)


def _asset_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Bundles, the files a page still links, and the body's scroll boxes."""
    bundles = write_bundles(app)
    pathto = context["pathto"]
    context["refinery_css"] = f"{pathto('_static/' + BUNDLE_CSS, 1)}?v={bundles.css_digest}"
    context["refinery_js"] = f"{pathto('_static/' + BUNDLE_JS, 1)}?v={bundles.js_digest}"
    context["refinery_init_script"] = THEME_INIT_SCRIPT
    context["refinery_storage_key"] = STORAGE_KEY
    context["css_files"], context["script_files"] = page_assets(
        list(context.get("css_files", [])),
        list(context.get("script_files", [])),
        bundles,
        search_page=pagename == "search",
    )
    if isinstance(context.get("body"), str):
        context["body"] = unlink_summaries(scroll_boxes(context["body"], _("Code"), _("Table")))


def _layout_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Navigation, on-page contents, search, edit link, external link marks."""
    context["refinery_nav"] = _navigation(app, pagename, context)
    # singlehtml claims a search page (hasdoc) but never writes one.
    context["refinery_search"] = bool(
        app.builder.name != "singlehtml" and context["hasdoc"]("search")
    )
    show_toc = as_bool(context.get("theme_show_page_toc", True)) and context.get("display_toc")
    if "hide-toc" in (context.get("meta") or {}):
        show_toc = False
    context["refinery_page_toc"] = page_toc(context.get("toc", "")) if show_toc else ""
    edit = ""
    if pagename in app.env.all_docs:
        suffix = context.get("page_source_suffix") or Path(app.env.doc2path(pagename)).suffix
        edit = edit_url(context, pagename, suffix)
    context["refinery_edit_url"] = edit
    context["refinery_external_links"] = as_bool(context.get("theme_style_external_links"))


def _head_context(context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Meta description, favicon and logos (all overridable)."""
    pathto = context["pathto"]
    metatags = _VIEWPORT.sub("", context.get("metatags", ""))
    context["metatags"] = metatags
    fallback = str(context.get("theme_description") or context.get("docstitle") or "")
    context["refinery_description"] = (
        "" if 'name="description"' in metatags else describe(doctree, fallback)
    )
    context["refinery_favicon"] = context.get("favicon_url") or pathto("_static/" + FAVICON, 1)
    logo = _static_url(context, str(context.get("theme_logo") or ""))
    context["refinery_logo"] = logo or context.get("logo_url") or ""
    context["refinery_logo_dark"] = _static_url(context, str(context.get("theme_logo_dark") or ""))


def _navigation(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    """The site navigation: resolved once per build where pages link by
    relative paths (:mod:`.navigation`), else Sphinx's ``toctree()``."""
    if writes_linked_pages(app.builder):
        markup = navigation.page_navigation(app.builder, pagename, context)
        return fix_toctree_captions(markup, default_level=2)
    toctree = context.get("toctree")
    if toctree is None:
        return ""
    options = navigation.options_from_context(context)
    markup = toctree(
        maxdepth=options.maxdepth,
        collapse=options.collapse,
        titles_only=options.titles_only,
        includehidden=options.includehidden,
    )
    return mark_current_page(fix_toctree_captions(markup or "", default_level=2))


def prepare_navigation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Resolve the navigation in the main process, before a parallel write
    forks its workers, so that they inherit it instead of each resolving it."""
    builder = app.builder
    if writes_linked_pages(builder) and uses_theme(app):
        navigation.site_navigation(builder, navigation.options_from_context(theme_context(builder)))


def lesson_title(app: Sphinx, config: Config) -> None:
    """With this theme, a lesson without ``html_title`` is titled by its
    project's name, not Sphinx's "<project> <release> documentation"."""
    if config.html_theme == THEME_NAME and not set_by_author(config, "html_title"):
        config.html_title = config.project
