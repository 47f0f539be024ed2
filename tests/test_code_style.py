"""The code base stays ruff clean and type-checks (the settings are in pyproject.toml)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


def _ruff() -> list[str] | None:
    beside_python = Path(sys.executable).with_name("ruff")
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("ruff")
    return [found] if found else None


def test_ruff_check_is_clean():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    paths = [p for p in ("sphinx_refinery", "tests", "docs", "benchmarks") if (REPO / p).exists()]
    result = subprocess.run(
        [*ruff, "check", "--no-cache", *paths], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _mypy() -> list[str] | None:
    """mypy of the interpreter running the tests, which sees the same Sphinx
    (a mypy of another environment would not find the package's imports)."""
    beside_python = Path(sys.executable).with_name("mypy")
    if beside_python.exists():
        return [str(beside_python)]
    if importlib.util.find_spec("mypy") is not None:
        return [sys.executable, "-m", "mypy"]
    return None


def test_mypy_is_clean():
    """``mypy`` with the settings of ``[tool.mypy]`` in pyproject.toml."""
    mypy = _mypy()
    if mypy is None:
        pytest.skip("mypy is not installed (it is in the test extra)")
    result = subprocess.run(
        [*mypy, "--cache-dir", os.devnull, "sphinx_refinery"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
