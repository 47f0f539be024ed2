"""Notebooks: myst-nb is loaded in place of myst-parser when installed, and
every lesson feature works on notebook pages; without it, one warning."""

from __future__ import annotations

import pytest

from sphinx_refinery import integrations
from sphinx_refinery.sources.notebooks import INSTALL_COMMAND


def _kinds(html, selector: str = "article .admonition") -> list[str]:
    return [block["class"][1] for block in html.select(selector)]


def test_notebook_pages_have_every_lesson_feature(copy_root):
    pytest.importorskip("myst_nb")
    built = copy_root("notebooks").build("html")
    assert "myst_nb" in built.app.extensions
    assert "myst_parser" not in built.config.extensions
    learner = built.page("counting")
    assert "Sheep jump over the fence" in learner.select_one("article").get_text()
    assert _kinds(learner) == ["exercise", "solution"]
    assert "Exercise 1" in learner.select_one("div.exercise").get_text()
    instructor = built.page("instructor/counting")
    assert _kinds(instructor) == ["exercise", "solution", "instructor-note"]
    listed = built.page("exercises").select("article div.exercise")
    assert ["Count the flock" in block.get_text() for block in listed] == [True]
    # A {code-cell} in a Markdown page, and no notebook outside the patterns.
    assert built.page("cells").select("article div.cell")
    assert not (built.outdir / "drafts").exists()


def test_old_setting_names_are_mapped_quietly(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("notebooks")
    built = sources.build("html")  # strict: myst-nb's deprecation warning would fail it
    assert built.config.nb_execution_mode == "off"
    assert built.config.jupyter_execute_notebooks == "--unset--"
    app = sources.app(confoverrides={"jupyter_execute_notebooks": "cache"})
    assert app.config.nb_execution_mode == "cache"
    # The old name wins over the new one when both are given, as in myst-nb
    # (what sphinx-lesson lessons were built with).
    app = sources.app(
        confoverrides={"jupyter_execute_notebooks": "cache", "nb_execution_mode": "force"}
    )
    assert app.config.nb_execution_mode == "cache"


def test_notebooks_are_not_executed_unless_asked(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("notebooks")
    conf = sources / "conf.py"
    conf.write_text(conf.read_text().replace("jupyter_execute_notebooks", "unrelated"))
    assert sources.app().config.nb_execution_mode == "off"
    asked = sources.app(confoverrides={"nb_execution_mode": "auto"})
    assert asked.config.nb_execution_mode == "auto"


def test_conf_py_listing_myst_parser_keeps_it(copy_root):
    sources = copy_root("notebooks")
    app = sources.app(confoverrides={"extensions": ["myst_parser", "sphinx_refinery"]})
    assert "myst_nb" not in app.extensions


@pytest.fixture
def without_myst_nb(monkeypatch):
    monkeypatch.setattr(integrations, "myst_nb_installed", lambda: False)


def _notebook_warnings(built) -> list[str]:
    return [line for line in built.warnings.splitlines() if "[refinery.notebook]" in line]


@pytest.mark.usefixtures("without_myst_nb")
def test_without_myst_nb_one_warning_names_the_install_command(copy_root):
    built = copy_root("notebooks").build("html", strict=False)
    assert "myst_nb" not in built.app.extensions
    [warning] = _notebook_warnings(built)
    assert "counting.ipynb" in warning
    assert "1 notebook(s)" in warning  # the one in drafts/ is excluded
    assert INSTALL_COMMAND in warning
    assert (built.outdir / "index.html").is_file()


@pytest.mark.usefixtures("without_myst_nb")
def test_without_myst_nb_a_myst_nb_source_suffix_does_not_stop_the_build(copy_root):
    sources = copy_root("notebooks")
    suffixes = {".md": "markdown", ".ipynb": "myst-nb", ".myst": "myst-nb"}
    built = sources.build("html", strict=False, confoverrides={"source_suffix": suffixes})
    assert len(_notebook_warnings(built)) == 1
    assert built.config.source_suffix == {".md": "markdown", ".myst": "markdown"}


def test_with_myst_nb_markdown_suffixes_are_read_by_it(copy_root):
    pytest.importorskip("myst_nb")
    suffixes = {".md": "markdown", ".txt": "markdown"}
    built = copy_root("notebooks").build("html", confoverrides={"source_suffix": suffixes})
    assert built.config.source_suffix == {".md": "myst-nb", ".txt": "myst-nb", ".ipynb": "myst-nb"}


def test_mystnb_stylesheet_only_on_pages_with_cells(copy_root):
    pytest.importorskip("myst_nb")
    built = copy_root("notebooks").build("html")

    def stylesheets(docname: str) -> list[str]:
        return [link["href"] for link in built.page(docname).select("link[rel=stylesheet]")]

    assert any("mystnb." in href for href in stylesheets("counting"))
    assert any("mystnb." in href for href in stylesheets("cells"))
    assert not any("mystnb." in href for href in stylesheets("index"))
