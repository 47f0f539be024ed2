"""The extensions every lesson gets (MyST, copy buttons) stay quiet and
let incremental builds stay incremental."""

from __future__ import annotations

from pathlib import Path

import sphinx_copybutton


def test_a_second_build_reads_nothing_again(copy_root):
    sources = copy_root("blocks")
    sources.build()
    again = sources.build().app
    status = again._status.getvalue()
    # (Sphinx's test app reports html_theme as changed on its own.)
    assert "html_static_path" not in status
    assert "0 added, 0 changed, 0 removed" in status
    # copybutton's folder is there once, so its files are still copied.
    copybutton = Path(sphinx_copybutton.__file__).parent / "_static"
    assert again.config.html_static_path.count(str(copybutton)) == 1
    assert (again.outdir / "_static" / "copybutton.js").is_file()


def test_myst_configuration_is_shown_only_when_verbose(copy_root):
    quiet = copy_root("blocks", "quiet").build().app
    assert "MdParserConfig" not in quiet._status.getvalue()
    verbose = copy_root("blocks", "verbose").build(verbosity=1).app
    assert "MdParserConfig" in verbose._status.getvalue()
