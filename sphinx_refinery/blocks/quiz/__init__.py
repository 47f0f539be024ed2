"""Self-check questions: the ``quiz`` block kind.

:mod:`.directive` reads a quiz from its doctree into the nodes of
:mod:`.nodes`; :mod:`.html` writes them as a form that works without
JavaScript (``static/quiz.css``, ``static/quiz.js`` add the rest);
:mod:`.plain` prints them for every other builder, answers at the end.
Numbers, titles and references are the lesson's (``lesson.quizzes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..directives import OWN_DIRECTIVES
from .directive import QuizDirective
from .html import HTML_VISITORS
from .plain import PrintQuizzes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OWN_DIRECTIVES["quiz"] = QuizDirective


def setup(app: Sphinx) -> None:
    for node, (visit, depart) in HTML_VISITORS.items():
        app.add_node(node, html=(visit, depart))
    app.add_post_transform(PrintQuizzes)
