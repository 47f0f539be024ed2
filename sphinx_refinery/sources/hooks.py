"""The ``source-read`` side of the source rewriters and checks: run one on a
Markdown source (or on each Markdown cell of a notebook) and report its
problems as located build warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from ..compat import is_markdown_source
from ..warnings import TYPE, Subtype
from .notebook_cells import rewrite_cells

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx

    from .scanner import Problem, Rewrite

logger = logging.getLogger(__name__)


def warn_problems(docname: str, problems: Iterable[Problem], subtype: Subtype) -> None:
    """A ``refinery.<subtype>`` warning at its line for each problem that is a warning."""
    for problem in problems:
        if problem.warning:
            logger.warning(
                problem.message,
                location=(docname, problem.line),
                type=TYPE,
                subtype=subtype,
            )


def rewrite_source(
    app: Sphinx,
    docname: str,
    source: list[str],
    rewrite: Callable[[str], Rewrite],
    subtype: Subtype,
) -> None:
    """Rewrite a Markdown (never a reST) source, or a notebook's Markdown cells,
    in place and warn about its problems."""
    if is_markdown_source(app, docname):
        result = rewrite(source[0])
        warn_problems(docname, result.problems, subtype)
        source[0] = result.text
    elif is_notebook_source(app, docname):
        text, problems = rewrite_cells(source[0], rewrite)
        warn_problems(docname, problems, subtype)
        source[0] = text


def is_notebook_source(app: Sphinx, docname: str) -> bool:
    """Whether ``docname`` is a notebook (read by myst-nb: nothing else reads one here)."""
    return str(app.env.doc2path(docname)).endswith(".ipynb")
