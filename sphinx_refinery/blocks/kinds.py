"""The table of lesson block kinds: everything that varies between kinds.

Adding a kind is one line in :data:`BLOCK_KINDS` (and its translation), then
``python -m sphinx_refinery._generate``, which writes the per-kind CSS and
LaTeX styles from this table (``--check`` tells whether they are current).
Directives, the Workbench and Carpentries converters read the table itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sphinx.locale import get_translation

_ = get_translation("sphinx_refinery")

#: The class every lesson block has (what all kinds share is styled through it).
BLOCK_CLASS = "refinery-block"
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
    #: Name of its icon (:data:`.icons.ICONS`).
    icon: str = "info"
    collapsible: bool = False
    audience: Literal["all", "instructor"] = "all"
    #: Other directive names that render exactly as this kind.
    aliases: tuple[str, ...] = ()
    #: Numbered, labelled and listed like an exercise.
    exercise: bool = False
    #: Belongs to the exercise it is nested in or follows.
    solution: bool = False
    #: Colour family (``--refinery-<colour>`` and ``-tint``, light and dark in the
    #: theme's ``assets/css/00-variables.css``) of the stripe, icon and title bar.
    colour: str = "grey"
    #: In LaTeX: the Sphinx notice type whose frame it takes, and its colour (hex).
    latex_notice: str = "note"
    latex_colour: str = "5C6BC0"
    #: The Workbench (pandoc fenced div) class written for this kind, if any:
    #: one of :attr:`directive_names`.
    workbench_class: str = ""
    #: Carpentries (kramdown) classes besides the directive names.
    carpentries_classes: tuple[str, ...] = ()

    @property
    def directive_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def default_title(self) -> str:
        return str(_(self.title))


BLOCK_KINDS: tuple[BlockKind, ...] = (
    BlockKind("demo", "Demo", icon="demo", colour="teal", latex_colour="1E88E5"),
    BlockKind(
        "type-along",
        "Type-Along",
        ("important",),
        icon="keyboard",
        colour="teal",
        latex_notice="important",
        latex_colour="00897B",
    ),
    BlockKind(
        "exercise",
        "Exercise",
        ("important",),
        icon="exercise",
        aliases=("challenge",),
        exercise=True,
        colour="orange",
        latex_notice="important",
        latex_colour="EF6C00",
        workbench_class="challenge",
    ),
    BlockKind(
        "solution",
        "Solution",
        ("important", "dropdown"),
        icon="solution",
        collapsible=True,
        solution=True,
        colour="green",
        latex_notice="important",
        latex_colour="2E7D32",
        workbench_class="solution",
    ),
    BlockKind(
        "homework",
        "Homework",
        ("important",),
        icon="homework",
        colour="orange",
        latex_notice="important",
        latex_colour="6A1B9A",
    ),
    BlockKind(
        "instructor-note",
        "Instructor note",
        icon="instructor",
        audience="instructor",
        aliases=("instructor",),
        colour="pink",
        latex_colour="795548",
        workbench_class="instructor",
        carpentries_classes=("instructor-notes",),
    ),
    BlockKind(
        "prerequisites",
        "Prerequisites",
        icon="prerequisites",
        aliases=("prereq",),
        latex_notice="tip",
        latex_colour="546E7A",
        workbench_class="prereq",
        carpentries_classes=("prerequisite",),
    ),
    BlockKind(
        "discussion",
        "Discussion",
        ("important",),
        icon="discussion",
        colour="purple",
        latex_notice="important",
        latex_colour="8E24AA",
        workbench_class="discussion",
    ),
    BlockKind(
        "questions",
        "Questions",
        icon="questions",
        colour="purple",
        latex_notice="tip",
        latex_colour="0277BD",
        workbench_class="questions",
        carpentries_classes=("question",),
    ),
    BlockKind(
        "objectives",
        "Objectives",
        icon="objectives",
        colour="blue",
        latex_notice="tip",
        latex_colour="00838F",
        workbench_class="objectives",
        carpentries_classes=("objective",),
    ),
    BlockKind(
        "keypoints",
        "Keypoints",
        icon="keypoints",
        colour="green",
        latex_notice="tip",
        latex_colour="43A047",
        workbench_class="keypoints",
        carpentries_classes=("keypoint",),
    ),
    BlockKind(
        "callout",
        "Callout",
        icon="callout",
        colour="yellow",
        latex_colour="F9A825",
        workbench_class="callout",
    ),
    BlockKind(
        "checklist",
        "Checklist",
        icon="checklist",
        colour="green",
        latex_notice="tip",
        latex_colour="00796B",
        workbench_class="checklist",
    ),
    BlockKind(
        "testimonial",
        "Testimonial",
        icon="testimonial",
        colour="pink",
        latex_colour="AD1457",
        workbench_class="testimonial",
    ),
    BlockKind("output", "Output", icon="output", latex_colour="616161"),
    BlockKind(
        "hint",
        "Hint",
        icon="hint",
        collapsible=True,
        solution=True,
        colour="yellow",
        latex_notice="hint",
        latex_colour="C49000",
        workbench_class="hint",
    ),
    BlockKind(
        "spoiler",
        "Details",
        icon="spoiler",
        collapsible=True,
        latex_colour="757575",
        workbench_class="spoiler",
    ),
    BlockKind(
        "quiz",
        "Question",
        icon="questions",
        colour="blue",
        latex_notice="tip",
        latex_colour="3949AB",
    ),
    BlockKind(
        "caution",
        "Caution",
        icon="caution",
        colour="red",
        latex_notice="caution",
        latex_colour="C62828",
        workbench_class="caution",
    ),
)

KINDS_BY_NAME: dict[str, BlockKind] = {kind.name: kind for kind in BLOCK_KINDS}


def collapsible_state(classes: list[str], default: bool) -> str | None:
    """Sphinx's ``collapsible`` value ("open"/"closed") for these classes."""
    if not (default or COLLAPSE_CLASSES.intersection(classes)):
        return None
    return "open" if OPEN_CLASSES.intersection(classes) else "closed"
