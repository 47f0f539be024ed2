"""One legacy Carpentries page to MyST: its Liquid rendered (:mod:`.liquid`),
links and the glossary fixed (:mod:`.markup`), its kramdown blocks converted by
the Carpentries rewriter (:mod:`..carpentries`), its Mermaid diagrams
(:mod:`..import_diagrams`), then the page title from the
front matter and heading ids by the Workbench rewrite (:mod:`..workbench`),
as an imported Workbench page gets them.  Every problem is located in the
author's file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..carpentries.converter import Converter
from ..import_diagrams import convert_diagrams
from ..import_headings import consecutive_headings
from ..scanner import Problem, front_matter
from ..workbench import TEXT_LANGUAGES, rewrite
from ..workbench.glossary import glossary_targets
from .liquid import Context, render
from .markup import code_lines, label_linked_titles, rewrite_links

if TYPE_CHECKING:
    from collections.abc import Callable

    from .site import Page, Site

_SPAN_IAL = re.compile(r"\{:\s*[^}]*\}")
_H1 = re.compile(r"^ {0,3}#[ \t]+\S")
_IAL_LINE = re.compile(r"^[\s>]*\{:[^}]*\}\s*$")
_INCLUDE_LINKS = re.compile(r"^\s*\{%-?\s*include\s+links\.md\s*-?%\}\s*$")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*\S.*$", re.M)
_LINK_USE = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\[(?P<label>[^\[\]]*)\])?(?![(:{])")


@dataclass
class Converted:
    """The MyST text of a page and what could not be converted."""

    text: str
    problems: list[Problem]
    front: dict[str, object]
    #: The (1-based) lines of the page's Mermaid diagrams.
    diagrams: list[int]


def convert_page(
    text: str,
    page: Page,
    site: Site,
    config: dict[str, Any],
    read_include: Callable[[str], str | None],
    default_title: str = "",
    draw_diagrams: bool = False,
) -> Converted:
    """The MyST text of a legacy page ``text`` (the file ``page.source``); a page
    without a title in its front matter nor a ``#`` heading gets ``default_title``;
    Mermaid diagrams become ``{mermaid}`` directives with ``draw_diagrams``, else
    ``mermaid`` code blocks (:mod:`..import_diagrams`)."""
    lines = text.split("\n")
    found = front_matter(lines)
    start = found.end if found else 0
    front = found.mapping() if found else {}
    context = Context(
        site=config,
        page={**front, "root": page.root},
        root=page.root,
        read_include=read_include,
        file=page.source,
    )
    body_text, links_line = _without_links_include(lines[start:], start)
    rendered = render(body_text, context, first_line=start)
    if links_line is not None:
        rendered += _used_definitions(rendered, read_include("links.md"), context, links_line)
    rendered = _last_definitions(rendered)
    problems = list(context.problems)
    numbers = [number for number, _ in rendered]
    body = glossary_targets([line for _, line in rendered])
    body = label_linked_titles(body, site.anchors)
    body = rewrite_links(body, numbers, page, site, problems)
    body = _span_attributes(body, numbers, page, problems)
    converter = Converter(True, True, True, ":")
    converter.lexers = frozenset(TEXT_LANGUAGES)
    converter.kramdown = True
    converted, diagrams = convert_diagrams(converter.convert(body, numbers), draw=draw_diagrams)
    problems += [_located(problem, page.source) for problem in converter.problems]
    title = front.get("title")
    if (
        not (isinstance(title, str) and title.strip())
        and default_title
        and not any(_H1.match(line) for _, line in converted)
    ):
        converted.insert(0, (start, f"# {default_title}"))  # Jekyll's layout shows one
    out_numbers = list(range(start)) + [number for number, _ in converted]
    myst = "\n".join(lines[:start] + [line for _, line in converted])
    result = rewrite(myst, keep_lines=False)
    for problem in result.problems:
        index = problem.line - 1
        line = out_numbers[index] + 1 if 0 <= index < len(out_numbers) else problem.line
        problems.append(Problem(line, problem.message, file=page.source, warning=problem.warning))
    text = consecutive_headings(result.text)
    return Converted(text, problems, front, [line + 1 for line in diagrams])


def _located(problem: Problem, file: str) -> Problem:
    return Problem(problem.line, str(problem.message), file=file, warning=problem.warning)


def _span_attributes(
    lines: list[str], numbers: list[int], page: Page, problems: list[Problem]
) -> list[str]:
    """Kramdown attributes inside a line (``*word*{: .x}``) only style: removed, reported."""
    code = code_lines(lines)
    out = []
    for index, line in enumerate(lines):
        if index in code or "{:" not in line or _IAL_LINE.match(line):
            out.append(line)
            continue
        for match in _SPAN_IAL.finditer(line):
            problems.append(
                Problem(
                    numbers[index] + 1,
                    f"kramdown attributes {match.group()} inside a line: dropped",
                    file=page.source,
                    warning=False,
                )
            )
        out.append(_SPAN_IAL.sub("", line))
    return out


def _without_links_include(lines: list[str], start: int) -> tuple[str, int | None]:
    """The body without ``{% include links.md %}`` lines, and the (0-based) line of the first."""
    found = None
    for index, line in enumerate(lines):
        if _INCLUDE_LINKS.match(line):
            lines = [*lines[:index], "", *lines[index + 1 :]]
            found = start + index if found is None else found
    return "\n".join(lines), found


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _last_definitions(rendered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Only the last definition of each link label (kramdown keeps the last; MyST
    would keep the first and warn of each other): an include of a long list of
    links may define a label twice.  The lines of the others become empty."""
    lines = [text for _, text in rendered]
    code = code_lines(lines)
    seen: set[str] = set()
    out = list(rendered)
    for index in range(len(lines) - 1, -1, -1):
        if index in code or "]:" not in lines[index]:
            continue
        if match := _DEFINITION.match(lines[index]):
            label = _label(match["label"])
            if label in seen:
                out[index] = (rendered[index][0], "")
            seen.add(label)
    return out


def _used_definitions(
    rendered: list[tuple[int, str]], links: str | None, context: Context, line: int
) -> list[tuple[int, str]]:
    """The definitions of ``links.md`` the page uses, rendered (Jekyll appends them all)."""
    if not links:
        return []
    text = "\n".join(body for _, body in rendered)
    defined = {_label(m["label"]) for m in _DEFINITION.finditer(text)}
    used = {_label(m["label"] or m["text"]) for m in _LINK_USE.finditer(text)} - defined
    wanted = [m.group() for m in _DEFINITION.finditer(links) if _label(m["label"]) in used]
    if not wanted:
        return []
    out = [(line, ""), (line, "<!-- links from _includes/links.md -->")]
    for definition in wanted:
        out += [(line, text) for _, text in render(definition, context, first_line=line)]
    return out
