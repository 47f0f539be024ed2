"""Liquid (Jekyll) leftovers in Workbench pages, converted where their meaning is known.

Lessons moved from the Jekyll template to the Workbench often keep some
Liquid, which the Workbench shows as text:

* ``{% comment %}...{% endcomment %}`` (on one line or several) is dropped;
  the lines it took stay, empty, so later lines keep their numbers;
* ``{% include links.md %}`` is dropped (the importer appends the link
  definitions of ``links.md`` to the pages that use them);
* ``{{ site.github.repository_url }}`` (and ``site.repository_url``) becomes
  the lesson's repository address (``source`` in config.yaml), and
  ``{{ page.root }}`` / ``{{ site.baseurl }}`` the path to the lesson's root;
* a link to another variable (``[text]({{ site.x }})``, whose value only
  the Jekyll site knew) becomes its text, reported;
* any other ``{{ ... }}`` or ``{% ... %}`` outside code is left as it is and
  reported.

Code (fenced and inline) is never touched: ``${{ matrix.os }}`` in a CI
example stays.  Nothing here needs Sphinx.
"""

from __future__ import annotations

import re

from ..scanner import CODE_SPAN, Problem, Rewrite
from .glossary import code_lines

_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?endcomment\s*-?%\}", re.DOTALL)
_INCLUDE_LINKS = re.compile(r"\{%-?\s*include\s+links\.md\s*-?%\}")
_VARIABLE = re.compile(r"\{\{-?\s*(?P<name>[\w.]+)\s*-?\}\}")
#: A link whose target is (starts with) a Liquid variable: ``[text]({{ site.x }}/y)``.
_LIQUID_LINK = re.compile(
    r"(?<![!\\])\[(?P<text>[^\[\]]*)\]\(\s*(?P<liquid>\{\{[^{}]*\}\})[^()\s]*\s*\)"
)
#: The end of such a link whose text began on the line before.
_LIQUID_TAIL = re.compile(r"^(?P<text>[^\[\]`]*)\]\(\s*(?P<liquid>\{\{[^{}]*\}\})[^()\s]*\s*\)")
_ANY = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_REPOSITORY = ("site.github.repository_url", "site.repository_url")
_ROOT = ("page.root", "site.baseurl", "relative_root_path")


def convert_liquid(text: str, *, repository: str, root: str) -> Rewrite:
    """``text`` with the Liquid it can convert converted (module docstring); ``root``
    is the path from the page to the lesson's root (``..`` for ``episodes/x.md``)."""
    if "{%" not in text and "{{" not in text:
        return Rewrite(text)
    problems: list[Problem] = []
    lines = text.split("\n")
    code = code_lines(lines)
    prose = "\n".join("" if index in code else line for index, line in enumerate(lines))

    def drop(match: re.Match[str]) -> str:
        return "\n" * match.group().count("\n")

    converted = _COMMENT.sub(drop, prose)
    converted = _INCLUDE_LINKS.sub(drop, converted)
    new_lines = converted.split("\n")
    for index, line in enumerate(new_lines):
        if index in code:
            new_lines[index] = lines[index]
            continue
        if "{{" not in line and "{%" not in line:
            continue
        pieces, last = [], 0
        unlinked: list[str] = []
        if (tail := _LIQUID_TAIL.match(line)) and index and index - 1 not in code:
            before = new_lines[index - 1]
            start = before.rfind("[")
            if start >= 0 and "]" not in before[start:]:  # the link's text began there
                new_lines[index - 1] = before[:start] + before[start + 1 :]
                unlinked.append(tail["liquid"])
                line = tail["text"] + line[tail.end() :]
        for span in CODE_SPAN.finditer(line):
            pieces += [_variables(line[last : span.start()], repository, root, unlinked)]
            pieces.append(span.group())
            last = span.end()
        pieces.append(_variables(line[last:], repository, root, unlinked))
        new_lines[index] = "".join(pieces)
        problems.extend(
            Problem(index + 1, f"link to Liquid {liquid}, which has no value here: its text kept")
            for liquid in unlinked
        )
        outside = CODE_SPAN.sub("", new_lines[index])
        problems.extend(
            Problem(index + 1, f"Liquid {match.group()} not converted: left as it is")
            for match in _ANY.finditer(outside)
        )
    new_text = "\n".join(new_lines)
    return Rewrite(text if new_text == text else new_text, problems)


def _variables(text: str, repository: str, root: str, unlinked: list[str]) -> str:
    """``text`` with the variables whose value is known replaced, and links whose
    target is another variable made their text (the variables added to ``unlinked``)."""

    def unlink(match: re.Match[str]) -> str:
        unlinked.append(match["liquid"])
        return match["text"]

    def value(match: re.Match[str]) -> str:
        name = match["name"]
        if name in _REPOSITORY and repository:
            return repository.rstrip("/")
        if name in _ROOT:
            return root
        return match.group()

    return _LIQUID_LINK.sub(unlink, _VARIABLE.sub(value, text))
