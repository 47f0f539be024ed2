"""The sphinx-refinery command: new, update, check, serve."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOTS

from sphinx_refinery.cli import main

copier = pytest.importorskip("copier")

from sphinx_refinery.cli.template import (  # noqa: E402
    EXAMPLE_ANSWERS,
    TEMPLATE,
    assemble_template,
)

REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "example-lesson"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@localhost",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@localhost",
}


@pytest.fixture(autouse=True)
def template_cache(tmp_path_factory, monkeypatch) -> Path:
    """The template's git repository lives in a temporary folder, never in ~/.cache."""
    cache = tmp_path_factory.mktemp("template-cache")
    monkeypatch.setenv("SPHINX_REFINERY_TEMPLATE_CACHE", str(cache))
    return cache


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def files_of(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and "_build" not in path.parts and ".git" not in path.parts
    }


def test_template_matches_example_lesson(tmp_path):
    """The template renders, with the example's answers, into example-lesson/."""
    rendered = tmp_path / "rendered"
    template = assemble_template(tmp_path / "template")
    copier.run_copy(str(template), str(rendered), data=EXAMPLE_ANSWERS, defaults=True, quiet=True)
    only_template = {".copier-answers.yml", "README.md"}
    assert files_of(rendered) - only_template == files_of(EXAMPLE), (
        "example-lesson/ and sphinx_refinery/cli/lesson_template/ have different files"
    )
    for name in sorted(files_of(EXAMPLE)):
        assert (rendered / name).read_bytes() == (EXAMPLE / name).read_bytes(), (
            f"{name} differs between example-lesson/ and sphinx_refinery/cli/lesson_template/"
        )


@pytest.fixture
def new_lesson(tmp_path) -> Path:
    dest = tmp_path / "lesson"
    status = main(
        [
            "new",
            str(dest),
            "--title",
            'Git "for" everyone',
            "--author",
            "Ada Lovelace",
            "--repo-url",
            "https://github.com/ada/git-lesson",
        ]
    )
    assert status == 0
    return dest


def test_new_renders_answers(new_lesson):
    conf = (new_lesson / "conf.py").read_text()
    assert 'project = "Git \\"for\\" everyone"' in conf
    assert 'author = "Ada Lovelace"' in conf
    assert "https://github.com/ada/git-lesson" in conf
    assert "Ada Lovelace" in (new_lesson / "LICENSE").read_text()
    readme = (new_lesson / "README.md").read_text()
    assert readme.startswith('# Git "for" everyone') and "github.com/ada/git-lesson" in readme
    assert (new_lesson / "index.md").read_text().startswith('# Git "for" everyone')


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "epub"])
def test_new_lesson_builds(new_lesson, make_app, strict_build, builder):
    strict_build(make_app(builder, srcdir=new_lesson))


def test_new_refuses_non_empty_folder(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path), "--title", "T"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_without_options_uses_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["new", str(tmp_path / "l")]) == 0
    assert 'project = "My lesson"' in (tmp_path / "l" / "conf.py").read_text()


def test_update_keeps_local_edits(new_lesson, template_cache, monkeypatch):
    git("init", "-q", cwd=new_lesson)
    git("add", "-A", cwd=new_lesson)
    git("commit", "-q", "-m", "new lesson", cwd=new_lesson)
    setup = new_lesson / "setup.md"
    setup.write_text(setup.read_text() + "\nOur own setup notes.\n")
    git("commit", "-q", "-am", "our edit", cwd=new_lesson)

    # A later version of the template: a changed Makefile, a new file.
    newer = template_cache.parent / "newer-template"
    import shutil

    shutil.copytree(TEMPLATE, newer)
    makefile = newer / "project" / "Makefile"
    makefile.write_text(makefile.read_text() + "\n# improved by the template\n")
    (newer / "lesson" / "CODE_OF_CONDUCT.md").write_text("# Be kind\n")
    monkeypatch.setattr("sphinx_refinery.cli.template.TEMPLATE", newer)

    assert main(["update", str(new_lesson)]) == 0
    assert "Our own setup notes." in setup.read_text()
    assert "# improved by the template" in (new_lesson / "Makefile").read_text()
    assert (new_lesson / "CODE_OF_CONDUCT.md").is_file()
    assert 'author = "Ada Lovelace"' in (new_lesson / "conf.py").read_text()


def test_update_refuses_uncommitted_changes(new_lesson, capsys):
    git("init", "-q", cwd=new_lesson)
    assert main(["update", str(new_lesson)]) == 1
    assert "commit" in capsys.readouterr().err


def test_serve_without_sphinx_autobuild(monkeypatch, capsys):
    # A module set to None in sys.modules cannot be imported.
    monkeypatch.setitem(sys.modules, "sphinx_autobuild.__main__", None)
    assert main(["serve", str(EXAMPLE)]) == 1
    assert "sphinx-autobuild is not installed" in capsys.readouterr().err


CHECK_BAD = ROOTS / "test-check-bad"


def test_check_reports_each_problem(capsys):
    assert main(["check", str(CHECK_BAD)]) == 1
    *lines, summary = capsys.readouterr().out.splitlines()
    assert summary.endswith(": 12 problems found"), summary
    expected = [
        ("episodes/02-problems.md:1:", "episode has no timing"),
        ("episodes/02-problems.md:7:", "Non-consecutive header level increase; H1 to H3"),
        ("episodes/02-problems.md:9:", "exercise 'Unsolved' has no solution"),
        ("episodes/02-problems.md:13:", "has no alt text"),
        ("episodes/02-problems.md:15:", "undefined label: 'no-such-label'"),
        ("episodes/02-problems.md:15:", "unknown document: 'missing-page'"),
        ("episodes/02-problems.md:17:", "'missing-file.md'"),
        ("episodes/02-problems.md:19:", "'../data/missing.csv'"),
        ("episodes/03-orphan.md:1:", "document isn't included in any toctree"),
        ("episodes/03-orphan.md:8:", "has no alt text"),
        ("episodes/04-orphan-rest.rst:1:", "document isn't included in any toctree"),
        ("episodes/04-orphan-rest.rst:4:", "has no alt text"),
    ]
    for location, message in expected:
        assert any(line.startswith(location) and message in line for line in lines), (
            f"{location} {message} not in:\n" + "\n".join(lines)
        )
    assert len(lines) == len(expected), "\n".join(lines)
    # The solved exercise and the timed episode are fine.
    assert not any("01-solved" in line for line in lines)


def test_check_passes_on_example_lesson(capsys):
    assert main(["check", str(EXAMPLE)]) == 0, capsys.readouterr().out


def test_check_passes_on_new_lesson(new_lesson):
    assert main(["check", str(new_lesson)]) == 0


def test_check_needs_a_lesson(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "no conf.py" in capsys.readouterr().err


def test_new_asks_on_a_terminal(tmp_path, monkeypatch):
    answers = iter(["Asked title", "", "https://example.org/repo"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["new", str(tmp_path / "l")]) == 0
    conf = (tmp_path / "l" / "conf.py").read_text()
    assert 'project = "Asked title"' in conf
    assert 'author = "The lesson authors"' in conf
    assert "https://example.org/repo" in conf


def test_update_without_the_old_template_version(new_lesson, capsys):
    # Made from a template version this machine's cache never saw.
    answers = new_lesson / ".copier-answers.yml"
    text = re.sub(r"_commit: \S+", "_commit: 0123abc", answers.read_text())
    answers.write_text(text)
    git("init", "-q", cwd=new_lesson)
    git("add", "-A", cwd=new_lesson)
    git("commit", "-q", "-m", "new lesson", cwd=new_lesson)
    assert main(["update", str(new_lesson)]) == 1
    assert "copier recopy" in capsys.readouterr().err


def test_check_reports_general_warnings_and_errors(tmp_path, capsys):
    (tmp_path / "index.md").write_text("# A lesson\n")
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_refinery"]\nhtml_static_path = ["_static"]\n'
    )
    assert main(["check", str(tmp_path)]) == 1
    assert "conf.py:1: html_static_path entry '_static' does not exist" in capsys.readouterr().out
    (tmp_path / "conf.py").write_text('extensions = ["no_such_extension"]\n')
    assert main(["check", str(tmp_path)]) == 2
    assert "no_such_extension" in capsys.readouterr().err
