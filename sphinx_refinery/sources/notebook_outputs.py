"""Notebooks that show code without its output, unless myst-nb runs them.

sphinx-lesson loaded myst-nb with its default ``nb_execution_mode = "auto"``:
a notebook with a code cell that has no output was executed at build time,
and its outputs were on the page.  sphinx_refinery shows notebooks as saved
(``"off"``) unless ``conf.py`` says otherwise, so such a lesson loses that
text.  This module finds those notebooks, for two users:

* ``sphinx-refinery migrate`` writes ``nb_execution_mode = "auto"`` into a
  lesson that has them and does not set the mode;
* a build with myst-nb and the mode left at the lesson default says, once
  and at info level (never a warning: ``-W`` builds keep passing), how many
  notebooks show code without outputs and which setting runs them.

A notebook counts when a code cell with code in it has no outputs and was
never run (no ``execution_count``): a cell that ran and printed nothing
(``import numpy``) would print nothing again.  A MyST Markdown notebook
(front matter ``file_format: mystnb`` or jupytext's ``format_name: myst``)
with a ``{code-cell}`` always counts: its cells never hold outputs.
Notebooks that ``nb_execution_excludepatterns`` (or
``execution_excludepatterns``) keep from running do not count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from ..config import set_by_author
from ..integrations import notebook_sources
from .scanner import is_text_notebook

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: The names that hold myst-nb's execution mode: the new one, the old one.
MODE_SETTINGS = ("nb_execution_mode", "jupyter_execute_notebooks")
#: The names of myst-nb's patterns of notebooks never executed, new and old.
EXCLUDE_SETTINGS = ("nb_execution_excludepatterns", "execution_excludepatterns")


def never_run_cells(text: str) -> int:
    """How many code cells of a notebook (its JSON text) have code, no
    outputs and no ``execution_count``; 0 for text that is no notebook."""
    try:
        notebook = json.loads(text)
    except ValueError:
        return 0
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return 0
    return sum(1 for cell in cells if isinstance(cell, dict) and _never_run(cell))


def _never_run(cell: dict[str, Any]) -> bool:
    source = cell.get("source", "")
    code = "".join(source) if isinstance(source, list) else str(source)
    return (
        cell.get("cell_type") == "code"
        and bool(code.strip())
        and not cell.get("outputs")
        and cell.get("execution_count") is None
    )


def shows_code_without_outputs(path: Path) -> bool:
    """Would myst-nb's ``"auto"`` mode add outputs to this source's page?"""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        return never_run_cells(text) > 0
    return is_text_notebook(text)


def notebooks_without_outputs(srcdir: str | Path, settings: Mapping[str, Any]) -> list[str]:
    """The notebooks (paths relative to ``srcdir``) that Sphinx reads, that show
    code cells without outputs and that myst-nb's ``"auto"`` mode would run.

    ``settings`` holds what ``conf.py`` sets: ``include_patterns``,
    ``exclude_patterns``, ``templates_path`` and the execution exclude
    patterns; a name it does not hold has Sphinx's (myst-nb's) default.
    """
    included = _patterns(settings.get("include_patterns", ("**",)))
    excluded = [
        *_patterns(settings.get("exclude_patterns", ())),
        *_patterns(settings.get("templates_path", ())),
    ]
    kept_from_running = [
        pattern for name in EXCLUDE_SETTINGS for pattern in _patterns(settings.get(name, ()))
    ]
    found = []
    for name in notebook_sources(srcdir, included, excluded):
        path = Path(srcdir, name)
        where = PurePosixPath(path.absolute().as_posix())
        if any(where.match(pattern) for pattern in kept_from_running):
            continue
        if shows_code_without_outputs(path):
            found.append(name)
    return sorted(found)


def _patterns(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [item for item in value if isinstance(item, str)]
    return []


def report_notebooks_without_outputs(app: Sphinx) -> None:
    """One info message when notebooks show code without outputs because the
    lesson left ``nb_execution_mode`` at its default, ``"off"``."""
    config = app.config
    if "myst_nb" not in app.extensions or getattr(config, "nb_execution_mode", None) != "off":
        return
    if any(set_by_author(config, name) for name in MODE_SETTINGS):
        return
    settings = {
        name: getattr(config, name)
        # myst-nb's old names are mapped to the new ones by now (.notebooks).
        for name in ("include_patterns", "exclude_patterns", "templates_path", EXCLUDE_SETTINGS[0])
        if name in config
    }
    found = notebooks_without_outputs(app.srcdir, settings)
    if found:
        logger.info(
            __(
                "%d notebook(s) (%s, ...) show code cells without outputs, which are not "
                'executed: set nb_execution_mode in conf.py ("auto" runs them, "off" keeps '
                "them as saved)"
            ),
            len(found),
            found[0],
        )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", report_notebooks_without_outputs)
