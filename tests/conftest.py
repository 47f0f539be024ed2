"""Shared fixtures: Sphinx's own test fixtures plus a strict build helper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """``@pytest.mark.sphinx(testroot="x")`` builds ``tests/roots/test-x``."""
    return ROOTS


def warnings_of(app) -> str:
    """The build's warnings without colour codes."""
    return ANSI.sub("", app.warning.getvalue()).strip()


@pytest.fixture
def strict_build():
    """Build an app and fail on any warning (the ``-W`` of the tests).

    The app's global docutils registrations are undone afterwards, so a test
    may build several apps in turn (clean against incremental, -j 2 against -j 1).
    """

    def build(app, **kwargs):
        try:
            app.build(**kwargs)
        finally:
            app.cleanup()
        warnings = warnings_of(app)
        assert not warnings, f"build warned:\n{warnings}"
        return app

    return build
