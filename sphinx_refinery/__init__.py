"""sphinx_refinery: lesson directives, lesson-level pages and a theme for workshop lessons."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Bump when the data kept on the build environment changes shape.
ENV_VERSION = 7

PACKAGE_DIR = Path(__file__).parent


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension (and the theme, which pulls the extension in)."""
    from . import _perf, blocks, compat, config, integrations, lesson, outputs, sources, theme
    from .locale import install_template_translations

    app.add_message_catalog("sphinx_refinery", str(PACKAGE_DIR / "locale"))
    app.connect("builder-inited", install_template_translations)
    config.setup(app)
    integrations.setup(app)
    compat.setup(app)
    blocks.setup(app)
    lesson.setup(app)
    sources.setup(app)
    outputs.setup(app)
    theme.setup(app)
    _perf.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
