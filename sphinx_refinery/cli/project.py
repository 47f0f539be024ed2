"""The files that build and publish a lesson, written into any lesson folder.

``lesson_template/project/`` holds them once for every way a lesson starts:
``sphinx-refinery new`` (both the skeleton and ``--example``, through copier)
and lessons made by other means, such as an importer, through
:func:`write_project_files`. A ``.jinja`` file is rendered with the lesson's
title, author and repository address (as copier renders it) and written
without the suffix; every other file is copied as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: The project files, shared by every new lesson.
PROJECT_FILES = Path(__file__).parent / "lesson_template" / "project"


def write_project_files(
    dest: Path | str,
    title: str,
    author: str = "",
    repo_url: str = "",
    imported_from: str = "",
) -> list[Path]:
    """Write the README, requirements.txt, Makefile, make.bat, .gitignore,
    the GitHub Pages workflow and .readthedocs.yaml into the folder ``dest``.

    A file that already exists in ``dest`` is kept as it is. Returns the
    files written. ``imported_from`` (a lesson's address or folder) makes the
    README say where an imported lesson comes from.
    """
    import jinja2

    dest = Path(dest)
    environment = jinja2.Environment(keep_trailing_newline=True, autoescape=False)
    values = {
        "title": title,
        "author": author,
        "repo_url": repo_url,
        "imported_from": imported_from,
    }
    written = []
    for source in sorted(PROJECT_FILES.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(PROJECT_FILES)
        rendered = relative.suffix == ".jinja"
        target = dest / (relative.with_suffix("") if rendered else relative)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if rendered:
            text = environment.from_string(source.read_text(encoding="utf-8")).render(values)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written
