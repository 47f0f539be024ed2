"""The doctree of a quiz, inside its ``lesson_block`` (kind ``quiz``)::

    lesson_block (kind "quiz")
        title                   "Question" ("Question 3" once numbered)
        quiz_form               mode "single" | "multiple" | "short"
            quiz_legend         the question (the directive's argument)
            ...                 content before the options (code, figures)
            quiz_option         right: bool; one per option
                quiz_label      the option's text (+ an instructor-only mark)
                quiz_feedback   right: bool; nested content or a default
            quiz_short          answers: the "|"-separated alternatives
                paragraph       the answers shown by "Show answer"
                ...             content nested in the quiz after the question
        ...                     content after the option list

Web HTML writes the form (:mod:`.html`); every other builder gets plain
nodes instead, with an answer key at the end (:mod:`.plain`).
"""

from __future__ import annotations

from docutils import nodes

#: The class of right options' instructor-only mark (``outputs.views`` keeps it
#: out of learner pages).
KEY_CLASS = "refinery-quiz-key"


class quiz_form(nodes.General, nodes.Element):
    """The question and its options or answer field (``mode``)."""


class quiz_legend(nodes.Part, nodes.TextElement):
    """The question, the form's caption."""


class quiz_option(nodes.Part, nodes.Element):
    """One option (``right``)."""


class quiz_label(nodes.Part, nodes.TextElement):
    """An option's text."""


class quiz_feedback(nodes.Part, nodes.Element):
    """What choosing an option tells (``right``)."""


class quiz_short(nodes.Part, nodes.Element):
    """A short answer's field and its shown answer (``answers``: data for the script)."""


QUIZ_NODES = (quiz_form, quiz_legend, quiz_option, quiz_label, quiz_feedback, quiz_short)
