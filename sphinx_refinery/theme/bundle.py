"""The theme's one stylesheet and one script, written into ``_static/``.

The theme's styles are written one file per construct
(``sphinx_refinery/static/css/*.css``) and its script is ``static/js/theme.js``.
When the first page is written, those files, the extension's own
``blocks/static/*.css|js`` (block styles, tabs, ...) and sphinx-copybutton's
files are concatenated into one stylesheet (``_static/refinery-theme.css``)
and one deferred script (``_static/refinery-theme.js``).  Sphinx's
``doctools.js``, ``sphinx_highlight.js`` and ``documentation_options.js`` are
only kept on the search page (and on pages that load scripts the theme does
not know, which may need them); ``pygments.css`` and ``basic.css`` are not
loaded: the theme colours code with CSS variables, light and dark.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..blocks.assets import STATIC_DIR as EXTENSION_STATIC
from .options import THEME_DIR, uses_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

THEME_CSS_DIR = THEME_DIR / "static" / "css"
THEME_JS_DIR = THEME_DIR / "static" / "js"

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
