"""The Workbench classes and the pandoc syntax of their attributes and headings."""

from __future__ import annotations

import re

from ...blocks.kinds import BLOCK_KINDS
from ..scanner import ATX_HEADING

#: Workbench div class -> lesson block directive (``workbench_class`` in ``BLOCK_KINDS``).
BLOCK_CLASSES: dict[str, str] = {
    kind.workbench_class: kind.workbench_class for kind in BLOCK_KINDS if kind.workbench_class
}
#: Workbench div classes whose headings each start a tab.
TAB_CLASSES: dict[str, str] = {"tab": "tab", "group-tab": "group-tab"}
#: Every class a Workbench div may have.
KNOWN_CLASSES: tuple[str, ...] = tuple(sorted(BLOCK_CLASSES.keys() | TAB_CLASSES.keys()))
#: Code languages of Workbench lessons that Pygments does not know (plain text here).
TEXT_LANGUAGES: tuple[str, ...] = ("error", "warning", "source")
#: R Markdown (knitr) engines whose chunk headers ```{r ...}`` become plain fences.
KNITR_ENGINES = frozenset(
    {"r", "python", "bash", "sh", "sql", "rcpp", "stan", "julia", "js", "css", "sass", "octave"}
)

ATTR = re.compile(
    r"""\.(?P<cls>[\w-]+)|\#(?P<id>[\w:.-]+)|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'"""
    r"""|[\u2018\u2019](?P<tsq>[^\u2019]*)\u2019|\u201c(?P<tdq>[^\u201d]*)\u201d"""
    r"""|(?P<bare>[^\s"'}\u2018\u2019\u201c]+))"""
)
HEADING_ATTRS = re.compile(r"[ \t]*\{(?P<attrs>\s*(?:[.#-]|[\w-]+=)[^{}]*)\}$")
CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
#: A ``title`` key in a front matter.
FRONT_TITLE = re.compile(r"^title:", re.MULTILINE)


def parse_attributes(text: str) -> tuple[list[str], str, dict[str, str]]:
    """Classes, id and key=value pairs of a pandoc attribute list (``.a #b k='v'``)."""
    classes: list[str] = []
    ident = ""
    pairs: dict[str, str] = {}
    for match in ATTR.finditer(text):
        if match["cls"]:
            classes.append(match["cls"])
        elif match["id"]:
            ident = ident or match["id"]
        elif match["key"]:
            values = ("dq", "sq", "tsq", "tdq", "bare")
            value = next(match[v] for v in values if match[v] is not None)
            pairs[match["key"]] = value
    return classes, ident, pairs


def parse_heading(line: str) -> tuple[int, str, str] | None:
    """(level, text, id) of an ATX heading line, attributes removed; None otherwise."""
    match = ATX_HEADING.match(line)
    if not match:
        return None
    text = CLOSING_HASHES.sub("", match["text"] or "").strip()
    ident = ""
    if attrs := HEADING_ATTRS.search(text):
        ident = parse_attributes(attrs["attrs"])[1]
        text = text[: attrs.start()].rstrip()
    return len(match["hashes"]), text, ident
