"""``migrate`` keeps how sphinx-lesson ran notebooks: ``nb_execution_mode =
"auto"`` when a notebook the lesson reads shows code without outputs and
``conf.py`` sets no mode; and a build that leaves such notebooks unexecuted
by default says so once, at info level."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from sphinx_refinery.cli.conf_text import literal_settings
from sphinx_refinery.cli.main import main
from sphinx_refinery.cli.migrate import migrate
from sphinx_refinery.cli.notebook_mode import MODE_LINES
from sphinx_refinery.sources.notebook_outputs import never_run_cells, notebooks_without_outputs
from sphinx_refinery.sources.scanner import is_text_notebook

#: A sphinx-lesson conf.py for the notebook-outputs root.
LESSON_CONF = """\
project = "Notebook outputs"
extensions = ["sphinx_lesson"]
html_theme = "sphinx_rtd_theme"  # the look
exclude_patterns = ["_build", "drafts"]
copyright = "2026, The test authors"
"""
MIGRATED_CONF = """\
project = "Notebook outputs"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"  # the look
# As sphinx-lesson ran them: notebooks without saved outputs are executed; "off" builds faster.
nb_execution_mode = "auto"
exclude_patterns = ["_build", "drafts"]
copyright = "2026, The test authors"
"""
ADDED = 'nb_execution_mode = "auto" (added: picking.ipynb show code without outputs)'
#: The info line of a build that does not run them.
INFO = "1 notebook(s) (picking.ipynb, ...) show code cells without outputs"


@pytest.fixture
def lesson(copy_root):
    """The notebook-outputs root with a sphinx-lesson conf.py."""
    sources = copy_root("notebook-outputs")
    (sources / "conf.py").write_text(LESSON_CONF, encoding="utf-8")
    return sources


def _conf(lesson) -> str:
    return (lesson / "conf.py").read_text(encoding="utf-8")


# -- migrate -----------------------------------------------------------------------


def test_migrate_adds_the_mode_after_html_theme_and_prints_it(lesson, capsys):
    assert main(["migrate", str(lesson.srcdir)]) == 0
    assert _conf(lesson) == MIGRATED_CONF
    assert f"changed: {lesson / 'conf.py'}: {ADDED}" in capsys.readouterr().out.splitlines()


def test_dry_run_shows_the_line_and_changes_nothing(lesson, capsys):
    assert main(["migrate", "--dry-run", str(lesson.srcdir)]) == 0
    assert _conf(lesson) == LESSON_CONF
    assert f"would change: {lesson / 'conf.py'}: {ADDED}" in capsys.readouterr().out


def test_a_second_run_changes_nothing(lesson, capsys):
    migrate(lesson.srcdir)
    capsys.readouterr()
    assert main(["migrate", str(lesson.srcdir)]) == 0
    assert _conf(lesson) == MIGRATED_CONF
    assert "nothing to change" in capsys.readouterr().out


@pytest.mark.parametrize(
    "setting",
    [
        'nb_execution_mode = "off"',
        'jupyter_execute_notebooks = "cache"',  # myst-nb's old name
        'if True:\n    nb_execution_mode = "force"',
        'nb_execution_mode = os.environ.get("MODE", "off")',
    ],
)
def test_a_mode_set_in_conf_py_stays(lesson, setting):
    (lesson / "conf.py").write_text(f"import os\n{LESSON_CONF}{setting}\n", encoding="utf-8")
    changes = migrate(lesson.srcdir).changes
    assert not any("nb_execution_mode" in change for change in changes)
    assert 'nb_execution_mode = "auto"' not in _conf(lesson)


def test_notebooks_that_hold_their_outputs_keep_the_faster_default(lesson):
    # weighing.ipynb ran: a cell that printed nothing is no missing output.
    (lesson / "picking.ipynb").unlink()
    assert not any("nb_execution_mode" in change for change in migrate(lesson.srcdir).changes)
    assert "nb_execution_mode" not in _conf(lesson)


def test_notebooks_the_lesson_does_not_read_or_run_do_not_count(lesson):
    (lesson / "picking.ipynb").rename(lesson / "drafts" / "picking.ipynb")
    conf = LESSON_CONF + 'exclude_patterns += ["extra"]\n'
    (lesson / "conf.py").write_text(conf, encoding="utf-8")
    assert "nb_execution_mode" not in "".join(migrate(lesson.srcdir, dry_run=True).changes)
    # Back in the lesson, but kept from running by myst-nb's old exclude setting.
    (lesson / "drafts" / "picking.ipynb").rename(lesson / "picking.ipynb")
    (lesson / "conf.py").write_text(conf + 'execution_excludepatterns = ["pick*"]\n')
    assert "nb_execution_mode" not in "".join(migrate(lesson.srcdir, dry_run=True).changes)
    (lesson / "conf.py").write_text(conf)
    assert "nb_execution_mode" in "".join(migrate(lesson.srcdir, dry_run=True).changes)


def test_a_markdown_notebook_with_a_code_cell_counts(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_lesson"]\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(TEXT_NOTEBOOK, encoding="utf-8")
    migrate(tmp_path)
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert conf.endswith('html_theme = "sphinx_refinery"\n' + MODE_LINES)


TEXT_NOTEBOOK = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
---
# Pears

```{code-cell} python
print("pears")
```
"""


# -- what counts -------------------------------------------------------------------


def _notebook(*cells: dict) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _code(source: str | list[str], count: int | None = None, outputs: tuple = ()) -> dict:
    return {"cell_type": "code", "execution_count": count, "source": source, "outputs": outputs}


def test_never_run_cells():
    assert never_run_cells(_notebook(_code("print(1)"), _code(["x = 1\n", "x"]))) == 2
    # Empty, run without output, run with output, Markdown: nothing to add.
    ran = _code("print(2)", 2, ({"output_type": "stream", "name": "stdout", "text": "2"},))
    markdown = {"cell_type": "markdown", "source": "print(3)"}
    assert never_run_cells(_notebook(_code("  \n"), _code("import math", 1), ran, markdown)) == 0
    for broken in ("{}", "[]", "not json", '{"cells": 3}', '{"cells": [3]}'):
        assert never_run_cells(broken) == 0


def test_text_notebooks_need_the_front_matter_myst_nb_reads():
    assert is_text_notebook(TEXT_NOTEBOOK)
    assert is_text_notebook("---\nfile_format: mystnb\n---\n```{code-cell}\n1\n```\n")
    assert not is_text_notebook(TEXT_NOTEBOOK.split("# Pears")[1])  # a page, no notebook
    assert not is_text_notebook("---\nfile_format: mystnb\n---\n# No code\n")
    assert not is_text_notebook("---\njupytext: 3\n---\n```{code-cell}\n1\n```\n")


def test_literal_settings_follow_the_top_level_of_conf_py():
    tree = ast.parse(
        'exclude_patterns = ["_build"]\n'
        'exclude_patterns += ["a"]\n'
        'exclude_patterns.append("b")\n'
        'exclude_patterns.extend(["c"])\n'
        "templates_path = computed()\n"
        'include_patterns = ["**"]\n'
        "include_patterns = [x for x in y]\n"
    )
    settings = literal_settings(tree, ["exclude_patterns", "templates_path", "include_patterns"])
    assert settings == {"exclude_patterns": ["_build", "a", "b", "c"]}


def test_the_root_has_one_notebook_without_outputs():
    root = Path(__file__).parent / "roots" / "test-notebook-outputs"
    assert notebooks_without_outputs(root, {"exclude_patterns": ["drafts"]}) == ["picking.ipynb"]
    assert notebooks_without_outputs(root, {}) == ["drafts/pruning.ipynb", "picking.ipynb"]


# -- builds ------------------------------------------------------------------------


def _kernel_reason() -> str | None:
    """Why the notebooks cannot be executed here, if they cannot."""
    try:
        import ipykernel  # noqa: F401
        import myst_nb  # noqa: F401
        from jupyter_client.kernelspec import find_kernel_specs
    except ImportError as error:
        return f"executing notebooks needs myst-nb and ipykernel: {error}"
    if "python3" not in find_kernel_specs():
        return "no python3 Jupyter kernel is installed"
    return None


def test_the_migrated_lesson_shows_the_executed_output(lesson):
    if reason := _kernel_reason():
        pytest.skip(reason)
    migrate(lesson.srcdir)
    built = lesson.build("html")  # strict: executing adds no warning
    assert "3 plums picked" in built.page("picking").get_text()
    assert "135 grams in all" in built.page("weighing").get_text()
    assert INFO not in built.app.status.getvalue()


def test_a_build_that_does_not_run_them_says_so_once_as_information(copy_root):
    pytest.importorskip("myst_nb")
    sources = copy_root("notebook-outputs")
    built = sources.build("html")  # strict: the message is no warning
    status = built.app.status.getvalue()
    assert status.count(INFO) == 1
    assert 'set nb_execution_mode in conf.py ("auto" runs them' in status
    assert "3 plums picked" not in built.page("picking").get_text()
    # A mode the author chose, in conf.py or on the command line: no message.
    quiet = sources.build("html", confoverrides={"nb_execution_mode": "off"}, freshenv=True)
    assert INFO not in quiet.app.status.getvalue()
    conf = sources / "conf.py"
    conf.write_text(conf.read_text() + 'jupyter_execute_notebooks = "off"\n')
    assert INFO not in sources.build("html", freshenv=True).app.status.getvalue()
