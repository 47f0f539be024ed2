"""Where things are in a ``conf.py`` read as text: spans of ``ast`` nodes, list
and dict elements with their commas, so that ``migrate`` edits only those."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

#: An edit: (start, end, replacement, what it does, for the report).
Edit = tuple[int, int, str, str]


class LineStarts(list[int]):
    """Offset of the start of each line (1-based line numbers index it), with
    the lines themselves: ``ast`` columns count UTF-8 bytes, not characters."""

    lines: list[str]


def offsets(text: str) -> LineStarts:
    """The :class:`LineStarts` of ``text``."""
    starts = LineStarts([0, 0])
    starts.lines = text.splitlines(keepends=True)
    for line in starts.lines:
        starts.append(starts[-1] + len(line))
    return starts


def _column(starts: list[int], line: int, byte_column: int) -> int:
    lines = getattr(starts, "lines", None)
    if not lines or line > len(lines):
        return byte_column
    return len(lines[line - 1].encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def span(node: ast.AST, starts: list[int]) -> tuple[int, int]:
    """Where ``node`` is in the text, in characters."""
    start_line, end_line = node.lineno, node.end_lineno  # type: ignore[attr-defined]
    return (
        starts[start_line] + _column(starts, start_line, node.col_offset),  # type: ignore[attr-defined]
        starts[end_line] + _column(starts, end_line, node.end_col_offset),  # type: ignore[attr-defined]
    )


def string_value(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def quoted(old: str, value: str) -> str:
    quote = "'" if old.lstrip("rRbBuU").startswith("'") else '"'
    return f"{quote}{value}{quote}"


def element_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a list or dict element with its comma (the one before it
    when it is the last), and its whole line when it is alone on it."""
    after = re.match(r"[ \t]*,?", text[end:])
    end += after.end() if after else 0
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[end:line_end]
    if not text[line_start:start].strip() and (not rest.strip() or rest.strip().startswith("#")):
        return line_start, min(line_end + 1, len(text))
    before = re.search(r",[ \t]*$", text[line_start:start])
    if after is not None and "," not in after.group() and before and rest.lstrip()[:1] in ")]}":
        return line_start + before.start(), end  # the last element: the comma before goes
    return start, end + len(re.match(r"[ \t]*", text[end:]).group())  # type: ignore[union-attr]


def assigned_names(tree: ast.AST) -> set[str]:
    """Every name ``conf.py`` assigns, at any depth (``if``, ``try``), and every
    attribute it assigns (``app.config.NAME = ...``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Name):
                        found.add(part.id)
                    elif isinstance(part, ast.Attribute):
                        found.add(part.attr)
    return found


def literal_settings(tree: ast.Module, names: Iterable[str]) -> dict[str, object]:
    """The values of ``names`` that ``conf.py`` sets at its top level as
    literals (``NAME = [...]``, then ``NAME += [...]``, ``NAME.append(...)``,
    ``NAME.extend([...])``); a name set otherwise is left out."""
    wanted = set(names)
    values: dict[str, object] = {}
    for node in tree.body:
        try:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in wanted:
                        values[target.id] = ast.literal_eval(node.value)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                name = node.target.id
                if name in wanted and isinstance(values.get(name), list):
                    values[name] = [*values[name], *ast.literal_eval(node.value)]  # type: ignore[misc]
            elif (
                isinstance(node, ast.Expr)
                and isinstance(call := node.value, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id in wanted
                and isinstance(values.get(call.func.value.id), list)
                and call.func.attr in ("append", "extend")
                and len(call.args) == 1
            ):
                name, item = call.func.value.id, ast.literal_eval(call.args[0])
                added = [item] if call.func.attr == "append" else list(item)
                values[name] = [*values[name], *added]  # type: ignore[misc]
        except (ValueError, TypeError, SyntaxError, RecursionError):
            for stale in _targets(node):
                values.pop(stale, None)
    return values


def _targets(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return [func.value.id]
    return []
