"""Jupyter notebooks in a lesson, with or without myst-nb.

:mod:`..integrations` loads ``myst_nb`` in place of ``myst_parser`` when it
is installed.  Then this module maps myst-nb's old setting names
(``jupyter_execute_notebooks``, ...), which sphinx-lesson lessons still use,
to the new ones (``nb_execution_mode``), quietly: myst-nb itself warns about
them, and with ``-W`` that would fail the build.

Without myst-nb, a lesson's ``.ipynb`` files would be left out without a
word (or, when ``source_suffix`` names the ``myst-nb`` parser, stop the
build): instead they are left out with one warning that names the install
command.

``source-read`` hands notebooks over as JSON: the Markdown rewrites of
:mod:`.carpentries` and :mod:`.workbench` run on each Markdown cell
(:mod:`.notebook_cells`), the fence check leaves them alone; lesson blocks
written as MyST in their Markdown cells work as in any page.
:mod:`.notebook_outputs` says once when notebooks show code without outputs
because the lesson left the execution mode at its default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.matching import get_matching_files

from ..warnings import TYPE, Subtype
from . import notebook_outputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: The parser name myst-nb registers, as lessons write it in ``source_suffix``.
NOTEBOOK_PARSER = "myst-nb"
NOTEBOOK_SUFFIX = ".ipynb"
#: The command that installs what notebooks need.
INSTALL_COMMAND = "pip install 'sphinx-refinery[notebooks]'"
#: myst-nb's value of an old setting name that ``conf.py`` does not set.
_UNSET = "--unset--"


def legacy_names() -> dict[str, str]:
    """myst-nb's old setting names -> the new ones (``nb_...``)."""
    from myst_nb.core.config import NbParserConfig

    return {
        field.metadata["legacy_name"]: f"nb_{name}"
        for name, _default, field in NbParserConfig().as_triple()
        if "legacy_name" in field.metadata
    }


def map_legacy_settings(app: Sphinx, config: Config) -> None:
    """Give each new setting the value of its old name, and unset the old name,
    so that myst-nb does not warn.

    When ``conf.py`` sets both names the old one wins, as in myst-nb itself:
    a sphinx-lesson lesson with ``jupyter_execute_notebooks = "off"`` and
    ``nb_execution_mode = "cache"`` was never executed, and must not start to
    be (its kernel's packages were never needed)."""
    if "myst_nb" not in app.extensions:
        return
    for old, new in legacy_names().items():
        if old in config and getattr(config, old) != _UNSET:
            setattr(config, new, getattr(config, old))
            setattr(config, old, _UNSET)


def notebook_paths(app: Sphinx) -> list[str]:
    """The lesson's ``.ipynb`` files that its patterns do not exclude, sorted."""
    config = app.config
    excluded = [*config.exclude_patterns, *config.templates_path, "**/.ipynb_checkpoints"]
    found = get_matching_files(app.srcdir, config.include_patterns, excluded)
    return sorted(os.fspath(path) for path in found if str(path).endswith(NOTEBOOK_SUFFIX))


def match_source_suffixes(app: Sphinx, config: Config) -> None:
    """Name only parsers that are registered in ``source_suffix``.

    With myst-nb, which registers no ``markdown`` parser, suffixes given to
    ``markdown`` go to ``myst-nb`` (a MyST parser too).  Without it, Markdown
    suffixes given to ``myst-nb`` are read as Markdown and the others
    (``.ipynb``) are left out, rather than stop the build."""
    if not isinstance(config.source_suffix, dict):
        return
    # A new mapping, never the old one changed: Sphinx may share it with
    # other applications of the same process.
    suffixes: dict[str, str] = {}
    with_myst_nb = "myst_nb" in app.extensions
    for suffix, parser in config.source_suffix.items():
        if with_myst_nb and parser == "markdown":
            suffixes[suffix] = NOTEBOOK_PARSER
        elif not with_myst_nb and parser == NOTEBOOK_PARSER:
            if suffix in (".md", ".myst"):
                suffixes[suffix] = "markdown"
        else:
            suffixes[suffix] = parser
    config.source_suffix = suffixes


def warn_unread_notebooks(app: Sphinx) -> None:
    """One warning when the lesson has notebooks that no parser reads."""
    if NOTEBOOK_SUFFIX in app.config.source_suffix:
        return
    paths = notebook_paths(app)
    if not paths:
        return
    if "myst_parser" in app.config.extensions and "myst_nb" not in app.config.extensions:
        advice = __("list myst_nb instead of myst_parser in extensions, and %s") % INSTALL_COMMAND
    else:
        advice = __("install myst-nb: %s") % INSTALL_COMMAND
    logger.warning(
        __("%d notebook(s) (%s, ...) are left out of the lesson: to build them, %s"),
        len(paths),
        paths[0],
        advice,
        location=str(Path(app.srcdir, paths[0])),
        type=TYPE,
        subtype=Subtype.NOTEBOOK,
        once=True,
    )


def has_cells(doctree: nodes.document | None) -> bool:
    """Does the page show notebook cells (a notebook, ``{code-cell}``s)?"""
    return doctree is not None and any(
        "cell" in node["classes"] for node in doctree.findall(nodes.container)
    )


def mystnb_css_where_needed(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Link myst-nb's stylesheet (which it adds to every page) only from pages
    with cells: the others keep the theme's single stylesheet."""
    if "myst_nb" not in app.extensions or has_cells(doctree):
        return
    files = context.get("css_files", [])
    kept = [css for css in files if not _is_mystnb_css(str(getattr(css, "filename", css)))]
    if len(kept) != len(files):
        context["css_files"] = kept


def _is_mystnb_css(filename: str) -> bool:
    name = filename.rsplit("/", 1)[-1]
    return name.startswith("mystnb.") and name.endswith(".css")


def setup(app: Sphinx) -> None:
    # After the lesson defaults (400), over which an old name set in conf.py wins.
    app.connect("config-inited", map_legacy_settings, priority=450)
    # After Sphinx turns source_suffix into a dict (800).
    app.connect("config-inited", match_source_suffixes, priority=850)
    app.connect("builder-inited", warn_unread_notebooks)
    app.connect("html-page-context", mystnb_css_where_needed)
    notebook_outputs.setup(app)
