"""The table of lesson block kinds: everything that varies between kinds.

Adding a kind is one line in :data:`BLOCK_KINDS` (and its translation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sphinx.locale import get_translation

_ = get_translation("sphinx_refinery")

#: Classes that make any admonition collapsible (sphinx-lesson/togglebutton API).
COLLAPSE_CLASSES = frozenset({"dropdown", "toggle"})
#: Classes that make a collapsible block start open.
OPEN_CLASSES = frozenset({"toggle-shown", "dropdown-open"})


@dataclass(frozen=True)
class BlockKind:
    """One kind of lesson block and everything that varies between kinds."""

    name: str
    #: English default title; translated through the message catalog.
    title: str
    #: Classes after the kind's own slug, as sphinx-lesson writes them.
    extra_classes: tuple[str, ...] = ()
    #: Name of the theme's icon for this kind.
    icon: str = "info"
    collapsible: bool = False
    audience: Literal["all", "instructor"] = "all"
    #: Other directive names that render exactly as this kind.
    aliases: tuple[str, ...] = ()
    #: Numbered, labelled and listed like an exercise.
    exercise: bool = False
    #: Belongs to the exercise it is nested in or follows.
    solution: bool = False

    @property
    def directive_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def default_title(self) -> str:
        return str(_(self.title))


BLOCK_KINDS: tuple[BlockKind, ...] = (
    BlockKind("demo", "Demo", icon="demo"),
    BlockKind("type-along", "Type-Along", ("important",), icon="keyboard"),
    BlockKind(
        "exercise",
        "Exercise",
        ("important",),
        icon="exercise",
        aliases=("challenge",),
        exercise=True,
    ),
    BlockKind(
        "solution",
        "Solution",
        ("important", "dropdown"),
        icon="solution",
        collapsible=True,
        solution=True,
    ),
    BlockKind("homework", "Homework", ("important",), icon="homework"),
    BlockKind(
        "instructor-note",
        "Instructor note",
        icon="instructor",
        audience="instructor",
        aliases=("instructor",),
    ),
    BlockKind("prerequisites", "Prerequisites", icon="prerequisites", aliases=("prereq",)),
    BlockKind("discussion", "Discussion", ("important",), icon="discussion"),
    BlockKind("questions", "Questions", icon="questions"),
    BlockKind("objectives", "Objectives", icon="objectives"),
    BlockKind("keypoints", "Keypoints", icon="keypoints"),
    BlockKind("callout", "Callout", icon="callout"),
    BlockKind("checklist", "Checklist", icon="checklist"),
    BlockKind("testimonial", "Testimonial", icon="testimonial"),
    BlockKind("output", "Output", icon="output"),
    BlockKind("hint", "Hint", icon="hint", collapsible=True, solution=True),
    BlockKind("spoiler", "Details", icon="spoiler", collapsible=True),
    BlockKind("caution", "Caution", icon="caution"),
)

KINDS_BY_NAME: dict[str, BlockKind] = {kind.name: kind for kind in BLOCK_KINDS}


def collapsible_state(classes: list[str], default: bool) -> str | None:
    """Sphinx's ``collapsible`` value ("open"/"closed") for these classes."""
    if not (default or COLLAPSE_CLASSES.intersection(classes)):
        return None
    return "open" if OPEN_CLASSES.intersection(classes) else "closed"
