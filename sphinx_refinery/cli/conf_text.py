"""Where things are in a ``conf.py`` read as text: spans of ``ast`` nodes, list
and dict elements with their commas, so that ``migrate`` edits only those."""

from __future__ import annotations

import ast
import re

#: An edit: (start, end, replacement, what it does, for the report).
Edit = tuple[int, int, str, str]


def offsets(text: str) -> list[int]:
    """Offset of the start of each line (1-based line numbers index it)."""
    starts = [0, 0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def span(node: ast.AST, starts: list[int]) -> tuple[int, int]:
    return (
        starts[node.lineno] + node.col_offset,  # type: ignore[attr-defined]
        starts[node.end_lineno] + node.end_col_offset,  # type: ignore[attr-defined]
    )


def string_value(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def quoted(old: str, value: str) -> str:
    quote = "'" if old.lstrip("rRbBuU").startswith("'") else '"'
    return f"{quote}{value}{quote}"


def element_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a list element with its comma, and its whole line when it
    is alone on it."""
    after = re.match(r"[ \t]*,?", text[end:])
    end += after.end() if after else 0
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[end:line_end]
    if not text[line_start:start].strip() and (not rest.strip() or rest.strip().startswith("#")):
        return line_start, min(line_end + 1, len(text))
    return start, end + len(re.match(r"[ \t]*", text[end:]).group())  # type: ignore[union-attr]
