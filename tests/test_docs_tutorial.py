"""The tutorial (docs/tutorial.md) shows what the command really prints and
does: ``new``'s next steps, the episode it asks for, ``check``'s report; and
every builder renders the docs' author pages."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from sphinx_refinery.cli import main

pytest.importorskip("copier")

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
TUTORIAL = (DOCS / "tutorial.md").read_text(encoding="utf-8")
#: Where the tutorial's reader installed the command.
SHOWN_COMMAND = "/home/ada/.venv/bin/sphinx-refinery"


@pytest.fixture(autouse=True)
def template_cache(tmp_path_factory, monkeypatch) -> Path:
    cache = tmp_path_factory.mktemp("template-cache")
    monkeypatch.setenv("SPHINX_REFINERY_TEMPLATE_CACHE", str(cache))
    return cache


def console_session(command: str) -> tuple[list[str], list[str]]:
    """The arguments of the tutorial's ``$ ...sphinx-refinery COMMAND`` line and
    the lines printed after it (up to the next prompt or the end of the block)."""
    for block in re.findall(r"```console\n(.*?)```", TUTORIAL, flags=re.DOTALL):
        lines = block.splitlines()
        for index, line in enumerate(lines):
            words = shlex.split(line[2:]) if line.startswith("$ ") else []
            if len(words) > 1 and words[0].endswith("sphinx-refinery") and words[1] == command:
                printed = []
                for after in lines[index + 1 :]:
                    if after.startswith("$ "):
                        break
                    printed.append(after)
                return words[2:], printed
    raise AssertionError(f"the tutorial shows no 'sphinx-refinery {command}'")


def test_tutorial_shows_what_new_prints(tmp_path, monkeypatch, capsys):
    arguments, shown = console_session("new")
    monkeypatch.chdir(tmp_path)
    # The package's ``main`` function hides its module of the same name.
    monkeypatch.setattr(
        sys.modules["sphinx_refinery.cli.main"], "own_command", lambda: SHOWN_COMMAND
    )
    assert main(["new", *arguments]) == 0
    assert capsys.readouterr().out.splitlines() == shown


def test_tutorial_episode_and_check_report(tmp_path, monkeypatch, capsys):
    arguments, _ = console_session("new")
    monkeypatch.chdir(tmp_path)
    assert main(["new", *arguments]) == 0
    lesson = tmp_path / arguments[0]
    [episode] = re.findall(r"````md\n(.*?)````", TUTORIAL, flags=re.DOTALL)
    (lesson / "episodes" / "02-reading-data.md").write_text(episode, encoding="utf-8")
    index = lesson / "index.md"
    index.write_text(
        index.read_text().replace(
            "episodes/01-introduction\n", "episodes/01-introduction\nepisodes/02-reading-data\n"
        )
    )
    capsys.readouterr()
    assert main(["check", str(lesson)]) == 0
    assert capsys.readouterr().out == "4 pages, 2 exercises: no problems found\n"
    # Without its solution, as the tutorial shows.
    page = lesson / "episodes" / "02-reading-data.md"
    page.write_text(re.sub(r":::\{solution\}\n.*?\n:::\n", "", episode, flags=re.DOTALL))
    monkeypatch.chdir(lesson)
    assert main(["check"]) == 1
    _, shown = console_session("check")
    assert capsys.readouterr().out.splitlines() == shown


@pytest.mark.parametrize("builder", ["singlehtml", "text", "man", "notes"])
def test_docs_build_in_other_builders(copy_root, builder):
    """test_sites builds the docs in html, dirhtml, latex and epub; the author
    pages' examples must read in every other output too."""
    sources = copy_root(DOCS)
    shutil.copy(REPO / "ARCHITECTURE.md", sources.srcdir.parent / "ARCHITECTURE.md")
    sources.build(builder)
