"""Shared fixtures: Sphinx's own test fixtures, a strict build, a copied test root."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOTS, Sources, copy_sources, root_path, run_build

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """``@pytest.mark.sphinx(testroot="x")`` builds ``tests/roots/test-x``."""
    return ROOTS


@pytest.fixture
def strict_build() -> Callable:
    """Build an app and fail on any warning (see :func:`helpers.run_build`)."""
    return run_build


@pytest.fixture
def copy_root(make_app, tmp_path) -> Callable[..., Sources]:
    """Copy a test root into ``tmp_path``, to edit and to build with ``make_app``.

    ``copy_root("lesson")`` copies ``tests/roots/test-lesson`` (a :class:`~pathlib.Path`
    copies that folder) to ``tmp_path / "lesson"`` (``dest`` names another
    subfolder, for several copies in one test);
    ``copy_root("lesson").build("html", confoverrides=..., parallel=2)`` builds it,
    failing on any warning unless ``strict=False``, and returns a
    :class:`helpers.Built` (``.app``, ``.outdir``, ``.page(docname)``, ``.warnings``).
    """

    def copy(root: str | Path, dest: str | None = None) -> Sources:
        source = root_path(root)
        return Sources(make_app, copy_sources(source, tmp_path / (dest or source.name)))

    return copy
