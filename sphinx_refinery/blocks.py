"""The lesson vocabulary: one table of block kinds, their node and directive.

Every block (exercise, solution, objectives, ...) is a :class:`lesson_block`
node.  It subclasses docutils' generic ``admonition`` so that every builder
that has no visitor of its own for it (text, man, texinfo, ...) still renders
it as a titled admonition: nothing an author writes is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .compat import is_markdown_source

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
            if option in self.options and not self.options[option].strip():
                logger.warning(
                    __(":%s: needs a value, the label that links to this %s name, e.g. :%s: ex-1"),
                    option,
                    self.name,
                    option,
                    location=node,
                    type="refinery",
                    subtype="option",
                )
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


# --- MyST fences that do not nest as the author meant --------------------------

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"\{(?P<name>[^}\s]+)\}")
#: Directives whose content MyST parses as Markdown, so that fences inside nest.
MARKDOWN_CONTAINERS = frozenset(
    {name for kind in BLOCK_KINDS for name in kind.directive_names}
    | {"tabs", "tab", "group-tab", "admonition", "attention", "danger", "error", "important"}
    | {"note", "seealso", "tip", "warning", "topic", "sidebar", "margin", "dropdown", "div"}
)


@dataclass(frozen=True)
class Fence:
    """An opening fence: its characters (```````), directive name ("" for code), line."""

    chars: str
    name: str
    line: int
    #: The language of a code fence.
    language: str = ""

    @property
    def markdown(self) -> bool:
        """Whether MyST parses the content as Markdown (fences inside it nest)."""
        return self.name in MARKDOWN_CONTAINERS

    def __str__(self) -> str:
        return f"{self.chars}{{{self.name}}}" if self.name else self.chars + self.language


@dataclass(frozen=True)
class FenceProblem:
    """A fence that closes its enclosing directive (``outer`` set) or is never closed."""

    fence: Fence
    outer: Fence | None = None


def fence_problems(text: str, colon_fences: bool = True) -> list[FenceProblem]:
    """Fences of a MyST text that do not nest as meant.

    A fence inside a directive whose content is Markdown, of the same
    character and at least as long as the directive's fence: its closing line
    closes the directive.  And directives never closed.  The scan follows the
    nesting the author meant, so that each mistake is reported once.
    """
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    stack: list[Fence] = []
    problems = []
    for number, line in enumerate(lines[start:], start + 1):
        match = _FENCE.match(line)
        if not match or (match["fence"][0] == ":" and not colon_fences):
            continue
        chars, info = match["fence"], match["info"].strip()
        if chars[0] == "`" and "`" in info:
            continue  # inline code at the start of a line
        outer = stack[-1] if stack else None
        same = outer is not None and outer.chars[0] == chars[0] and len(chars) >= len(outer.chars)
        if same and not info:
            stack.pop()
            continue
        if outer is not None and not outer.markdown:
            continue  # literal content
        directive = _DIRECTIVE.match(info)
        if directive:
            fence = Fence(chars, directive["name"], number)
        else:
            fence = Fence(chars, "", number, info.split(" ")[0])
        if same:
            problems.append(FenceProblem(fence, outer))
        stack.append(fence)
    return problems + [FenceProblem(fence) for fence in stack if fence.name]


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about MyST fences that close the wrong directive."""
    if not is_markdown_source(app, docname):
        return
    extensions = getattr(app.config, "myst_enable_extensions", None) or ()
    for problem in fence_problems(source[0], colon_fences="colon_fence" in extensions):
        fence, outer = problem.fence, problem.outer
        if outer is not None:
            longer = Fence(outer.chars[0] * (len(outer.chars) + 1), outer.name, outer.line)
            message = __(
                "%s is inside %s (line %d) and its fence is at least as long, so its "
                "closing line closes %s instead: make the outer fence longer, e.g. %s"
            ) % (fence, outer, outer.line, outer, longer)
        else:
            message = __(
                "%s is never closed, so the rest of the file is inside it: close it with "
                "a line of %s"
            ) % (fence, fence.chars)
        logger.warning(message, location=(docname, fence.line), type="refinery", subtype="fence")


def setup(app: Sphinx) -> None:
    app.add_node(lesson_block)
    for kind in BLOCK_KINDS:
        directive = directive_for(kind)
        for name in kind.directive_names:
            app.add_directive(name, directive, override=True)
    app.connect("doctree-read", mark_collapsible_admonitions)
    # After the Carpentries and Workbench rewrites (450, 500), which write MyST.
    app.connect("source-read", check_fences, priority=800)
