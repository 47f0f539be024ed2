"""The PDF is a book of the lesson, whatever its home page looks like.

Sphinx's LaTeX builder puts every page a toctree names where that toctree
is: a lesson whose home page has its toctrees under "## Schedule" became one
chapter "Schedule" with every episode a section 1.x of it, a contents page
titled with the first toctree's caption ("Episodes"), and blank pages before
each chapter. Here, for the LaTeX output only:

- the pages the home page's toctrees name are moved out of its sections to
  the top of the book, in order, so each page is a chapter (the home page's
  own sections stay chapters before them);
- the contents keep LaTeX's own (translated) name;
- chapters start on the next page, not the next right-hand one, so no page
  is left blank (unless the author set ``extraclassoptions``);
- the pages between the contents and the first chapter (the home page's
  own text) have no running title, rather than the contents' one (unless
  the author set ``tableofcontents``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from ..blocks.nodes import ancestors
from ..config import set_by_author

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Class options that keep a book from leaving pages blank.
NO_BLANK_PAGES = "openany,oneside"
#: Sphinx's contents, then no running title until the first chapter sets one.
CONTENTS = "\\sphinxtableofcontents\n\\markboth{}{}"


class LessonAsBook(SphinxPostTransform):
    """Lift the pages inlined by the home page's toctrees to the top level."""

    default_priority = 900
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        document = self.document
        top = next((child for child in document.children if isinstance(child, nodes.section)), None)
        if top is None:
            return
        pages = [
            page
            for page in top.findall(addnodes.start_of_file)
            if not any(isinstance(a, addnodes.start_of_file) for a in ancestors(page))
        ]
        if not pages or all(page.parent is top for page in pages):
            return
        position = document.index(top) + 1
        for page in pages:
            page.parent.remove(page)
            document.insert(position, page)
            position += 1


class BookTranslatorMixin:
    """Contents under LaTeX's own name, not the first toctree's caption."""

    def __init__(self, document: nodes.document, *args: Any, **kwargs: Any) -> None:
        if "contentsname" in document:
            del document["contentsname"]
        super().__init__(document, *args, **kwargs)  # type: ignore[call-arg]


def use_book_translator(app: Sphinx, config: Config) -> None:
    """Mix :class:`BookTranslatorMixin` into the registered LaTeX translator."""
    base = app.registry.translators.get("latex", LaTeXTranslator)
    if not issubclass(base, BookTranslatorMixin):
        book = type(f"Book{base.__name__}", (BookTranslatorMixin, base), {})
        app.set_translator("latex", book, override=True)


def no_blank_pages(app: Sphinx, config: Config) -> None:
    if set_by_author(config, "latex_elements") and "extraclassoptions" in config.latex_elements:
        return
    config.latex_elements = {**config.latex_elements, "extraclassoptions": NO_BLANK_PAGES}


def no_running_title_after_contents(app: Sphinx, config: Config) -> None:
    if set_by_author(config, "latex_elements") and "tableofcontents" in config.latex_elements:
        return
    config.latex_elements = {**config.latex_elements, "tableofcontents": CONTENTS}


def setup(app: Sphinx) -> None:
    app.add_post_transform(LessonAsBook)
    # Late: after other extensions registered their own translators.
    app.connect("config-inited", use_book_translator, priority=900)
    app.connect("config-inited", no_blank_pages)
    app.connect("config-inited", no_running_title_after_contents)
