"""Carpentries Workbench lesson markdown, rewritten to MyST as it is read.

Workbench lessons (sandpaper) mark their blocks with pandoc fenced divs; a
heading on the first line inside gives the block its title::

    ::::::::::::::::::::::::::::::::::::: challenge

    ## Challenge 1: Sort the list

    Write a function that ...

    :::::::::::::::::::::::: solution

    ```python
    sorted(xs)
    ```

    :::::::::::::::::::::::::::::::::
    ::::::::::::::::::::::::::::::::::::::::::::::::

With ``refinery_workbench = True`` (off by default) a ``source-read`` hook
rewrites Markdown sources to MyST before they are parsed; the same
:func:`rewrite` is what ``sphinx-refinery import-carpentries`` applies to
the files it copies, so an imported lesson needs no special configuration.
What is rewritten:

* **Fenced divs** (``::: name``, ``::: {.name #id}``, any number of colons,
  nested, closed by a line of colons) of the Workbench classes become
  colon-fenced directives (``:::{challenge} Title``).  Fences are made as
  long as MyST needs (each one longer than everything it holds), whatever
  the author wrote.  A ``tab`` or ``group-tab`` div becomes a ``tabs``
  directive with one ``tab`` (``group-tab``) per heading inside it.  A div
  of another class keeps its content in a ``container`` of that class, with
  a warning; a closing fence without an opening one is removed, a div never
  closed is closed at the end of the file (warnings with the line).
  Colon-fenced MyST directives already in the file take part in the
  nesting and are otherwise kept.
* **Heading attributes**: ``## Heading {#my-id}`` becomes ``(my-id)=`` and
  ``## Heading``.
* **Image attributes**: a paragraph that is only ``![Caption](fig.png){alt='Text'}``
  becomes a ``figure`` (caption and alt text, ``width``/``height``); an image
  inside text gets the alt text and loses the other attributes.
* **Code fence classes**: ```` ```{.error} ```` and R Markdown chunk
  headers (```` ```{r name, echo=FALSE} ````) become plain fences
  (```` ```error ````, ```` ```r ````).  The ``output``, ``error``,
  ``warning`` and ``source`` languages of Workbench lessons are Pygments
  lexers here (``output`` is Pygments' own; the others are registered by
  :func:`setup` as plain-text lexers), so their blocks render as text, in
  a ``div.highlight-error`` (etc.) that the theme can style, and never
  warn about an unknown lexer.  Registering lexers rather than rewriting
  the fence keeps every line where it was and also serves lessons written
  by hand in this style.
* **Horizontal rules** where docutils allows no transition (inside a div,
  first or last in a section or the page) become an HTML ``<hr>``, which
  builders other than HTML leave out.
* **Page title**: Workbench puts an episode's title in the front matter and
  starts the text at ``##``; when the front matter has a ``title`` and the
  first heading of the page is not of level 1, ``# Title`` is inserted, so
  the page has its title in the toctree and MyST sees no heading jump.  The
  front matter itself is left alone: MyST keeps ``teaching``, ``exercises``
  and ``break`` in the page metadata, where the schedule reads them.
* **Heading levels** (builds only; the importer does the same to the files it
  writes): a heading more than one level below the one before it gets the
  level MyST nests it at anyway (:mod:`..import_headings`), so that pandoc's
  pages build without MyST's ``myst.header`` warning and look the same.

Lines stay where they were wherever possible (warnings keep their line
numbers): a heading that becomes a title leaves an empty line, and lines
that have to be added (closing a tab, a label, a figure's options) take the
place of empty lines next to them when there are some.  Code fences are
never looked into.  A text with nothing to rewrite is returned unchanged
(the very same object), after a few substring searches when it has no
fenced div at all.  The rewrite is idempotent and runs in linear time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pygments.lexers.special import TextLexer

from ...compat import is_markdown_source
from ...warnings import Subtype
from ..hooks import rewrite_source
from ..import_headings import consecutive_headings
from ..scanner import Rewrite
from .rewriter import Rewriter
from .syntax import (
    BLOCK_CLASSES,
    FRONT_TITLE,
    KNITR_ENGINES,
    KNOWN_CLASSES,
    TAB_CLASSES,
    TEXT_LANGUAGES,
    parse_attributes,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "BLOCK_CLASSES",
    "KNITR_ENGINES",
    "KNOWN_CLASSES",
    "TAB_CLASSES",
    "TEXT_LANGUAGES",
    "may_need_rewrite",
    "parse_attributes",
    "rewrite",
    "setup",
    "to_myst",
]


def may_need_rewrite(text: str) -> bool:
    """The cheap test run before any scanning: could ``text`` hold Workbench syntax?"""
    return (
        ":::" in text
        or "{#" in text
        or "{." in text
        or "{-}" in text
        or "){" in text
        or "`{" in text
        or "~{" in text
        or "\n***" in text
        or "\n___" in text
        or (text.removeprefix("\ufeff").startswith("---") and FRONT_TITLE.search(text) is not None)
    )


def rewrite(text: str, *, keep_lines: bool = True) -> Rewrite:
    """Rewrite the Workbench markdown in ``text`` to MyST (see the module docstring).

    With ``keep_lines`` (for builds: warnings keep their line numbers), added
    lines take the place of empty lines next to them; without (for files a
    person edits next, as the importer writes), every empty line stays.
    """
    if not may_need_rewrite(text):
        return Rewrite(text)
    return Rewriter(text.split("\n"), keep_lines=keep_lines).run(text)


def to_myst(text: str) -> str:
    """Just the text of :func:`rewrite`."""
    return rewrite(text).text


# -- Sphinx ---------------------------------------------------------------------


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rewrite a Markdown source holding Workbench syntax, and
    give a Markdown page's headings the levels MyST nests them at."""
    if not app.config.refinery_workbench:
        return
    if may_need_rewrite(source[0]):
        rewrite_source(app, docname, source, rewrite, Subtype.WORKBENCH)
    if is_markdown_source(app, docname):
        source[0] = consecutive_headings(source[0])


class _TextLanguageLexer(TextLexer):
    """Plain text under a Workbench output language name (``error``, ``warning``, ``source``)."""

    name = "Workbench text"
    aliases: ClassVar[list[str]] = []


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``source-read`` hook and the text lexers."""
    for language in TEXT_LANGUAGES:
        app.add_lexer(language, _TextLanguageLexer)
    # Before the Jekyll-style Carpentries rewrite (default priority 500).
    app.connect("source-read", on_source_read, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
