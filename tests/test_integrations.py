"""The extensions every lesson gets (MyST, copy buttons) stay quiet and
let incremental builds stay incremental."""

from __future__ import annotations

import shutil
from pathlib import Path

import sphinx_copybutton

ROOT = Path(__file__).parent / "roots" / "test-blocks"


def _copy(tmp_path: Path) -> Path:
    srcdir = tmp_path / "lesson"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def test_a_second_build_reads_nothing_again(make_app, strict_build, tmp_path):
    srcdir = _copy(tmp_path)
    strict_build(make_app("html", srcdir=srcdir))
    again = strict_build(make_app("html", srcdir=srcdir))
    status = again._status.getvalue()
    # (Sphinx's test app reports html_theme as changed on its own.)
    assert "html_static_path" not in status
    assert "0 added, 0 changed, 0 removed" in status
    # copybutton's folder is there once, so its files are still copied.
    copybutton = Path(sphinx_copybutton.__file__).parent / "_static"
    assert again.config.html_static_path.count(str(copybutton)) == 1
    assert (again.outdir / "_static" / "copybutton.js").is_file()


def test_myst_configuration_is_shown_only_when_verbose(make_app, strict_build, tmp_path):
    quiet = strict_build(make_app("html", srcdir=_copy(tmp_path / "quiet")))
    assert "MdParserConfig" not in quiet._status.getvalue()
    verbose = strict_build(make_app("html", srcdir=_copy(tmp_path / "verbose"), verbosity=1))
    assert "MdParserConfig" in verbose._status.getvalue()
