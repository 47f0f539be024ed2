"""The Markdown cells of a notebook, rewritten like a Markdown page.

``source-read`` hands a notebook over as its JSON text.  The Carpentries and
Workbench rewriters (:mod:`.hooks`) run on each Markdown cell's text instead,
and their problems are reported at the line myst-nb gives that cell's lines:
``(cell index + 1) * 10000 + line`` (or the notebook's ``source_map``).
Code cells and outputs are never touched; a notebook that does not parse as
JSON is left to myst-nb, which reports it.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from .scanner import Problem, Rewrite

#: myst-nb's line of a cell without a source map: (index + 1) * this.
CELL_LINE_BASE = 10000


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _first_line(notebook: dict[str, Any], index: int) -> int:
    """The line myst-nb numbers the cell's lines from (its line 1 is this + 1)."""
    source_map = notebook.get("metadata", {}).get("source_map")
    if isinstance(source_map, list) and index < len(source_map):
        return int(source_map[index])
    return (index + 1) * CELL_LINE_BASE


def rewrite_cells(text: str, rewrite: Callable[[str], Rewrite]) -> tuple[str, list[Problem]]:
    """The notebook's JSON with its Markdown cells rewritten, and the problems
    at their notebook lines.  ``text`` itself when nothing changes."""
    try:
        notebook = json.loads(text)
    except ValueError:
        return text, []
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return text, []
    problems: list[Problem] = []
    changed = False
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        old = _cell_text(cell)
        result = rewrite(old)
        first = _first_line(notebook, index)
        problems += [
            dataclasses.replace(problem, line=first + problem.line if problem.line else first + 1)
            for problem in result.problems
        ]
        if result.text != old:
            new = result.text
            cell["source"] = (
                new.splitlines(keepends=True) if isinstance(cell["source"], list) else new
            )
            changed = True
    if not changed:
        return text, problems
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", problems
