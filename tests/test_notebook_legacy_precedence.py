"""myst-nb's old setting name wins over the new one when conf.py sets both,
as in myst-nb itself (a sphinx-lesson lesson that never ran its notebooks
does not start to)."""

from __future__ import annotations

import pytest


def test_old_name_in_conf_py_wins_over_the_new_one(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("notebooks")
    conf = sources / "conf.py"
    # The root's conf.py already says jupyter_execute_notebooks = "off".
    conf.write_text(conf.read_text() + 'nb_execution_mode = "cache"\n')
    built = sources.build("html")  # strict: no deprecation warning either
    assert built.config.nb_execution_mode == "off"
    assert built.config.jupyter_execute_notebooks == "--unset--"
