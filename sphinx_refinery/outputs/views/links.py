"""Links of a page copied into the second view's folder.

The copy of a page is rendered as the page itself (same links, relative to
the page's own place) and then its links are moved: :func:`shift_urls` reads
the rendered page with a small HTML tokenizer (:func:`start_tags`) and hands
the URL attributes of its start tags (``href``, ``src``, ``action``) to a
rewriter made by :func:`link_rewriter`.  Every
other byte of the page stays as it is: text, comments, scripts, styles and
the other attributes are copied through, so a ``<a href=...>`` written in a
script, a comment or an attribute value is never taken for a link.

The tokenizer finds tags where :class:`html.parser.HTMLParser` finds them
(a test compares the two) in a small part of its time: one regular
expression reads each piece of markup whole, and only the tags that may hold
a URL have their attributes read.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Set

#: Attributes that hold a URL the copy must move.  ``data-content_root`` is not
#: one: every page has its copy, at the same depth in the view's folder, so the
#: root it names is the view's (Sphinx's search fetches and links pages there).
URL_ATTRIBUTES = frozenset({"href", "src", "action"})
#: A start tag with this attribute keeps its URLs (the view switch of the
#: templates, which already points where it should).
KEEP_MARKER = "data-refinery-view-link"
#: In a start tag that may have a URL attribute.
_URL_NAME = re.compile("href|src|action", re.IGNORECASE)


def link_rewriter(page_dir: str, view_dir: str, copies: Set[str]) -> Callable[[str], str]:
    """For a page copied from ``page_dir`` into ``view_dir``: keep links to other
    copied pages inside the view, point every other link at the original."""

    def rewrite(url: str) -> str:
        path, rest, is_dir = split_url(url)
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        target = posixpath.join(resolved, "index.html") if is_dir else resolved
        if target.removeprefix("./") in copies:
            return url
        new = posixpath.relpath(resolved, posixpath.join(view_dir, page_dir))
        return new + ("/" if is_dir and new != "." else "") + rest

    return rewrite


def split_url(url: str) -> tuple[str, str, bool]:
    """The path of ``url``, what follows it (``#...``, ``?...``) and whether it
    names a folder."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    path = url[:cut]
    return path, url[cut:], path.endswith("/") or path in (".", "..")


def shift_urls(html: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every relative URL in the start tags of ``html``.

    Absolute URLs, fragments (``#top``) and queries of the page itself are
    left alone, as is every tag that carries :data:`KEEP_MARKER`.
    """
    pieces: list[str] = []
    done = 0
    for start, end in start_tags(html):
        if not _URL_NAME.search(html, start, end):
            continue
        attributes = _attributes(html, start)[0]
        if any(name == KEEP_MARKER for name, _start, _end in attributes):
            continue
        for name, value_start, value_end in attributes:
            if name not in URL_ATTRIBUTES or value_start < 0:
                continue
            new = _moved(html[value_start:value_end], rewrite)
            if new is not None:
                pieces += (html[done:value_start], new)
                done = value_end
    if not pieces:
        return html
    pieces.append(html[done:])
    return "".join(pieces)


def _moved(url: str, rewrite: Callable[[str], str]) -> str | None:
    """The moved URL, or None when it stays as it is."""
    if not url or url.startswith(("#", "/", "?")) or _has_scheme(url):
        return None
    new = rewrite(url)
    return None if new == url else new


def _has_scheme(url: str) -> bool:
    colon = url.find(":")
    return colon > 0 and url[0] in _LETTERS and all(c in _SCHEME for c in url[1:colon])


# --- the tokenizer ------------------------------------------------------------

_SPACE = " \t\n\r\f"
_NAME_END = _SPACE + "/>"
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SCHEME = _LETTERS | frozenset("0123456789+.-")
#: Elements whose content is text up to their end tag, never tags.
_RAW_TEXT = ("script", "style")


def start_tags(html: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the text of each start tag of ``html``, in order.

    Skips comments, declarations (``<!DOCTYPE``), processing instructions,
    end tags and the content of ``script`` and ``style`` elements.
    """
    search = _MARKUP.search
    i = 0
    while markup := search(html, i):
        if markup["unclosed"] is not None:  # the page ends inside it
            return
        i = markup.end()
        name = markup["name"]
        if name is None:
            continue
        yield markup.start(), i
        if name[0] in "sS" and name.lower() in _RAW_TEXT:
            i = _raw_text_end(html, i, name.lower())


#: The markup of a page: a start tag (its name, then the rest up to the first
#: ``>`` outside a quoted value, where a quote opens a value only right after
#: ``=`` and spaces), a comment, or a declaration, processing instruction or
#: end tag; ``unclosed`` when the page ends before its ``>``.
_MARKUP = re.compile(
    r"""<(?:
        (?P<name>[a-zA-Z][^\t\n\r\f />\x00"'=]*)
        (?:[^>"'=]++|=(?![ \t\n\r\f]*["'])|=[ \t\n\r\f]*+(?:"[^"]*+"|'[^']*+')|["'])*+>
      | !--(?s:.*?)-->
      | (?!!--)[!?/][^>]*+>
      | (?:!--|[!?/]|[a-zA-Z])(?P<unclosed>)
    )""",
    re.VERBOSE,
)


def _raw_text_end(html: str, start: int, name: str) -> int:
    """Where the end tag of a ``script`` or ``style`` begins (or the page ends)."""
    i = start
    while (i := html.find("</", i)) >= 0:
        if html[i + 2 : i + 2 + len(name)].lower() == name:
            return i
        i += 2
    return len(html)


def _attributes(html: str, start: int) -> tuple[list[tuple[str, int, int]], int]:
    """The attributes of the start tag at ``start``, as HTML reads them, and the
    index after its ``>`` (-1: the page ends first).

    Each attribute is ``(lowercased name, value start, value end)``; one
    without a value has start -1 and end where its name ends.
    """
    attributes: list[tuple[str, int, int]] = []
    length = len(html)
    i = start + 1
    while i < length and html[i] not in _NAME_END:  # the tag name
        i += 1
    while i < length:
        while i < length and (html[i] in _SPACE or html[i] == "/"):
            i += 1
        if i >= length:
            break
        if html[i] == ">":
            return attributes, i + 1
        name_start = i
        i += 1  # a name may begin with "="
        while i < length and html[i] not in _NAME_END and html[i] != "=":
            i += 1
        name = html[name_start:i].lower()
        while i < length and html[i] in _SPACE:
            i += 1
        if i >= length or html[i] != "=":
            attributes.append((name, -1, i))
            continue
        i += 1
        while i < length and html[i] in _SPACE:
            i += 1
        if i < length and html[i] in "\"'":
            end = html.find(html[i], i + 1)
            if end < 0:
                break
            attributes.append((name, i + 1, end))
            i = end + 1
        else:
            value_start = i
            while i < length and html[i] not in _SPACE and html[i] != ">":
                i += 1
            attributes.append((name, value_start, i))
    return attributes, -1
