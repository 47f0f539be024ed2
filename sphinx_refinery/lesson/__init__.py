"""The cross-document lesson model: what is known about each document
(:mod:`.data`), exercise numbering, aggregated pages, episodes and their
schedule, solutions, and links between pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import aggregates, data, episodes, exercises, links, schedule, solutions, withheld

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    data.setup(app)
    exercises.setup(app)
    aggregates.setup(app)
    episodes.setup(app)
    schedule.setup(app)
    solutions.setup(app)
    withheld.setup(app)
    links.setup(app)
