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
from .values import FILTERS, STRING, Context, literal, root_relative, show, truthy

if TYPE_CHECKING:
    pass

#: Includes of the Jekyll styles theme that only set variables: nothing is lost.
SILENT_INCLUDES = frozenset({"gh_variables.html", "base_path.html", "manual_episode_order.html"})
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
MAX_INCLUDE_DEPTH = 8

_TOKEN = re.compile(
    r"\{\{(?P<ol>-?)(?P<out>.*?)(?P<or>-?)\}\}|\{%(?P<tl>-?)(?P<tag>.*?)(?P<tr>-?)%\}", re.S
)
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_SPLIT_PIPES = re.compile(r"""\|(?=(?:[^"']|"[^"]*"|'[^']*')*$)""")


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


def evaluate(expression: str, context: Context, scope: dict[str, Any], offset: int) -> str:
    """The text of ``{{ expression }}``; what cannot be rendered is reported."""
    found, value = _value(expression, context, scope, offset)
    return show(value) if found else ""


def _value(
    expression: str, context: Context, scope: dict[str, Any], offset: int
) -> tuple[bool, Any]:
    head, *filters = _SPLIT_PIPES.split(expression)
    found, value = literal(head, context, scope)
    if not found:
        context_problem(
            context,
            offset,
            f"Liquid variable {{{{ {head.strip()} }}}} has no value here "
            "(not in _config.yml): left out",
        )
        return False, None
    for text in filters:
        name, _, arguments = text.partition(":")
        name = name.strip()
        if name in ("relative_url", "absolute_url"):
            value = root_relative(show(value), context.root)
            continue
        function = FILTERS.get(name)
        if function is None:
            context_problem(context, offset, f"Liquid filter '{name}' is not supported: ignored")
            continue
        arguments_list = (
            [literal(a, context, scope)[1] for a in arguments.split(",")]
            if arguments.strip()
            else []
        )
        value = function(value, *arguments_list)
    return True, value


def context_problem(context: Context, offset: int, message: str) -> None:
    context.problems.append(Problem(offset, message, file=context.file))


# -- rendering --------------------------------------------------------------------

#: A piece of output: its text, the source offset it comes from, whether it is source text.
Piece = tuple[str, int, bool]


def _render(
    nodes: list[_Node], context: Context, scope: dict[str, Any], out: list[Piece], at: int | None
) -> None:
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
                chosen = name == "else" or (truthy(rest, context, scope) != (name == "unless"))
                if chosen:
                    _render(body, context, scope, out, at)
                    break
        elif node.kind == "for":
            _loop(node, context, scope, out, at)
        elif node.kind == "capture":
            pieces: list[Piece] = []
            _render(node.branches[0][1], context, scope, pieces, where)
            context.variables[node.text.split()[1] if len(node.text.split()) > 1 else "_"] = (
                "".join(p[0] for p in pieces)
            )
        elif node.kind == "comment":
            continue
        elif node.kind == "case":
            context_problem(context, where, "Liquid case/when is not supported: left out")
        else:
            _tag(node, context, scope, out, where)


def _loop(
    node: _Node, context: Context, scope: dict[str, Any], out: list[Piece], at: int | None
) -> None:
    match = re.match(r"for\s+(\w+)\s+in\s+(\S+)", node.text)
    found, items = literal(match[2], context, scope) if match else (False, None)
    if not match or not found or not isinstance(items, list):
        where = node.offset if at is None else at
        context_problem(
            context,
            where,
            f"Liquid loop '{{% {node.text} %}}' over what Jekyll generates: left out",
        )
        return
    for index, item in enumerate(items):
        inner = {
            **scope,
            match[1]: item,
            "forloop": {"first": index == 0, "last": index == len(items) - 1, "index": index + 1},
        }
        _render(node.branches[0][1], context, inner, out, at)


def _tag(
    node: _Node, context: Context, scope: dict[str, Any], out: list[Piece], where: int
) -> None:
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
        context_problem(
            context, where, f"Liquid tag '{{% {node.text} %}}' is not supported: left out"
        )


def _include(arguments: str, context: Context, scope: dict[str, Any], where: int) -> str:
    """The rendered text of ``{% include NAME params %}``."""
    arguments = re.sub(
        r"\{\{(.*?)\}\}", lambda m: evaluate(m[1].strip(), context, scope, where), arguments
    )
    name, _, rest = arguments.strip().partition(" ")
    params = {
        m[1]: next((v for v in m.groups()[1:] if v is not None), "") for m in _PARAM.finditer(rest)
    }
    for key, value in params.items():
        if not STRING.match(value) and m_is_var(value) and rest.count(f"{key}={value}"):
            params[key] = show(literal(value, context, scope)[1])
    image = next((v for v in params.values() if v.lower().endswith(IMAGE_SUFFIXES)), None)
    if image and name.endswith(".html"):
        return _figure(image, params, context.root)
    clean = str(PurePosixPath("/" + name)).lstrip("/")
    text = context.read_include(clean)
    if text is None:
        if clean not in SILENT_INCLUDES:
            context_problem(
                context,
                where,
                f"include {clean}: not in _includes/ (a file of the Jekyll theme): left out",
            )
        return ""
    if context.depth >= MAX_INCLUDE_DEPTH:
        context_problem(context, where, f"include {clean}: includes nested too deep: left out")
        return ""
    context.depth += 1
    try:
        pieces: list[Piece] = []
        _render(
            _parse(_tokens(text), 0, ())[0], context, {**scope, "include": params}, pieces, where
        )
    finally:
        context.depth -= 1
    return "".join(piece[0] for piece in pieces)


def m_is_var(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][\w.-]*", value) is not None


def _figure(image: str, params: dict[str, str], root: str) -> str:
    """A MyST figure for an image include such as the styles' ``figure.html``."""
    alt = " ".join(params.get("alt", "").split())
    caption = " ".join(params.get("caption", "").split())
    lines = [f":::{{figure}} {root_relative(image, root)}"]
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
        context.problems[index] = Problem(
            line_at(problem.line) + 1, problem.message, file=problem.file
        )
    lines: list[tuple[int, str]] = []
    current: list[str] = []
    origin = line_at(pieces[0][1]) if pieces else first_line
    for piece_text, offset, from_source in pieces:
        parts = piece_text.split("\n")
        position = offset
        for number, part in enumerate(parts):
            if number:
                lines.append((origin, "".join(current)))
                current = []
                origin = line_at(position) if from_source else line_at(offset)
            current.append(part)
            position += len(part) + 1
    lines.append((origin, "".join(current)))
    return lines
