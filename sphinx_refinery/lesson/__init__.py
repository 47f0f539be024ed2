"""The cross-document lesson model: what is known about each document
(:mod:`.data`), exercise numbering, aggregated pages, episodes and their
schedule, solutions, and links between pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compat import setup_in_order
from . import (
    aggregates,
    data,
    episodes,
    exercises,
    links,
    quizzes,
    schedule,
    solutions,
    withheld,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    setup_in_order(
        app, data, exercises, quizzes, aggregates, episodes, schedule, solutions, withheld, links
    )
