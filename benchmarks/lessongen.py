"""Synthetic lessons of N episodes for the build benchmark (``run.py``).

One lesson, three dialects, so that themes are compared on the same text:

``refinery``
    sphinx_refinery's own directives: every kind of ``BLOCK_KINDS``,
    front matter with timings, questions, objectives and key points, tabs,
    and the aggregated pages (``exerciselist``, ``keypoints-summary``,
    ``instructor-guide``) and ``schedule``.
``lesson``
    sphinx-lesson: its directives where it has them, a plain ``admonition``
    with the kind as class where it has none, sphinx-tabs syntax, its
    ``exerciselist``; the other aggregated pages and the schedule are written
    out as static text by the generator.
``plain``
    Stock Sphinx + MyST (alabaster, furo): every block is an ``admonition``
    with the kind as class, tabs are rubrics followed by their content, and
    all aggregated pages and the schedule are static text.

The text, code blocks, figure, glossary term and headings are the same in
every dialect; only the markup of blocks, tabs and lesson-wide pages differs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sphinx_refinery.blocks.kinds import BLOCK_KINDS, KINDS_BY_NAME

DIALECTS = ("refinery", "lesson", "plain")
#: Kinds that sphinx_refinery takes from an episode's front matter.
FRONT_MATTER_KINDS = ("questions", "objectives", "keypoints")
#: Kinds written inside the exercise (nested), not on their own.
NESTED_KINDS = ("solution", "hint")
#: Directives sphinx-lesson 0.8 has (everything else becomes an admonition).
LESSON_DIRECTIVES = frozenset(
    {
        "demo",
        "type-along",
        "exercise",
        "solution",
        "homework",
        "instructor-note",
        "prerequisites",
        "discussion",
        "questions",
        "objectives",
        "keypoints",
        "callout",
        "checklist",
        "testimonial",
        "output",
    }
)
GLOSSARY_TERMS = tuple(f"term {k:02d}" for k in range(20))
AGGREGATE_PAGES = ("exercises", "keypoints-summary", "instructor-guide")
TEACHING_MINUTES = 10
EXERCISE_MINUTES = 15

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
<rect x="1" y="1" width="118" height="58" fill="#e8f0fe" stroke="#1a4d8f"/>
<path d="M10 45 L40 20 L70 35 L110 10" fill="none" stroke="#1a4d8f" stroke-width="3"/>
</svg>
"""


@dataclass(frozen=True)
class Lesson:
    """Where a generated lesson is and which files a benchmark changes."""

    root: Path
    dialect: str
    episodes: int

    def episode_name(self, number: int) -> str:
        return f"episodes/ep-{number:04d}"

    @property
    def middle(self) -> int:
        """Number of the episode the incremental builds change."""
        return self.episodes // 2 + 1

    @property
    def middle_doc(self) -> str:
        return self.episode_name(self.middle)

    @property
    def middle_source(self) -> Path:
        return self.root / f"{self.middle_doc}.md"


def exercise_title(number: int, edit: str = "") -> str:
    """Title of episode ``number``'s first exercise (``edit`` marks a changed one)."""
    title = f"Loop over the files of episode {number}"
    return f"{title} {edit}" if edit else title


def edit_exercise_title(lesson: Lesson, edit: str) -> str:
    """Change the first exercise title of the middle episode; the new title."""
    path = lesson.middle_source
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    stem = exercise_title(lesson.middle)
    for i, line in enumerate(lines):
        if stem in line:
            new = exercise_title(lesson.middle, edit)
            lines[i] = line[: line.index(stem)] + new + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return new
    raise ValueError(f"{path}: no exercise title {stem!r}")


# --- markup of one block in each dialect -------------------------------------


def _fence(depth: int) -> str:
    """Backtick fence for a directive holding ``depth`` levels of directives."""
    return "`" * (3 + depth)


def block(dialect: str, kind: str, body: str, title: str = "", depth: int = 0) -> str:
    """A lesson block of ``kind``; ``depth`` = levels of directives nested inside."""
    fence = _fence(depth)
    info = KINDS_BY_NAME[kind]
    if dialect == "refinery" or (dialect == "lesson" and kind in LESSON_DIRECTIVES):
        head = f"{fence}{{{kind}}}" + (f" {title}" if title else "")
        return f"{head}\n{body.rstrip()}\n{fence}\n"
    classes = [kind, *info.extra_classes]
    if info.collapsible and "dropdown" not in classes:
        classes.append("dropdown")
    head = f"{fence}{{admonition}} {title or info.title}\n:class: {' '.join(classes)}"
    return f"{head}\n\n{body.rstrip()}\n{fence}\n"


def code_block(language: str, code: str, caption: str = "", emphasize: str = "") -> str:
    options = ""
    if caption:
        options += f":caption: {caption}\n"
    if emphasize:
        options += f":emphasize-lines: {emphasize}\n"
    return f"```{{code-block}} {language}\n{options}\n{code.rstrip()}\n```\n"


def tabs(dialect: str, number: int) -> str:
    """Platform tabs (group-tab) and language tabs (code-tab)."""
    platforms = {
        "Linux": f"`sudo apt install tool-{number}`",
        "macOS": f"`brew install tool-{number}`",
        "Windows": f"`winget install tool-{number}`",
    }
    codes = {
        ("python", "Python"): f'print("episode {number}")',
        ("r", "R"): f'print("episode {number}")',
    }
    if dialect == "plain":
        parts = [f"```{{rubric}} {label}\n```\n\n{text}\n" for label, text in platforms.items()]
        parts += [
            f"```{{rubric}} {label}\n```\n\n" + code_block(lang, code)
            for (lang, label), code in codes.items()
        ]
        return "\n".join(parts)
    group = "".join(f"```{{group-tab}} {label}\n{text}\n```\n" for label, text in platforms.items())
    code = "".join(
        f"```{{code-tab}} {lang} {label}\n{source}\n```\n"
        for (lang, label), source in codes.items()
    )
    return f"````{{tabs}}\n{group}````\n\n````{{tabs}}\n{code}````\n"


# --- episodes ------------------------------------------------------------------


def _list_items(number: int, kind: str) -> list[str]:
    return [f"{kind.capitalize()} item {k} of episode {number}." for k in (1, 2)]


def _bullets(items: list[str]) -> str:
    return "".join(f"- {item}\n" for item in items)


def exercise(dialect: str, number: int) -> str:
    """An exercise with a nested hint and solution (the one the benchmark edits)."""
    hint = block(dialect, "hint", f"Start from the loop of episode {number - 1 or 1}.")
    solution = block(
        dialect,
        "solution",
        "One way:\n\n"
        + code_block("bash", f'for f in data/*.csv; do\n    wc -l "$f"\ndone  # {number}'),
        depth=1,
    )
    body = (
        f"Write a loop that counts the lines of every file in episode {number}'s data.\n\n"
        f"{hint}\n{solution}"
    )
    return block(dialect, "exercise", body, exercise_title(number), depth=2)


def episode(dialect: str, number: int, total: int) -> str:
    """The Markdown source of episode ``number``."""
    lists = {kind: _list_items(number, kind) for kind in FRONT_MATTER_KINDS}
    front = [f"teaching: {TEACHING_MINUTES}", f"exercises: {EXERCISE_MINUTES}"]
    if dialect == "refinery":
        for kind, items in lists.items():
            front.append(f"{kind}:")
            front.extend(f'  - "{item}"' for item in items)
    term = GLOSSARY_TERMS[number % len(GLOSSARY_TERMS)]
    out = ["---", *front, "---", "", f"# Episode {number}: topic {number}", ""]
    if dialect != "refinery":
        out += [block(dialect, "questions", _bullets(lists["questions"]))]
        out += [block(dialect, "objectives", _bullets(lists["objectives"]))]
    out += [
        f"This episode ({number} of {total}) builds on the previous one and uses "
        f"a {{term}}`{term}` from the glossary.",
        "",
        "## Reading",
        "",
        "Some prose to read. " * 12,
        "",
        code_block(
            "python",
            f"def count(path):\n    total = 0\n    for line in open(path):\n"
            f"        total += 1\n    return total  # episode {number}",
            caption=f"count.py of episode {number}",
            emphasize="2,4",
        ),
        f"```{{figure}} ../fig/diagram.svg\n:alt: A rising line\n:width: 120px\n\n"
        f"The diagram of episode {number}.\n```\n",
        "## Practice",
        "",
        exercise(dialect, number),
    ]
    for kind in BLOCK_KINDS:
        if kind.name in (*FRONT_MATTER_KINDS, *NESTED_KINDS, "exercise"):
            continue
        body = f"The {kind.name} of episode {number}."
        if kind.name == "quiz":  # a question needs its options
            body += f"\n\n- [ ] Not the answer of episode {number}\n- [x] The answer"
        out.append(block(dialect, kind.name, body))
    out += ["## Platforms", "", tabs(dialect, number)]
    if dialect != "refinery":
        out.append(block(dialect, "keypoints", _bullets(lists["keypoints"])))
    return "\n".join(out) + "\n"


# --- lesson-wide pages --------------------------------------------------------


def _static_group(dialect: str, number: int, content: str) -> str:
    link = f"{{doc}}`Episode {number} <episodes/ep-{number:04d}>`"
    return f"**{link}**\n\n{content}\n"


def aggregate_page(dialect: str, name: str, total: int) -> str:
    """``exercises``, ``keypoints-summary`` or ``instructor-guide``."""
    titles = {
        "exercises": "All exercises",
        "keypoints-summary": "Key points",
        "instructor-guide": "Instructor guide",
    }
    out = [f"# {titles[name]}", ""]
    if dialect == "refinery":
        directive = "exerciselist" if name == "exercises" else name
        return "\n".join([*out, f"```{{{directive}}}\n```", ""])
    if dialect == "lesson" and name == "exercises":
        return "\n".join([*out, "```{exerciselist}\n```", ""])
    if name == "instructor-guide":
        out.append(schedule_table(total))
    for number in range(1, total + 1):
        if name == "exercises":
            content = exercise(dialect, number)
        elif name == "keypoints-summary":
            content = _bullets(_list_items(number, "keypoints"))
        else:
            content = block(dialect, "instructor-note", f"The instructor-note of episode {number}.")
        out.append(_static_group(dialect, number, content))
    return "\n".join(out) + "\n"


def schedule_table(total: int) -> str:
    """A static timetable like sphinx_refinery's ``schedule`` (for other themes)."""
    rows = ["| Time | Episode | Teaching | Exercises |", "|---|---|---|---|"]
    minutes = 9 * 60
    for number in range(1, total + 1):
        clock = f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
        link = f"{{doc}}`Episode {number}: topic {number} <episodes/ep-{number:04d}>`"
        rows.append(f"| {clock} | {link} | {TEACHING_MINUTES} | {EXERCISE_MINUTES} |")
        minutes += TEACHING_MINUTES + EXERCISE_MINUTES
    return "\n".join(rows) + "\n"


def schedule_page(dialect: str, total: int) -> str:
    body = "```{schedule}\n```\n" if dialect == "refinery" else schedule_table(total)
    return f"# Schedule\n\n{body}"


def glossary_page() -> str:
    entries = "".join(f"{term}\n  The meaning of {term}.\n\n" for term in GLOSSARY_TERMS)
    return f"# Glossary\n\n```{{glossary}}\n{entries}```\n"


def index_page(dialect: str, total: int) -> str:
    episodes = "".join(f"episodes/ep-{n:04d}\n" for n in range(1, total + 1))
    reference = "".join(f"{name}\n" for name in ("schedule", *AGGREGATE_PAGES, "glossary"))
    prereq = block(dialect, "prerequisites", "A terminal and a text editor.")
    return (
        f"# Synthetic lesson of {total} episodes\n\nA generated lesson for the build benchmark.\n\n"
        f"{prereq}\n"
        f"```{{toctree}}\n:caption: Episodes\n:maxdepth: 1\n\n{episodes}```\n\n"
        f"```{{toctree}}\n:caption: Reference\n:maxdepth: 1\n\n{reference}```\n"
    )


def conf_py(dialect: str, theme: str) -> str:
    if dialect == "refinery":
        extensions, html_theme = ["sphinx_refinery"], "sphinx_refinery"
    elif dialect == "lesson":
        extensions = ["sphinx_lesson", "sphinx_rtd_theme_ext_color_contrast"]
        html_theme = "sphinx_rtd_theme"
    else:
        extensions, html_theme = ["myst_parser", "sphinx_copybutton"], theme
    return (
        '"""Generated by benchmarks/lessongen.py."""\n'
        'project = "Synthetic lesson"\n'
        'author = "benchmark"\n'
        'copyright = "2026, benchmark"\n'
        f"extensions = {extensions!r}\n"
        f"html_theme = {html_theme!r}\n"
        'exclude_patterns = ["_build"]\n'
    )


def dialect_of(theme: str) -> str:
    if theme == "sphinx_refinery":
        return "refinery"
    if theme == "sphinx_lesson":
        return "lesson"
    return "plain"


def generate(dest: Path, theme: str, episodes: int) -> Lesson:
    """Write a lesson of ``episodes`` episodes for ``theme`` into ``dest`` (replaced)."""
    if episodes < 1:
        raise ValueError("a lesson needs at least one episode")
    dialect = dialect_of(theme)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "episodes").mkdir(parents=True)
    (dest / "fig").mkdir()
    (dest / "fig" / "diagram.svg").write_text(SVG, encoding="utf-8")
    pages = {
        "conf.py": conf_py(dialect, theme),
        "index.md": index_page(dialect, episodes),
        "schedule.md": schedule_page(dialect, episodes),
        "glossary.md": glossary_page(),
    }
    for name in AGGREGATE_PAGES:
        pages[f"{name}.md"] = aggregate_page(dialect, name, episodes)
    for number in range(1, episodes + 1):
        pages[f"episodes/ep-{number:04d}.md"] = episode(dialect, number, episodes)
    for name, text in pages.items():
        (dest / name).write_text(text, encoding="utf-8")
    return Lesson(dest, dialect, episodes)
