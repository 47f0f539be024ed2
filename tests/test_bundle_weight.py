"""The theme's stylesheet and script stay small: the page-weight budget
(CSS + JS of a lesson page, 16,000 B gzip) and the generator's safe
shortcuts that keep them there (``theme/minify.py``)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from sphinx_refinery.theme import bundle
from sphinx_refinery.theme.minify import expand_dark, minify_css

#: CSS + JS of a page, gzip -9, as the shared bench's page_weight.py counts them.
BUDGET = 16_000


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_a_lesson_page_loads_at_most_the_budget(copy_root):
    app = copy_root("theme").build().app
    static = Path(app.outdir) / "_static"
    css = (static / bundle.BUNDLE_CSS).read_bytes()
    js = (static / bundle.BUNDLE_JS).read_bytes()
    assert b"/*! copybutton.js */" in js  # the lesson's part is counted too
    assert gzipped(css) + gzipped(js) <= BUDGET


DARK = """:root { --a: #fff; }
@media screen and (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) { --a: #000; }
}
.x { color: var(--a); }
@media screen and (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) { --b: #111; }
}
"""


def test_each_dark_copy_follows_its_block():
    expanded = expand_dark(DARK)
    first = expanded.index('@media screen {:root[data-theme="dark"]{ --a: #000; }}')
    second = expanded.index('@media screen {:root[data-theme="dark"]{ --b: #111; }}')
    assert first < expanded.index(".x {") < second
    assert expanded.count('[data-theme="dark"]') == 2
    assert expand_dark(".x { color: red; }") == ".x { color: red; }"


def test_the_bundle_repeats_the_dark_colours_within_gzip_window():
    css = bundle.PREBUILT_CSS.read_text(encoding="utf-8")
    media = re.search(
        r'@media screen and \(prefers-color-scheme:dark\)\{:root:not\(\[data-theme="light"\]\)'
        r"\{([^{}]*)\}\}",
        css,
    )
    assert media is not None
    copy = f'@media screen{{:root[data-theme="dark"]{{{media.group(1)}}}}}'
    assert css[media.end() :].startswith(copy)


def test_minify_css_leaves_strings_and_urls_alone():
    source = """a ~ b , c > d { content: "x / y ~ z" / "alt  text" ; }
.e { width: calc(100% - 1rem + 2px) ;
  background: url("data:image/svg+xml,%3Csvg a='b / c'%3E") center / contain ; }
/* a comment */ .f { display: none !important ; }
"""
    assert minify_css(source) == (
        'a~b,c>d{content:"x / y ~ z"/"alt  text"}'
        ".e{width:calc(100% - 1rem + 2px);"
        "background:url(\"data:image/svg+xml,%3Csvg a='b / c'%3E\") center/contain}"
        ".f{display:none!important}\n"
    )
