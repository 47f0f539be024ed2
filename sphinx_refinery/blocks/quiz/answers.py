"""Short answers: ``:answer: 8 | eight | 3.14 ± 0.01`` read and compared.

Alternatives are separated by ``|``.  A number may carry a tolerance after
``±`` or ``+-``; a number matches any number within it (``8`` matches
``8.0``).  Text matches ignoring case and surrounding or repeated spaces.
The same rules are in the theme's script (``static/quiz.js``), which checks
what a reader types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?"
_NUMBER_ONLY = re.compile(rf"\s*({_NUMBER})\s*")
_TOLERANCE = re.compile(r"\s*(.*?)\s*(?:±|\+-|\+/-)\s*(.*?)\s*")


class AnswerError(ValueError):
    """An alternative of ``:answer:`` that cannot be read: ``args[0]`` is it."""


@dataclass(frozen=True)
class Answer:
    """One accepted answer: text, or a number with a tolerance."""

    text: str
    number: float | None = None
    tolerance: float = 0.0

    def matches(self, given: str) -> bool:
        if self.number is not None:
            value = to_number(given)
            return value is not None and abs(value - self.number) <= self.tolerance + 1e-12
        return normalized(given) == normalized(self.text)

    @property
    def data(self) -> str:
        """The answer as the script reads it: ``n:VALUE:TOLERANCE`` or ``t:TEXT``."""
        if self.number is not None:
            return f"n:{self.number!r}:{self.tolerance!r}"
        return "t:" + normalized(self.text)


def normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def to_number(text: str) -> float | None:
    match = _NUMBER_ONLY.fullmatch(text)
    if match is None:
        return None
    return float(match[1].replace(",", "."))


def parse_answers(spec: str) -> list[Answer]:
    """The alternatives of an ``:answer:`` value; :class:`AnswerError` for a bad one."""
    answers = []
    for part in spec.split("|"):
        text = " ".join(part.split())
        if not text:
            raise AnswerError(spec)
        tolerance = _TOLERANCE.fullmatch(text)
        if tolerance:
            value, margin = to_number(tolerance[1]), to_number(tolerance[2])
            if value is None or margin is None or margin < 0:
                raise AnswerError(text)
            answers.append(Answer(text, value, margin))
        elif (value := to_number(text)) is not None:
            answers.append(Answer(text, value))
        else:
            answers.append(Answer(text))
    return answers
