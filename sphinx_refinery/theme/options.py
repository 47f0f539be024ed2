"""What the rest of the theme asks about the builder and the theme options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_NAME = "sphinx_refinery"
#: The theme folder: templates, theme.toml and static files.
THEME_DIR = Path(__file__).parent / THEME_NAME

#: Theme options that hold a web address.
URL_OPTIONS = ("repository_url", "license_url")
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


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
    return text if scheme in SAFE_SCHEMES else ""
