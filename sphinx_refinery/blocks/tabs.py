"""Tabs in sphinx-tabs syntax: ``tabs`` holding ``tab``, ``group-tab`` and ``code-tab``.

Lessons written for sphinx-lesson use sphinx-tabs, so the same directives
are accepted here, in reST and in MyST (backtick or colon fences, nested)::

    .. tabs::

       .. group-tab:: Linux

          Content ...

       .. code-tab:: py   (label defaults to the language's name, "Python")

          print("hello")

Doctree: a :class:`tab_set` holds :class:`tab_panel` nodes, each starting
with a :class:`tab_label`.  Group and code tabs carry a ``sync`` key (their
label), which the script uses to keep every tab set of the page on the same
choice and to remember it across pages.

Output:

* Web HTML (html, dirhtml, singlehtml): every panel is written in order,
  each with its label as a visible heading-like line, so the page reads
  well without JavaScript.  ``static/tabs.js`` then builds a WAI-ARIA tab
  list from the labels and hides the inactive panels.  Ids are made at
  write time by the translator, hence unique per written page even when
  singlehtml joins documents or an exercise list copies blocks.
* Everything else (latex, text, man, texinfo, epub and other embedded
  HTML): once references are resolved the nodes become plain containers,
  each label a bold paragraph followed by its content, so nothing is lost.

Coexistence with sphinx-tabs: when the project loads ``sphinx_tabs.tabs``
itself, its authors asked for sphinx-tabs, so these directives are not
registered at all (the syntax is the same, so removing ``sphinx_tabs.tabs``
from ``extensions`` is all it takes to switch).  The decision is taken at
``config-inited``, when every extension is loaded whatever the order of
``extensions``, so neither side warns about a directive registered twice.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound
from sphinx.directives.code import CodeBlock
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..warnings import TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: The extension whose presence makes these directives step aside.
SPHINX_TABS = "sphinx_tabs.tabs"
#: Prefix of every id and class this module writes.
PREFIX = "refinery-tabs"


# The nodes subclass plain docutils nodes, so that any translator without
# visitors of its own still renders them (as containers and a paragraph).


class tab_set(nodes.container):
    """A set of tabs; children are :class:`tab_panel` nodes."""


class tab_panel(nodes.container):
    """One tab: a :class:`tab_label` then the content.

    Attributes: ``kind`` (``tab``, ``group-tab`` or ``code-tab``) and
    ``sync`` (the key shared by tabs that switch together; empty if none).
    """


class tab_label(nodes.paragraph):
    """The label of a tab (inline markup allowed)."""


# -- directives ---------------------------------------------------------------


class TabsDirective(SphinxDirective):
    """``tabs``: a set of ``tab``, ``group-tab`` or ``code-tab`` directives, and
    possibly other content, shown whichever tab is chosen."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        node = tab_set(classes=self.options.get("class", []))
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        # Other content (a paragraph, a figure) stays where it is written and shows
        # whichever tab is chosen, as in sphinx-tabs; a set without tabs is a mistake.
        if not any(isinstance(child, tab_panel) for child in node.children):
            logger.warning(
                __("a tabs directive should contain only tab, group-tab or code-tab directives"),
                location=node,
                type=TYPE,
                subtype=Subtype.TABS,
            )
        return [node]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _directive_line_words(directive: SphinxDirective) -> list[str] | None:
    """The words after ``::`` on a reST directive's own line (None in MyST)."""
    first = directive.block_text.split("\n", 1)[0].lstrip()
    if not first.startswith("..") or "::" not in first:
        return None
    return first.split("::", 1)[1].split()


def _below_the_line(directive: SphinxDirective, argument: str) -> tuple[str, StringList]:
    """Split a reST argument that docutils continued onto the lines below the
    directive (they stood before the first blank line) into what is on the
    directive's line and the rest, which is content, followed by the content.

    sphinx-tabs takes the directive's line as the label and everything below
    as the tab's content, so ``.. tab:: Linux`` with a ``literalinclude``
    right below it is a tab labelled "Linux" that includes the file.
    """
    on_line, _newline, below = argument.partition("\n")
    content = directive.content
    if not below:
        return on_line, content
    source = directive.get_source_info()[0]
    lines = below.split("\n")
    moved = StringList(lines, items=[(source, directive.lineno + i) for i in range(len(lines))])
    if content:
        moved.append("", source, directive.content_offset - 1)
        moved.extend(content)
    return on_line, moved


class TabDirective(SphinxDirective):
    """``tab``: one tab; the argument is its label, the content any body elements.

    As in sphinx-tabs, the label may instead be the first line of the content.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {"class": directives.class_option}
    kind: ClassVar[str] = "tab"
    kind_classes: ClassVar[tuple[str, ...]] = ()

    def run(self) -> list[nodes.Node]:
        content = self.content
        content_offset = self.content_offset
        if self.arguments:
            label_text, content = _below_the_line(self, self.arguments[0])
            if content is not self.content:
                content_offset = self.lineno
        elif content:
            label_text, content = content[0], content[1:]
            content_offset += 1
        else:
            label_text = ""
        label_text = _normalized(label_text)
        if not label_text:
            raise self.error(f"the {self.name} directive needs a label")

        panel = self.make_panel(label_text)
        self.state.nested_parse(content, content_offset, panel)
        return [panel]

    def make_panel(self, label_text: str, sync: str = "") -> tab_panel:
        """A panel with its parsed label and no content yet."""
        panel = tab_panel(
            kind=self.kind,
            sync=sync,
            classes=[*self.kind_classes, *self.options.get("class", [])],
        )
        self.set_source_info(panel)
        inline, messages = self.state.inline_text(label_text, self.lineno)
        label = tab_label(label_text, "", *inline)
        self.set_source_info(label)
        panel += label
        panel += messages
        return panel


class GroupTabDirective(TabDirective):
    """``group-tab``: a tab that switches with the tabs of the same label on the page."""

    kind = "group-tab"
    kind_classes = ("refinery-group-tab",)

    def make_panel(self, label_text: str, sync: str = "") -> tab_panel:
        return super().make_panel(label_text, sync=label_text)


@cache
def language_label(language: str) -> str:
    """The display name of a highlighting language (``py`` -> ``Python``)."""
    try:
        return find_lexer_class_by_name(language).name
    except ClassNotFound:
        return language


class CodeTabDirective(CodeBlock):
    """``code-tab LANGUAGE [LABEL]``: a tab holding one highlighted code block.

    Accepts the options of ``code-block`` (``linenos``, ``emphasize-lines``,
    ``caption``, ``dedent``, ...).  Code tabs of the same label switch
    together, as in sphinx-tabs.
    """

    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        language = self.arguments[0]
        label_text = self.arguments[1] if len(self.arguments) > 1 else ""
        words = _directive_line_words(self)
        if label_text and words is not None:
            # reST: only the directive's line holds arguments (see _below_the_line).
            if len(words) < 2:
                label_text = "\n" + label_text
            label_text, self.content = _below_the_line(self, label_text)
        label_text = _normalized(label_text)
        label_text = label_text or language_label(language)
        self.arguments = [language]
        panel = tab_panel(
            kind="code-tab",
            sync=label_text,
            classes=["refinery-code-tab"],
        )
        self.set_source_info(panel)
        label = tab_label(label_text, label_text)
        self.set_source_info(label)
        panel += label
        panel += super().run()
        return [panel]


def check_tab_placement(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about tabs that are not directly inside a ``tabs`` set (their content is kept)."""
    for panel in doctree.findall(tab_panel):
        if not isinstance(panel.parent, tab_set):
            logger.warning(
                __("the %s directive should be placed directly inside a tabs directive"),
                panel["kind"],
                location=panel,
                type=TYPE,
                subtype=Subtype.TABS,
            )


# -- web HTML -------------------------------------------------------------------


def _new_id(translator: HTML5Translator, stem: str) -> str:
    """An id not yet used on the page being written."""
    counter = getattr(translator, "_refinery_tabs_counter", 0)
    known = translator.document.ids
    while True:
        counter += 1
        candidate = f"{stem}-{counter}"
        if candidate not in known:
            translator._refinery_tabs_counter = counter  # type: ignore[attr-defined]  # ours
            return candidate


def _start_tag(
    translator: HTML5Translator,
    node: nodes.Element,
    tag: str,
    classes: list[str],
    attributes: dict[str, str],
    suffix: str = "\n",
) -> str:
    """An opening tag; written by hand so that the node's ``ids`` stay untouched."""
    all_classes = " ".join(dict.fromkeys([*classes, *node["classes"]]))
    parts = [f'class="{translator.attval(all_classes)}"']
    parts += [f'{name}="{translator.attval(value)}"' for name, value in attributes.items()]
    return f"<{tag} {' '.join(parts)}>{suffix}"


def visit_tab_set_html(translator: HTML5Translator, node: tab_set) -> None:
    set_id = _new_id(translator, PREFIX)
    node["html_id"] = set_id
    translator.body.append(_start_tag(translator, node, "div", [PREFIX], {"id": set_id}))


def depart_tab_set_html(translator: HTML5Translator, node: tab_set) -> None:
    translator.body.append("</div>\n")


def visit_tab_panel_html(translator: HTML5Translator, node: tab_panel) -> None:
    parent = node.parent
    if isinstance(parent, tab_set) and parent.get("html_id"):
        index = sum(
            1 for sibling in parent.children[: parent.index(node)] if isinstance(sibling, tab_panel)
        )
        panel_id = f"{parent['html_id']}-panel-{index + 1}"
    else:
        panel_id = _new_id(translator, f"{PREFIX}-panel")
    attributes = {"id": panel_id}
    if node.get("sync"):
        attributes["data-refinery-tab-sync"] = node["sync"]
    translator.body.append(_start_tag(translator, node, "div", ["refinery-tab-panel"], attributes))


def depart_tab_panel_html(translator: HTML5Translator, node: tab_panel) -> None:
    translator.body.append("</div>\n")


def visit_tab_label_html(translator: HTML5Translator, node: tab_label) -> None:
    translator.body.append(_start_tag(translator, node, "p", ["refinery-tab-label"], {}, suffix=""))


def depart_tab_label_html(translator: HTML5Translator, node: tab_label) -> None:
    translator.body.append("</p>\n")


# -- everything else ------------------------------------------------------------


def is_interactive(app: Sphinx) -> bool:
    """Whether the builder writes web pages, where tabs are interactive."""
    builder = app.builder
    return builder.format == "html" and not getattr(builder, "embedded", False)


def flatten_tabs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For builders other than web HTML, write every tab as label + content."""
    if is_interactive(app):
        return
    # Innermost first, so that the nodes being replaced are always in the tree.
    for panel in reversed(list(doctree.findall(tab_panel))):
        container = nodes.container(classes=["refinery-tab-panel", *panel["classes"]])
        container.source, container.line = panel.source, panel.line
        for child in panel.children:
            if isinstance(child, tab_label):
                # The label node stays (a paragraph, so every translator knows it,
                # and gettext still finds it), its text in bold.
                strong = nodes.strong(child.astext(), "", *child.children)
                del child[:]
                child += strong
                child["classes"].append("refinery-tab-label")
                container += child
            else:
                container += child
        panel.replace_self(container)
    for tabs in reversed(list(doctree.findall(tab_set))):
        container = nodes.container("", *tabs.children, classes=[PREFIX, *tabs["classes"]])
        container.source, container.line = tabs.source, tabs.line
        tabs.replace_self(container)


# -- setup ---------------------------------------------------------------------


def register_directives(app: Sphinx, config: Config) -> None:
    """Register the directives unless the project uses sphinx-tabs itself."""
    if SPHINX_TABS in app.extensions:
        logger.info(__("sphinx_refinery: %s is loaded, so its tabs are used"), SPHINX_TABS)
        return
    app.add_directive("tabs", TabsDirective)
    app.add_directive("tab", TabDirective)
    app.add_directive("group-tab", GroupTabDirective)
    app.add_directive("code-tab", CodeTabDirective)


def setup(app: Sphinx) -> None:
    app.add_node(tab_set, html=(visit_tab_set_html, depart_tab_set_html))
    app.add_node(tab_panel, html=(visit_tab_panel_html, depart_tab_panel_html))
    app.add_node(tab_label, html=(visit_tab_label_html, depart_tab_label_html))
    app.connect("config-inited", register_directives)
    app.connect("doctree-read", check_tab_placement)
    app.connect("doctree-resolved", flatten_tabs)
