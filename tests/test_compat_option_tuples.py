"""Extensions written for Sphinx 8 that read a setting as ``(default, rebuild, types)``
(sphinx-hoverxref 1.4 does at ``config-inited``) load on Sphinx 9 too."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_build

CONF = """\
project = "Tides"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"


def _old_style(app, config):
    default, rebuild, types = app.config.values.get("tide_table_url")
    config.tide_seen = [(default, rebuild, app.config.values["tide_table_url"][0])]


def setup(app):
    app.add_config_value("tide_table_url", "https://example.org", "html", [str])
    app.add_config_value("tide_seen", [], "", [list])
    app.connect("config-inited", _old_style)
"""


# Sphinx 8.2 itself still gives the tuple, with its own deprecation warning.
@pytest.mark.filterwarnings("ignore:The '_Opt' object tuple interface is deprecated")
def test_a_setting_unpacks_as_a_tuple_in_a_sphinx_8_extension(tmp_path: Path, make_app):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text("# Tides\n\nHigh water twice a day.\n", encoding="utf-8")
    app = run_build(make_app("html", srcdir=tmp_path))  # strict: no warning either
    assert app.config.tide_seen == [("https://example.org", "html", "https://example.org")]
    assert "High water" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
