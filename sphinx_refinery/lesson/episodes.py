"""Episode metadata (timings, questions, objectives, key points) and the schedule.

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
the episode, key points at the bottom.  The ``schedule`` directive turns the
timings of all episodes, in lesson order, into a table with clock times.
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
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import lesson_block
from ..sources.scanner import front_matter
from .data import lesson_data
from .links import link, page_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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


def _minutes(value: str) -> int:
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
    if isinstance(value, list):
        items: object = value
    else:
        text = str(value).strip()
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

    def location(key: str) -> object:
        if directive is not None:
            return directive
        return (docname, _front_matter_line(doctree.get("source"), key))

    info = EpisodeInfo()
    for key in TIMING_KEYS:
        if key not in raw:
            continue
        try:
            minutes = _minutes(raw[key])  # type: ignore[arg-type]
        except ValueError:
            logger.warning(
                __("%s: %r is not a number of minutes; write a whole number such as 15"),
                key,
                raw[key],
                location=location(key),
                type="refinery",
                subtype="metadata",
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
                type="refinery",
                subtype="metadata",
            )
            continue
        info.lists[key] = items
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
        bullets += nodes.list_item("", nodes.paragraph(item, item))
    block += bullets
    section = next(iter(doctree.findall(nodes.section)), None)
    container = section if section is not None else doctree
    if kind == "keypoints":
        container += block
    else:
        index = 1 if section is not None and isinstance(section[0], nodes.title) else 0
        while index < len(container) and container[index].get("frontmatter"):
            index += 1  # questions first, then objectives
        container.insert(index, block)


# --- the schedule ---------------------------------------------------------


class schedule_table(nodes.container):
    """Placeholder for the schedule, filled at write time (empty if a builder skips that)."""


def _clock(value: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{value!r} is not a time such as 09:00")
    return int(match[1]) * 60 + int(match[2])


def _breaks(value: str | None) -> list[tuple[str, int, str]]:
    """``DOCNAME MINUTES [LABEL]`` per line."""
    breaks = []
    for line in (value or "").splitlines():
        parts = line.split(None, 2)
        if not parts:
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            raise ValueError(f"{line.strip()!r}: write 'DOCNAME MINUTES [LABEL]'")
        breaks.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""))
    return breaks


def schedule_node(directive: SphinxDirective) -> schedule_table:
    """A schedule placeholder for ``directive``'s page, with its options."""
    node = schedule_table(classes=["refinery-schedule"])
    directive.set_source_info(node)
    options = directive.options
    start = options.get("start") or directive.config.refinery_schedule_start
    try:
        node["start"] = _clock(start)
    except ValueError as error:
        where = "" if options.get("start") else "refinery_schedule_start in conf.py: "
        logger.warning(
            __("schedule: %s; using 09:00"),
            f"{where}{error}",
            location=node,
            type="refinery",
            subtype="schedule",
        )
        node["start"] = 9 * 60
    node["breaks"] = {
        _docname(directive.env, doc): (minutes, label)
        for doc, minutes, label in options.get("breaks", [])
    }
    node["exclude"] = [_docname(directive.env, d) for d in options.get("exclude", "").split()]
    for option, names in (("breaks", node["breaks"]), ("exclude", node["exclude"])):
        for name in names:
            if name not in directive.env.found_docs:
                logger.warning(
                    __(
                        "schedule: :%s: names %r, which is not a document of the lesson: "
                        "give its path relative to this page or from the root, e.g. "
                        "/episodes/intro"
                    ),
                    option,
                    name,
                    location=node,
                    type="refinery",
                    subtype="schedule",
                )
    document = lesson_data(directive.env).document(directive.env.docname)
    document.aggregates.add("schedule")
    document.schedule_exclude.update(node["exclude"])
    return node


class ScheduleDirective(SphinxDirective):
    """``schedule``: a timetable of the episodes, in lesson order."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "start": directives.unchanged,
        "breaks": _breaks,
        "exclude": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        return [schedule_node(self)]


def _docname(env, name: str) -> str:
    """A docname given relative to the current document or absolute with '/'."""
    name = name.removesuffix(".md").removesuffix(".rst")
    if name.startswith("/"):
        return name[1:]
    base = env.docname.rpartition("/")[0]
    return f"{base}/{name}" if base else name


def episodes(env, exclude: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
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


def schedule_view(env) -> tuple:
    """What every schedule shows of the other documents: a schedule page is
    rewritten when this changes (see ``aggregates.pages_to_rewrite``)."""
    data = lesson_data(env)
    view = []
    for docname in episodes(env):
        info = data.documents[docname].episode
        title = env.titles.get(docname)
        timings = (info.teaching, info.exercises, info.break_minutes) if info else None
        view.append((docname, title.astext() if title else docname, timings))
    return tuple(view)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


class BuildSchedules(SphinxPostTransform):
    """Fill every schedule placeholder with the lesson's timetable."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        for number, placeholder in enumerate(list(self.document.findall(schedule_table))):
            table = self._table(placeholder)
            table["ids"].append(f"refinery-schedule-{number}")
            placeholder.replace_self(table)

    def _table(self, placeholder: schedule_table) -> nodes.table:
        data = lesson_data(self.env)
        here = page_of(self.env, placeholder)
        exclude = set(placeholder.get("exclude", [])) | {here}
        breaks = dict(placeholder.get("breaks", {}))
        rows: list[tuple[str, nodes.Node, str, str]] = []
        clock = placeholder["start"]
        total = 0
        for docname in episodes(self.env, exclude):
            info = data.documents[docname].episode
            title = self.env.titles.get(docname)
            target = link(
                self.env, placeholder, docname, "", nodes.Text(title.astext() if title else docname)
            )
            teaching = info.teaching if info else None
            exercises = info.exercises if info else None
            rows.append((_hhmm(clock), target, _fmt(teaching), _fmt(exercises)))
            minutes = info.minutes if info else 0
            clock += minutes
            total += minutes
            pause, label = breaks.get(docname, ((info.break_minutes if info else 0), ""))
            if pause:
                rows.append((_hhmm(clock), nodes.Text(label or _("Break")), "", str(pause)))
                clock += pause
                total += pause
        rows.append((_hhmm(clock), nodes.strong("", _("Finish")), "", ""))
        table = _make_table(
            [_("Time"), _("Episode"), _("Teaching (min)"), _("Exercises (min)")],
            rows,
            widths=[8, 44, 12, 12],
        )
        table["classes"] += placeholder["classes"]
        caption = _("Total: %d min") % total
        table.insert(0, nodes.title(caption, caption))
        return table


def _fmt(value: int | None) -> str:
    return "" if value is None else str(value)


def _make_table(headers: list[str], rows, widths: list[int]) -> nodes.table:
    """A table; ``widths`` are in characters (text output) and relative elsewhere."""
    table = nodes.table()
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += body
    return table


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        content = cell if isinstance(cell, nodes.Node) else nodes.Text(cell)
        entry += nodes.paragraph("", "", content)
        row += entry
    return row


def warn_missing_timings(app: Sphinx, env) -> None:
    """Every episode needs its timings once a lesson shows a schedule."""
    data = lesson_data(env)
    schedules = data.aggregate_pages("schedule")
    if not schedules:
        return
    excluded = set().union(*(data.documents[d].schedule_exclude for d in schedules))
    for docname in episodes(env, excluded):
        info = data.documents[docname].episode
        if info is None or info.teaching is None or info.exercises is None:
            title = env.titles.get(docname)
            logger.warning(
                __(
                    "episode %r has no timing: add 'teaching: MINUTES' and 'exercises: "
                    "MINUTES' to its front matter (or the episode directive)"
                ),
                title.astext() if title else docname,
                location=(docname, 1),
                type="refinery",
                subtype="schedule",
            )


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "refinery_schedule_start",
        "09:00",
        "env",
        types=frozenset({str}),
        description="Clock time at which the schedule starts.",
    )
    app.add_node(episode_metadata)
    app.add_node(schedule_table)
    app.add_directive("episode", EpisodeDirective)
    app.add_directive("schedule", ScheduleDirective)
    app.connect("doctree-read", read_episode_info, priority=400)
    app.connect("env-updated", warn_missing_timings, priority=600)
    app.add_post_transform(BuildSchedules)
