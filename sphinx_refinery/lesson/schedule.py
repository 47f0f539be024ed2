"""The schedule: the timings of all episodes, in lesson order, as a table with clock times.

The ``schedule`` directive leaves a placeholder (:class:`schedule_table`); its
options declare the lesson's one schedule (:mod:`.timetable`), which every
schedule shows, the instructor guide's too.  :class:`BuildSchedules` fills
each placeholder at write time from that plan and the episodes' metadata
(:mod:`.episodes`): one table, or one per day.  :func:`schedule_view` is what a schedule shows of
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
from .timetable import Day, Plan, lesson_plan, timetable, warn_second_plans

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


def _days(value: str | None) -> list[tuple[str, int | None]]:
    """``DOCNAME [HH:MM]`` per line: the first episode of each day after the first."""
    days: list[tuple[str, int | None]] = []
    for line in (value or "").splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) > 2:
            raise ValueError(f"{line.strip()!r}: write 'DOCNAME [HH:MM]'")
        days.append((parts[0], clock_minutes(parts[1]) if len(parts) > 1 else None))
    return days


#: The options that declare the lesson's schedule (:class:`.timetable.Plan`).
PLAN_OPTIONS = ("start", "breaks", "days", "exclude")


def schedule_node(directive: SphinxDirective) -> schedule_table:
    """A schedule placeholder for ``directive``'s page; its options, if any,
    declare the lesson's schedule."""
    node = schedule_table(classes=["refinery-schedule"])
    directive.set_source_info(node)
    options = directive.options
    # refinery_schedule_start is a valid clock time (sphinx_refinery.config checks it).
    node["start"] = clock_minutes(directive.config.refinery_schedule_start)
    env = directive.env
    document = lesson_data(env).document(env.docname)
    document.aggregates.add("schedule")
    if not any(option in options for option in PLAN_OPTIONS):
        return node
    start = None
    if options.get("start"):
        try:
            start = clock_minutes(options["start"])
        except ValueError as error:
            logger.warning(
                __("schedule: %s; using 09:00"),
                error,
                location=node,
                type=TYPE,
                subtype=Subtype.SCHEDULE,
            )
            start = 9 * 60
    breaks = [
        (_docname(env, doc), minutes, label) for doc, minutes, label in options.get("breaks", [])
    ]
    days = [(_docname(env, doc), clock) for doc, clock in options.get("days", [])]
    exclude = [_docname(env, d) for d in options.get("exclude", "").split()]
    for option, names in (
        ("breaks", [b[0] for b in breaks]),
        ("days", [d[0] for d in days]),
        ("exclude", exclude),
    ):
        for name in names:
            if name not in env.found_docs:
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
    document.schedule_plan = Plan(start, tuple(breaks), tuple(days), tuple(exclude))
    document.schedule_line = node.line or 0
    return node


class ScheduleDirective(SphinxDirective):
    """``schedule``: a timetable of the episodes, in lesson order."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "start": directives.unchanged,
        "breaks": _breaks,
        "days": _days,
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
    return (lesson_plan(env), tuple(view))


def _hhmm(minutes: int, days: bool = False) -> str:
    """The clock time of ``minutes`` after midnight; past that midnight, with its
    day (in a schedule of several ``days``, "next day": "day 2" would be the
    schedule's second day)."""
    time = f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    day = minutes // (24 * 60)
    if day == 1 and days:
        # TRANSLATORS: a clock time past midnight in one day of a multi-day schedule
        return _("%(time)s (next day)") % {"time": time}
    # TRANSLATORS: a clock time in the schedule of a lesson that goes past midnight
    return _("%(time)s (day %(day)d)") % {"time": time, "day": day + 1} if day else time


class BuildSchedules(SphinxPostTransform):
    """Fill every schedule placeholder with the lesson's timetable."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        for number, placeholder in enumerate(list(self.document.findall(schedule_table))):
            here = page_of(self.env, placeholder)
            days = timetable(self.env, placeholder["start"], {here})
            tables = [self._table(placeholder, day, len(days) > 1) for day in days]
            for count, table in enumerate(tables):
                suffix = f"-day{count + 1}" if count else ""
                table["ids"].append(f"refinery-schedule-{number}{suffix}")
            if len(days) == 1:
                caption = _("Total: %d min") % days[0].minutes
                tables[0].insert(0, nodes.title(caption, caption))
                placeholder.replace_self(tables[0])
                continue
            for count, (day, table) in enumerate(zip(days, tables, strict=True), start=1):
                # TRANSLATORS: the caption of one day's table in a multi-day schedule
                caption = _("Day %(day)d, %(start)s to %(finish)s: %(minutes)d min") % {
                    "day": count,
                    "start": _hhmm(day.start, True),
                    "finish": _hhmm(day.stop, True),
                    "minutes": day.minutes,
                }
                table.insert(0, nodes.title(caption, caption))
            total = sum(day.minutes for day in days)
            summary = _("Total: %(minutes)d min in %(days)d days") % {
                "minutes": total,
                "days": len(days),
            }
            container = nodes.container(classes=["refinery-schedule-days"])
            container += [*tables, nodes.paragraph(summary, summary)]
            placeholder.replace_self(container)

    def _table(self, placeholder: schedule_table, day: Day, days: bool) -> nodes.table:
        rows: list[tuple[str, nodes.Node, str, str]] = []
        for row in day.rows:
            if row.docname:
                title = self.env.titles.get(row.docname)
                text = nodes.Text(title.astext() if title else row.docname)
                target = link(self.env, placeholder, row.docname, "", text)
                timings = (_fmt(row.teaching), _fmt(row.exercises))
                rows.append((_hhmm(row.clock, days), target, *timings))
            else:
                # TRANSLATORS: a break in the schedule and its length
                label = _("%(break)s (%(minutes)d min)") % {
                    "break": row.label or _("Break"),
                    "minutes": row.minutes,
                }
                rows.append((_hhmm(row.clock, days), nodes.emphasis(label, label), "", ""))
        rows.append((_hhmm(day.stop, days), nodes.strong("", _("Finish")), "", ""))
        table = _make_table(
            [_("Time"), _("Episode"), _("Teaching (min)"), _("Exercises (min)")],
            rows,
            widths=[16, 36, 12, 12],
        )
        table["classes"] += placeholder["classes"]
        return table


def _fmt(value: int | None) -> str:
    return "" if value is None else str(value)


def _make_table(headers: list[str], rows, widths: list[int]) -> nodes.table:
    """A table; ``widths`` are in characters (text output) and relative elsewhere,
    given to every output (so the tables of a lesson's days line up)."""
    table = nodes.table(classes=["colwidths-given"])
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
    warn_second_plans(env)
    if not data.aggregate_pages("schedule"):
        return
    for docname in episodes(env, set(lesson_plan(env)[1].exclude)):
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
