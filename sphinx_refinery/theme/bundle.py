"""The theme's one stylesheet and one script, written into ``_static/``.

The theme's styles are written one file per construct (``assets/css/*.css``)
and its scripts are ``assets/js/*.js``.  The development script
``python -m sphinx_refinery._generate`` bundles them with the extension's own
``blocks/static/*.css|js`` (block styles, per-kind colours, tabs) into
``assets/refinery-theme.css`` and ``assets/refinery-theme.js``: dark variable
blocks repeated for ``data-theme="dark"``, minified, committed (a test checks
that they are current).  None of these files is published on its own.

When the first page is written, a build writes those two files to
``_static/`` followed by what depends on the lesson, if anything: the styles
for another extension it loads (``assets/extensions/NAME.css``), the Pygments
style it chose, its ``light_css_variables``/``dark_css_variables``, and
sphinx-copybutton's ``copybutton.js`` (rendered from the lesson's settings).
Sphinx's ``doctools.js``, ``sphinx_highlight.js`` and
``documentation_options.js`` are only kept on the search page (and on pages
that load scripts the theme does not know, which may need them);
``pygments.css`` and ``basic.css`` are not loaded: the theme colours code with
CSS variables, light and dark.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..blocks.assets import STATIC_DIR as EXTENSION_STATIC
from .minify import minify_css, minify_js, wrap_js
from .options import theme_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: Bundles written to ``_static/``.
BUNDLE_CSS = "refinery-theme.css"
BUNDLE_JS = "refinery-theme.js"
#: The theme's CSS and JS sources and their prebuilt bundles (see module docstring).
ASSETS_DIR = Path(__file__).parent / "assets"
THEME_CSS_DIR = ASSETS_DIR / "css"
THEME_JS_DIR = ASSETS_DIR / "js"
#: Styles for what another extension writes, ``EXTENSION_NAME.css``: added to the
#: stylesheet of a lesson that loads that extension only.
EXTENSIONS_CSS_DIR = ASSETS_DIR / "extensions"
PREBUILT_CSS = ASSETS_DIR / BUNDLE_CSS
PREBUILT_JS = ASSETS_DIR / BUNDLE_JS
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
#: ``assets/js/clipboard.js`` and its ``copybutton.css`` by
#: ``assets/css/52-copybutton.css`` (theme colours, light and dark).
FOLDED_JS = ("copybutton.js",)
REPLACED_JS = frozenset({"clipboard.min.js"})
#: Sphinx's own scripts, needed by the search page only.
SEARCH_ONLY_JS = frozenset(
    {"documentation_options.js", "doctools.js", "sphinx_highlight.js", "translations.js"}
)
#: Stylesheets the bundle replaces.
REPLACED_CSS = frozenset({"pygments.css", "pygments_dark.css", "basic.css", "copybutton.css"})


@dataclass(frozen=True)
class Bundles:
    """The bundle files written for one build, and their cache-busting digests."""

    css_digest: str
    js_digest: str
    #: Names (in ``_static/``) of the files folded in, which pages do not link.
    folded: frozenset[str]


def static_sources() -> tuple[list[Path], list[Path]]:
    """The files of the prebuilt CSS and JS bundles, in order."""
    css = [*sorted(THEME_CSS_DIR.glob("*.css")), *sorted(EXTENSION_STATIC.glob("*.css"))]
    js = [*sorted(THEME_JS_DIR.glob("*.js")), *sorted(EXTENSION_STATIC.glob("*.js"))]
    return css, js


#: A custom property name; its value must not end the declaration, the rule or the style.
_CSS_VARIABLE = re.compile(r"--[A-Za-z0-9-]+")
_CSS_VALUE_REFUSED = frozenset(";{}<>\n\r")


def css_variable_allowed(name: object, value: object) -> bool:
    """Whether ``name: value`` is a custom property that stays inside its rule."""
    return bool(_CSS_VARIABLE.fullmatch(str(name))) and not _CSS_VALUE_REFUSED.intersection(
        str(value)
    )


def css_variables_rule(selector: str, variables: object) -> str:
    """A rule setting the custom properties of a colour theme option."""
    if not isinstance(variables, dict) or not variables:
        return ""
    declarations = ";".join(
        f"{name}:{value}" for name, value in variables.items() if css_variable_allowed(name, value)
    )
    return f"{selector}{{{declarations}}}\n" if declarations else ""


def _user_colours(options: dict[str, Any]) -> str:
    """The lesson's colour options (``theme_*`` keys of the page context) as CSS."""
    light = options.get("theme_light_css_variables")
    dark = options.get("theme_dark_css_variables")
    dark_rule = css_variables_rule(":root[data-theme=dark]", dark)
    if dark_rule:
        inner = css_variables_rule(":root:not([data-theme=light])", dark)
        dark_rule += f"@media screen and (prefers-color-scheme:dark){{{inner}}}\n"
    return css_variables_rule(":root", light) + dark_rule


def _is_hex_colour(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in string.hexdigits for c in value[1:])


def _pygments_css(builder: StandaloneHTMLBuilder) -> str:
    """Sphinx's Pygments CSS, light and dark, for a style the lesson chose.

    Its background wins over the theme's, so plain text gets a colour that
    reads on it in either colour scheme."""
    css = builder.highlighter.get_stylesheet()
    style = builder.highlighter.formatter_args.get("style")
    background = str(getattr(style, "background_color", "") or "#ffffff")
    if _is_hex_colour(background):
        light = sum(int(background[i : i + 2], 16) for i in (1, 3, 5)) > 3 * 128
        css += "\n.highlight{color:%s}" % ("#1f2328" if light else "#e6e9ed")
    dark = getattr(builder, "dark_highlighter", None)
    if dark is not None:
        dark_css = dark.get_stylesheet()
        css += f"\n@media (prefers-color-scheme:dark){{{dark_css}}}\n"
    return minify_css(css)


def lesson_chose_pygments_style(app: Sphinx) -> bool:
    """The lesson set ``pygments_style`` (Sphinx's default is None)."""
    return app.config.pygments_style is not None


def _lesson_css(app: Sphinx) -> str:
    """What the stylesheet adds to the prebuilt one for this lesson: the styles
    of the extensions it loads, its Pygments style, then its colours (after the
    theme's dark blocks)."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]  # html pages
    css = "".join(
        minify_css(path.read_text(encoding="utf-8"))
        for path in sorted(EXTENSIONS_CSS_DIR.glob("*.css"))
        if path.stem in app.extensions
    )
    css += _pygments_css(builder) if lesson_chose_pygments_style(app) else ""
    return css + _user_colours(theme_context(builder))


def _lesson_js(app: Sphinx) -> tuple[str, frozenset[str]]:
    """What the script adds to the prebuilt one (sphinx-copybutton's rendered
    script, when the lesson uses it), and the names of the files folded in."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]  # html pages
    static = Path(builder.outdir) / "_static"
    registered = {os.path.basename(str(js.filename)) for js in builder._js_files}
    folded = [n for n in FOLDED_JS if n in registered and (static / n).is_file()]
    js = "".join(wrap_js(n, (static / n).read_text(encoding="utf-8")) for n in folded)
    return minify_js(js), frozenset(folded)


def _write_atomically(path: Path, data: bytes) -> str:
    """Write ``data`` (parallel writers may race: replace, never truncate)."""
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
    static = Path(builder.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    lesson_js, folded_js = _lesson_js(app)
    css_sources, js_sources = static_sources()
    bundles = Bundles(
        css_digest=_write_atomically(
            static / BUNDLE_CSS, PREBUILT_CSS.read_bytes() + _lesson_css(app).encode()
        ),
        js_digest=_write_atomically(
            static / BUNDLE_JS, PREBUILT_JS.read_bytes() + lesson_js.encode()
        ),
        folded=frozenset(p.name for p in (*css_sources, *js_sources))
        | folded_js
        | ({"pygments.css"} if lesson_chose_pygments_style(app) else set()),
    )
    builder._refinery_bundles = bundles  # type: ignore[attr-defined]  # our cache
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
