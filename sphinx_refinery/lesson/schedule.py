"""The schedule: the timings of all episodes, in lesson order, as a table with clock times.

The ``schedule`` directive leaves a placeholder (:class:`schedule_table`) with
its options; :class:`BuildSchedules` fills it at write time from the episodes'
metadata (:mod:`.episodes`).  :func:`schedule_view` is what a schedule shows of
the other pages, so a schedule page is rewritten only when that changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..config import clock_minutes
from ..warnings import TYPE, Subtype
from .data import lesson_data
from .episodes import episodes
from .links import link, page_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


class schedule_table(nodes.container):
    """Placeholder for the schedule, filled at write time (empty if a builder skips that)."""


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
    # refinery_schedule_start is a valid clock time (sphinx_refinery.config checks it).
    start = options.get("start") or directive.config.refinery_schedule_start
    try:
        node["start"] = clock_minutes(start)
    except ValueError as error:
        logger.warning(
            __("schedule: %s; using 09:00"),
            error,
            location=node,
            type=TYPE,
            subtype=Subtype.SCHEDULE,
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
                    type=TYPE,
                    subtype=Subtype.SCHEDULE,
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
    """The clock time of ``minutes`` after midnight; past that midnight, with its day."""
    time = f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    day = minutes // (24 * 60)
    # TRANSLATORS: a clock time in the schedule of a lesson that goes past midnight
    return _("%(time)s (day %(day)d)") % {"time": time, "day": day + 1} if day else time


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
        breaks: dict[str, tuple[int, str]] = dict(placeholder.get("breaks", {}))
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
                type=TYPE,
                subtype=Subtype.SCHEDULE,
            )


def setup(app: Sphinx) -> None:
    app.add_node(schedule_table)
    app.add_directive("schedule", ScheduleDirective)
    app.connect("env-updated", warn_missing_timings, priority=600)
    app.add_post_transform(BuildSchedules)
