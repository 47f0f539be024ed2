"""The extensions every lesson gets (MyST, copy buttons) and their lesson defaults.

A lesson that lists only ``sphinx_refinery`` gets ``myst_parser`` with the
``colon_fence`` syntax and ``sphinx_copybutton`` that leaves prompts and
line numbers out of what it copies.  Values the author set in ``conf.py``
are never overridden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import set_by_author

if TYPE_CHECKING:
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
}


def apply_lesson_defaults(app: Sphinx, config: Config) -> None:
    """Give every value the author left unset its lesson default."""
    for name, value in LESSON_DEFAULTS.items():
        if name in config and not set_by_author(config, name):
            setattr(config, name, value.copy() if isinstance(value, list) else value)


def setup(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_copybutton")
    app.connect("config-inited", apply_lesson_defaults, priority=400)
