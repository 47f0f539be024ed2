"""How exercises and blocks are named where they are shown or referred to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ..blocks.nodes import for_instructors, kind_of, lesson_block
from .data import ExerciseNumber, lesson_data

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")


def block_title_text(env: BuildEnvironment, node: lesson_block) -> str:
    """A block's title as it is shown, with the exercise number if it has one."""
    title = node[0].astext() if node.children and isinstance(node[0], nodes.title) else ""
    kind = kind_of(node)
    if kind is not None and kind.solution and node.get("title_arg"):
        exercise, by_label = find_exercise(env, node)
        if by_label and exercise and exercise.instructor_only and not for_instructors(node):
            return kind.default_title()  # its argument names what learners do not see
    if node.get("kind") == "quiz":
        quiz = lesson_data(env).quizzes.get((node.get("refinery_doc", ""), node.get("quiz_index")))
        if quiz is not None and quiz.number:
            return _("Question %s") % quiz.number
    if kind is not None and kind.exercise:
        key = (node.get("refinery_doc", ""), node.get("exercise_index"))
        exercise = lesson_data(env).exercises.get(key)
        if exercise is not None:
            return exercise_reference_text(exercise)
    return title


def exercise_label_text(exercise: ExerciseNumber) -> str:
    """'Exercise 3', or 'Exercise' when unnumbered."""
    if exercise.number is None:
        return _("Exercise")
    return _("Exercise %s") % exercise.number


def exercise_reference_text(exercise: ExerciseNumber) -> str:
    """How a ``ref`` or a solution names an exercise."""
    label = exercise_label_text(exercise)
    if exercise.custom_title:
        return f"{label}: {exercise.title}" if exercise.number else exercise.title
    return label


def find_exercise(env: BuildEnvironment, node: lesson_block) -> tuple[ExerciseNumber | None, bool]:
    """The exercise a solution belongs to, and whether its argument named it."""
    data = lesson_data(env)
    label = node.get("title_arg", "").lower()
    if node["kind"] == "solution" and label in data.labels:
        return data.exercises.get(data.labels[label]), True
    if "solution_of" in node:
        return data.exercises.get((node.get("refinery_doc", ""), node["solution_of"])), False
    return None, False
