"""``sphinx-refinery new``: a small commented skeleton by default, the example
lesson with ``--example``; the project files shared by both (and by
:func:`write_project_files`); the printed next steps, run in a fresh shell."""

from __future__ import annotations

import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import free_port, get_page, processes_mentioning, wait_until_served

import sphinx_refinery
from sphinx_refinery.cli import main
from sphinx_refinery.cli.project import PROJECT_FILES, write_project_files

pytest.importorskip("copier")

REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "example-lesson"
#: A shell without the virtual environment: only the system's programs.
FRESH_PATH = "/usr/bin:/bin"
SKELETON_FILES = {
    ".copier-answers.yml",
    ".github/workflows/pages.yml",
    ".gitignore",
    ".readthedocs.yaml",
    "CONTRIBUTING.md",
    "LICENSE",
    "Makefile",
    "README.md",
    "conf.py",
    "episodes/01-introduction.md",
    "index.md",
    "make.bat",
    "requirements.txt",
    "setup.md",
}


@pytest.fixture(autouse=True)
def template_cache(tmp_path_factory, monkeypatch) -> Path:
    """The template's git repository lives in a temporary folder, never in ~/.cache."""
    cache = tmp_path_factory.mktemp("template-cache")
    monkeypatch.setenv("SPHINX_REFINERY_TEMPLATE_CACHE", str(cache))
    return cache


def files_of(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "_build" not in path.parts and ".git" not in path.parts
    }


@pytest.fixture
def skeleton(tmp_path, capsys) -> Path:
    dest = tmp_path / "lesson"
    assert main(["new", str(dest), "--title", "Tables", "--author", "Ada", "--repo-url", ""]) == 0
    capsys.readouterr()
    return dest


def test_skeleton_is_small_and_addressed_to_its_author(skeleton):
    assert files_of(skeleton) == SKELETON_FILES
    conf = (skeleton / "conf.py").read_text()
    assert "example lesson" not in conf and "copy this folder" not in conf
    assert "change these" in conf and 'project = "Tables"' in conf
    assert '# html_theme_options = {"repository_url":' in conf  # no address: a hint
    episode = (skeleton / "episodes" / "01-introduction.md").read_text()
    for block in ("questions", "objectives", "exercise", "solution", "instructor-note"):
        assert f"{{{block}}}" in episode, block
    assert "{keypoints}" in episode
    # No text of the example lesson's pages.
    example_pages = {path.read_text() for path in EXAMPLE.rglob("*.md")}
    for name in ("index.md", "setup.md", "episodes/01-introduction.md"):
        assert (skeleton / name).read_text() not in example_pages
    assert "shell script" not in (skeleton / "index.md").read_text().lower()


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "text"])
def test_skeleton_builds_without_warnings(skeleton, make_app, strict_build, builder):
    strict_build(make_app(builder, srcdir=skeleton))


def test_skeleton_passes_check(skeleton, capsys):
    assert main(["check", str(skeleton)]) == 0
    assert capsys.readouterr().out.splitlines() == ["3 pages, 1 exercise: no problems found"]


def test_skeleton_with_a_repository_links_to_it(tmp_path):
    dest = tmp_path / "lesson"
    url = "https://github.com/ada/tables"
    assert main(["new", str(dest), "--title", "T", "--author", "A", "--repo-url", url]) == 0
    assert f'html_theme_options = {{"repository_url": "{url}"}}' in (dest / "conf.py").read_text()


def test_example_option_gives_the_example_lesson(tmp_path):
    dest = tmp_path / "example"
    title, author = "Shell scripts for research", "The sphinx_refinery authors"
    assert main(["new", str(dest), "--example", "--title", title, "--author", author]) == 0
    assert files_of(dest) - {".copier-answers.yml", "README.md"} == files_of(EXAMPLE)
    year = time.strftime("%Y")
    for name in sorted(files_of(EXAMPLE)):
        expected = (EXAMPLE / name).read_bytes()
        if name == "conf.py":  # the copyright year is this year's
            expected = expected.replace(b'copyright = "2026', f'copyright = "{year}'.encode())
        assert (dest / name).read_bytes() == expected, name


def test_write_project_files_gives_what_new_gives(skeleton, tmp_path):
    """One set of project files: written alone, they are the files of a new lesson
    (less the README's paragraph on template updates, which needs ``new``)."""
    dest = tmp_path / "imported"
    written = write_project_files(dest, "Tables", "Ada")
    names = {path.relative_to(dest).as_posix() for path in written}
    assert (
        names
        == files_of(dest)
        == {
            ".github/workflows/pages.yml",
            ".gitignore",
            ".readthedocs.yaml",
            "Makefile",
            "README.md",
            "make.bat",
            "requirements.txt",
        }
    )
    assert len(names) == len([path for path in PROJECT_FILES.rglob("*") if path.is_file()])
    for name in names - {"README.md"}:
        assert (dest / name).read_bytes() == (skeleton / name).read_bytes(), name
    readme = (dest / "README.md").read_text()
    assert readme.startswith("# Tables\n\nA hands-on lesson by Ada, built with")
    assert "sphinx-refinery update" not in readme
    assert (skeleton / "README.md").read_text().startswith(readme.rstrip("\n"))


def test_write_project_files_keeps_existing_files(tmp_path):
    (tmp_path / "README.md").write_text("# Mine\n")
    written = write_project_files(tmp_path, "T", repo_url="https://example.org/t")
    assert (tmp_path / "README.md").read_text() == "# Mine\n"
    assert tmp_path / "README.md" not in written and tmp_path / "Makefile" in written
    assert write_project_files(tmp_path, "T") == []


# -- the next steps, verbatim, in a fresh shell --------------------------------------


def _script() -> Path:
    return Path(sys.executable).with_name("sphinx-refinery")


def _fresh_env(home: Path) -> dict[str, str]:
    """No virtual environment on the PATH; this checkout's package first, so the
    installed script runs the code under test."""
    checkout = str(Path(sphinx_refinery.__file__).parent.parent)
    return {"PATH": FRESH_PATH, "HOME": str(home), "LANG": "C.UTF-8", "PYTHONPATH": checkout}


def _serve_until_it_answers(command: str, cwd: Path, env: dict[str, str], url: str) -> None:
    server = subprocess.Popen(
        ["sh", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_served(url, server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert get_page(url) is None, "still serving after it was stopped"
    if Path("/proc").is_dir():
        assert processes_mentioning(f"--port {url.split(':')[2].split('/')[0]}") == []


@pytest.mark.skipif(not _script().exists(), reason="the sphinx-refinery script is not installed")
@pytest.mark.parametrize("options", [[], ["--example"]], ids=["skeleton", "example"])
def test_every_next_step_works_in_a_fresh_shell(tmp_path, options):
    env = _fresh_env(tmp_path)
    made = subprocess.run(
        [str(_script()), "new", "my lesson", "--title", "Fresh", "--author", "Me", *options],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    steps = [line.strip() for line in made.stdout.splitlines() if line.startswith("  ")]
    assert steps[0] == f"cd {shlex.quote('my lesson')}"
    *before, serve = steps
    assert serve.split("#")[0].split()[-1] == "serve"
    done = subprocess.run(
        ["sh", "-e", "-c", "\n".join(before)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lesson = tmp_path / "my lesson"
    assert (lesson / ".git").is_dir()
    assert (lesson / "_build" / "html" / "index.html").is_file()
    # The serve step as printed, with a free port (8000 may be taken here).
    port = free_port()
    command = "\n".join([*before[:1], f"exec {serve.split('#')[0].strip()} --port {port}"])
    _serve_until_it_answers(command, tmp_path, env, f"http://127.0.0.1:{port}/index.html")


@pytest.mark.skipif(
    not (shutil.which("make") and Path(sys.executable).with_name("sphinx-build").exists()),
    reason="needs make and the sphinx-build script",
)
def test_makefile_uses_the_lessons_own_venv(skeleton, tmp_path):
    """``make html`` works without activating the lesson's ``.venv`` (as its
    README sets it up), and Sphinx does not read the venv as pages."""
    bin_folder = skeleton / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    (bin_folder / "sphinx-build").symlink_to(Path(sys.executable).with_name("sphinx-build"))
    (skeleton / ".venv" / "stray.md").write_text("# Not a page\n")
    done = subprocess.run(
        ["make", "html"], cwd=skeleton, env=_fresh_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(".venv/bin/sphinx-build -b html -W --keep-going")
    assert (skeleton / "_build" / "html" / "index.html").is_file()
