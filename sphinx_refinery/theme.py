"""The ``sphinx_refinery`` HTML theme: registration, bundling and page context.

Bundling
    The theme's styles are written one file per construct
    (``theme/sphinx_refinery/static/css/*.css``) and its script is
    ``static/js/theme.js``.  When the first page is written, those files, the
    extension's own ``sphinx_refinery/static/*.css|js`` (block styles, tabs,
    ...) and sphinx-copybutton's files are concatenated into one stylesheet
    (``_static/refinery-theme.css``) and one deferred script
    (``_static/refinery-theme.js``).  Sphinx's ``doctools.js``,
    ``sphinx_highlight.js`` and ``documentation_options.js`` are only kept on
    the search page (and on pages that load scripts the theme does not know,
    which may need them); ``pygments.css`` and ``basic.css`` are not loaded:
    the theme colours code with CSS variables, light and dark.

Page context
    ``html-page-context`` prepares what the templates show: the site
    navigation (Sphinx's toctree with ``aria-level`` on captions and
    ``aria-current`` on the current page), the on-page contents, the "Edit
    this page" address, a meta description, a default favicon, and the body
    with keyboard-reachable scroll boxes around code blocks and tables.

Dark mode without a flash of the wrong colours
    ``<html data-theme="auto">`` is switched to the reader's stored choice by
    :data:`THEME_INIT_SCRIPT`, a one-line inline script in ``<head>``.  Under a
    Content-Security-Policy without ``'unsafe-inline'``, allow it with its
    hash, :data:`THEME_INIT_SCRIPT_CSP` (``script-src 'self' <hash>``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from . import navigation
from .compat import writes_linked_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

THEME_NAME = "sphinx_refinery"
THEME_DIR = Path(__file__).parent / "theme" / THEME_NAME
THEME_CSS_DIR = THEME_DIR / "static" / "css"
THEME_JS_DIR = THEME_DIR / "static" / "js"
EXTENSION_STATIC = Path(__file__).parent / "static"

#: Bundles written to ``_static/``.
BUNDLE_CSS = "refinery-theme.css"
BUNDLE_JS = "refinery-theme.js"
FAVICON = "refinery-favicon.svg"
#: localStorage key of the reader's colour scheme choice (auto/light/dark).
STORAGE_KEY = "refinery-scheme"

#: Sets the stored colour scheme before the first paint (see module docstring).
THEME_INIT_SCRIPT = (
    "try{var s=localStorage.getItem('" + STORAGE_KEY + "');"
    "if(s==='light'||s==='dark')document.documentElement.dataset.theme=s}catch(e){}"
)
THEME_INIT_SCRIPT_CSP = (
    "'sha256-"
    + base64.b64encode(hashlib.sha256(THEME_INIT_SCRIPT.encode()).digest()).decode()
    + "'"
)

#: sphinx-copybutton's script, folded into the JS bundle (rendered by Sphinx
#: into ``_static/``).  Its ``clipboard.min.js`` is replaced by the theme's
#: ``static/js/clipboard.js`` and its ``copybutton.css`` by
#: ``static/css/52-copybutton.css`` (theme colours, light and dark).
FOLDED_JS = ("copybutton.js",)
REPLACED_JS = frozenset({"clipboard.min.js"})
#: Sphinx's own scripts, needed by the search page only.
SEARCH_ONLY_JS = frozenset(
    {"documentation_options.js", "doctools.js", "sphinx_highlight.js", "translations.js"}
)
#: Stylesheets the bundle replaces.
REPLACED_CSS = frozenset({"pygments.css", "pygments_dark.css", "basic.css", "copybutton.css"})


def uses_theme(app: Sphinx) -> bool:
    """Does this builder render pages with this theme?  (The epub builder has
    its own theme, whatever ``html_theme`` says.)"""
    theme = getattr(app.builder, "theme", None)
    return getattr(theme, "name", "") == THEME_NAME


def as_bool(value: object) -> bool:
    """Theme options arrive as bools or as strings from theme.toml."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "on"}
    return bool(value)


# --------------------------------------------------------------------------
# Bundling
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundles:
    """The bundle files written for one build, and their cache-busting digests."""

    css_digest: str
    js_digest: str
    #: Names (in ``_static/``) of other packages' files folded in.
    folded: frozenset[str]
    #: Sphinx's Pygments stylesheet is folded in (the lesson chose a style).
    pygments_folded: bool


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _wrap_js(name: str, source: str) -> str:
    """Give a foreign script its own scope so that bundled files cannot clash."""
    prelude = ""
    if name == "copybutton.js":
        # copybutton.js reads DOCUMENTATION_OPTIONS.URL_ROOT, which the theme
        # does not load on content pages.
        prelude = "var DOCUMENTATION_OPTIONS={};\n"
    return f"/*! {name} */\n;(function(){{\n{prelude}{source}\n}}).call(window);\n"


_DARK_BLOCK = re.compile(
    r"@media screen and \(prefers-color-scheme: dark\) \{\s*"
    r':root:not\(\[data-theme="light"\]\) (\{[^{}]*\})\s*\}'
)


def expand_dark(css: str) -> str:
    """Repeat each dark variable block for readers who chose dark with the
    toggle: written once in the sources, emitted for both selectors."""
    chosen = "".join(f':root[data-theme="dark"]{m.group(1)}' for m in _DARK_BLOCK.finditer(css))
    return f"{css}\n@media screen {{{chosen}}}\n" if chosen else css


def minify_css(css: str) -> str:
    """Drop comments and spaces that carry no meaning (a small, safe subset:
    never touches the space before ``:`` that separates selector parts)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip() + "\n"


def minify_js(js: str) -> str:
    """Drop whole-line comments (not ``/*! ... */``) and indentation: lines are
    kept, so automatic semicolon insertion and every string stay as they were."""
    js = re.sub(r"^[ \t]*/\*(?!!).*?\*/[ \t]*\n", "", js, flags=re.DOTALL | re.MULTILINE)
    js = re.sub(r"^[ \t]*//.*\n", "", js, flags=re.MULTILINE)
    js = re.sub(r"^[ \t]+", "", js, flags=re.MULTILINE)
    return re.sub(r"\n{2,}", "\n", js)


def css_variables_rule(selector: str, variables: object) -> str:
    """A rule setting the custom properties of a colour theme option."""
    if not isinstance(variables, dict) or not variables:
        return ""
    declarations = ";".join(
        f"{name}:{value}"
        for name, value in variables.items()
        if str(name).startswith("--") and not re.search(r"[;{}<]", str(value))
    )
    return f"{selector}{{{declarations}}}\n" if declarations else ""


def _user_colours(options: dict[str, Any]) -> str:
    light = options.get("light_css_variables")
    dark = options.get("dark_css_variables")
    dark_rule = css_variables_rule(":root[data-theme=dark]", dark)
    if dark_rule:
        inner = css_variables_rule(":root:not([data-theme=light])", dark)
        dark_rule += f"@media screen and (prefers-color-scheme:dark){{{inner}}}\n"
    return css_variables_rule(":root", light) + dark_rule


def _pygments_css(builder: StandaloneHTMLBuilder) -> str:
    """Sphinx's Pygments CSS, light and dark, for a style the lesson chose.

    Its background wins over the theme's, so plain text gets a colour that
    reads on it in either colour scheme."""
    css = builder.highlighter.get_stylesheet()
    style = builder.highlighter.formatter_args.get("style")
    background = str(getattr(style, "background_color", "") or "#ffffff")
    if re.fullmatch(r"#[0-9a-fA-F]{6}", background):
        light = sum(int(background[i : i + 2], 16) for i in (1, 3, 5)) > 3 * 128
        css += "\n.highlight{color:%s}" % ("#1f2328" if light else "#e6e9ed")
    dark = getattr(builder, "dark_highlighter", None)
    if dark is not None:
        dark_css = dark.get_stylesheet()
        css += f"\n@media (prefers-color-scheme:dark){{{dark_css}}}\n"
    return css


def lesson_chose_pygments_style(app: Sphinx) -> bool:
    """The lesson set ``pygments_style`` (Sphinx's default is None)."""
    return app.config.pygments_style is not None


def bundle_sources(app: Sphinx) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, text) of every part of the CSS and JS bundles, in order."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    static = Path(builder.outdir) / "_static"
    css: list[tuple[str, str]] = []
    js: list[tuple[str, str]] = []
    registered_js = {os.path.basename(str(js.filename)) for js in builder._js_files}
    css.extend((p.name, _read(p)) for p in sorted(THEME_CSS_DIR.glob("*.css")))
    if lesson_chose_pygments_style(app):
        css.append(("pygments.css", _pygments_css(builder)))
    css.extend((p.name, _read(p)) for p in sorted(EXTENSION_STATIC.glob("*.css")))
    js.extend((p.name, _read(p)) for p in sorted(THEME_JS_DIR.glob("*.js")))
    for name in FOLDED_JS:
        if name in registered_js and (static / name).is_file():
            js.append((name, _wrap_js(name, _read(static / name))))
    js.extend((p.name, _wrap_js(p.name, _read(p))) for p in sorted(EXTENSION_STATIC.glob("*.js")))
    return css, js


def _write_atomically(path: Path, text: str) -> str:
    """Write ``text`` (parallel writers may race: replace, never truncate)."""
    data = text.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(path)
    return hashlib.sha256(data).hexdigest()[:10]


def write_bundles(app: Sphinx) -> Bundles:
    """Write both bundles into ``_static/`` (once per build and process)."""
    builder = app.builder
    cached: Bundles | None = getattr(builder, "_refinery_bundles", None)
    if cached is not None:
        return cached
    css_parts, js_parts = bundle_sources(app)
    static = Path(builder.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    options = builder.theme.get_options(builder.theme_options)
    # The lesson's colours come last, after the theme's dark blocks.
    theme_css = expand_dark("".join(text for _name, text in css_parts))
    css = minify_css(theme_css + _user_colours(options))
    js = minify_js("".join(text for _name, text in js_parts))
    bundles = Bundles(
        css_digest=_write_atomically(static / BUNDLE_CSS, css),
        js_digest=_write_atomically(static / BUNDLE_JS, js),
        folded=frozenset(name for name, _ in (*css_parts, *js_parts)),
        pygments_folded=lesson_chose_pygments_style(app),
    )
    builder._refinery_bundles = bundles  # type: ignore[attr-defined]
    return bundles


def _static_name(asset: object) -> str:
    """``copybutton.js`` for ``_static/copybutton.js`` (and ``""`` for URLs)."""
    filename = str(getattr(asset, "filename", asset) or "")
    if "://" in filename or not filename.startswith("_static/"):
        return ""
    return filename.removeprefix("_static/")


def page_assets(
    css_files: list[Any], script_files: list[Any], bundles: Bundles, search_page: bool
) -> tuple[list[Any], list[Any]]:
    """The stylesheets and scripts a page still links besides the bundles."""
    css = [
        c
        for c in css_files
        if _static_name(c) not in bundles.folded and _static_name(c) not in REPLACED_CSS
    ]
    scripts = [
        s
        for s in script_files
        if _static_name(s) not in bundles.folded and _static_name(s) not in REPLACED_JS
    ]
    # Local scripts of other extensions may rely on Sphinx's core scripts.
    unknown = [s for s in scripts if _static_name(s) and _static_name(s) not in SEARCH_ONLY_JS]
    if not search_page and not unknown:
        scripts = [s for s in scripts if _static_name(s) not in SEARCH_ONLY_JS]
    return css, scripts


# --------------------------------------------------------------------------
# Markup fixes
# --------------------------------------------------------------------------

_CAPTION = re.compile(r'<p class="caption"([^>]*?) role="heading"(?![^>]*aria-level)')
_HEADING = re.compile(r"<h([1-6])\b")
_CURRENT_LINK = re.compile(r'<a class="current reference internal" href="([^"]*)"')
_TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>")
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')
_CODE_PRE = re.compile(r'(<div class="highlight">)<pre>(.*?)</pre></div>', re.DOTALL)


def fix_toctree_captions(markup: str, default_level: int = 2) -> str:
    """Give each toctree caption (``role="heading"``) the ``aria-level`` axe
    requires: one below the heading it follows, else ``default_level``."""

    def level_at(position: int) -> int:
        levels = _HEADING.findall(markup, 0, position)
        return min(int(levels[-1]) + 1, 6) if levels else default_level

    def add_level(match: re.Match[str]) -> str:
        return f'{match.group(0)} aria-level="{level_at(match.start())}"'

    return _CAPTION.sub(add_level, markup)


def mark_current_page(markup: str) -> str:
    return _CURRENT_LINK.sub(
        lambda m: f'<a class="current reference internal" aria-current="page" href="{m[1]}"',
        markup,
    )


def scroll_boxes(body: str, code_label: str, table_label: str) -> str:
    """Let code blocks and tables scroll in their own keyboard-focusable box."""
    attrs = f'tabindex="0" role="group" aria-label="{html.escape(code_label)}"'
    # The inner span is as wide as the longest line, so emphasised lines
    # are coloured across the whole scrolled width.
    body = _CODE_PRE.sub(rf'\1<pre {attrs}><span class="code-lines">\2</span></pre></div>', body)
    out: list[str] = []
    depth = last = 0
    wrapper = (
        f'<div class="table-scroll" tabindex="0" role="group" '
        f'aria-label="{html.escape(table_label)}">'
    )
    for match in _TABLE_TAG.finditer(body):
        out.append(body[last : match.start()])
        tag = match.group(0)
        if tag != "</table>":
            if depth == 0:
                out.append(wrapper)
            depth += 1
            out.append(tag)
        else:
            depth = max(depth - 1, 0)
            out.append(tag)
            if depth == 0:
                out.append("</div>")
        last = match.end()
    out.append(body[last:])
    return "".join(out)


_SUMMARY = re.compile(r"(<summary\b[^>]*>)(.*?)(</summary>)", re.DOTALL)
_LINK_TAG = re.compile(r"</?a\b[^>]*>")


def unlink_summaries(body: str) -> str:
    """A link inside ``<summary>`` is a control inside a control (axe
    ``nested-interactive``, and a click would not toggle): keep its text."""
    return _SUMMARY.sub(lambda m: m[1] + _LINK_TAG.sub("", m[2]) + m[3], body)


_TOC_OUTER = re.compile(
    r"^\s*<ul>\s*<li>\s*<a [^>]*>.*?</a>\s*(<ul>.*</ul>)\s*</li>\s*</ul>\s*$", re.DOTALL
)


def page_toc(toc: str) -> str:
    """The page's sections without the page title itself."""
    match = _TOC_OUTER.match(toc or "")
    return match.group(1) if match else ""


# --------------------------------------------------------------------------
# Edit link, description
# --------------------------------------------------------------------------


#: Theme options that hold a web address.
URL_OPTIONS = ("repository_url", "license_url")
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


def safe_url(value: object) -> str:
    """``value`` as a link target, or "" when it could run code (``javascript:`` ...)."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in SAFE_SCHEMES else ""


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
                type="refinery",
                subtype="theme",
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


# --------------------------------------------------------------------------
# html-page-context
# --------------------------------------------------------------------------


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
    if not uses_theme(app):
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
        theme_options = builder.theme.get_options(builder.theme_options)
        context = {f"theme_{k}": v for k, v in theme_options.items()}
        navigation.site_navigation(builder, navigation.options_from_context(context))


def remove_bundled_sources(app: Sphinx, exception: BaseException | None) -> None:
    """Sphinx copies the theme's whole ``static/`` folder; the CSS/JS sources
    are in the bundles, so their copies go (only byte-identical files, so a
    lesson's own ``_static/css/...`` is never touched)."""
    if exception is not None or not uses_theme(app):
        return
    static = Path(app.outdir) / "_static"
    for source_dir in (THEME_CSS_DIR, THEME_JS_DIR):
        copy_dir = static / source_dir.name
        for source in source_dir.iterdir():
            copy = copy_dir / source.name
            if copy.is_file() and copy.read_bytes() == source.read_bytes():
                copy.unlink()
        if copy_dir.is_dir() and not any(copy_dir.iterdir()):
            copy_dir.rmdir()


def setup(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    app.connect("builder-inited", check_url_options)
    app.connect("html-page-context", update_context)
    app.connect("env-updated", navigation.forget)
    app.connect("doctree-resolved", prepare_navigation)
    app.connect("build-finished", remove_bundled_sources)
