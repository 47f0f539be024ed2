"""A ``todolist`` (``sphinx.ext.todo``) lists the todo entries inside
instructor notes for instructors only.

A ``todolist`` copies every todo entry of the lesson into its page, each
followed by a line that says where the entry is, when Sphinx resolves the
page.  An entry inside a note is marked instructor-only when its page is read
(:func:`mark_todos`: its copies keep the mark), and so is the line after
each copy (:func:`mark_todo_locations`); the learner view and edition then
take both out with the rest of the instructor content (they do so after
``sphinx.ext.todo``: :func:`~sphinx_refinery.outputs.views.builder.split_views`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.ext.todo import todo_node

from ...blocks.nodes import (
    for_instructors,
    kind_of,
    lesson_block,
    mark_instructor_only,
    marked_instructor_only,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def mark_todos(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: mark the todo entries inside instructor notes."""
    for block in doctree.findall(lesson_block):
        kind = kind_of(block)
        if kind is None or kind.audience != "instructor":
            continue
        for todo in block.findall(todo_node):
            mark_instructor_only(todo)


def mark_todo_locations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after ``sphinx.ext.todo`` (500): mark the line
    after each copy of a marked entry, which links to the entry in its note."""
    for todo in list(doctree.findall(todo_node)):
        if not marked_instructor_only(todo) or for_instructors(todo):
            continue
        parent = todo.parent
        position = parent.index(todo) if parent is not None else -1
        following = parent[position + 1] if 0 <= position < len(parent) - 1 else None
        if isinstance(following, nodes.paragraph) and "todo-source" in following["classes"]:
            mark_instructor_only(following)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", mark_todos, priority=600)
    app.connect("doctree-resolved", mark_todo_locations, priority=800)
