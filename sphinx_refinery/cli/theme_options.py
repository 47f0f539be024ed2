"""``migrate``: the other theme's ``html_theme_options`` that mean nothing here.

A lesson moving from sphinx_rtd_theme or sphinx-book-theme keeps its
``html_theme_options`` dict; Sphinx would warn once for each key the
sphinx_refinery theme does not have ("unsupported theme option"), failing a
``-W`` build.  When ``migrate`` switches the theme, each such key of a dict
written in ``conf.py`` is renamed where this theme has the same option under
another name (sphinx-book-theme's ``path_to_docs`` is ``repository_path``)
and removed otherwise (``use_repository_button``, ``launch_buttons``, ...),
each change listed in the report.  sphinx_rtd_theme's own options are
options of this theme too (read and mostly ignored), so they stay.
"""

from __future__ import annotations

import ast
import tomllib
from functools import cache

from ..theme.options import THEME_DIR
from .conf_text import Edit, element_span, quoted, span, string_value

#: Another theme's option -> this theme's option of the same meaning.
RENAMED = {"path_to_docs": "repository_path"}


@cache
def theme_option_names() -> frozenset[str]:
    """The options of the sphinx_refinery theme (its ``theme.toml``)."""
    with (THEME_DIR / "theme.toml").open("rb") as file:
        return frozenset(tomllib.load(file).get("options", {}))


def _options_dict(tree: ast.Module) -> ast.Dict | None:
    """The dict literal assigned to ``html_theme_options`` at the top level."""
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "html_theme_options" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return node.value
    return None


def theme_option_edits(tree: ast.Module, text: str, starts: list[int]) -> list[Edit]:
    """Renames and removals of the keys the theme does not know."""
    options = _options_dict(tree)
    if options is None:
        return []
    known = theme_option_names()
    keys = {string_value(key) for key in options.keys if key is not None}
    edits: list[Edit] = []
    for key, value in zip(options.keys, options.values, strict=True):
        name = string_value(key) if key is not None else None
        if key is None or name is None or name in known:
            continue
        new = RENAMED.get(name)
        if new and new not in keys:
            start, end = span(key, starts)
            replacement = quoted(text[start:end], new)
            edits.append((start, end, replacement, f"html_theme_options: {name!r} -> {new!r}"))
            continue
        start, end = element_span(text, span(key, starts)[0], span(value, starts)[1])
        edits.append(
            (start, end, "", f"html_theme_options: removed {name!r} (not an option of this theme)")
        )
    return edits
