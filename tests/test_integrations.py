"""The extensions every lesson gets (MyST, copy buttons) stay quiet and
let incremental builds stay incremental."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def test_a_build_leaves_the_shared_source_suffix_default_alone(copy_root):
    """Sphinx merges extensions' suffixes into ``source_suffix`` in place; without
    the author's own value that is the default every later app starts from."""
    from sphinx.config import Config

    default = Config.config_values["source_suffix"].default
    before = dict(default)
    copy_root("blocks").build()
    assert default == before


@pytest.mark.parametrize(("root", "loaded"), [("blocks", "myst_parser"), ("notebooks", "myst_nb")])
def test_myst_nb_only_for_lessons_with_notebooks(copy_root, root, loaded):
    pytest.importorskip("myst_nb")
    app = copy_root(root).app("html")
    other = {"myst_parser": "myst_nb", "myst_nb": "myst_parser"}[loaded]
    assert loaded in app.extensions
    assert other not in app.extensions or (other == "myst_parser" and loaded == "myst_nb")


def test_markdown_notebooks_count_as_notebooks(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("blocks")
    (sources / "cells.md").write_text(
        "---\nfile_format: mystnb\n---\n# Cells\n\n```{code-cell} python\n1 + 1\n```\n"
    )
    assert "myst_nb" in sources.app("html").extensions


def test_a_code_cell_shown_as_an_example_is_no_notebook(copy_root):
    """A page about notebooks shows a ``{code-cell}`` inside a fence: myst-nb
    would read it as no cell either (it reads cells only in a Markdown notebook,
    one whose front matter says so), so it is not loaded for it."""
    sources = copy_root("blocks")
    (sources / "about.md").write_text(
        "# About cells\n\n````md\n```{code-cell} ipython3\n1 + 1\n```\n````\n"
    )
    assert "myst_nb" not in sources.app("html").extensions
