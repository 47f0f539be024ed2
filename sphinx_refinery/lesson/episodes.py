"""Episode metadata (timings, questions, objectives, key points); which pages are episodes.

An episode declares its metadata in MyST front matter::

    ---
    teaching: 15
    exercises: 20
    break: 10           # minutes of break after this episode
    questions: ["How do I ...?"]
    objectives: ["Explain ...", "Use ..."]
    keypoints: ["...", "..."]
    ---

or, in reST, with the ``episode`` directive (same names as options, one list
item per line).  Questions and objectives are shown as blocks at the top of
the episode, key points at the bottom.  The timings feed the schedule
(:mod:`.schedule`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import lesson_block
from ..sources.scanner import front_matter
from ..warnings import TYPE, Subtype
from .data import lesson_data

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

TIMING_KEYS = ("teaching", "exercises", "break")
LIST_KEYS = ("questions", "objectives", "keypoints")
#: Block kinds that mark a page as an episode of the lesson.
EPISODE_KINDS = frozenset({"exercise", "objectives", "questions", "keypoints"})


@dataclass
class EpisodeInfo:
    """What an episode declares about itself."""

    teaching: int | None = None
    exercises: int | None = None
    break_minutes: int = 0
    lists: dict[str, list[str]] = field(default_factory=dict)

    @property
    def declared(self) -> bool:
        return self.teaching is not None or self.exercises is not None or bool(self.lists)

    @property
    def minutes(self) -> int:
        return (self.teaching or 0) + (self.exercises or 0)


class episode_metadata(nodes.Invisible, nodes.Element):
    """Metadata of the ``episode`` directive, consumed while reading."""


def _minutes(value: object) -> int:
    """A whole, non-negative number of minutes."""
    number = int(str(value).strip())
    if number < 0:
        raise ValueError("negative")
    return number


def _lines(value: str | None) -> str:
    return value or ""


class EpisodeDirective(SphinxDirective):
    """``episode``: the front matter of a reST episode."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "teaching": directives.unchanged_required,
        "exercises": directives.unchanged_required,
        "break": directives.unchanged_required,
        "questions": _lines,
        "objectives": _lines,
        "keypoints": _lines,
    }

    def run(self) -> list[nodes.Node]:
        node = episode_metadata()
        self.set_source_info(node)
        for key in TIMING_KEYS:
            if key in self.options:
                node[key] = self.options[key]
        for key in LIST_KEYS:
            if key in self.options:
                node[key] = [
                    line.strip() for line in self.options[key].splitlines() if line.strip()
                ]
        return [node]


_NUMBER = re.compile(r"[+-]?\d+(\.\d*)?")


def _parse_list(value: object) -> list[str] | None:
    """A front matter list of sentences, which MyST hands over as JSON text.

    None for what cannot be a list of sentences: a number, a mapping, a list
    of mappings or lists.
    """
    if value is None:
        return []
    if isinstance(value, list):
        items: object = value
    else:
        text = str(value).strip()
        if text == "null":  # YAML's null, as MyST hands it over
            return []
        if not text.startswith(("[", "{")):
            return None if _NUMBER.fullmatch(text) else ([text] if text else [])
        try:
            items = json.loads(text)
        except ValueError:
            return None
    if not isinstance(items, list) or any(isinstance(i, dict | list) for i in items):
        return None
    return [str(item) for item in items]


def _front_matter_line(source: object, key: str) -> int:
    """The line of ``key:`` in the front matter of the file ``source`` (else 1)."""
    try:
        text = Path(str(source)).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return 1
    found = front_matter(text.split("\n"))
    return (found.line_of(key) if found else None) or 1


def read_episode_info(app: Sphinx, doctree: nodes.document) -> None:
    """Collect the episode's metadata and show its lists as blocks."""
    env = app.env
    docname = env.docname
    raw: dict[str, object] = dict(env.metadata.get(docname, {}))
    directive: episode_metadata | None = None
    for node in list(doctree.findall(episode_metadata)):
        raw.update({k: v for k, v in node.attributes.items() if k in (*TIMING_KEYS, *LIST_KEYS)})
        directive = node
        node.parent.remove(node)

    def location(key: str) -> nodes.Node | tuple[str, int]:
        if directive is not None:
            return directive
        return (docname, _front_matter_line(doctree.get("source"), key))

    info = EpisodeInfo()
    for key in TIMING_KEYS:
        if key not in raw:
            continue
        try:
            minutes = _minutes(raw[key])
        except ValueError:
            logger.warning(
                __("%s: %r is not a number of minutes; write a whole number such as 15"),
                key,
                raw[key],
                location=location(key),
                type=TYPE,
                subtype=Subtype.METADATA,
            )
            continue
        if key == "break":
            info.break_minutes = minutes
        else:
            setattr(info, key, minutes)
    for key in LIST_KEYS:
        if key not in raw:
            continue
        items = _parse_list(raw[key])
        if items is None:
            logger.warning(
                __('%s: expected a list of sentences, e.g. ["First", "Second"]'),
                key,
                location=location(key),
                type=TYPE,
                subtype=Subtype.METADATA,
            )
            continue
        info.lists[key] = items
        if items:  # an empty list declares the key, but shows no empty box
            _insert_list_block(doctree, key, items, docname)
    lesson_data(env).document(docname).episode = info


def _insert_list_block(doctree: nodes.document, kind: str, items: list[str], docname: str) -> None:
    """Questions/objectives after the title, key points at the end of the episode."""
    block = lesson_block("", kind=kind, classes=[kind], custom_title=False, title_arg="")
    block["ids"].append(f"{kind}-frontmatter")
    block["frontmatter"] = True
    block.source, block.line = doctree.get("source"), 1
    block += nodes.title("", KINDS_BY_NAME[kind].default_title())
    bullets = nodes.bullet_list()
    for item in items:
        bullets += nodes.list_item("", nodes.paragraph(item, "", *_code_spans(item)))
    block += bullets
    # The page's own content starts after comments, targets and the front
    # matter's docinfo (which the metadata collector looks for first).
    skipped = (nodes.PreBibliographic, nodes.docinfo)
    start = doctree.first_child_not_matching_class(skipped)  # type: ignore[arg-type]
    start = len(doctree) if start is None else start
    title_section = doctree[start] if start < len(doctree) else None
    if isinstance(title_section, nodes.section):
        # A page with a top heading: in its section, after the title.
        container: nodes.Element = title_section
        start = 1 if title_section.children and isinstance(title_section[0], nodes.title) else 0
    else:
        container = doctree  # no top heading: before the page's first paragraph or section
    if kind == "keypoints":
        container.append(block)
    else:
        index = start
        while index < len(container) and _from_front_matter(container[index]):
            index += 1  # questions first, then objectives
        container.insert(index, block)


_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)")


def _code_spans(text: str) -> list[nodes.Node]:
    """A front matter sentence as text and its ```code``` spans as literals (as the
    Carpentries templates show them); nothing else of Markdown is read."""
    parts: list[nodes.Node] = []
    start = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(nodes.Text(text[start : match.start()]))
        code = match["code"]
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        parts.append(nodes.literal(code, code))
        start = match.end()
    parts.append(nodes.Text(text[start:]))
    return [part for part in parts if part.astext() or isinstance(part, nodes.literal)]


def _from_front_matter(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(node.get("frontmatter"))


def episodes(env: BuildEnvironment, exclude: Set[str] = frozenset()) -> list[str]:
    """Documents that are episodes, in lesson order."""
    data = lesson_data(env)
    root = env.config.root_doc
    found = []
    for docname in data.order:
        document = data.documents.get(docname)
        if docname == root or docname in exclude or document is None or document.aggregates:
            continue
        info = document.episode
        if (info and info.declared) or any(b.kind in EPISODE_KINDS for b in document.blocks):
            found.append(docname)
    return found


def setup(app: Sphinx) -> None:
    app.add_node(episode_metadata)
    app.add_directive("episode", EpisodeDirective)
    app.connect("doctree-read", read_episode_info, priority=400)
