"""``migrate`` keeps how a sphinx-lesson lesson ran its notebooks.

sphinx-lesson left myst-nb at ``nb_execution_mode = "auto"``: notebooks
whose code cells lack outputs were executed at build time.  sphinx_refinery
shows notebooks as saved unless ``conf.py`` sets the mode, so a lesson that
relied on that would lose those outputs.  When ``conf.py`` sets no mode (under
either name) and some notebook the lesson reads shows code without outputs
(:func:`..sources.notebook_outputs.notebooks_without_outputs`), the migration
writes the mode sphinx-lesson used, with a comment, after ``html_theme``.
Lessons whose notebooks all hold their outputs keep the faster ``"off"``:
``"auto"`` would show them the same, after running them.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ..sources.notebook_outputs import EXCLUDE_SETTINGS, MODE_SETTINGS, notebooks_without_outputs
from .conf_text import Edit, assigned_names, literal_settings, offsets

#: What the migration writes into ``conf.py``.
MODE_LINES = (
    '# As sphinx-lesson ran them: notebooks without saved outputs are executed; "off" '
    "builds faster.\n"
    'nb_execution_mode = "auto"\n'
)
#: The settings that choose which sources Sphinx reads and myst-nb runs.
_PATTERN_SETTINGS = ("include_patterns", "exclude_patterns", "templates_path", *EXCLUDE_SETTINGS)
#: Top-level statements the mode goes after, the first one found.
_AFTER = ("html_theme", "extensions")


def notebook_mode_edit(text: str, conf_dir: Path) -> Edit | None:
    """The edit that adds ``nb_execution_mode = "auto"`` to ``conf.py``'s
    ``text``, or None when the lesson sets a mode or does not need one."""
    tree = ast.parse(text)
    if assigned_names(tree) & set(MODE_SETTINGS):
        return None
    found = notebooks_without_outputs(conf_dir, literal_settings(tree, _PATTERN_SETTINGS))
    if not found:
        return None
    at = _insertion_point(tree, text)
    lines = MODE_LINES if at == 0 or text[at - 1] == "\n" else "\n" + MODE_LINES
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    what = f'nb_execution_mode = "auto" (added: {found[0]}{more} show code without outputs)'
    return at, at, lines, what


def _insertion_point(tree: ast.Module, text: str) -> int:
    """The start of the line after the top-level statement that sets
    ``html_theme`` (else ``extensions``), else the end of ``text``."""
    starts = offsets(text)
    for name in _AFTER:
        for statement in tree.body:
            defines = isinstance(statement, ast.FunctionDef | ast.ClassDef)
            if not defines and name in assigned_names(statement):
                return starts[(statement.end_lineno or statement.lineno) + 1]
    return len(text)
