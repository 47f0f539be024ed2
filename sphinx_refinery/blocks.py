"""The lesson vocabulary: one table of block kinds, their node and directive.

Every block (exercise, solution, objectives, ...) is a :class:`lesson_block`
node.  It subclasses docutils' generic ``admonition`` so that every builder
that has no visitor of its own for it (text, man, texinfo, ...) still renders
it as a titled admonition: nothing an author writes is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

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


def kind_of(node: nodes.Element) -> BlockKind | None:
    """The kind of a lesson block node (None for other nodes)."""
    if isinstance(node, lesson_block):
        return KINDS_BY_NAME.get(node.get("kind", ""))
    return None


class lesson_block(nodes.admonition):
    """A lesson block.  Attributes: ``kind``, ``collapsible``, ``custom_title``,
    ``nonumber``, ``title_arg`` and, after collection, ``refinery_doc``."""


def anchor_of(node: nodes.Element) -> str:
    """The id links to a block use: its label's id, else the serial id."""
    serial = node.get("refinery_serial_id")
    labelled = [node_id for node_id in node["ids"] if node_id != serial]
    return (labelled or node["ids"] or [""])[0]


def collapsible_state(classes: list[str], default: bool) -> str | None:
    """Sphinx's ``collapsible`` value ("open"/"closed") for these classes."""
    if not (default or COLLAPSE_CLASSES.intersection(classes)):
        return None
    return "open" if OPEN_CLASSES.intersection(classes) else "closed"


class LessonBlockDirective(SphinxDirective):
    """Base directive of every lesson block; :func:`directive_for` makes one per kind."""

    kind: ClassVar[BlockKind]
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "class": directives.class_option,
        "name": directives.unchanged,
        "label": directives.unchanged,
        "nonumber": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.kind
        title_arg = self.arguments[0].strip() if self.arguments else ""
        title_text = title_arg or kind.default_title()
        user_classes: list[str] = self.options.get("class", [])

        node = lesson_block("\n".join(self.content), kind=kind.name)
        self.set_source_info(node)
        node["title_arg"] = title_arg
        node["directive_name"] = self.name
        node["custom_title"] = bool(title_arg)
        if "nonumber" in self.options:
            node["nonumber"] = True
            if not kind.exercise:
                logger.warning(
                    __(":nonumber: has no effect on a %s: only exercises are numbered"),
                    self.name,
                    location=node,
                    type="refinery",
                    subtype="option",
                )
        if not user_classes:
            node["classes"].append("admonition-" + nodes.make_id(title_text))
        node["classes"].extend(user_classes)
        node["classes"].append(kind.name)
        node["classes"].extend(c for c in kind.extra_classes if c not in node["classes"])
        if state := collapsible_state(node["classes"], kind.collapsible):
            node["collapsible"] = state
        if not self.content:
            node["classes"].append("admonition-no-content")

        title_nodes, messages = self.state.inline_text(title_text, self.lineno)
        title = nodes.title(title_text, "", *title_nodes)
        self.set_source_info(title)
        node += title

        for option in ("name", "label"):
            if name := self.options.get(option, "").strip():
                self.options["name"] = name
                self.add_name(node)
        # sphinx-lesson wrote a serial id per kind (exercise-0, ...): keep it,
        # after the label's own id so that links use the readable one.
        serial_id = f"{kind.name}-{self.env.new_serialno('refinery-' + kind.name)}"
        node["ids"].append(serial_id)
        node["refinery_serial_id"] = serial_id

        if self.content:
            self.state.nested_parse(self.content, self.content_offset, node)
        return [node, *messages]


def directive_for(kind: BlockKind) -> type[LessonBlockDirective]:
    """A directive class bound to ``kind``."""
    class_name = "".join(part.capitalize() for part in kind.name.split("-")) + "Directive"
    return type(class_name, (LessonBlockDirective,), {"kind": kind})


def mark_collapsible_admonitions(app: Sphinx, doctree: nodes.document) -> None:
    """Stock admonitions with ``:class: dropdown`` collapse like sphinx-lesson's."""
    for node in doctree.findall(nodes.Admonition):
        if "collapsible" in node:
            continue
        if state := collapsible_state(node["classes"], default=False):
            node["collapsible"] = state


def setup(app: Sphinx) -> None:
    app.add_node(lesson_block)
    for kind in BLOCK_KINDS:
        directive = directive_for(kind)
        for name in kind.directive_names:
            app.add_directive(name, directive, override=True)
    app.connect("doctree-read", mark_collapsible_admonitions)
