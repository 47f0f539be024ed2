"""Small fixes to the markup Sphinx renders for a page (accessibility, scrolling)."""

from __future__ import annotations

import html
import re

_CAPTION = re.compile(r'<p class="caption"([^>]*?) role="heading"(?![^>]*aria-level)')
_HEADING = re.compile(r"<h([1-6])\b")
_CURRENT_LINK = re.compile(r'<a class="current reference internal" href="([^"]*)"')
_TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>")
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
