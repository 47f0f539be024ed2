"""The Liquid of old Carpentries (Jekyll) pages, rendered the way Jekyll would
before the Markdown is read, with each output line traced to its source line.

What is rendered: ``{{ value | filter: arg }}`` (variables of ``_config.yml``
as ``site.*``, the front matter as ``page.*``, ``include.*`` parameters,
``assign``/``capture`` variables, the lesson-root variables below),
``{% include file key=value %}`` (a file of ``_includes/``, rendered with its
parameters; a name may hold ``{{ }}``), ``if``/``elsif``/``else``/``unless``,
``for`` over a list, ``comment``, ``raw``, ``link``, whitespace control
(``{%-``, ``-%}``).  The variables that hold the path to the lesson root
(``page.root``, ``site.root``, ``relative_root_path``, ``site.baseurl``) give
:attr:`Context.root`; ``site.url`` is empty.  An include with an image
parameter (``file="/fig/x.png"``, as the styles' ``figure.html``) becomes a
MyST ``figure``.  Anything else (an unknown variable, filter or tag, an
include not in ``_includes/``) renders as nothing and is reported as a
:class:`~sphinx_refinery.sources.scanner.Problem` at its line.  Nothing here
needs Sphinx.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ..scanner import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

#: Includes of the Jekyll styles theme that only set variables: nothing is lost.
SILENT_INCLUDES = frozenset({"gh_variables.html", "base_path.html", "manual_episode_order.html"})
#: Variables that hold the relative path from a page to the lesson root.
ROOT_VARIABLES = frozenset({"page.root", "site.root", "relative_root_path", "site.baseurl"})
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
MAX_INCLUDE_DEPTH = 8

_TOKEN = re.compile(r"\{\{(?P<ol>-?)(?P<out>.*?)(?P<or>-?)\}\}|\{%(?P<tl>-?)(?P<tag>.*?)(?P<tr>-?)%\}", re.S)
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
_COMPARISON = re.compile(r"^(.*?)\s*(==|!=|<>|<=|>=|<|>|\bcontains\b)\s*(.*)$")
_SPLIT_PIPES = re.compile(r"""\|(?=(?:[^"']|"[^"]*"|'[^']*')*$)""")


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


@dataclass
class _Node:
    kind: str  # text, out, tag, if, for, capture
    text: str
    offset: int
    branches: list[tuple[str, list[_Node]]] = field(default_factory=list)


# -- parsing ------------------------------------------------------------------


def _tokens(text: str) -> list[_Node]:
    """Text, outputs and tags, with whitespace control applied and ``raw`` kept literal."""
    nodes: list[_Node] = []
    position = 0
    strip_next = False
    while True:
        match = _TOKEN.search(text, position)
        chunk = text[position : match.start() if match else len(text)]
        offset = position
        if strip_next:
            stripped = chunk.lstrip()
            offset += len(chunk) - len(stripped)
            chunk = stripped
        if match and (match["ol"] or match["tl"]):
            chunk = chunk.rstrip()
        if chunk:
            nodes.append(_Node("text", chunk, offset))
        if not match:
            return nodes
        strip_next = bool(match["or"] or match["tr"])
        if match["out"] is not None:
            nodes.append(_Node("out", match["out"].strip(), match.start()))
            position = match.end()
            continue
        tag = match["tag"].strip()
        if tag.split(" ", 1)[0] == "raw":
            end = _ENDRAW.search(text, match.end())
            stop = end.start() if end else len(text)
            nodes.append(_Node("text", text[match.end() : stop], match.end()))
            position = end.end() if end else len(text)
            continue
        nodes.append(_Node("tag", tag, match.start()))
        position = match.end()


_BLOCKS = {"if": "endif", "unless": "endunless", "for": "endfor", "capture": "endcapture",
           "comment": "endcomment", "case": "endcase"}  # fmt: skip


def _parse(tokens: list[_Node], index: int, ends: tuple[str, ...]) -> tuple[list[_Node], int]:
    """Nodes up to one of the tags ``ends`` (its index returned), blocks nested."""
    out: list[_Node] = []
    while index < len(tokens):
        token = tokens[index]
        name = token.text.split(None, 1)[0] if token.kind == "tag" and token.text else ""
        if token.kind == "tag" and name in ends:
            return out, index
        if token.kind == "tag" and name in _BLOCKS:
            block = _Node(name, token.text, token.offset)
            condition = token.text
            index += 1
            while True:
                body, index = _parse(tokens, index, ("elsif", "else", "when", _BLOCKS[name]))
                block.branches.append((condition, body))
                if index >= len(tokens):
                    break
                condition = tokens[index].text
                if condition.split(None, 1)[0] == _BLOCKS[name]:
                    break
                index += 1
            out.append(block)
        else:
            out.append(token)
        index += 1
    return out, index


# -- values ---------------------------------------------------------------------


def _lookup(path: str, context: Context, scope: dict[str, Any]) -> tuple[bool, Any]:
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


def _literal(text: str, context: Context, scope: dict[str, Any]) -> tuple[bool, Any]:
    text = text.strip()
    if string := _STRING.match(text):
        return True, string[1] if string[1] is not None else string[2]
    if re.fullmatch(r"-?\d+", text):
        return True, int(text)
    if text in ("true", "false"):
        return True, text == "true"
    if text in ("nil", "null", "empty", "blank"):
        return True, None if text in ("nil", "null") else ""
    return _lookup(text, context, scope)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "".join(_show(item) for item in value)
    return str(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_FILTERS: dict[str, Callable[..., Any]] = {
    "downcase": lambda v: _show(v).lower(),
    "upcase": lambda v: _show(v).upper(),
    "capitalize": lambda v: _show(v).capitalize(),
    "strip": lambda v: _show(v).strip(),
    "escape": lambda v: _show(v),
    "slugify": lambda v: _slug(_show(v)),
    "replace": lambda v, a="", b="": _show(v).replace(_show(a), _show(b)),
    "remove": lambda v, a="": _show(v).replace(_show(a), ""),
    "append": lambda v, a="": _show(v) + _show(a),
    "prepend": lambda v, a="": _show(a) + _show(v),
    "default": lambda v, a="": v if v not in (None, "", False) else a,
    "size": lambda v: len(v) if isinstance(v, list | str | dict) else 0,
    "first": lambda v: v[0] if isinstance(v, list) and v else v,
    "last": lambda v: v[-1] if isinstance(v, list) and v else v,
    "join": lambda v, a=" ": _show(a).join(_show(x) for x in v) if isinstance(v, list) else v,
    "split": lambda v, a=" ": _show(v).split(_show(a)),
}


def evaluate(expression: str, context: Context, scope: dict[str, Any], offset: int) -> str:
    """The text of ``{{ expression }}``; what cannot be rendered is reported."""
    found, value = _value(expression, context, scope, offset)
    return _show(value) if found else ""


def _value(expression: str, context: Context, scope: dict[str, Any], offset: int) -> tuple[bool, Any]:
    head, *filters = _SPLIT_PIPES.split(expression)
    found, value = _literal(head, context, scope)
    if not found:
        context_problem(context, offset, f"Liquid variable {{{{ {head.strip()} }}}} has no value here (not in _config.yml): left out")
        return False, None
    for text in filters:
        name, _, arguments = text.partition(":")
        name = name.strip()
        if name in ("relative_url", "absolute_url"):
            value = _root_relative(_show(value), context.root)
            continue
        function = _FILTERS.get(name)
        if function is None:
            context_problem(context, offset, f"Liquid filter '{name}' is not supported: ignored")
            continue
        arguments_list = [_literal(a, context, scope)[1] for a in arguments.split(",")] if arguments.strip() else []
        value = function(value, *arguments_list)
    return True, value


def _root_relative(path: str, root: str) -> str:
    return f"{root}{path}" if path.startswith("/") else path


def _truthy(condition: str, context: Context, scope: dict[str, Any]) -> bool:
    """Liquid truth: only nil and false are false; ``and``/``or`` from the right."""
    for word in (" or ", " and "):
        if word in condition:
            left, right = condition.split(word, 1)
            a, b = _truthy(left, context, scope), _truthy(right, context, scope)
            return (a or b) if word == " or " else (a and b)
    if match := _COMPARISON.match(condition.strip()):
        left = _literal(match[1], context, scope)[1]
        right = _literal(match[3], context, scope)[1]
        operator = match[2]
        if operator == "contains":
            return _show(right) in (left if isinstance(left, list) else _show(left))
        if operator in ("==", "!=", "<>"):
            equal = left == right or (_show(left) == _show(right) and left is not None)
            return equal if operator == "==" else not equal
        try:
            return bool({"<": left < right, ">": left > right, "<=": left <= right,
                         ">=": left >= right}[operator])  # fmt: skip
        except TypeError:
            return False
    value = _literal(condition, context, scope)[1]
    return value is not None and value is not False


def context_problem(context: Context, offset: int, message: str) -> None:
    context.problems.append(Problem(offset, message, file=context.file))


# -- rendering --------------------------------------------------------------------

#: A piece of output: its text, the source offset it comes from, whether it is source text.
Piece = tuple[str, int, bool]


def _render(nodes: list[_Node], context: Context, scope: dict[str, Any], out: list[Piece], at: int | None) -> None:
    """Append the pieces of ``nodes``; ``at``: the offset everything maps to (inside includes)."""
    for node in nodes:
        where = node.offset if at is None else at
        if node.kind == "text":
            out.append((node.text, where, at is None))
        elif node.kind == "out":
            out.append((evaluate(node.text, context, scope, where), where, False))
        elif node.kind in ("if", "unless"):
            for condition, body in node.branches:
                name, _, rest = condition.partition(" ")
                chosen = name == "else" or (_truthy(rest, context, scope) != (name == "unless"))
                if chosen:
                    _render(body, context, scope, out, at)
                    break
        elif node.kind == "for":
            _loop(node, context, scope, out, at)
        elif node.kind == "capture":
            pieces: list[Piece] = []
            _render(node.branches[0][1], context, scope, pieces, where)
            context.variables[node.text.split()[1] if len(node.text.split()) > 1 else "_"] = "".join(p[0] for p in pieces)
        elif node.kind == "comment":
            continue
        elif node.kind == "case":
            context_problem(context, where, "Liquid case/when is not supported: left out")
        else:
            _tag(node, context, scope, out, where)


def _loop(node: _Node, context: Context, scope: dict[str, Any], out: list[Piece], at: int | None) -> None:
    match = re.match(r"for\s+(\w+)\s+in\s+(\S+)", node.text)
    found, items = _literal(match[2], context, scope) if match else (False, None)
    if not match or not found or not isinstance(items, list):
        where = node.offset if at is None else at
        context_problem(context, where, f"Liquid loop '{{% {node.text} %}}' over what Jekyll generates: left out")
        return
    for index, item in enumerate(items):
        inner = {**scope, match[1]: item, "forloop": {"first": index == 0, "last": index == len(items) - 1, "index": index + 1}}
        _render(node.branches[0][1], context, inner, out, at)


def _tag(node: _Node, context: Context, scope: dict[str, Any], out: list[Piece], where: int) -> None:
    name, _, rest = node.text.partition(" ")
    rest = rest.strip()
    if name == "assign":
        variable, _, expression = rest.partition("=")
        found, value = _value(expression.strip(), context, scope, where)
        context.variables[variable.strip()] = value if found else None
    elif name == "link":
        out.append(("/" + rest.lstrip("/"), where, False))
    elif name in ("include", "include_relative"):
        out.append((_include(rest, context, scope, where), where, False))
    else:
        context_problem(context, where, f"Liquid tag '{{% {node.text} %}}' is not supported: left out")


def _include(arguments: str, context: Context, scope: dict[str, Any], where: int) -> str:
    """The rendered text of ``{% include NAME params %}``."""
    arguments = re.sub(r"\{\{(.*?)\}\}", lambda m: evaluate(m[1].strip(), context, scope, where), arguments)
    name, _, rest = arguments.strip().partition(" ")
    params = {m[1]: next((v for v in m.groups()[1:] if v is not None), "") for m in _PARAM.finditer(rest)}
    for key, value in params.items():
        if not _STRING.match(value) and m_is_var(value) and rest.count(f"{key}={value}"):
            params[key] = _show(_literal(value, context, scope)[1])
    image = next((v for v in params.values() if v.lower().endswith(IMAGE_SUFFIXES)), None)
    if image and name.endswith(".html"):
        return _figure(image, params, context.root)
    clean = str(PurePosixPath("/" + name)).lstrip("/")
    text = context.read_include(clean)
    if text is None:
        if clean not in SILENT_INCLUDES:
            context_problem(context, where, f"include {clean}: not in _includes/ (a file of the Jekyll theme): left out")
        return ""
    if context.depth >= MAX_INCLUDE_DEPTH:
        context_problem(context, where, f"include {clean}: includes nested too deep: left out")
        return ""
    context.depth += 1
    try:
        pieces: list[Piece] = []
        _render(_parse(_tokens(text), 0, ())[0], context, {**scope, "include": params}, pieces, where)
    finally:
        context.depth -= 1
    return "".join(piece[0] for piece in pieces)


def m_is_var(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][\w.-]*", value) is not None


def _figure(image: str, params: dict[str, str], root: str) -> str:
    """A MyST figure for an image include such as the styles' ``figure.html``."""
    alt = " ".join(params.get("alt", "").split())
    caption = " ".join(params.get("caption", "").split())
    lines = [f":::{{figure}} {_root_relative(image, root)}"]
    if alt:
        lines.append(f":alt: {alt}")
    if caption:
        lines += ["", caption]
    return "\n".join([*lines, ":::"])


def render(text: str, context: Context, first_line: int = 0) -> list[tuple[int, str]]:
    """``text`` rendered, as (0-based source line, output line) pairs.

    ``first_line`` is the line of the file where ``text`` starts; lines that an
    include or a value adds map to the line of their tag.  Problems are added
    to ``context.problems`` with their 1-based line in the file.
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_at(offset: int) -> int:
        return first_line + bisect.bisect_right(starts, offset) - 1

    pieces: list[Piece] = []
    before = len(context.problems)
    _render(_parse(_tokens(text), 0, ())[0], context, {}, pieces, None)
    for index in range(before, len(context.problems)):
        problem = context.problems[index]
        context.problems[index] = Problem(line_at(problem.line) + 1, problem.message, file=problem.file)
    lines: list[tuple[int, str]] = []
    current: list[str] = []
    origin = line_at(pieces[0][1]) if pieces else first_line
    for piece_text, offset, literal in pieces:
        parts = piece_text.split("\n")
        position = offset
        for number, part in enumerate(parts):
            if number:
                lines.append((origin, "".join(current)))
                current = []
                origin = line_at(position) if literal else line_at(offset)
            current.append(part)
            position += len(part) + 1
    lines.append((origin, "".join(current)))
    return lines
