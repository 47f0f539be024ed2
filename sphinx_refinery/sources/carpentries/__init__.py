"""Carpentries (Jekyll/kramdown) lesson markdown, rewritten to MyST as it is read.

Old Carpentries episodes mark their blocks with kramdown attribute lines
(``{: .challenge}``) after blockquotes and code fences::

    > ## Sort the list
    >
    > Write a function that ...
    >
    > > ## Solution
    > > ~~~
    > > sorted(xs)
    > > ~~~
    > > {: .language-python}
    > {: .solution}
    {: .challenge}

A ``source-read`` hook rewrites such Markdown sources (never reST) to MyST
before they are parsed: the example above becomes a ``{challenge}`` titled
"Sort the list" containing a ``{solution}`` that contains a Python code
block.  What is converted:

* a blockquote directly followed by ``{: .kind}``, where *kind* is a lesson
  block directive name or alias (``challenge``, ``solution``, ``callout``,
  ``keypoints``, ``prereq``, ``instructor``, ...), becomes that directive; a
  leading ``## Title`` line becomes its title.  Nesting works to any depth:
  each enclosing directive's fence is longer than everything inside it.
  ``{: .quotation}`` keeps a plain blockquote; an unknown class keeps a plain
  blockquote too and reports a problem (a located build warning).  A
  kramdown id on that title line (``## Title {#ex-sort}``) becomes the
  block's ``:label:``.
* a paragraph directly followed by ``{: .kind}`` (kramdown gives the class
  to that paragraph; e.g. ``> {: .solution}`` right after the answer inside
  a challenge) becomes that directive; a blockquote whose first line is a
  ``## Title`` followed by ``{: .admonition}`` becomes MyST's generic
  ``admonition`` with that title (its ``{#id}`` as ``:name:``); untitled, it
  stays a blockquote, quietly.
* a code fence (back-ticks or tildes) directly followed by ``{: .output}``,
  ``{: .error}``, ``{: .source}`` or ``{: .language-X}`` (the dot is
  optional, as sphinx-lesson allowed): ``output`` becomes a fence of the
  Pygments ``output`` lexer (HTML ``div.highlight-output``); ``error``
  becomes a fence of the ``error`` language when a lexer of that name is
  registered (the Workbench support registers one: ``div.highlight-error``),
  else an ``output`` ``code-block`` with class ``error``; ``source`` keeps
  the fence, ``language-X`` and a bare Pygments name (``{: .python}``, as
  older lessons wrote) set the language.  A lesson block name
  (``{: .callout}``) makes the fence that directive, as sphinx-lesson did.
* optionally (off by default, as in sphinx-lesson's own lessons) a line
  holding only ``<img src=... alt=...>`` becomes a ``figure`` directive; a
  ``{{ page.root }}`` prefix is dropped and an inline ``border`` style gives
  the ``with-border`` class.
* any other attribute line (``{: .image-with-shadow}`` after an image,
  ``{: #id}`` after a heading) only styles its block in kramdown; it is
  replaced by an empty line instead of showing up as text.

* a list item is a container too (:mod:`.containers`): a fence and its
  attribute line indented under ``1.  Step`` belong to the item; a kramdown
  ``<div markdown="1">`` becomes a ``{container}`` of its classes (or just
  its content), closed at its ``</div>`` or at the end of its blockquote or
  list item; a ``</div>`` that then closes nothing is dropped (a problem).

Notebooks get the same rewrite in each Markdown cell
(:mod:`..notebook_cells`).  Code fences are opaque: nothing inside them is
ever changed.  The content of
colon-fenced lesson/admonition directives (``:::{note}``) is converted, and
their fences are lengthened if converted blocks inside need it.

Line numbers stay stable: every source line becomes exactly one output line,
with three exceptions, each of which shifts the following lines by one or
more (warnings from MyST then point that far below the real line):

* a block without a ``## Title`` line needs an extra opening line, unless the
  line before the blockquote is empty (it is then reused, as usual);
* ``{: .error}`` without an ``error`` lexer needs a ``:class: error`` line
  (the attribute line after the fence is dropped, so the lines after the
  block are right again);
* each converted ``<img>`` line takes two or more lines.

Config values (all rebuild ``env``), keeping sphinx-lesson's names:

``sphinx_lesson_transform_block_quotes`` (True)
    blockquote blocks and stray attribute lines;
``sphinx_lesson_transform_code_fences`` (True)
    code fences with attribute lines;
``sphinx_lesson_transform_html_img`` (False)
    ``<img>`` lines;
``refinery_carpentries`` (True)
    switches all three off at once.

A blockquote line without its ``>`` continues the quote's paragraph, as in
CommonMark; an imported Jekyll page reads them as kramdown does
(``Converter.kramdown``: only an empty line, an attribute line or an HTML tag
ends the quote).

Not handled (left as written): an attribute line *before* its block or
separated from it by an empty line, Liquid tags (``{% include links.md %}``)
and files pulled in by ``{include}`` (no ``include-read`` hook: a literal
include must show the file as it is).  Containers nested more than
:data:`MAX_DEPTH` deep are copied unchanged, with a problem at the first
attribute line left as text.

The conversion is idempotent and does not touch a text without ``{:`` (and,
when images are converted, without ``<img``): :func:`convert` returns such a
text unchanged (the very same object) after one substring search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.highlighting import lexer_classes

from ...warnings import Subtype
from ..hooks import rewrite_source
from ..scanner import Rewrite, front_matter_end
from .classes import KIND_CLASSES, MARKDOWN_DIRECTIVES, QUOTE_CLASSES
from .converter import MAX_DEPTH, Converter

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx

__all__ = [
    "CONFIG_VALUES",
    "KIND_CLASSES",
    "MARKDOWN_DIRECTIVES",
    "MAX_DEPTH",
    "QUOTE_CLASSES",
    "convert",
    "may_need_conversion",
    "setup",
    "to_myst",
]


def may_need_conversion(text: str, *, images: bool = False) -> bool:
    """The cheap test run before any parsing: could ``text`` hold Carpentries syntax?"""
    return "{:" in text or (images and "<img" in text.lower())


def convert(
    text: str,
    *,
    blocks: bool = True,
    fences: bool = True,
    images: bool = False,
    colon_fences: bool = True,
    lexers: Collection[str] = (),
) -> Rewrite:
    """Rewrite Carpentries markdown in ``text`` to MyST.

    ``blocks``, ``fences`` and ``images`` switch the three transforms;
    ``colon_fences`` says whether generated directives may use ``:::`` (MyST's
    ``colon_fence`` extension), else they use back-tick fences.  ``lexers``
    are highlighting languages known besides Pygments' own (Sphinx's
    ``add_lexer``): ``{: .error}`` uses an ``error`` language if there is one.
    """
    if not (blocks or fences or images) or not may_need_conversion(text, images=images):
        return Rewrite(text)
    lines = text.split("\n")
    start = front_matter_end(lines)
    converter = Converter(blocks, fences, images, ":" if colon_fences else "`")
    converter.lexers = frozenset(lexers)
    body = converter.convert(lines[start:], list(range(start, len(lines))))
    new_text = "\n".join(lines[:start] + [line for _, line in body])
    return Rewrite(text if new_text == text else new_text, converter.problems)


def to_myst(text: str, **options: Any) -> str:
    """Just the converted text of :func:`convert`."""
    return convert(text, **options).text


# -- Sphinx ---------------------------------------------------------------------

#: Config value (declared in :mod:`sphinx_refinery.config`) → transform keyword of :func:`convert`.
CONFIG_VALUES: dict[str, str] = {
    "sphinx_lesson_transform_block_quotes": "blocks",
    "sphinx_lesson_transform_code_fences": "fences",
    "sphinx_lesson_transform_html_img": "images",
}


def _transform_options(app: Sphinx) -> dict[str, bool]:
    config = app.config
    if not config.refinery_carpentries:
        return {}
    options = {keyword: bool(getattr(config, name)) for name, keyword in CONFIG_VALUES.items()}
    return options if any(options.values()) else {}


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: convert a Markdown source that holds Carpentries syntax."""
    options = _transform_options(app)
    if not options or not may_need_conversion(source[0], images=options["images"]):
        return
    extensions = getattr(app.config, "myst_enable_extensions", None) or ()
    colon_fences = "colon_fence" in extensions

    def rewrite(text: str) -> Rewrite:
        return convert(text, colon_fences=colon_fences, lexers=lexer_classes, **options)

    rewrite_source(app, docname, source, rewrite, Subtype.CARPENTRIES)


def setup(app: Sphinx) -> None:
    """Register the ``source-read`` hook."""
    app.connect("source-read", on_source_read)
