"""Placeholder: filled in by its own change."""

from __future__ import annotations


def setup(app) -> None:
    """Register nothing yet."""
