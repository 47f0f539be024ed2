"""The ``quiz`` directive: a self-check question read from its doctree.

MyST ``:::{quiz} Question`` and reST ``.. quiz:: Question`` take the same body:
a bullet list whose items start with ``[ ]`` (a wrong option) or ``[x]`` (a
right one), the content nested under an item being that option's feedback;
or no list and ``:answer: 8 | eight`` (a short answer, see :mod:`.answers`),
the content then being shown with the answer.  One right option makes a
single-choice question, several a multiple-choice one.

The markers are read from the parsed list, not from the source: MyST without
its ``tasklist`` extension leaves ``[x]`` as text at the start of the item's
first paragraph (as reST does), with it a checkbox (raw HTML) stands there.
Input that cannot be read gives a warning at the quiz and a plain block that
keeps every word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging

from ...warnings import TYPE, Subtype
from ..directives import LessonBlockDirective
from ..nodes import INSTRUCTOR_ONLY_CLASS
from .answers import Answer, AnswerError, parse_answers
from .nodes import (
    KEY_CLASS,
    quiz_feedback,
    quiz_form,
    quiz_label,
    quiz_legend,
    quiz_option,
    quiz_short,
)

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
#: The list that holds a quiz's options: bulleted (``- [x]``) or numbered (``1. [x]``).
OptionList = nodes.bullet_list | nodes.enumerated_list
logger = logging.getLogger(__name__)

#: A marker at the start of an option: ``[ ]``, ``[x]``, or anything short in brackets.
_MARKER = re.compile(r"\s*\[([^\]\n]{0,3})\]\s*")
_RIGHT, _WRONG = frozenset({"x", "X"}), frozenset({" ", ""})


class QuizDirective(LessonBlockDirective):
    """A self-check question (see the module docstring)."""

    option_spec: ClassVar[OptionSpec] = {
        **LessonBlockDirective.option_spec,
        "answer": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        question = self.arguments[0].strip() if self.arguments else ""
        self.arguments = []  # the block's title is the kind's ("Question 3")
        nonumber = self.options.pop("nonumber", False) is not False
        result = super().run()
        block = result[0]
        assert isinstance(block, nodes.Element)
        if nonumber:
            block["nonumber"] = True
        body = block.children[1:]
        del block.children[1:]
        options = _option_list(body)
        form = self._form(block, question, body, options)
        if form is None:  # a plain block that keeps every word, the question first
            if question:
                children, messages = self.state.inline_text(question, self.lineno)
                block += nodes.paragraph(question, "", *children, *messages)
            block.extend(body)
        else:
            block += form
            if options is not None:
                block.extend(body[body.index(options) + 1 :])
        return result

    # -- building the form --------------------------------------------------------

    def _form(
        self,
        block: nodes.Element,
        question: str,
        body: list[nodes.Node],
        options: OptionList | None,
    ) -> quiz_form | None:
        answer = self.options.get("answer")
        if options is None and answer is None:
            self._warn(
                block,
                __(
                    "a quiz needs a list of options, each starting with [ ] or [x] "
                    "(the right ones), or an :answer: option: shown as a plain block"
                ),
            )
            return None
        if options is not None and answer is not None:
            self._warn(
                block,
                __("a quiz has a list of options and an :answer: option: the :answer: is ignored"),
            )
        form = quiz_form()
        self.set_source_info(form)
        if options is None:
            answers = self._answers(block, answer or "")
            if answers is None:
                return None
            form["mode"] = "short"
            form += self._legend(question, body)
            form += _short(answers, body)
            return form
        before = body[: body.index(options)]
        legend = self._legend(question, before)
        choices = [self._option(block, item) for item in options.children]
        rights = sum(choice["right"] for choice in choices)
        if not rights:
            self._warn(
                block,
                __("a quiz without a right answer: mark the right options with [x]"),
            )
        form["mode"] = "multiple" if rights > 1 else "single"
        form += legend
        form.extend(before)
        form.extend(choices)
        del body[: body.index(options)]
        return form

    def _legend(self, question: str, body: list[nodes.Node]) -> quiz_legend:
        """The question: the argument, else the paragraph the content starts with."""
        legend = quiz_legend()
        self.set_source_info(legend)
        if question:
            children, messages = self.state.inline_text(question, self.lineno)
            legend.extend(children)
            legend.extend(messages)
        elif body and isinstance(body[0], nodes.paragraph):
            legend.extend(body.pop(0).children)
        else:
            legend += nodes.Text(self.kind.default_title())
        return legend

    def _option(self, block: nodes.Element, item: nodes.Node) -> quiz_option:
        """One option from a list item: its marker read, its nested content the feedback."""
        children = list(item.children) if isinstance(item, nodes.Element) else []
        first = children[0] if children else None
        right = False
        label = quiz_label()
        if isinstance(first, nodes.paragraph):
            children.pop(0)
            right = self._read_marker(block, first)
            label.extend(first.children)
            label.source, label.line = first.source, first.line
        else:
            self._warn_unmarked(block, item.astext())
        if right:
            mark = nodes.inline("", " " + _("(right answer)"))
            mark["classes"] += [INSTRUCTOR_ONLY_CLASS, KEY_CLASS]
            label += mark
        feedback = quiz_feedback(right=right)
        feedback.extend(children)
        if not children:
            feedback += nodes.paragraph("", _("Right.") if right else _("Not quite."))
        return quiz_option("", label, feedback, right=right)

    def _read_marker(self, block: nodes.Element, paragraph: nodes.paragraph) -> bool:
        """Whether the option is right; the marker is taken out of ``paragraph``."""
        first = paragraph.children[0] if paragraph.children else None
        if isinstance(first, nodes.raw) and "task-list-item-checkbox" in first.astext():
            paragraph.remove(first)  # MyST's tasklist extension
            return 'checked="checked"' in first.astext()
        match = _MARKER.match(str(first)) if isinstance(first, nodes.Text) else None
        if first is None or match is None:
            self._warn_unmarked(block, paragraph.astext())
            return False
        rest = str(first)[match.end() :]
        if rest:
            paragraph.replace(first, nodes.Text(rest))
        else:
            paragraph.remove(first)
        marker = match[1]
        if marker not in _RIGHT | _WRONG:
            self._warn(
                block,
                __("unknown quiz marker [%s]: write [ ] for a wrong option, [x] for a right one"),
                marker,
            )
        return marker in _RIGHT

    def _answers(self, block: nodes.Element, spec: str) -> list[Answer] | None:
        try:
            return parse_answers(spec)
        except AnswerError as error:
            self._warn(
                block,
                __(
                    "cannot read the quiz answer %r: give alternatives separated by '|', "
                    "a number with a tolerance as 3.14 ± 0.01 (or 3.14 +- 0.01): "
                    "shown as a plain block"
                ),
                error.args[0],
            )
            return None

    def _warn_unmarked(self, block: nodes.Element, text: str) -> None:
        self._warn(
            block,
            __("a quiz option without [ ] or [x] at its start: %r is taken as a wrong option"),
            " ".join(text.split())[:40],
        )

    def _warn(self, block: nodes.Element, message: str, *args: object) -> None:
        logger.warning(message, *args, location=block, type=TYPE, subtype=Subtype.QUIZ)


def _short(answers: list[Answer], body: list[nodes.Node]) -> quiz_short:
    """The shown answer, then the content (which ``body`` gives up)."""
    shown = nodes.paragraph("", "", nodes.strong("", answers[0].text))
    if len(answers) > 1:
        others = ", ".join(answer.text for answer in answers[1:])
        shown += nodes.Text(" " + _("(also accepted: %s)") % others)
    short = quiz_short("", shown, answers=" | ".join(a.data for a in answers))
    short.extend(body)
    del body[:]
    return short


def _option_list(body: list[nodes.Node]) -> OptionList | None:
    """The first list of the content (bulleted or numbered) whose first item
    starts with a marker."""
    for child in body:
        if not isinstance(child, (nodes.bullet_list, nodes.enumerated_list)) or not child.children:
            continue
        item = child[0]
        paragraph = item[0] if isinstance(item, nodes.Element) and item.children else None
        if not isinstance(paragraph, nodes.paragraph) or not paragraph.children:
            continue
        first = paragraph[0]
        if isinstance(first, nodes.raw) and "task-list-item-checkbox" in first.astext():
            return child
        if isinstance(first, nodes.Text) and _MARKER.match(str(first)):
            return child
    return None
