"""Mermaid diagrams of an imported Carpentries lesson.

The Workbench draws a ```` ```mermaid ```` fence with mermaid.js; legacy
(Jekyll) lessons load mermaid.js in their layout and write the diagram in a
``<div class="mermaid">`` (or ``<pre class="mermaid">``).  When
``sphinxcontrib-mermaid`` is importable here (:func:`mermaid_available`),
:func:`convert_diagrams` makes each a ```` ```{mermaid} ```` directive (the
diagram's text unchanged: its ``accTitle``/``accDescr`` lines name it for
screen readers) and :func:`report_diagrams` lists the extension in
``conf.py`` and ``requirements.txt`` and notes, once, that mermaid.js comes
from a CDN.  Without it, a diagram stays a ```` ```mermaid ```` code block,
which :mod:`sphinx_refinery.outputs.mermaid` shows as a captioned source
without a warning, and the report says once how to get drawn diagrams.

Code fences of other languages are never looked into; each line keeps its
place, except an empty line after the opening of a directive whose diagram
starts with ``---`` (MyST would read it as the directive's options).
"""

from __future__ import annotations

import html
import importlib.util
import re
from dataclasses import dataclass, field

from .import_report import ImportReport
from .scanner import closing_line, fence_at

EXTENSION = "sphinxcontrib.mermaid"
REQUIREMENT = "sphinxcontrib-mermaid"
#: A diagram's lines with the line numbers of the author's file.
Lines = list[tuple[int, str]]

_HTML_OPEN = re.compile(
    r"^(?P<indent> {0,3})<(?P<tag>div|pre)\b[^>]*\bclass\s*=\s*"
    ""
    r"""["'](?:[^"']*\s)?mermaid(?:\s[^"']*)?["'][^>]*>\s*$""",
    re.IGNORECASE,
)
_PANDOC_CLASS = re.compile(r"^\{\s*\.mermaid\b[^}]*\}\s*$")


@dataclass
class Diagrams:
    """Whether a lesson's diagrams are drawn, and where they are (file -> lines)."""

    draw: bool
    found: dict[str, list[int]] = field(default_factory=dict)


def mermaid_available() -> bool:
    """Whether ``sphinxcontrib-mermaid`` can be imported by the Python that imports."""
    try:
        return importlib.util.find_spec(EXTENSION) is not None
    except (ImportError, ValueError):
        return False


def convert_diagrams(lines: Lines, *, draw: bool) -> tuple[Lines, list[int]]:
    """``lines`` with each Mermaid diagram as a ``{mermaid}`` directive (``draw``)
    or a ``mermaid`` code fence; and the author's line numbers of the diagrams."""
    out: Lines = []
    found: list[int] = []
    texts = [text for _, text in lines]
    index = 0
    while index < len(lines):
        number, text = lines[index]
        fence = fence_at(text, index)
        if fence is not None and fence.code:
            end = closing_line(texts, fence, max_indent=None)
            stop = len(lines) if end is None else end + 1
            body = lines[index + 1 : end if end is not None else len(lines)]
            if _is_diagram(fence.info):
                found.append(number)
                kept = not draw and fence.language == "mermaid"
                out.append((number, text if kept else fence.prefix + fence.marker + _opening(draw)))
                out += _options_guard(body, number, draw)
                out += body
                out += lines[end : end + 1] if end is not None else []
            else:
                out += lines[index:stop]
            index = stop
            continue
        tag = _HTML_OPEN.match(text)
        close = _html_close(texts, index, tag["tag"]) if tag else None
        if tag and close is not None:
            found.append(number)
            body = [(n, html.unescape(line)) for n, line in lines[index + 1 : close]]
            marker = "`" * max(3, 1 + _longest_backticks(body))
            out.append((number, tag["indent"] + marker + _opening(draw)))
            out += _options_guard(body, number, draw)
            out += body
            out.append((lines[close][0], tag["indent"] + marker))
            index = close + 1
            continue
        out.append((number, text))
        index += 1
    return out, found


def _is_diagram(info: str) -> bool:
    words = info.strip().split()
    return bool(words) and (words[0] == "mermaid" or _PANDOC_CLASS.match(info.strip()) is not None)


def _opening(draw: bool) -> str:
    return "{mermaid}" if draw else "mermaid"


def _options_guard(body: Lines, number: int, draw: bool) -> Lines:
    """An empty first line when MyST would read the diagram's first line as options."""
    first = body[0][1].strip() if body else ""
    options = first.startswith("---") or (first.startswith(":") and not first.startswith(":::"))
    return [(number, "")] if draw and options else []


def _html_close(texts: list[str], start: int, tag: str) -> int | None:
    """The line that is only ``</div>`` (``</pre>``) closing the element opened at ``start``."""
    closing = f"</{tag.lower()}>"
    for index in range(start + 1, len(texts)):
        if texts[index].strip().lower() == closing:
            return index
        if f"<{tag.lower()}" in texts[index].lower():
            return None  # a nested element: not a diagram of its own
    return None


def _longest_backticks(body: Lines) -> int:
    runs = [len(run) for _, text in body for run in re.findall(r"`+", text)]
    return max(runs, default=0)


# -- the report ------------------------------------------------------------------------


def report_diagrams(report: ImportReport, diagrams: Diagrams) -> None:
    """Say once what became of the lesson's diagrams; drawn, list the extension
    for ``conf.py`` and ``requirements.txt``."""
    found = diagrams.found
    places = sorted((file, line) for file, lines in found.items() for line in lines)
    if not places:
        return
    count = f"{len(places)} Mermaid diagram{'s' if len(places) > 1 else ''}"
    if diagrams.draw:
        report.extensions.append(EXTENSION)
        report.requirements.append(REQUIREMENT)
        report.notes.append(
            f"{count} drawn by {REQUIREMENT} (added to conf.py and requirements.txt). "
            "It loads mermaid.js from cdn.jsdelivr.net on the pages with a diagram "
            "(the theme itself needs no network); where that cannot load, the "
            "diagram's source text shows. To serve a copy with the lesson, set "
            "mermaid_use_local in conf.py."
        )
        return
    file, line = places[0]
    report.add(
        file,
        line,
        f"{count} (in {len(found)} file{'s' if len(found) > 1 else ''}, the first here) "
        f"shown as source text, not drawn: to draw them, pip install {REQUIREMENT}, "
        "then import the lesson again",
    )
