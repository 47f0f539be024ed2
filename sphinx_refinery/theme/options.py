"""What the rest of the theme asks about the builder and the theme options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config import SAFE_LINK_SCHEMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

THEME_NAME = "sphinx_refinery"
#: The theme folder: templates, theme.toml and static files.
THEME_DIR = Path(__file__).parent / THEME_NAME

#: Theme options that hold a web address.
URL_OPTIONS = ("repository_url", "license_url")


def uses_theme(app: Sphinx) -> bool:
    """Does this builder render pages with this theme?  (The epub builder has
    its own theme, whatever ``html_theme`` says.)"""
    theme = getattr(app.builder, "theme", None)
    return getattr(theme, "name", "") == THEME_NAME


def as_bool(value: object) -> bool:
    """Theme options arrive as bools or as strings from theme.toml."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "on"}
    return bool(value)


def safe_url(value: object) -> str:
    """``value`` as a link target, or "" when it could run code (``javascript:`` ...)."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in SAFE_LINK_SCHEMES else ""


def theme_context(builder: StandaloneHTMLBuilder) -> dict[str, Any]:
    """The theme options as the templates see them (``theme_<name>``).

    Read from the context Sphinx prepared once for the build: asking the
    theme again (``get_options``) repeats its warning about every option the
    theme does not know, once per page (106 warnings on one real lesson).
    """
    return {key: value for key, value in builder.globalcontext.items() if key.startswith("theme_")}
