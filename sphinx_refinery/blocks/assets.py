"""The extension's own CSS and JS (``sphinx_refinery/blocks/static/``), one file per construct.

``kinds.css`` (per-kind colours and icons) is generated from the table of
kinds (``python -m sphinx_refinery._generate``).  With the ``sphinx_refinery``
theme these files are in its prebuilt stylesheet and script, so nothing is
added here.  With any other theme each file is linked on its own and copied
to ``_static/refinery/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
THEME_NAME = "sphinx_refinery"


def extension_assets(suffix: str) -> list[Path]:
    """The extension's static files ending in ``suffix``, in a stable order."""
    return sorted(STATIC_DIR.glob(f"*{suffix}"))


def uses_own_theme(app: Sphinx) -> bool:
    """Does this builder render pages with the sphinx_refinery theme (which
    bundles these files)?  The epub builder uses its own theme even when
    ``html_theme`` is ``sphinx_refinery``, so it gets the files linked."""
    theme = getattr(app.builder, "theme", None)
    if theme is not None:
        return getattr(theme, "name", "") == THEME_NAME
    return app.config.html_theme == THEME_NAME


def _wants_assets(app: Sphinx) -> bool:
    return app.builder.format == "html" and not uses_own_theme(app)


def link_assets(app: Sphinx) -> None:
    """Link each extension file from every page when another theme is used."""
    if not _wants_assets(app):
        return
    for css in extension_assets(".css"):
        app.add_css_file(f"refinery/{css.name}")
    for js in extension_assets(".js"):
        app.add_js_file(f"refinery/{js.name}", defer="defer")


def copy_assets(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None and _wants_assets(app):
        copy_asset(STATIC_DIR, str(Path(app.outdir) / "_static" / "refinery"))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", link_assets)
    app.connect("build-finished", copy_assets)
