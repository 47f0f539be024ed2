"""One schedule per lesson: its start, breaks and days, declared once, and the
timetable every schedule of the lesson shows (the home page's, the instructor
guide's, ...).

The ``schedule`` directive that has options (``:start:``, ``:breaks:``,
``:days:``, ``:exclude:``) declares the lesson's :class:`Plan`; it is kept
with its page (``DocumentData.schedule_plan``) and :func:`lesson_plan` finds it
for every schedule.  A page of the lesson may declare it only once
(:func:`warn_second_plans`).  :func:`timetable` turns the plan and the
episodes' timings into :class:`Day` objects, each with its own clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from ..warnings import TYPE, Subtype
from .data import lesson_data, lesson_order
from .episodes import episodes

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What a lesson declares about its schedule, once."""

    #: Minutes after midnight at which the first day starts (None: the
    #: ``refinery_schedule_start`` setting).
    start: int | None = None
    #: Per episode, the break after it: (minutes, label).
    breaks: tuple[tuple[str, int, str], ...] = ()
    #: Each day after the first: its first episode and its start (None: the
    #: first day's).
    days: tuple[tuple[str, int | None], ...] = ()
    #: Pages the schedule leaves out.
    exclude: tuple[str, ...] = ()


@dataclass
class Row:
    """One row of a day: an episode (``docname``) or a break (``label``)."""

    clock: int
    minutes: int
    docname: str = ""
    label: str = ""
    teaching: int | None = None
    exercises: int | None = None


@dataclass
class Day:
    start: int
    rows: list[Row] = field(default_factory=list)
    stop: int = 0

    @property
    def minutes(self) -> int:
        return self.stop - self.start

    def end(self) -> None:
        """Finish the day after its last episode: a break only sits between two."""
        if self.rows and not self.rows[-1].docname:
            self.rows.pop()
        last = self.rows[-1] if self.rows else None
        self.stop = last.clock + last.minutes if last else self.start


def lesson_plan(env: BuildEnvironment) -> tuple[str | None, Plan]:
    """The page that declares the lesson's schedule (first in lesson order), and its plan."""
    documents = lesson_data(env).documents
    declared = [name for name, document in documents.items() if document.schedule_plan]
    if not declared:
        return None, Plan()
    order = {name: index for index, name in enumerate(lesson_order(env))}
    first = min(declared, key=lambda name: (order.get(name, len(order)), name))
    return first, documents[first].schedule_plan


def timetable(env: BuildEnvironment, start: int, exclude: Set[str] = frozenset()) -> list[Day]:
    """The lesson's days: its episodes (but ``exclude`` and the plan's), each
    followed by its break (but the last of a day), each day from its own start
    (``start``: the plan's, or the setting's)."""
    _declared_on, plan = lesson_plan(env)
    data = lesson_data(env)
    breaks = {name: (minutes, label) for name, minutes, label in plan.breaks}
    new_days = dict(plan.days)
    first = plan.start if plan.start is not None else start
    days = [Day(first)]
    clock = first
    for docname in episodes(env, set(exclude) | set(plan.exclude)):
        if docname in new_days and days[-1].rows:
            days[-1].end()
            day_start = new_days[docname]
            clock = first if day_start is None else day_start
            days.append(Day(clock))
        info = data.documents[docname].episode
        minutes = info.minutes if info else 0
        teaching, exercises = (info.teaching, info.exercises) if info else (None, None)
        days[-1].rows.append(Row(clock, minutes, docname, "", teaching, exercises))
        clock += minutes
        pause, label = breaks.get(docname, ((info.break_minutes if info else 0), ""))
        if pause:
            days[-1].rows.append(Row(clock, pause, label=label))
            clock += pause
    days[-1].end()
    return days


def warn_second_plans(env: BuildEnvironment) -> None:
    """A lesson declares its schedule once: a second page that does gets a
    warning; so does a day that starts with a page the schedule does not list."""
    declared_on, plan = lesson_plan(env)
    if declared_on is None:
        return
    listed = set(episodes(env, set(plan.exclude)))
    for docname, _start in plan.days:
        if docname in env.found_docs and docname not in listed:
            logger.warning(
                __("schedule: :days: names %r, which is no episode of the schedule"),
                docname,
                location=(declared_on, lesson_data(env).documents[declared_on].schedule_line),
                type=TYPE,
                subtype=Subtype.SCHEDULE,
            )
    for name, document in sorted(lesson_data(env).documents.items()):
        if document.schedule_plan and name != declared_on:
            logger.warning(
                __(
                    "schedule: the lesson's start, breaks and days are declared on %r "
                    "already; every schedule shows that one: give a schedule's options "
                    "on one page only"
                ),
                declared_on,
                location=(name, document.schedule_line),
                type=TYPE,
                subtype=Subtype.SCHEDULE,
            )
