"""``sphinx-refinery migrate`` also rewrites the ``_BaseCRDirective`` import in the
modules beside ``conf.py`` that hold a lesson's own kinds (``from custom import ...``)."""

from __future__ import annotations

from pathlib import Path

from sphinx_refinery.cli.main import main
from sphinx_refinery.cli.migrate import migrate

CONF = """\
import os, sys
sys.path.insert(0, os.path.abspath("."))
project = "Rivers"
extensions = ["sphinx_lesson"]
html_theme = "sphinx_rtd_theme"
exclude_patterns = ["_build", "examples"]

from river_kinds import OWN_KINDS


def setup(app):
    for kind in OWN_KINDS:
        app.add_directive(kind.get_cssname(), kind)
"""

KINDS = """\
\"\"\"The lesson's own blocks.\"\"\"


def helper():
    return 1


from sphinx_lesson.directives import _BaseCRDirective as Base


class MeanderDirective(Base):
    extra_classes = ["toggle-shown", "dropdown"]


OWN_KINDS = [MeanderDirective]
"""

EXAMPLE = "print('_BaseCRDirective is only mentioned here'\n"  # not Python that parses

INDEX = """\
# Rivers

```{meander}
Outer banks erode.
```
"""


def _lesson(tmp_path: Path) -> Path:
    root = tmp_path / "lesson"
    (root / "examples").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "river_kinds.py").write_text(KINDS, encoding="utf-8")
    (root / "examples" / "broken.py").write_text(EXAMPLE, encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    return root


def test_the_import_in_a_helper_module_is_rewritten_keeping_its_name(tmp_path, capsys):
    root = _lesson(tmp_path)
    assert main(["migrate", str(root)]) == 0
    kinds = (root / "river_kinds.py").read_text(encoding="utf-8")
    assert "from sphinx_refinery.blocks.custom import BlockDirective as Base\n" in kinds
    assert "sphinx_lesson" not in kinds
    new_import = "from sphinx_refinery.blocks.custom import BlockDirective as Base"
    old_import = "from sphinx_lesson.directives import _BaseCRDirective as Base"
    assert kinds.replace(new_import, "") == KINDS.replace(old_import, "")
    out = capsys.readouterr().out
    assert f"{root / 'river_kinds.py'}: _BaseCRDirective -> BlockDirective" in out
    assert (root / "examples" / "broken.py").read_text(encoding="utf-8") == EXAMPLE
    assert migrate(root).changes == []  # a second run changes nothing


def test_dry_run_leaves_the_helper_module_alone(tmp_path, capsys):
    root = _lesson(tmp_path)
    assert main(["migrate", "--dry-run", str(root)]) == 0
    assert (root / "river_kinds.py").read_text(encoding="utf-8") == KINDS
    assert "river_kinds.py: _BaseCRDirective -> BlockDirective" in capsys.readouterr().out


def test_the_migrated_lesson_builds_with_the_helper_modules_kind(tmp_path, make_app):
    from helpers import run_build

    root = _lesson(tmp_path)
    migrate(root)
    app = run_build(make_app("html", srcdir=root))  # strict
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<details class="admonition-meander meander toggle-shown dropdown' in page
