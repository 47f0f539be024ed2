"""Quizzes in web HTML: a form that works without JavaScript.

A ``<fieldset>`` whose ``<legend>`` is the question holds native radio buttons
(one right option) or checkboxes (several), each followed by its ``<label>``
and its feedback, which the stylesheet shows once the option is chosen
(``input:checked ~ .refinery-quiz-feedback``) and which ``aria-describedby``
ties to the control.  A short answer is a text field and a "Show answer"
``<details>``.  Ids are made while the page is written, so they are unique on
every written page: several quizzes on a page, copies on the exercise list,
pages joined by singlehtml.  ``static/quiz.js`` adds "Check", announces the
result and remembers the choices; its buttons are written here, hidden until
it runs, and the ``data-*`` texts are its translated results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from .nodes import quiz_feedback, quiz_form, quiz_label, quiz_legend, quiz_option, quiz_short

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("sphinx_refinery")

PREFIX = "refinery-quiz"
_Visitor = Callable[[Any, Any], None]


def _new_id(translator: HTML5Translator) -> str:
    """An id not yet used on the page being written."""
    counter = getattr(translator, "_refinery_quiz_counter", 0)
    while True:
        counter += 1
        candidate = f"{PREFIX}-{counter}"
        if candidate not in translator.document.ids:
            translator._refinery_quiz_counter = counter  # type: ignore[attr-defined]  # ours
            return candidate


def _tag(translator: HTML5Translator, tag: str, attributes: dict[str, str], end: str = "") -> str:
    parts = "".join(f' {name}="{translator.attval(value)}"' for name, value in attributes.items())
    return f"<{tag}{parts}>{end}"


def _form_of(node: nodes.Element) -> nodes.Element:
    parent = node.parent
    while parent is not None and not isinstance(parent, quiz_form):
        parent = parent.parent
    return parent if parent is not None else node


def visit_form(translator: HTML5Translator, node: quiz_form) -> None:
    form_id = node["html_id"] = _new_id(translator)
    mode = node.get("mode", "single")
    attributes = {
        "class": " ".join([PREFIX, f"{PREFIX}-{mode}", *node["classes"]]),
        "id": form_id,
        "data-refinery-quiz": mode,
        "data-right": _("Right!"),
        "data-wrong": _("Not quite: try again."),
    }
    translator.body.append(_tag(translator, "fieldset", attributes, "\n"))


def _actions(translator: HTML5Translator, check: bool) -> str:
    """The script's buttons ("Check" for all but single choices, "Reset"),
    hidden until it runs, and the region that announces its results."""
    buttons = [_("Check")] if check else []
    buttons.append(_("Reset"))
    html = "".join(f'<button type="button">{translator.encode(text)}</button>' for text in buttons)
    return (
        f'<p class="{PREFIX}-actions" hidden>{html}</p>\n'
        f'<p class="{PREFIX}-result" aria-live="polite"></p>\n'
    )


def depart_form(translator: HTML5Translator, node: quiz_form) -> None:
    if node.get("mode") != "short":
        translator.body.append(_actions(translator, node.get("mode") == "multiple"))
    translator.body.append("</fieldset>\n")


def visit_legend(translator: HTML5Translator, node: quiz_legend) -> None:
    translator.body.append(f'<legend class="{PREFIX}-question">')


def depart_legend(translator: HTML5Translator, node: quiz_legend) -> None:
    translator.body.append("</legend>\n")


def visit_option(translator: HTML5Translator, node: quiz_option) -> None:
    form = _form_of(node)
    form_id = form.get("html_id", PREFIX)
    number = sum(isinstance(sibling, quiz_option) for sibling in form.children[: form.index(node)])
    option_id = node["html_id"] = f"{form_id}-{number + 1}"
    kind = "checkbox" if form.get("mode") == "multiple" else "radio"
    translator.body.append(f'<div class="{PREFIX}-option">')
    translator.body.append(
        _tag(
            translator,
            "input",
            {
                "type": kind,
                "name": form_id,
                "id": option_id,
                "value": str(number + 1),
                "aria-describedby": f"{option_id}-f",
            },
        )
    )


def depart_option(translator: HTML5Translator, node: quiz_option) -> None:
    translator.body.append("</div>\n")


def visit_label(translator: HTML5Translator, node: quiz_label) -> None:
    option_id = node.parent.get("html_id", "") if node.parent is not None else ""
    translator.body.append(_tag(translator, "label", {"for": option_id}))


def depart_label(translator: HTML5Translator, node: quiz_label) -> None:
    translator.body.append("</label>\n")


def visit_feedback(translator: HTML5Translator, node: quiz_feedback) -> None:
    option_id = node.parent.get("html_id", "") if node.parent is not None else ""
    verdict = "right" if node.get("right") else "wrong"
    attributes = {"class": f"{PREFIX}-feedback {PREFIX}-{verdict}", "id": f"{option_id}-f"}
    translator.body.append(_tag(translator, "div", attributes, "\n"))


def depart_feedback(translator: HTML5Translator, node: quiz_feedback) -> None:
    translator.body.append("</div>\n")


def visit_short(translator: HTML5Translator, node: quiz_short) -> None:
    field_id = f"{_form_of(node).get('html_id', PREFIX)}-answer"
    translator.body.append(f'<p class="{PREFIX}-field">')
    translator.body.append(
        _tag(translator, "label", {"for": field_id}, translator.encode(_("Your answer")))
    )
    translator.body.append("</label> ")
    attributes = {
        "type": "text",
        "id": field_id,
        "name": field_id,
        "autocomplete": "off",
        "spellcheck": "false",
        "data-answers": node.get("answers", ""),
    }
    translator.body.append(_tag(translator, "input", attributes, "</p>\n"))
    translator.body.append(_actions(translator, check=True))
    translator.body.append(f'<details class="{PREFIX}-answer"><summary>')
    translator.body.append(translator.encode(_("Show answer")) + "</summary>\n")


def depart_short(translator: HTML5Translator, node: quiz_short) -> None:
    translator.body.append("</details>\n")


#: Node -> (visit, depart) for the HTML translators.
HTML_VISITORS: dict[type[nodes.Element], tuple[_Visitor, _Visitor]] = {
    quiz_form: (visit_form, depart_form),
    quiz_legend: (visit_legend, depart_legend),
    quiz_option: (visit_option, depart_option),
    quiz_label: (visit_label, depart_label),
    quiz_feedback: (visit_feedback, depart_feedback),
    quiz_short: (visit_short, depart_short),
}
