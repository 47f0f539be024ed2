"""Mermaid diagrams in every builder, drawn or as their readable source text.

Lessons write diagrams as ```` ```mermaid ```` code fences (Carpentries
Workbench, many Markdown sites) or as the ``{mermaid}`` directive of
``sphinxcontrib-mermaid``.  Three things keep both readable and quiet:

* **A lexer**: ``mermaid`` is registered as a small Pygments lexer (unless
  Pygments has one already), so a ```` ```mermaid ```` fence or
  ``{code-block} mermaid`` shows its source lightly highlighted instead of
  warning ``Pygments lexer name 'mermaid' is not known``.  As with the
  Workbench's ``error``/``output`` languages, registering a lexer keeps the
  author's fence as it is (and serves lessons read in place).
* **A caption** (:class:`CaptionDiagramSources`, while reading): such a code
  block without a caption of its own gets "Diagram source (Mermaid)", in
  the lesson's language, so a reader knows it describes a picture.
* **Source where nothing draws** (:class:`DiagramsAsSource`, per builder):
  ``sphinxcontrib-mermaid`` draws in the browser (HTML: its source in a
  ``<pre class="mermaid">``, which stays readable without JavaScript) or with
  the ``mmdc`` command (LaTeX, Texinfo, image output).  Where neither can
  draw (text, man, EPUB without images, LaTeX without ``mmdc``, which would
  warn and drop the diagram, text which would print only ``[graph]``), its
  node becomes the same captioned code block of its source.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from pygments.lexer import RegexLexer, bygroups
from pygments.lexers import LEXERS
from pygments.token import Comment, Keyword, Name, Operator, Punctuation, String, Text, Whitespace
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import builder_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

_ = get_translation("sphinx_refinery")

LANGUAGE = "mermaid"
#: The module of sphinxcontrib-mermaid, whose ``mermaid`` node holds a diagram.
EXTENSION = "sphinxcontrib.mermaid"

_DIAGRAM_TYPES = (
    r"flowchart|graph|sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|journey"
    r"|gantt|pie|quadrantChart|requirementDiagram|gitGraph|mindmap|timeline|sankey(?:-beta)?"
    r"|xychart(?:-beta)?|block(?:-beta)?|packet(?:-beta)?|kanban|architecture(?:-beta)?"
    r"|C4Context|C4Container|C4Component|C4Dynamic|C4Deployment|zenuml|radar(?:-beta)?"
)


class MermaidLexer(RegexLexer):
    """Mermaid diagram source: comments, the diagram type, accessibility lines,
    quoted labels and arrows; everything else plain (it never yields an error)."""

    name = "Mermaid"
    aliases: ClassVar[list[str]] = [LANGUAGE]
    filenames: ClassVar[list[str]] = ["*.mmd", "*.mermaid"]
    tokens: ClassVar[dict] = {
        "root": [
            (r"%%.*?$", Comment.Single),
            (rf"^([^\S\n]*)({_DIAGRAM_TYPES})\b", bygroups(Whitespace, Keyword)),
            (
                r"^([^\S\n]*)(accTitle|accDescr)([^\S\n]*:)(.*?)$",
                bygroups(Whitespace, Keyword, Punctuation, String),
            ),
            (
                r"^([^\S\n]*)(accDescr)([^\S\n]*)(\{)",
                bygroups(Whitespace, Keyword, Whitespace, Punctuation),
                "description",
            ),
            (r'"[^"\n]*"', String.Double),
            (r"\|[^|\n]*\|", String),
            (r"<?[-=.~]{2,}>*|<?[-=.~]+>+", Operator),
            (r"[\[\](){}:;,|]", Punctuation),
            (r"[^\W\d]\w*", Name),
            (r"\n|[^\S\n]+", Whitespace),
            (r".", Text),
        ],
        # accDescr { ... }: prose, over as many lines as it takes.
        "description": [(r"[^}]+", String), (r"\}", Punctuation, "#pop")],
    }


def register_lexer(app: Sphinx) -> None:
    """``mermaid`` as :class:`MermaidLexer`, unless Pygments has a lexer of that
    name.  Only Pygments' own lexers are looked at: looking for plugins reads
    the metadata of every installed package, a tenth of a small build."""
    if not any(LANGUAGE in aliases for _module, _name, aliases, *_rest in LEXERS.values()):
        app.add_lexer(LANGUAGE, MermaidLexer)


def source_block(code: str, document: nodes.document, *, caption: bool = True) -> nodes.Element:
    """A code block of a diagram's ``code``, captioned as a diagram's source."""
    literal = nodes.literal_block(code, code, language=LANGUAGE)
    if not caption:
        return literal
    wrapper = with_caption(literal, document)
    wrapper += literal
    return wrapper


def with_caption(literal: nodes.literal_block, document: nodes.document) -> nodes.container:
    """The captioned container for ``literal``, as Sphinx's ``code-block :caption:``
    makes it, with an id (a numbered caption needs one)."""
    text = _("Diagram source (Mermaid)")
    caption = nodes.caption(text, text)
    caption.source, caption.line = literal.source, literal.line
    wrapper = nodes.container("", caption, classes=["literal-block-wrapper"], literal_block=True)
    wrapper.source, wrapper.line = literal.source, literal.line
    document.note_implicit_target(wrapper)
    return wrapper


class CaptionDiagramSources(SphinxTransform):
    """Give a ``mermaid`` code block without a caption the caption of a diagram's source."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for literal in list(self.document.findall(nodes.literal_block)):
            parent = literal.parent
            if literal.get("language") != LANGUAGE or (
                isinstance(parent, nodes.container) and parent.get("literal_block")
            ):
                continue
            wrapper = with_caption(literal, self.document)
            literal.replace_self(wrapper)
            wrapper += literal


def draws_diagrams(builder: Builder) -> bool:
    """Whether sphinxcontrib-mermaid draws a diagram for this builder."""
    config = builder.config
    if builder.format not in ("html", "latex", "texinfo"):
        return False  # text, man, ...: it would write "[graph]" only
    in_browser = getattr(config, "mermaid_output_format", "raw") == "raw"
    if builder.format == "html" and in_browser:
        return not builder.name.startswith("epub")  # an EPUB runs no mermaid.js
    return _command_found(getattr(config, "mermaid_cmd", "mmdc"))


def _command_found(command: object) -> bool:
    try:
        words = shlex.split(command) if isinstance(command, str) else list(command)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False
    return bool(words) and shutil.which(str(words[0])) is not None


class DiagramsAsSource(SphinxPostTransform):
    """Where sphinxcontrib-mermaid cannot draw, its diagrams become their source text."""

    default_priority = 100

    def run(self, **kwargs) -> None:
        module = sys.modules.get(EXTENSION)
        node_class = getattr(module, LANGUAGE, None)
        if not isinstance(node_class, type) or draws_diagrams(builder_of(self.env)):
            return
        diagram: nodes.Element
        for diagram in list(self.document.findall(node_class)):
            in_figure = isinstance(diagram.parent, nodes.figure)  # captioned by the author
            code = str(diagram.get("code", ""))
            diagram.replace_self(source_block(code, self.document, caption=not in_figure))


def setup(app: Sphinx) -> None:
    register_lexer(app)
    app.add_transform(CaptionDiagramSources)
    app.add_post_transform(DiagramsAsSource)
