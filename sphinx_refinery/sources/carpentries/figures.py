"""HTML images of Carpentries pages as MyST ``figure`` directives: an ``<img>``
alone on its line, and a ``<figure>`` HTML block holding one ``<img>`` and
perhaps a ``<figcaption>`` (its text becomes the caption).  Anything else in
a ``<figure>`` block leaves the block as the author's HTML."""

from __future__ import annotations

import html
import re

IMG = re.compile(r"^(?P<indent> {0,3})<img\b(?P<attrs>[^<>]*?)/?>\s*$", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LIQUID_PREFIX = re.compile(r"^\s*\{\{[^}]*\}\}")
_FIGURE_OPEN = re.compile(r"^(?P<indent> {0,3})<figure\b[^<>]*>\s*$", re.IGNORECASE)
_FIGURE_CLOSE = re.compile(r"^\s*</figure>\s*$", re.IGNORECASE)
_INNER_IMG = re.compile(r"<img\b(?P<attrs>[^<>]*?)/?>", re.IGNORECASE)
_CAPTION = re.compile(r"<figcaption\b[^<>]*>(?P<text>.*?)</figcaption>", re.IGNORECASE | re.S)
_TAG = re.compile(r"<[^<>]*>")
#: How many lines a ``<figure>`` block may have.
_MAX_LINES = 40


def figure_lines(indent: str, attrs: str, fence_char: str, caption: str = "") -> list[str] | None:
    """A ``figure`` directive for the attributes of an ``<img>`` (None without ``src``)."""
    found = {
        name.lower(): next(v for v in values if v is not None)
        for name, *values in _ATTR.findall(attrs)
    }
    src = _LIQUID_PREFIX.sub("", found.get("src", "")).strip()
    if not src:
        return None
    options = [f":{key}: {found[key]}" for key in ("alt", "width", "height") if found.get(key)]
    classes = found.get("class", "").split()
    if "border" in found.get("style", "").lower():
        classes.append("with-border")
    if classes:
        options.append(":class: " + " ".join(classes))
    fence = fence_char * 3
    body = ["", caption] if caption else []
    return [
        f"{indent}{fence}{{figure}} {src}",
        *(indent + o for o in [*options, *body]),
        indent + fence,
    ]


def html_figure(lines: list[str], start: int, fence_char: str) -> tuple[int, list[str]] | None:
    """(the index after ``</figure>``, the directive) for a ``<figure>`` block at
    ``start`` holding one ``<img>`` and at most a ``<figcaption>``; else None."""
    opener = _FIGURE_OPEN.match(lines[start])
    if not opener:
        return None
    for end in range(start + 1, min(len(lines), start + _MAX_LINES)):
        if not lines[end].strip():
            return None  # the HTML block ended without </figure>
        if _FIGURE_CLOSE.match(lines[end]):
            break
    else:
        return None
    inner = "\n".join(lines[start + 1 : end])
    images = _INNER_IMG.findall(inner)
    caption = _CAPTION.search(inner)
    rest = _CAPTION.sub("", _INNER_IMG.sub("", inner))
    if len(images) != 1 or _TAG.sub("", rest).strip():
        return None
    text = " ".join(html.unescape(_TAG.sub("", caption["text"])).split()) if caption else ""
    figure = figure_lines(opener["indent"], images[0], fence_char, text)
    return (end + 1, figure) if figure else None
