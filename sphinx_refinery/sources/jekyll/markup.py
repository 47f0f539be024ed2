"""Line-wise edits of a legacy page after its Liquid is rendered and before its
kramdown blocks are converted: links as the site wrote them become links
between files, and a glossary's ``{:auto_ids}`` definition list gets a target
per term.  Code (fenced, also inside blockquotes) is never changed; every line
keeps its place, so the report points into the author's file."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..scanner import Problem, fence_at
from ..workbench.glossary import auto_id

if TYPE_CHECKING:
    from .site import Page, Site

_QUOTES = re.compile(r"^(?: {0,3}>)+ ?")
#: An inline link or image: ``[text](target "title")``; the target may be ``<...>``.
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(?P<target><[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?P<rest>(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*)\)"
)
_DEFINITION = re.compile(r"^(?P<head> {0,3}\[[^\]]+\]:[ \t]*)(?P<target><[^>]*>|\S+)(?P<rest>.*)$")
_HTML_ATTR = re.compile(
    r"(?P<head>\b(?:src|href)\s*=\s*)(?P<q>[\"'])(?P<target>[^\"']*)(?P=q)", re.I
)
_DIRECTIVE_PATH = re.compile(
    r"^(?P<head>\s*(?:[`:~]{3,})\{(?:figure|image)\}\s+)(?P<target>\S+)(?P<rest>.*)$"
)
#: The target of a link whose ``](`` ends the line before: ``> {{ page.root }}/setup.html)``.
_CONTINUED = re.compile(r"^(?P<head>(?: {0,3}>)*\s*)(?P<target>[^()\s]+)(?P<rest>\).*)$")


def code_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside (or fencing) code blocks, ``>`` prefixes removed."""
    inside: set[int] = set()
    opener = None
    for index, line in enumerate(lines):
        body = _QUOTES.sub("", line)
        fence = fence_at(body, index)
        if opener is not None:
            inside.add(index)
            if fence is not None and fence.closes(opener, max_indent=None):
                opener = None
        elif fence is not None and fence.code and fence.indent <= 3:
            opener = fence
            inside.add(index)
    return inside


def rewrite_links(
    lines: list[str], numbers: list[int], page: Page, site: Site, problems: list[Problem]
) -> list[str]:
    """Links, images and link definitions resolved by ``site``; unresolved ones reported."""
    code = code_lines(lines)
    out = []
    for index, line in enumerate(lines):
        marks = ("](", "]:", "src", "href", "{figure}", "{image}")
        continued = index > 0 and lines[index - 1].rstrip().endswith("](")
        if index in code or not (continued or any(mark in line for mark in marks)):
            out.append(line)
            continue

        def report(target: str, kept: str, index: int = index) -> None:
            problems.append(
                Problem(
                    numbers[index] + 1,
                    f"link to {target!r}: nothing of the lesson is there: {kept}",
                    file=page.source,
                )
            )

        def inline(match: re.Match[str]) -> str:
            target = match["target"].strip("<>")
            resolved = site.resolve(target, page) if target else None
            if resolved is None and match["bang"]:
                report(target, "image left out")
                return ""
            if resolved is None:
                report(target, "kept as text")
                return match["text"]
            return (
                f"{match['bang']}[{match['text']}]({resolved}{match['rest']})"
                if resolved != target
                else match.group()
            )

        def attribute(match: re.Match[str]) -> str:
            resolved = site.resolve(match["target"], page)
            if resolved is None:
                report(match["target"], "kept as written")
                return match.group()
            return f"{match['head']}{match['q']}{resolved}{match['q']}"

        line = _INLINE.sub(inline, line)
        if index and lines[index - 1].rstrip().endswith("](") and (match := _CONTINUED.match(line)):
            resolved = site.resolve(match["target"], page)
            opening = out[-1].rstrip()
            if resolved is None and "[" in opening:
                report(match["target"], "kept as text")
                start = opening.rindex("[")
                out[-1] = opening[:start] + opening[start + 1 : -2]
                line = match["head"] + match["rest"][1:]
            elif resolved is not None:
                line = match["head"] + resolved + match["rest"]
        line = _HTML_ATTR.sub(attribute, line)
        for pattern in (_DEFINITION, _DIRECTIVE_PATH):
            if match := pattern.match(line):
                target = match["target"].strip("<>")
                resolved = site.resolve(target, page)
                if resolved is None:
                    report(target, "kept as written")
                elif resolved != target:
                    line = f"{match['head']}{resolved}{match['rest']}"
        out.append(line)
    return out


_BLOCK_TITLE = re.compile(r"^(?P<head>(?: {0,3}>)+ ?#{1,6}[ \t]+)(?P<title>[^{}]*?)[ \t]*$")
#: A link to an anchor: ``(#name)``, ``(page.html#name)``.
LINKED_ANCHOR = re.compile(r"\]\([^()\s#]*#(?P<anchor>[\w.-]+)\)")


def label_linked_titles(lines: list[str], anchors: set[str]) -> list[str]:
    """``> ## Title`` gets ``{#id}`` (the block's label) when a link points at its kramdown id."""
    if not anchors:
        return lines
    code = code_lines(lines)
    out = list(lines)
    for index, line in enumerate(lines):
        if index not in code and (match := _BLOCK_TITLE.match(line)) and match["title"]:
            ident = auto_id(match["title"])
            if ident in anchors:
                out[index] = f"{line.rstrip()} {{#{ident}}}"
    return out
