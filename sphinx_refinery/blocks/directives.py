"""The directive of every lesson block kind, and collapsible admonitions."""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..compat import declarations_kept_inside
from ..warnings import TYPE, Subtype
from .kinds import BLOCK_CLASS, KINDS_BY_NAME, BlockKind, collapsible_state
from .nodes import lesson_block

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


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
                    type=TYPE,
                    subtype=Subtype.OPTION,
                )
        if not user_classes:
            node["classes"].append("admonition-" + nodes.make_id(title_text))
        node["classes"].extend(user_classes)
        node["classes"].append(kind.name)
        node["classes"].extend(c for c in kind.extra_classes if c not in node["classes"])
        node["classes"].append(BLOCK_CLASS)
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
                    type=TYPE,
                    subtype=Subtype.OPTION,
                )
            label = nodes.fully_normalize_name(self.options.get(option, ""))
            if label and label not in node["names"]:
                node["names"].append(label)
        if node["names"]:
            # Both :name: and :label: are labels of the block: registered once,
            # as docutils' add_name does for one (twice would fail inside docutils).
            self.state.document.note_explicit_target(node, node)
        # sphinx-lesson wrote a serial id per kind (exercise-0, ...): keep it,
        # after the label's own id so that links use the readable one.
        serial_id = f"{kind.name}-{self.env.new_serialno('refinery-' + kind.name)}"
        node["ids"].append(serial_id)
        node["refinery_serial_id"] = serial_id

        if self.content:
            # What a note declares (a module, a program) stays in the note:
            # learners' objects after it are named as learners read them.
            instructors = kind.audience == "instructor"
            with declarations_kept_inside(self.env) if instructors else nullcontext():
                self.state.nested_parse(self.content, self.content_offset, node)
        return [node, *messages]


class ToggleDirective(LessonBlockDirective):
    """sphinx-togglebutton's ``toggle``: a collapsed block (a ``spoiler``),
    open with ``:show:``; a ``<details>`` in HTML, a titled box elsewhere."""

    kind = KINDS_BY_NAME["spoiler"]
    option_spec: ClassVar[OptionSpec] = {
        **LessonBlockDirective.option_spec,
        "show": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        if "show" in self.options:
            self.options["class"] = [*self.options.get("class", []), "toggle-shown"]
        result = super().run()
        result[0]["classes"].insert(0, "toggle")  # type: ignore[index]
        return result


#: Kinds whose directive reads its content itself (``quiz``): name -> base class.
OWN_DIRECTIVES: dict[str, type[LessonBlockDirective]] = {}


def directive_for(kind: BlockKind) -> type[LessonBlockDirective]:
    """A directive class bound to ``kind``."""
    class_name = "".join(part.capitalize() for part in kind.name.split("-")) + "Directive"
    base = OWN_DIRECTIVES.get(kind.name, LessonBlockDirective)
    return type(class_name, (base,), {"kind": kind})


def mark_stock_admonitions(app: Sphinx, doctree: nodes.document) -> None:
    """Stock admonitions with ``:class: dropdown`` collapse like sphinx-lesson's;
    those named or classed like a kind (``hint``, ``:class: exercise``) get
    :data:`.kinds.BLOCK_CLASS`, so that they look like that kind's blocks."""
    for node in doctree.findall(nodes.Element):
        if not isinstance(node, nodes.Admonition) or isinstance(node, lesson_block):
            continue
        classes = node["classes"]
        if BLOCK_CLASS not in classes and any(
            name in KINDS_BY_NAME for name in (node.tagname, *classes)
        ):
            classes.append(BLOCK_CLASS)
        if "collapsible" not in node and (state := collapsible_state(classes, default=False)):
            node["collapsible"] = state


def setup(app: Sphinx) -> None:
    """The node and the admonition marks; :mod:`.custom` registers the directives."""
    app.add_node(lesson_block)
    app.connect("doctree-read", mark_stock_admonitions)
