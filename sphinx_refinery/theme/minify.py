"""Small, safe text transforms of the theme's CSS and JS.

The development script (:mod:`sphinx_refinery._generate`) applies them to the
theme's static bundle once; a build applies :func:`minify_css` and
:func:`minify_js` only to the few kilobytes that depend on the lesson (a
Pygments style it chose, sphinx-copybutton's rendered script).
"""

from __future__ import annotations

import re

_DARK_BLOCK = re.compile(
    r"@media screen and \(prefers-color-scheme: dark\) \{\s*"
    r':root:not\(\[data-theme="light"\]\) (\{[^{}]*\})\s*\}'
)


def expand_dark(css: str) -> str:
    """Repeat each dark variable block for readers who chose dark with the
    toggle: written once in the sources, emitted for both selectors.  The copy
    follows its block at once (both set the same custom properties on the root
    and no other screen rule does), so that gzip finds it within its 32 KB
    window: at the end of the stylesheet it cost a kilobyte."""
    return _DARK_BLOCK.sub(
        lambda m: f'{m.group(0)}\n@media screen {{:root[data-theme="dark"]{m.group(1)}}}', css
    )


#: Strings and ``url()``s, which minify_css leaves as they are.
_CSS_VERBATIM = re.compile(
    r"""url\((?:"[^"]*"|'[^']*'|[^)]*)\)"""  # url("..."), url('...'), url(...)
    r"""|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'"""  # strings
)


def _squeeze(css: str) -> str:
    css = re.sub(r"\s+", " ", css)
    # ~ and / never need spaces around them (unlike + and -, which calc() needs).
    css = re.sub(r"\s*([{};,>~/])\s*", r"\1", css)
    css = re.sub(r"\s+!important", "!important", css)
    return re.sub(r":\s+", ":", css)


def minify_css(css: str) -> str:
    """Drop comments and spaces that carry no meaning (a small, safe subset:
    never touches strings, ``url()``s or the space before ``:`` that separates
    selector parts)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    parts = []
    end = 0
    for verbatim in _CSS_VERBATIM.finditer(css):
        parts += [_squeeze(css[end : verbatim.start()]), verbatim.group()]
        end = verbatim.end()
    parts.append(_squeeze(css[end:]))
    return "".join(parts).replace(";}", "}").strip() + "\n"


def minify_js(js: str) -> str:
    """Drop whole-line comments (not ``/*! ... */``) and indentation: lines are
    kept, so automatic semicolon insertion and every string stay as they were."""
    js = re.sub(r"^[ \t]*/\*(?!!).*?\*/[ \t]*\n", "", js, flags=re.DOTALL | re.MULTILINE)
    js = re.sub(r"^[ \t]*//.*\n", "", js, flags=re.MULTILINE)
    js = re.sub(r"^[ \t]+", "", js, flags=re.MULTILINE)
    return re.sub(r"\n{2,}", "\n", js)


def wrap_js(name: str, source: str) -> str:
    """Give a script its own scope so that bundled files cannot clash."""
    prelude = ""
    if name == "copybutton.js":
        # copybutton.js reads DOCUMENTATION_OPTIONS.URL_ROOT, which the theme
        # does not load on content pages.
        prelude = "var DOCUMENTATION_OPTIONS={};\n"
    return f"/*! {name} */\n;(function(){{\n{prelude}{source}\n}}).call(window);\n"
