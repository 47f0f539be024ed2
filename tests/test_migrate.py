"""``sphinx-refinery migrate``: a sphinx-lesson lesson moved over in place,
with minimal edits, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_refinery.cli.main import main
from sphinx_refinery.cli.migrate import MigrateError, find_conf, migrate, package_of

CONF = """\
# A lesson about orchards.
project = "Orchards"
extensions = [
    "sphinx.ext.githubpages",
    'sphinx_lesson',  # the lesson directives
    # better colours for the rtd theme:
    "sphinx_rtd_theme_ext_color_contrast",
]
html_theme = "sphinx_rtd_theme"  # the look
exclude_patterns = ["_build"]
jupyter_execute_notebooks = "off"

from sphinx_lesson.directives import _BaseCRDirective


class PruningDirective(_BaseCRDirective):
    extra_classes = ["toggle-shown", "dropdown"]


def setup(app):
    app.add_directive(PruningDirective.cssname(), PruningDirective)
"""

MIGRATED = """\
# A lesson about orchards.
project = "Orchards"
extensions = [
    "sphinx.ext.githubpages",
    'sphinx_refinery',  # the lesson directives
    # better colours for the rtd theme:
]
html_theme = "sphinx_refinery"  # the look
exclude_patterns = ["_build"]
jupyter_execute_notebooks = "off"

from sphinx_refinery.blocks.custom import BlockDirective as _BaseCRDirective


class PruningDirective(_BaseCRDirective):
    extra_classes = ["toggle-shown", "dropdown"]


def setup(app):
    app.add_directive(PruningDirective.cssname(), PruningDirective)
"""

REQUIREMENTS = """\
Sphinx
sphinx-lesson>=0.8  # the extension
sphinx_rtd_theme
sphinx_rtd_theme_ext_color_contrast
"""

INDEX = """\
# Orchards

```{pruning}
Cut above an outward bud.
```
"""


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    """A repository with the lesson in ``content/``."""
    content = tmp_path / "repo" / "content"
    content.mkdir(parents=True)
    (content / "conf.py").write_text(CONF, encoding="utf-8")
    (content / "index.md").write_text(INDEX, encoding="utf-8")
    (tmp_path / "repo" / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    return tmp_path / "repo"


def test_conf_py_gets_minimal_edits_and_comments_stay(lesson, capsys):
    assert main(["migrate", str(lesson)]) == 0
    assert (lesson / "content" / "conf.py").read_text(encoding="utf-8") == MIGRATED
    assert (lesson / "requirements.txt").read_text(encoding="utf-8") == (
        "Sphinx\nsphinx-refinery  # the extension\nsphinx_rtd_theme\n"
    )
    out = capsys.readouterr().out
    assert "extension sphinx_lesson -> sphinx_refinery" in out
    assert "removed extension sphinx_rtd_theme_ext_color_contrast" in out
    assert "_BaseCRDirective -> BlockDirective" in out


def test_a_second_run_changes_nothing(lesson, capsys):
    main(["migrate", str(lesson)])
    files = {path: path.read_bytes() for path in lesson.rglob("*") if path.is_file()}
    capsys.readouterr()
    assert main(["migrate", str(lesson)]) == 0
    assert {path: path.read_bytes() for path in lesson.rglob("*") if path.is_file()} == files
    assert "nothing to change" in capsys.readouterr().out


def test_dry_run_changes_nothing(lesson, capsys):
    assert main(["migrate", "--dry-run", str(lesson / "content")]) == 0
    assert (lesson / "content" / "conf.py").read_text(encoding="utf-8") == CONF
    assert "would change:" in capsys.readouterr().out


def test_notebooks_ask_for_the_notebooks_extra(lesson):
    (lesson / "content" / "trees.ipynb").write_text("{}", encoding="utf-8")
    migrate(lesson)
    assert (
        "sphinx-refinery[notebooks]  # the extension" in (lesson / "requirements.txt").read_text()
    )
    # The extra is added to a lesson migrated before it had notebooks, once.
    assert migrate(lesson).changes == []


def test_a_theme_is_added_when_conf_py_sets_none(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_lesson"]\n', encoding="utf-8")
    migrate(tmp_path)
    assert (tmp_path / "conf.py").read_text() == (
        'extensions = ["sphinx_refinery"]\nhtml_theme = "sphinx_refinery"\n'
    )


def test_extensions_that_are_not_installed_are_named_with_their_package(tmp_path, capsys):
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_lesson", "sphinxcontrib.no_such_thing", "no_such_ext"]\n',
        encoding="utf-8",
    )
    assert main(["migrate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "sphinxcontrib.no_such_thing, which is not installed: pip install " in out
    assert "pip install sphinxcontrib-no-such-thing" in out
    assert "pip install no-such-ext" in out
    assert "sphinx_refinery, which" not in out
    assert package_of("sphinx_tabs.tabs") == "sphinx-tabs"


def test_no_conf_py_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["migrate", str(tmp_path)]) == 1
    assert "error: no conf.py in" in capsys.readouterr().err
    with pytest.raises(MigrateError, match=r"no conf\.py"):
        find_conf(tmp_path)


def test_the_migrated_lesson_builds_with_its_own_kind(lesson, make_app):
    from helpers import run_build

    migrate(lesson)
    app = run_build(make_app("html", srcdir=lesson / "content"))  # strict
    block = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<details class="admonition-pruning pruning toggle-shown dropdown' in block
