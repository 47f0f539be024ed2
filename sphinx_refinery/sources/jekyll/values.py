"""Liquid values: variables looked up in the page's context, literals, filters and
conditions (Liquid truth: only nil and false are false).  See :mod:`.liquid`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..scanner import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

#: Variables that hold the relative path from a page to the lesson root.
ROOT_VARIABLES = frozenset({"page.root", "site.root", "relative_root_path", "site.baseurl"})
STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
_COMPARISON = re.compile(r"^(.*?)\s*(==|!=|<>|<=|>=|<|>|\bcontains\b)\s*(.*)$")


@dataclass
class Context:
    """What a page's Liquid reads, and where it reports what it cannot render."""

    site: dict[str, Any]
    page: dict[str, Any]
    #: The relative path from the page (as Jekyll writes it) to the lesson root.
    root: str
    #: Text of an include (``_includes/NAME``), or None if there is no such file.
    read_include: Callable[[str], str | None]
    file: str = ""
    problems: list[Problem] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    depth: int = 0


def lookup(path: str, context: Context, scope: dict[str, Any]) -> tuple[bool, Any]:
    """(found, value) of a variable such as ``site.sched.name`` or ``include.file``."""
    if path in ROOT_VARIABLES:
        return True, context.root
    if path == "site.url":
        return True, ""
    parts = re.findall(r"[\w-]+|\[[^\]]*\]", path)
    if not parts:
        return False, None
    head, *rest = parts
    roots = {"site": context.site, "page": context.page, **context.variables, **scope}
    if head not in roots:
        return False, None
    value = roots[head]
    for part in rest:
        key = part.strip("[]'\"") if part.startswith("[") else part
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and key in ("first", "last", "size") and value:
            value = {"first": value[0], "last": value[-1], "size": len(value)}[key]
        else:
            return False, None
    return True, value


def literal(text: str, context: Context, scope: dict[str, Any]) -> tuple[bool, Any]:
    text = text.strip()
    if string := STRING.match(text):
        return True, string[1] if string[1] is not None else string[2]
    if re.fullmatch(r"-?\d+", text):
        return True, int(text)
    if text in ("true", "false"):
        return True, text == "true"
    if text in ("nil", "null", "empty", "blank"):
        return True, None if text in ("nil", "null") else ""
    return lookup(text, context, scope)


def show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "".join(show(item) for item in value)
    return str(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


FILTERS: dict[str, Callable[..., Any]] = {
    "downcase": lambda v: show(v).lower(),
    "upcase": lambda v: show(v).upper(),
    "capitalize": lambda v: show(v).capitalize(),
    "strip": lambda v: show(v).strip(),
    "escape": lambda v: show(v),
    "slugify": lambda v: _slug(show(v)),
    "replace": lambda v, a="", b="": show(v).replace(show(a), show(b)),
    "remove": lambda v, a="": show(v).replace(show(a), ""),
    "append": lambda v, a="": show(v) + show(a),
    "prepend": lambda v, a="": show(a) + show(v),
    "default": lambda v, a="": v if v not in (None, "", False) else a,
    "size": lambda v: len(v) if isinstance(v, list | str | dict) else 0,
    "first": lambda v: v[0] if isinstance(v, list) and v else v,
    "last": lambda v: v[-1] if isinstance(v, list) and v else v,
    "join": lambda v, a=" ": show(a).join(show(x) for x in v) if isinstance(v, list) else v,
    "split": lambda v, a=" ": show(v).split(show(a)),
}


def root_relative(path: str, root: str) -> str:
    return f"{root}{path}" if path.startswith("/") else path


def truthy(condition: str, context: Context, scope: dict[str, Any]) -> bool:
    """Liquid truth: only nil and false are false; ``and``/``or`` from the right."""
    for word in (" or ", " and "):
        if word in condition:
            left, right = condition.split(word, 1)
            a, b = truthy(left, context, scope), truthy(right, context, scope)
            return (a or b) if word == " or " else (a and b)
    if match := _COMPARISON.match(condition.strip()):
        left = literal(match[1], context, scope)[1]
        right = literal(match[3], context, scope)[1]
        operator = match[2]
        if operator == "contains":
            return show(right) in (left if isinstance(left, list) else show(left))
        if operator in ("==", "!=", "<>"):
            equal = left == right or (show(left) == show(right) and left is not None)
            return equal if operator == "==" else not equal
        try:
            return bool({"<": left < right, ">": left > right, "<=": left <= right,
                         ">=": left >= right}[operator])  # fmt: skip
        except TypeError:
            return False
    value = literal(condition, context, scope)[1]
    return value is not None and value is not False
