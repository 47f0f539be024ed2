"""``sphinx-refinery check``: a lesson's problems as ``file:line: message`` lines.

The lesson is built in-process by Sphinx's ``dummy`` builder (it reads every
document and writes nothing) into a temporary folder, quietly. Then:

- Sphinx's (and MyST's, and the extension's) own warnings are reported as they
  are: broken ``{doc}``/``{ref}`` targets, relative Markdown links to missing
  files, documents in no toctree, headings that skip a level, ...
- the records the extension keeps on ``env.refinery`` give exercises without
  a solution (when the lesson has solutions elsewhere) and episodes without
  timings;
- the doctrees give images without alt text.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes

from ..sources.scanner import Problem

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: ``path:line: WARNING: message``; the line (and its colon) may be missing.
WARNING_LINE = re.compile(
    r"^(?P<path>.*?):(?:(?P<line>\d+):)? (?:WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*)$"
)
#: A warning about no file in particular.
GENERAL_WARNING = re.compile(r"^(?:WARNING|ERROR|CRITICAL): (?P<message>.*)$")
#: The schedule's own timing warning: reported by :func:`_episode_problems` instead.
TIMING_WARNING = "has no timing"


def _relative(path: str, srcdir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(srcdir).as_posix()
    except ValueError:
        return path


def _warning_problems(text: str, srcdir: Path) -> list[Problem]:
    problems = []
    for raw in ANSI.sub("", text).splitlines():
        match = WARNING_LINE.match(raw.strip())
        general = GENERAL_WARNING.match(raw.strip())
        if general:  # about the whole lesson, mostly its configuration
            problems.append(Problem(1, general["message"].strip(), file="conf.py"))
        if not match or TIMING_WARNING in match["message"]:
            continue
        path = match["path"].split(":docstring of ")[0]
        problems.append(
            Problem(int(match["line"] or 1), match["message"].strip(), file=_relative(path, srcdir))
        )
    return problems


def _source_line(node: nodes.Node) -> int:
    """The line of ``node``, or of its nearest ancestor that has one."""
    current: nodes.Node | None = node
    while current is not None:
        if line := getattr(current, "line", None):
            return int(line)
        current = current.parent
    return 1


def _source_file(env, docname: str) -> str:
    """The document's file, relative to the lesson when it is inside it."""
    path = Path(env.doc2path(docname)).resolve()
    try:
        return path.relative_to(Path(env.srcdir).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _exercise_problems(env) -> list[Problem]:
    from ..lesson.data import lesson_data

    data = lesson_data(env)
    has_solutions = any(
        block.kind == "solution"
        for document in data.documents.values()
        for block in document.blocks
    )
    if not has_solutions:
        return []
    problems = []
    for docname, document in sorted(data.documents.items()):
        if document.aggregates:
            continue
        solved = {b.solution_of for b in document.blocks if b.kind == "solution"}
        solved |= {
            data.labels[b.solution_label][1]
            for b in document.blocks
            if b.kind == "solution"
            and b.solution_label in data.labels
            and data.labels[b.solution_label][0] == docname
        }
        for block in document.blocks:
            if block.exercise_index is not None and block.exercise_index not in solved:
                problems.append(
                    Problem(
                        block.line or 1,
                        f"exercise {block.title!r} has no solution",
                        file=_source_file(env, docname),
                    )
                )
    return problems


def _episode_problems(env) -> list[Problem]:
    from ..lesson.data import lesson_data
    from ..lesson.episodes import episodes

    data = lesson_data(env)
    problems = []
    for docname in episodes(env):
        info = data.documents[docname].episode
        missing = [
            key for key in ("teaching", "exercises") if info is None or getattr(info, key) is None
        ]
        if missing:
            problems.append(
                Problem(
                    1,
                    "episode has no timing: add "
                    + " and ".join(f"'{key}: MINUTES'" for key in missing)
                    + " to its front matter",
                    file=_source_file(env, docname),
                )
            )
    return problems


def _image_problems(env) -> list[Problem]:
    problems = []
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        for image in doctree.findall(nodes.image):
            if not str(image.get("alt", "")).strip():
                problems.append(
                    Problem(
                        _source_line(image),
                        f"image {image.get('uri', '')!r} has no alt text",
                        file=_source_file(env, docname),
                    )
                )
    return problems


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found, and what it looked at."""

    problems: list[Problem]
    pages: int
    exercises: int

    def summary(self) -> str:
        looked_at = f"{_count(self.pages, 'page')}, {_count(self.exercises, 'exercise')}"
        if not self.problems:
            return f"{looked_at}: no problems found"
        return f"{looked_at}: {_count(len(self.problems), 'problem')} found"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def check_lesson(srcdir: Path) -> CheckReport:
    """Build the lesson in ``srcdir`` quietly and report its problems, sorted."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from ..lesson.data import lesson_data

    srcdir = srcdir.resolve()
    warnings = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        with patch_docutils(srcdir), docutils_namespace():
            app = Sphinx(
                srcdir,
                srcdir,
                out / "out",
                out / "doctrees",
                "dummy",
                status=None,
                warning=warnings,
                freshenv=True,
            )
            app.build()
            env = app.env
            problems = {
                *_warning_problems(warnings.getvalue(), srcdir),
                *_exercise_problems(env),
                *_episode_problems(env),
                *_image_problems(env),
            }
            pages = len(env.found_docs)
            exercises = len(lesson_data(env).exercises)
    return CheckReport(sorted(problems), pages, exercises)
