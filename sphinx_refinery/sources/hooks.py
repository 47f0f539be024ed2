"""The ``source-read`` side of the source rewriters and checks: run one on a
Markdown source and report its problems as located build warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from ..compat import is_markdown_source
from ..warnings import TYPE, Subtype

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
    """Rewrite a Markdown (never a reST) source in place and warn about its problems."""
    if not is_markdown_source(app, docname):
        return
    result = rewrite(source[0])
    warn_problems(docname, result.problems, subtype)
    source[0] = result.text
