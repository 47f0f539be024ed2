"""The extensions every lesson gets (MyST, copy buttons) and their lesson defaults.

A lesson that lists only ``sphinx_refinery`` gets MyST with the
``colon_fence`` syntax and ``sphinx_copybutton`` that leaves prompts and
line numbers out of what it copies.  MyST comes as ``myst_nb`` (which reads
notebooks and ``{code-cell}``s too) when it is installed, as sphinx-lesson
did, else as ``myst_parser``; never both.  Notebooks are not executed
(``nb_execution_mode = "off"``) unless ``conf.py`` says so.  Values the
author set in ``conf.py`` are never overridden.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.matching import get_matching_files

from .config import accept_overrides, set_by_author

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Shell, Python and IPython prompts that copy buttons leave out.
COPYBUTTON_PROMPTS = r">>> |\.\.\. |\$ |> |In \[\d*\]: | {2,5}\.\.\.: | {5,8}: "

LESSON_DEFAULTS: dict[str, object] = {
    "myst_enable_extensions": ["colon_fence"],
    "copybutton_prompt_text": COPYBUTTON_PROMPTS,
    "copybutton_prompt_is_regexp": True,
    "copybutton_exclude": ".linenos, .gp, .go",
    # sphinx.ext.githubpages writes these into every HTML-format output, epub too,
    # where they would warn as files of unknown type.
    "epub_exclude_files": [".nojekyll", "CNAME"],
    # myst-nb's own default, "auto", runs every notebook that lacks an output, which
    # needs its kernel at build time; a lesson build shows the notebooks as saved.
    "nb_execution_mode": "off",
}


def apply_lesson_defaults(app: Sphinx, config: Config) -> None:
    """Give every value the author left unset its lesson default."""
    for name, value in LESSON_DEFAULTS.items():
        if name in config and not set_by_author(config, name):
            setattr(config, name, value.copy() if isinstance(value, list) else value)


def own_source_suffix(app: Sphinx, config: Config) -> None:
    """Give this build its own ``source_suffix`` mapping.

    Sphinx merges the extensions' suffixes into ``config.source_suffix`` in
    place, and without an author's value that is the default shared by every
    application of the process: myst-nb's ``.md: myst-nb`` then reached the
    next build in the same process (tests, tools that build twice), whose
    parser did not know it.
    """
    if isinstance(config.source_suffix, dict):
        config.source_suffix = dict(config.source_suffix)


def copybutton_static_path() -> str:
    """The folder sphinx-copybutton adds to ``html_static_path``."""
    import sphinx_copybutton

    return str(Path(sphinx_copybutton.__file__).parent.joinpath("_static").absolute())


def add_copybutton_static_path(app: Sphinx, config: Config) -> None:
    """Put copybutton's static folder into ``html_static_path`` before the
    saved environment is compared with the configuration.

    sphinx-copybutton appends it at ``builder-inited``, after that comparison,
    so the saved configuration always had one folder more than the new one and
    every build reported "The configuration has changed (html_static_path)".
    """
    path = copybutton_static_path()
    if path not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, path]


def drop_duplicate_static_path(app: Sphinx) -> None:
    """Undo the second copy that copybutton's own ``builder-inited`` appends."""
    path = copybutton_static_path()
    paths = app.config.html_static_path
    first = paths.index(path) if path in paths else -1
    paths[:] = [entry for i, entry in enumerate(paths) if entry != path or i == first]


class _QuietMystConfig(logging.Filter):
    """MyST logs its whole configuration (about 1,000 characters) on every
    build; keep it for ``-v`` only."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        noisy = record.levelno == logging.INFO and any(part in message for part in QUIET_PARTS)
        return not noisy or self.app.verbosity > 0


#: Parts of the INFO messages of :class:`_QuietMystConfig`.
QUIET_PARTS = ("myst v%s:", "myst-nb v%s:", "Using jupyter-cache at:")
#: The loggers of MyST's and myst-nb's configuration messages.
QUIET_LOGGERS = ("sphinx.myst_parser.sphinx_ext.main", "sphinx.myst_nb.sphinx_ext")


def quiet_myst(app: Sphinx) -> None:
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _QuietMystConfig) for f in logger.filters):
            logger.addFilter(_QuietMystConfig(app))
        else:
            for found in logger.filters:
                if isinstance(found, _QuietMystConfig):
                    found.app = app


def myst_nb_installed() -> bool:
    return importlib.util.find_spec("myst_nb") is not None


#: Folders never searched for notebooks (besides the lesson's own exclusions).
_SKIPPED_FOLDERS = tuple(
    pattern
    for name in ("_build", "node_modules", "venv", "__pycache__", ".git", ".ipynb_checkpoints")
    for pattern in (name, f"**/{name}")
)


def notebook_sources(
    srcdir: str | Path, include_patterns: Iterable[str], exclude_patterns: Iterable[str]
) -> Iterator[str]:
    """The sources Sphinx will read (``include_patterns`` less
    ``exclude_patterns`` and the folders no lesson builds) that myst-nb reads
    as notebooks: ``.ipynb`` files, and Markdown notebooks with code cells
    (:func:`~.sources.scanner.is_text_notebook`); as paths relative to ``srcdir``."""
    # Here, not at the top: importing ``sources`` imports its rewriters, which use this module.
    from .sources.scanner import is_text_notebook

    excluded = [*exclude_patterns, *_SKIPPED_FOLDERS]
    for name in get_matching_files(srcdir, include_patterns, excluded):
        if name.endswith(".ipynb"):
            yield name
        elif name.endswith((".md", ".myst")):
            text = Path(srcdir, name).read_text(encoding="utf-8", errors="replace")
            if is_text_notebook(text):
                yield name


def lesson_has_notebooks(app: Sphinx) -> bool:
    """Whether the lesson lists myst-nb or has notebook pages or code cells.

    Looked up at setup: ``conf.py``'s ``extensions`` and ``source_suffix``,
    then :func:`notebook_sources`.
    myst-nb takes a second or so to import (with jupyter-cache and
    SQLAlchemy), which a lesson without notebooks does not pay, even when
    its ``conf.py`` carries the lesson template's ``nb_execution_mode`` or
    ``jupyter_execute_notebooks`` line, or its folder holds notebooks that
    it excludes (examples to download): without myst-nb those names are
    read by nothing, and Sphinx ignores them quietly.
    """
    config = app.config
    raw = config._raw_config
    if "myst_nb" in config.extensions or "myst-nb" in repr(raw.get("source_suffix", "")):
        return True
    excluded = [*raw.get("exclude_patterns", ()), *raw.get("templates_path", ())]
    included = raw.get("include_patterns", ("**",))
    return any(notebook_sources(app.srcdir, included, excluded))


def markdown_extension(app: Sphinx) -> str:
    """``myst_nb`` when it is installed and the lesson has notebooks (or code
    cells, or lists it), unless ``conf.py`` lists ``myst_parser`` but
    not ``myst_nb`` (the two cannot both read ``.md`` files); else ``myst_parser``."""
    listed = app.config.extensions
    if "myst_parser" in listed and "myst_nb" not in listed:
        return "myst_parser"
    if myst_nb_installed() and lesson_has_notebooks(app):
        return "myst_nb"
    return "myst_parser"


#: The names of myst-nb's settings, old and new.
_NOTEBOOK_SETTINGS = ("nb_", "jupyter_execute_notebooks", "execution_")


def accept_notebook_overrides(app: Sphinx) -> None:
    """Without myst-nb, take ``-D nb_execution_mode=off`` (and any other of its
    settings) from the command line quietly, as ``conf.py``'s are: a CI job
    that passes one to every lesson must not fail a lesson that has no
    notebooks with "unknown config value" under ``-W``."""
    accept_overrides(app, _NOTEBOOK_SETTINGS)


def setup(app: Sphinx) -> None:
    extension = markdown_extension(app)
    app.setup_extension(extension)
    if extension != "myst_nb":
        accept_notebook_overrides(app)
    app.setup_extension("sphinx_copybutton")
    app.connect("config-inited", own_source_suffix, priority=100)
    app.connect("config-inited", apply_lesson_defaults, priority=400)
    app.connect("config-inited", add_copybutton_static_path)
    app.connect("builder-inited", drop_duplicate_static_path, priority=900)
    quiet_myst(app)
