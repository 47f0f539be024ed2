"""myst-nb (a second to import) is loaded for lessons with notebooks or code
cells, not for one whose conf.py only carries the template's notebook
settings; without it, those settings from conf.py or ``-D`` pass quietly."""

from __future__ import annotations

import pytest


def test_notebook_settings_alone_do_not_load_myst_nb(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("blocks")
    conf = sources / "conf.py"
    conf.write_text(
        conf.read_text() + 'nb_execution_mode = "cache"\njupyter_execute_notebooks = "off"\n'
    )
    built = sources.build(
        "html", confoverrides={"nb_execution_mode": "off", "jupyter_execute_notebooks": "off"}
    )  # strict: no "unknown config value" for the overrides
    assert "myst_nb" not in built.app.extensions
    assert "myst_parser" in built.app.extensions


def test_a_notebook_still_loads_it(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("blocks")
    (sources / "extra.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    assert "myst_nb" in sources.app("html").extensions


def test_excluded_notebooks_do_not_load_it(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("blocks")
    (sources / "examples").mkdir()
    (sources / "examples" / "download.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    (sources / "venv").mkdir()
    (sources / "venv" / "cells.md").write_text("```{code-cell} python\n1\n```\n")
    conf = sources / "conf.py"
    conf.write_text(conf.read_text() + '\nexclude_patterns = ["_build", "examples"]\n')
    assert "myst_nb" not in sources.app("html").extensions
