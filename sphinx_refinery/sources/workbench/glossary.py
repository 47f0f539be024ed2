"""Workbench glossaries: ``[term]{#id}`` spans become a Sphinx ``glossary``.

The Workbench (pandoc) writes a glossary, usually in ``learners/reference.md``,
as a definition list whose terms carry an id::

    [relational database]{#relational-database}
    :   A database that stores its data in tables,
    lines of the definition may continue without indentation.

:func:`convert_glossaries` turns each definition list with such a term into
a ``glossary`` directive (every term of the list becomes a glossary term, so
``{term}`` roles and the index know it; its definitions are indented as the
directive needs them) and returns the ids with their terms, for the importer
to turn the links to ``reference.md#id`` into ``{term}`` roles.  A
``[text]{#id}`` elsewhere becomes ``text`` with a label ``(id)=`` before its
paragraph, and a ``[text]{.class}`` span becomes ``text`` (the class noted).
Code fences are never looked into.  Nothing here needs Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..scanner import Problem, fence_at, front_matter

#: A term line: ``[term]{#id}``, perhaps with more attributes.
_TERM = re.compile(r"^\[(?P<term>[^\[\]]+)\]\{#(?P<id>[\w:.-]+)[^{}]*\}\s*$")
#: A definition line of a pandoc definition list.
_DEFINITION = re.compile(r"^ {0,3}[:~](?: {1,4}|\t)(?P<text>.*)$")
#: A span with attributes inside text.
_SPAN = re.compile(r"(?<![!\]\\])\[(?P<text>[^\[\]]+)\]\{(?P<attrs>[^{}]*)\}")
_SPAN_ID = re.compile(r"#(?P<id>[\w:.-]+)")
#: kramdown's ``{:auto_ids}`` (Markdown may escape its underscore).
_AUTO_IDS = re.compile(r"^ {0,3}\{:\s*auto\\?_ids\s*\}\s*$")
_KRAMDOWN_DEFINITION = re.compile(r"^ {0,3}:[ \t]+\S")
#: The indentation of definitions in the glossary directive.
INDENT = "   "


@dataclass
class Glossary:
    """The glossary terms of a page and what became of its spans."""

    lines: list[str]
    #: Glossary id -> term text.
    terms: dict[str, str] = field(default_factory=dict)
    #: Label ids made from spans outside glossaries.
    labels: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def code_lines(lines: list[str]) -> set[int]:
    """Indices of the lines of front matter and code fences (never rewritten)."""
    found = front_matter(lines)
    inside: set[int] = set(range(found.end if found else 0))
    code = None
    for index, line in enumerate(lines):
        if index in inside:
            continue
        fence = fence_at(line, index)
        if code is not None:
            inside.add(index)
            if fence is not None and fence.closes(code, max_indent=None):
                code = None
        elif fence is not None and fence.code:
            code = fence
            inside.add(index)
    return inside


def auto_id(text: str) -> str:
    """The id kramdown's ``auto_ids`` gives a term or heading."""
    text = re.sub(r"[^\w\s-]", "", text.strip().lower())
    text = re.sub(r"\s+", "-", text)
    return text.lstrip("0123456789-_") or "section"


def glossary_targets(lines: list[str]) -> list[str]:
    """After kramdown's ``{:auto_ids}`` (legacy lessons, and Workbench lessons that
    kept it), each definition list term becomes ``[term]{#id}``, as a Workbench
    glossary writes it; the ``{:auto_ids}`` line becomes empty."""
    code = code_lines(lines)
    out = list(lines)
    active = False
    for index, line in enumerate(lines):
        if index in code:
            continue
        if _AUTO_IDS.match(line):
            active, out[index] = True, ""
            continue
        if active and line.lstrip().startswith("#"):
            active = False
        following = lines[index + 1] if index + 1 < len(lines) else ""
        term = line.strip()
        if (
            active
            and term
            and _KRAMDOWN_DEFINITION.match(following)
            and not _KRAMDOWN_DEFINITION.match(line)
        ):
            text = term.replace("[", "\\[").replace("]", "\\]")
            out[index] = f"[{text}]{{#{auto_id(term)}}}"
    return out


def convert_glossaries(text: str) -> Glossary:
    """The text with its ``[term]{#id}`` definition lists as glossaries (module docstring)."""
    lines = text.split("\n")
    result = Glossary(lines)
    if "]{" not in text:
        return result
    code = code_lines(lines)
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index not in code and _term_at(lines, index, code):
            end, entries = _read_list(lines, index, code)
            if any(_TERM.match(lines[i]) for i, _ in entries):
                out += _glossary(lines, entries, result)
                index = end
                continue
        out.append(lines[index])
        index += 1
    result.lines = _spans(out, result)
    return result


def _term_at(lines: list[str], index: int, code: set[int]) -> bool:
    """Whether a definition list term starts at ``index`` (a definition follows it)."""
    line = lines[index]
    if not line.strip() or line[:1] in " \t:~" or (index > 0 and lines[index - 1].strip()):
        return False
    after = index + 1
    if after < len(lines) and not lines[after].strip():
        after += 1  # pandoc allows one empty line between a term and its definition
    return after < len(lines) and after not in code and bool(_DEFINITION.match(lines[after]))


def _read_list(lines: list[str], start: int, code: set[int]) -> tuple[int, list[tuple[int, int]]]:
    """The end of the list at ``start`` and its entries: (term line, end of entry)."""
    entries: list[tuple[int, int]] = []
    index = start
    while index < len(lines) and _term_at(lines, index, code):
        term = index
        index += 1
        while index < len(lines):
            line = lines[index]
            if line.strip() and not line.startswith((" ", "\t")) and not _DEFINITION.match(line):
                if not lines[index - 1].strip():
                    break  # a new term, or the text after the list
                index += 1  # a lazy continuation line
                continue
            if not line.strip():
                following = index + 1
                while following < len(lines) and not lines[following].strip():
                    following += 1
                nxt = lines[following] if following < len(lines) else ""
                if not nxt.startswith((" ", "\t")) and not _DEFINITION.match(nxt):
                    break
            index += 1
        entries.append((term, index))
        while index < len(lines) and not lines[index].strip():
            index += 1
    # The empty lines after the last entry are not part of the list.
    end = entries[-1][1]
    return end, entries


def _glossary(lines: list[str], entries: list[tuple[int, int]], result: Glossary) -> list[str]:
    """The ``glossary`` directive of a definition list's entries."""
    body: list[str] = []
    for term_line, end in entries:
        line = lines[term_line].strip()
        if match := _TERM.match(line):
            term = match["term"].strip()
            result.terms[match["id"]] = term
        else:
            term = line
        if body:
            body.append("")
        body.append(" ".join(term.split()))
        for line in lines[term_line + 1 : end]:
            if definition := _DEFINITION.match(line):
                if body[-1] != term and body[-1].strip():
                    body.append("")
                body.append(INDENT + definition["text"])
            elif line.strip():
                body.append(INDENT + (line[4:] if line.startswith("    ") else line.lstrip()))
            elif body[-1].strip():
                body.append("")
    while body and not body[-1].strip():
        body.pop()
    fence = ":" * max(3, _longest_colon_fence(body) + 1)
    return [fence + "{glossary}", *body, fence]


def _longest_colon_fence(body: list[str]) -> int:
    longest = 0
    for index, line in enumerate(body):
        fence = fence_at(line.strip(), index)
        if fence is not None and fence.marker.startswith(":"):
            longest = max(longest, len(fence.marker))
    return longest


def _spans(lines: list[str], result: Glossary) -> list[str]:
    """``[text]{#id}`` outside glossaries: text and a label; ``[text]{.class}``: text."""
    if not any("]{" in line for line in lines):
        return lines
    code = code_lines(lines)
    labels: dict[int, list[str]] = {}
    for index, line in enumerate(lines):
        if index in code or "]{" not in line:
            continue
        for match in _SPAN.finditer(line):
            attrs = match["attrs"]
            if ident := _SPAN_ID.search(attrs):
                start = index
                while start > 0 and lines[start - 1].strip() and start - 1 not in code:
                    start -= 1
                labels.setdefault(start, []).append(ident["id"])
                result.labels.add(ident["id"])
            elif attrs.strip().startswith("."):
                result.problems.append(
                    Problem(index + 1, f"span class {attrs.strip()} dropped", warning=False)
                )
        lines[index] = _SPAN.sub(
            lambda m: m["text"] if m["attrs"].strip()[:1] in ("#", ".") else m.group(), line
        )
    out: list[str] = []
    for index, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip())]
        out += [f"{indent}({ident})=" for ident in labels.get(index, ())]
        out.append(line)
    return out
