"""Settings declared once (``sphinx_refinery.config``) and checked once; warning subtypes
in one place (``sphinx_refinery.warnings``); the docs list both."""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import pytest
from helpers import copy_sources, root_path, soup, warnings_of

from sphinx_refinery.config import SETTINGS, set_by_author
from sphinx_refinery.warnings import Subtype

PACKAGE = Path(__file__).parent.parent / "sphinx_refinery"
DOCS = Path(__file__).parent.parent / "docs" / "configuration.md"
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}

#: Per setting, a value that is not allowed, as written in conf.py (mostly of the wrong type).
BAD_VALUES = {
    "refinery_exercise_numbering": "3",
    "refinery_solutions": "3",
    "refinery_solutions_placement": "['end']",
    "refinery_latex_solutions": "True",
    "refinery_views": '"bogus"',
    "refinery_edition": '"teacher"',
    "refinery_schedule_start": "900",
    "refinery_notes_filename": "3",
    "refinery_notes_baseurl": "5",
    "refinery_notes_extra_links": '"https://example.org/coc"',
    "refinery_notes_answer_lines": '"3"',
    "refinery_workbench": '"yes"',
    "refinery_carpentries": "None",
    "sphinx_lesson_transform_block_quotes": '"no"',
    "sphinx_lesson_transform_code_fences": "2",
    "sphinx_lesson_transform_html_img": "[]",
    "refinery_parallel_write_all": '"false"',
    "refinery_gc_freeze": "{}",
    "refinery_block_kinds": '[{"title": "Kind without a name"}]',
}
#: A page whose schedule starts at ``refinery_schedule_start``.
SCHEDULE_PAGE = "---\norphan: true\n---\n\n# Timetable\n\n```{schedule}\n```\n"


def test_every_setting_has_a_bad_value_here():
    assert set(BAD_VALUES) == set(DEFAULTS)


def add_bad_values(src: Path) -> dict[str, int]:
    """Put every bad value into the conf.py of a copied lesson; the line of each value."""
    (src / "timetable.md").write_text(SCHEDULE_PAGE, encoding="utf-8")
    # The lesson's schedule declares no start of its own, so the setting is what counts.
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":start: 13:00\n", ""), "utf-8")
    conf = src / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    where = {}
    for name, value in BAD_VALUES.items():
        lines.append(f"{name} = {value}")
        where[name] = len(lines)
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def bad_builds(tmp_path_factory):
    """``sphinx-build`` (html, then notes) of the lesson with every bad value:
    exit status and warnings of each, the source folder and the lines."""
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("bad-config")
    # Built once for the module, so copied without the per-test copy_root fixture.
    src = copy_sources(root_path("lesson"), base / "src")
    where = add_bad_values(src)
    results = {}
    for builder in ("html", "notes"):
        out, warnings = base / builder, base / f"{builder}-warnings.txt"
        argv = ["-q", "-E", "-b", builder, "-d", str(base / "doctrees"), "-w", str(warnings)]
        status = build_main([*argv, str(src), str(out)])
        results[builder] = (status, warnings.read_text(encoding="utf-8").splitlines(), out)
    return src, where, results


@pytest.mark.parametrize("builder", ["html", "notes"])
def test_bad_values_leave_the_build_successful(bad_builds, builder):
    _src, _where, results = bad_builds
    status, warnings, _out = results[builder]
    assert status == 0
    assert not any("Traceback" in line or "Exception" in line for line in warnings)
    # One warning per bad value, ours: Sphinx's own type check does not add a second.
    assert len(warnings) == len(BAD_VALUES), "\n".join(warnings)
    assert all(line.endswith("[refinery.config]") for line in warnings), "\n".join(warnings)


@pytest.mark.parametrize("builder", ["html", "notes"])
@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_bad_value_gives_one_warning_at_its_line(bad_builds, builder, name):
    src, where, results = bad_builds
    _status, warnings, _out = results[builder]
    about = [line for line in warnings if re.search(rf"\b{name}\b", line)]
    assert len(about) == 1, "\n".join(warnings)
    value = repr(ast.literal_eval(BAD_VALUES[name]))
    prefix = f"{src / 'conf.py'}:{where[name]}: WARNING: {name} = {value} is not "
    assert about[0].startswith(prefix), about[0]
    assert about[0].endswith(f"; using {DEFAULTS[name]!r} [refinery.config]"), about[0]


def test_bad_values_are_replaced_by_the_defaults(copy_root):
    sources = copy_root("lesson")
    add_bad_values(sources.srcdir)
    app = sources.app()
    assert {name: getattr(app.config, name) for name in DEFAULTS} == DEFAULTS


def test_outputs_use_the_defaults(bad_builds):
    _src, _where, results = bad_builds
    html, notes = results["html"][2], results["notes"][2]
    schedule = soup(html / "timetable.html")
    first_row = schedule.select_one("table.refinery-schedule tbody tr")
    assert first_row.td.get_text(strip=True) == "09:00"  # not 900
    assert (html / "instructor" / "index.html").is_file()  # both views, learner at the root
    assert [path.name for path in notes.iterdir() if path.is_file()] == ["lesson-features-notes.md"]
    text = (notes / "lesson-features-notes.md").read_text(encoding="utf-8")
    # Three answer lines each, not "3" (a TypeError before).
    assert re.search(r"\*Answers:\*\n\n(- \n){3}\n", text), text


@pytest.mark.parametrize(
    "name", ["../../x.md", "../x.md", "/tmp/x.md", "sub/notes.md", "sub\\notes.md", "..", "."]
)
def test_notes_file_name_outside_the_output_folder_is_refused(copy_root, name):
    # Folders deep enough that "../../x.md" from the output still lands in tmp_path.
    sources = copy_root("lesson", "deep/er/src")
    app = sources.app("notes", confoverrides={"refinery_notes_filename": name})
    app.build()
    app.cleanup()
    warnings = warnings_of(app)
    assert warnings.count("refinery_notes_filename") == 1, warnings
    assert f"refinery_notes_filename = {name!r} is not a file name without a folder" in warnings
    assert app.config.refinery_notes_filename == ""
    out = Path(app.outdir)
    assert [path.name for path in out.iterdir() if path.is_file()] == ["lesson-features-notes.md"]
    assert not (out / "x.md").exists() and not (out.parent / "x.md").exists()
    assert not (out.parent.parent / "x.md").exists()


def test_a_value_from_the_command_line_is_located_in_conf_py_without_a_line(copy_root):
    sources = copy_root("lesson")
    app = sources.app(confoverrides={"refinery_solutions": 3})
    conf = sources / "conf.py"
    expected = (
        f"{conf}:: WARNING: refinery_solutions = 3 is not one of 'collapsed', 'expanded', "
        "'hidden'; using 'collapsed' [refinery.config]"
    )
    assert warnings_of(app) == expected
    assert app.config.refinery_solutions == "collapsed"


def test_allowed_values_pass_unchanged_and_a_single_view_becomes_a_list(copy_root):
    sources = copy_root("lesson")
    good = {
        "refinery_views": "learner",
        "refinery_schedule_start": "9.30",
        "refinery_notes_filename": "day-1.md",
        "refinery_notes_extra_links": [["Chat", "https://example.org/chat"]],
        "refinery_notes_answer_lines": 1,
        "refinery_workbench": 1,
        "refinery_gc_freeze": False,
    }
    app = sources.app(confoverrides=good)
    assert warnings_of(app) == ""
    expected = {
        **good,
        "refinery_views": ["learner"],
        "refinery_workbench": True,
        # Sphinx's own check makes a list a tuple where a tuple is allowed.
        "refinery_notes_extra_links": (["Chat", "https://example.org/chat"],),
    }
    assert {name: getattr(app.config, name) for name in good} == expected


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.name)
def test_the_default_passes_its_own_rule_and_sphinx_types(setting):
    assert setting.rule.accept(copy.deepcopy(setting.default)) == setting.default
    assert type(setting.default) in setting.rule.types
    assert setting.rebuild in ("env", "html", "")
    assert setting.doc.strip() and "\n" not in setting.doc


def test_set_by_author(copy_root):
    sources = copy_root("lesson")
    conf = sources / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + 'refinery_solutions = "expanded"\n', encoding="utf-8"
    )
    app = sources.app(confoverrides={"refinery_views": ["learner"]})
    assert set_by_author(app.config, "refinery_solutions")
    assert set_by_author(app.config, "refinery_views")
    assert not set_by_author(app.config, "refinery_workbench")
    assert not set_by_author(app.config, "latex_engine")


# -- declared once ------------------------------------------------------------


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    """Every call of ``name`` (a function or method) in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    found.append((str(path.relative_to(PACKAGE)), node))
    return found


def test_settings_are_registered_only_by_the_config_module():
    assert {path for path, _call in _calls("add_config_value")} == {"config.py"}


def _subtype_parameters() -> set[tuple[str, str]]:
    """(file, name) of every function parameter annotated ``Subtype``: a
    helper that warns on behalf of its callers."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for argument in node.args.args + node.args.kwonlyargs:
                    annotation = argument.annotation
                    written = getattr(annotation, "id", getattr(annotation, "value", None))
                    if written == "Subtype":
                        found.add((str(path.relative_to(PACKAGE)), argument.arg))
    return found


def _subtype_members_named() -> set[str]:
    """Every ``Subtype.NAME`` the package names outside the table itself."""
    names = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "warnings.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "Subtype":
                names.add(node.attr)
    return names


def test_warnings_use_the_subtype_table():
    literal = []
    passed_on = _subtype_parameters()
    for path, call in _calls("warning"):
        for keyword in call.keywords:
            if keyword.arg == "type":
                assert isinstance(keyword.value, ast.Name), (path, call.lineno)
                assert keyword.value.id == "TYPE", (path, call.lineno)
            if keyword.arg == "subtype":
                value = keyword.value
                if isinstance(value, ast.Attribute) and getattr(value.value, "id", "") == "Subtype":
                    continue
                if isinstance(value, ast.Name) and (path, value.id) in passed_on:
                    continue
                literal.append((path, call.lineno))
    assert not literal, f"subtype not from sphinx_refinery.warnings.Subtype: {literal}"
    assert _subtype_members_named() == {member.name for member in Subtype}, (
        "a subtype no warning uses"
    )


# -- the docs -----------------------------------------------------------------


def _table_rows(text: str) -> list[list[str]]:
    """The cells of each row of every pipe table in ``text``."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| `")
    ]


def test_docs_list_every_setting_with_its_default():
    documented = {}
    for cells in _table_rows(DOCS.read_text(encoding="utf-8")):
        name = cells[0].strip("`")
        if not name.startswith("refinery.") and len(cells) == 3:
            documented[name] = ast.literal_eval(cells[1].strip("`"))
    assert documented == DEFAULTS


def test_docs_list_every_warning_subtype():
    documented = {
        cells[0].strip("`"): cells[1]
        for cells in _table_rows(DOCS.read_text(encoding="utf-8"))
        if cells[0].startswith("`refinery.")
    }
    assert documented == {f"refinery.{member}": member.doc for member in Subtype}
