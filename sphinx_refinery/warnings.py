"""The kinds of warning the extension gives, in one place.

Every warning is logged with ``type="refinery"`` (:data:`TYPE`) and one of the
:class:`Subtype` members, so an author silences one kind with
``suppress_warnings = ["refinery.schedule"]`` (or all with ``"refinery"``).
The list in ``docs/configuration.md`` is checked against this table by a test.
"""

from __future__ import annotations

from enum import StrEnum

#: The ``type`` of every warning of the extension.
TYPE = "refinery"


class Subtype(StrEnum):
    """A kind of warning: its value is the ``subtype``; ``doc`` says what it is given for."""

    doc: str

    def __new__(cls, value: str, doc: str) -> Subtype:
        member = str.__new__(cls, value)
        member._value_ = value
        member.doc = doc
        return member

    CARPENTRIES = "carpentries", "Carpentries (Jekyll) markdown that cannot be read as written"
    CONFIG = "config", "a setting in conf.py with a value that is not allowed"
    DUPLICATE_LABEL = "duplicate_label", "two exercises with the same label"
    ENCODING = "encoding", "a source file that is not valid in the source encoding"
    FENCE = "fence", "a code fence that closes another one, or is never closed"
    LINK = "link", "a link whose address could run code (javascript: ...): left out"
    METADATA = "metadata", "episode metadata (timings, questions, ...) that cannot be read"
    NOTEBOOK = "notebook", "notebooks (.ipynb) left out because myst-nb is not installed"
    NUMREF = "numref", "a numref to an exercise without a number"
    OPTION = "option", "a directive option without effect or without its value"
    QUIZ = "quiz", "a quiz without a right answer, or whose options or answer cannot be read"
    SCHEDULE = (
        "schedule",
        "a schedule option that cannot be read, a second page that declares the schedule, "
        "an episode without timings",
    )
    SOLUTION = "solution", "a solution whose argument names no exercise"
    TABS = "tabs", "tabs directives not nested as sphinx-tabs expects"
    THEME = "theme", "a theme option that is refused (an address that is not a web address)"
    VIEWS = "views", "a lesson folder named like a view, where that view's copies would go"
    WORKBENCH = "workbench", "Carpentries Workbench markdown that cannot be read as written"
