"""New lessons from the lesson template, and template updates (``new``, ``update``).

Single source of truth
----------------------
``example-lesson/`` in the repository is the lesson everybody reads, builds and
tests; ``lesson_template/`` inside the package is the copier template made from
it, because an installed package cannot reach the repository's folders.

- Every file of ``lesson_template/template/`` without a ``.jinja`` suffix is a
  verbatim copy of the file of the same path in ``example-lesson/``.
- ``conf.py.jinja``, ``index.md.jinja`` and ``LICENSE.jinja`` render, with the
  example lesson's answers (:data:`EXAMPLE_ANSWERS`), to the example lesson's
  files (the licence gets a copyright line only for other authors);
  ``README.md.jinja`` and the copier answers file exist only in the template.

``tests/test_cli.py`` fails when the two drift apart; edit ``example-lesson/``
and copy the change into the template (or the other way round).

Updates
-------
copier merges template changes into a lesson with ``copier update``, which
needs the template as a git repository: it regenerates the lesson at the
template commit it was made from (``_commit`` in ``.copier-answers.yml``) and
at the new one, and applies the difference to the lesson. The package's
template is not a git repository once installed, so :func:`template_repository`
keeps one in a local cache folder (``$SPHINX_REFINERY_TEMPLATE_CACHE``, or
``~/.cache/sphinx-refinery/template``) and commits the packaged template there
whenever it changed (with fixed dates, so a fresh cache gives a template version
the same commit on every machine). Everything stays local: no network is used.
A lesson made from a template version the cache never held (made on another
machine whose cache had a different history, or before the cache was cleared)
cannot be updated this way; ``update`` says so and points to ``copier recopy``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

#: The copier template shipped with the package.
TEMPLATE = Path(__file__).parent / "lesson_template"

#: The answers that render the template into the example lesson.
EXAMPLE_ANSWERS: dict[str, str] = {
    "title": "Shell scripts for research",
    "author": "The sphinx_refinery authors",
    "repo_url": "",
    "year": "2026",
    "version": "2026.11",
}

#: The questions ``new`` asks, with their command line options.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("title", "Title of the lesson"),
    ("author", "Author(s) of the lesson"),
    ("repo_url", "URL of the lesson's repository (empty for none)"),
)

_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "sphinx-refinery",
    "GIT_AUTHOR_EMAIL": "sphinx-refinery@localhost",
    "GIT_COMMITTER_NAME": "sphinx-refinery",
    "GIT_COMMITTER_EMAIL": "sphinx-refinery@localhost",
    # Fixed dates: a fresh cache gives the same template the same commit everywhere.
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+0000",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+0000",
}


#: How copier is run: answers from the command line or the defaults, no
#: output, the template's newest commit, and never a template's own tasks.
COPIER_OPTIONS: dict[str, Any] = {
    "defaults": True,
    "quiet": True,
    "vcs_ref": "HEAD",
    "unsafe": False,
}


class TemplateError(Exception):
    """A lesson cannot be made or updated; the message says why."""


def _copier() -> Any:
    try:
        import copier
    except ImportError as error:
        raise TemplateError(
            "copier is not installed; install it with: pip install copier"
        ) from error
    return copier


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **_GIT_IDENTITY}
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise TemplateError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def cache_folder() -> Path:
    """Where the git repository of the template is kept."""
    configured = os.environ.get("SPHINX_REFINERY_TEMPLATE_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sphinx-refinery" / "template"


def template_repository() -> Path:
    """A git repository whose HEAD is the packaged template (committed if it changed)."""
    if not shutil.which("git"):
        raise TemplateError("git is needed to make and update lessons; install git")
    repo = cache_folder()
    if not (repo / ".git").is_dir():
        repo.mkdir(parents=True, exist_ok=True)
        _git("init", "-q", "-b", "main", cwd=repo)
    for entry in repo.iterdir():
        if entry.name != ".git":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.copytree(TEMPLATE, repo, dirs_exist_ok=True)
    _git("add", "-A", ".", cwd=repo)
    if _git("status", "--porcelain", cwd=repo).strip():
        from .. import __version__

        _git("commit", "-q", "-m", f"lesson template of sphinx-refinery {__version__}", cwd=repo)
    return repo


def new_lesson(dest: Path, answers: dict[str, str]) -> None:
    """Make a lesson in ``dest`` (a new or empty folder) from the template.

    Raises :class:`TemplateError` for a folder that is not empty, and
    :class:`OSError` for a path that is no folder or cannot be made one.
    """
    if dest.exists() and not dest.is_dir():
        raise NotADirectoryError(f"{dest} is a file, not a folder; choose a new folder")
    if dest.exists() and any(dest.iterdir()):
        raise TemplateError(f"{dest} is not empty; choose a new or empty folder")
    dest.mkdir(parents=True, exist_ok=True)  # here, not in copier: a plain OSError
    copier = _copier()
    repo = template_repository()
    copier.run_copy(str(repo), str(dest), data=answers, **COPIER_OPTIONS)


#: The files of the template that make a folder of pages a project (build, CI,
#: hosting), as ``import-carpentries`` adds them; README.md is rendered.
PROJECT_FILES: tuple[str, ...] = (
    "requirements.txt",
    "Makefile",
    "make.bat",
    ".readthedocs.yaml",
    ".github/workflows/pages.yml",
)


def add_project_files(dest: Path, answers: dict[str, str]) -> list[str]:
    """Add the template's project files (:data:`PROJECT_FILES`, and README.md rendered
    with ``answers``) that ``dest`` lacks; return the paths added.

    ``answers`` has the template's questions (title, author, repo_url) and may
    have ``imported_from``, which the README names as the lesson's origin.
    """
    from jinja2.sandbox import SandboxedEnvironment

    source = TEMPLATE / "template"
    added: list[str] = []
    for name in PROJECT_FILES:
        target = dest / name
        if (source / name).is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
            added.append(name)
    if not (dest / "README.md").exists():
        template = (source / "README.md.jinja").read_text(encoding="utf-8")
        text = SandboxedEnvironment(keep_trailing_newline=True).from_string(template)
        (dest / "README.md").write_text(text.render(**answers), encoding="utf-8")
        added.append("README.md")
    return added


def _check_template_source(dest: Path, repo: Path) -> None:
    """Refuse a lesson whose answers name another template than the packaged one.

    copier updates from the template that ``_src_path`` in
    ``.copier-answers.yml`` names, which could be any folder or address;
    ``update`` only ever applies this package's own template.
    """
    import yaml

    answers_file = dest / ".copier-answers.yml"
    try:
        answers = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeError, yaml.YAMLError) as error:
        raise TemplateError(f"cannot read {answers_file}: {error}") from error
    source = answers.get("_src_path") if isinstance(answers, dict) else None
    if not isinstance(source, str) or Path(source).expanduser().resolve() != repo.resolve():
        raise TemplateError(
            f"{answers_file} names {source!r} as its template, not the lesson template of "
            f"this package ({repo}); 'sphinx-refinery update' only applies its own "
            "template: set _src_path to that folder and commit, or use 'copier update' "
            "if you trust the other template"
        )


def update_lesson(dest: Path) -> None:
    """Merge the template's changes since ``dest`` was made into it, keeping its edits."""
    if not (dest / ".copier-answers.yml").is_file():
        raise TemplateError(
            f"{dest} was not made with 'sphinx-refinery new' (no .copier-answers.yml)"
        )
    if not (dest / ".git").exists():
        raise TemplateError(f"{dest} is not a git repository; 'git init' and commit it first")
    if _git("status", "--porcelain", cwd=dest).strip():
        raise TemplateError(f"{dest} has uncommitted changes; commit them first")
    copier = _copier()
    repo = template_repository()
    _check_template_source(dest, repo)
    try:
        copier.run_update(str(dest), overwrite=True, **COPIER_OPTIONS)
    except ValueError as error:
        if "Unknown revision" not in str(error):
            raise
        raise TemplateError(
            f"the template version {dest} was made from is not in {repo} (the lesson was "
            "made on another machine, or the cache was cleared), so its own edits cannot "
            "be told from the template's; 'copier recopy' applies the current template "
            "instead: review its changes with git diff"
        ) from error
