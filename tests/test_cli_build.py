"""``sphinx-refinery build``, ``check``'s summary and exit codes, ``serve``,
and the next steps ``new`` prints, tried as a newcomer would: in a fresh
shell where no virtual environment is activated."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import free_port, get_page, processes_mentioning, wait_until_served

from sphinx_refinery.cli import main
from sphinx_refinery.cli.build import missing_pdf_programs
from sphinx_refinery.cli.main import own_command

EXAMPLE = Path(__file__).parent.parent / "example-lesson"
#: A shell without the virtual environment: only the system's programs.
FRESH_PATH = "/usr/bin:/bin"


def test_build_writes_html_with_this_python(copy_root, capsys):
    lesson = copy_root("blocks").srcdir
    assert main(["build", str(lesson), "-W"]) == 0
    assert (lesson / "_build" / "html" / "index.html").is_file()
    assert f"into {lesson / '_build' / 'html'}" in capsys.readouterr().out


def test_build_other_builder(copy_root):
    lesson = copy_root("blocks").srcdir
    assert main(["build", str(lesson), "-b", "text"]) == 0
    assert (lesson / "_build" / "text" / "index.txt").is_file()


def test_build_needs_a_lesson(tmp_path, capsys):
    assert main(["build", str(tmp_path)]) == 2
    assert "no conf.py" in capsys.readouterr().err


def test_build_fails_with_sphinx_under_w(copy_root):
    lesson = copy_root("blocks").srcdir
    (lesson / "index.md").write_text("# Home\n\n{doc}`no-such-page`\n", encoding="utf-8")
    assert main(["build", str(lesson), "-W"]) != 0


def test_pdf_names_what_to_install_when_tex_is_missing(copy_root, tmp_path, capsys, monkeypatch):
    lesson = copy_root("blocks").srcdir
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert main(["build", str(lesson), "--pdf"]) == 3
    err = capsys.readouterr().err
    assert "latexmk" in err and "lualatex" in err
    assert "Debian/Ubuntu: sudo apt-get install latexmk" in err
    assert "macOS" in err and "Windows" in err
    assert (lesson / "_build" / "latex" / "latexmkrc").is_file()


def test_missing_pdf_programs_reads_the_engine(tmp_path, monkeypatch):
    (tmp_path / "latexmkrc").write_text("$pdflatex = 'xelatex --no-pdf %O %S';\n")
    monkeypatch.setenv("PATH", str(tmp_path / "none"))
    assert missing_pdf_programs(tmp_path) == ["latexmk", "xelatex"]
    (tmp_path / "latexmkrc").unlink()
    assert missing_pdf_programs(tmp_path) == ["latexmk", "pdflatex"]


def test_own_command_outside_a_script_is_this_python(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["pytest"])
    assert own_command() == f"{shlex.quote(sys.executable)} -m sphinx_refinery"


def test_check_summary_when_all_is_well(capsys):
    assert main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["9 pages, 3 exercises: no problems found"]


def test_check_reads_a_page_that_links_out_of_the_lesson(copy_root, tmp_path, capsys):
    """A page that is a symbolic link to a file elsewhere is reported by its
    real path, with no traceback."""
    lesson = copy_root("blocks").srcdir
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Elsewhere\n\n![](missing.png)\n", encoding="utf-8")
    (lesson / "elsewhere.md").symlink_to(outside)
    assert main(["check", str(lesson)]) == 1
    out = capsys.readouterr().out
    assert f"{outside.as_posix()}:3: image" in out or "elsewhere.md:3: image" in out
    assert "problems found" in out.splitlines()[-1] or "problem found" in out.splitlines()[-1]


def _script() -> Path:
    return Path(sys.executable).with_name("sphinx-refinery")


@pytest.mark.skipif(not _script().exists(), reason="the sphinx-refinery script is not installed")
def test_next_steps_of_new_work_in_a_fresh_shell(tmp_path):
    env = {"PATH": FRESH_PATH, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    made = subprocess.run(
        [str(_script()), "new", "my-lesson", "--title", "Fresh", "--author", "Me"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    steps = [line.split("  #")[0].strip() for line in made.stdout.splitlines()[1:]]
    assert steps[0] == "cd my-lesson"
    build = next(step for step in steps if step.endswith(" build"))
    done = subprocess.run(
        ["sh", "-c", f"cd my-lesson && {build}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "my-lesson" / "_build" / "html" / "index.html").is_file()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list processes")
def test_serve_shows_edits_and_leaves_nothing_running(copy_root):
    lesson = copy_root("blocks").srcdir
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_refinery", "serve", str(lesson), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        wait_until_served(url, server)
        page = lesson / "index.md"
        page.write_text(page.read_text() + "\n\nAn edit while serving.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "An edit while serving." not in (get_page(url) or ""):
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert get_page(url) is None
    assert processes_mentioning(str(lesson)) == []


@pytest.fixture
def template_cache_dir(tmp_path_factory, monkeypatch) -> Path:
    cache = tmp_path_factory.mktemp("template-cache")
    monkeypatch.setenv("SPHINX_REFINERY_TEMPLATE_CACHE", str(cache))
    return cache


def _git(*args: str, cwd: Path) -> None:
    identity = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@localhost"}
    identity |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@localhost"}
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **identity}
    )


@pytest.mark.parametrize(
    "source", ["https://example.org/other-template.git", "/tmp/somewhere-else", None]
)
def test_update_never_follows_another_template(tmp_path, template_cache_dir, capsys, source):
    """``_src_path`` in the answers file could name any template (an address
    included): update refuses it and applies nothing."""
    pytest.importorskip("copier")
    lesson = tmp_path / "lesson"
    assert main(["new", str(lesson), "--title", "T", "--author", "A", "--repo-url", ""]) == 0
    answers = lesson / ".copier-answers.yml"
    lines = [line for line in answers.read_text().splitlines() if not line.startswith("_src_path")]
    if source is not None:
        lines.append(f"_src_path: {source}")
    answers.write_text("\n".join(lines) + "\n")
    _git("init", "-q", cwd=lesson)
    _git("add", "-A", cwd=lesson)
    _git("commit", "-q", "-m", "lesson", cwd=lesson)
    before = {p: p.read_bytes() for p in lesson.rglob("*") if p.is_file() and ".git" not in p.parts}
    capsys.readouterr()
    assert main(["update", str(lesson)]) == 1
    err = capsys.readouterr().err
    assert "only applies its own template" in err
    after = {p: p.read_bytes() for p in lesson.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before
