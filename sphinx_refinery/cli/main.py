"""The ``sphinx-refinery`` command (also ``python -m sphinx_refinery``).

Each subcommand is two functions: ``add_<name>(parser)`` declares its
arguments and ``run_<name>(args) -> int`` does the work and returns the exit
status; the first paragraph of ``run_<name>``'s docstring is the command's
one-line help, the rest its description in ``--help``.  Adding a subcommand
means writing both and listing them in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from .arguments import add_lesson_argument
from .build import add_build, run_build
from .migrate import add_migrate, run_migrate

# -- import-carpentries ----------------------------------------------------------------


def add_import_carpentries(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "src", type=Path, metavar="SRC", help="the Workbench or legacy (Jekyll) lesson folder"
    )
    parser.add_argument("dest", type=Path, metavar="DEST", help="a new (or empty) folder")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when the build gives warnings too (as 'make html' does)",
    )


def run_import_carpentries(args: argparse.Namespace) -> int:
    """Convert a Carpentries lesson into a sphinx_refinery lesson.

    Convert the Carpentries Workbench lesson in SRC (config.yaml, episodes/, learners/,
    instructors/, profiles/), or a legacy Jekyll one (_config.yml, _episodes/, _extras/),
    into a new sphinx_refinery lesson in DEST, with the project files of 'sphinx-refinery
    new' (README, requirements, Makefile, CI, Read the Docs); build its HTML once, and list
    what was not converted and the build's warnings. Exit status: 0 imported and the lesson
    builds (its warnings listed), 1 imported but the build failed (with --strict: or gave
    warnings), 2 SRC or DEST cannot be used.
    """
    from ..sources.import_project import add_requirements
    from ..sources.import_report import check_build
    from ..sources.importer import LessonImportError, import_lesson
    from ..sources.jekyll import import_legacy_lesson, is_legacy_lesson
    from .project import write_project_files

    try:
        legacy = is_legacy_lesson(args.src)  # Workbench (config.yaml) -> importer; legacy -> jekyll
        report = (import_legacy_lesson if legacy else import_lesson)(args.src, args.dest)
    except (LessonImportError, OSError) as error:
        print(f"sphinx-refinery import-carpentries: error: {error}", file=sys.stderr)
        return 2
    written = write_project_files(
        args.dest,
        report.title,
        repo_url=report.repository,
        imported_from=report.repository or str(args.src),
    )
    report.project_files = [path.relative_to(args.dest).as_posix() for path in written]
    add_requirements(Path(args.dest) / "requirements.txt", report.requirements)
    check_build(report)
    print(report.summary())
    if not report.builds or (args.strict and report.build_warnings):
        return 1
    return 0


# -- new -------------------------------------------------------------------------------


def add_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dest", type=Path, metavar="DIR", help="a new (or empty) folder")
    parser.add_argument("--title", help="title of the lesson")
    parser.add_argument("--author", help="author(s) of the lesson")
    parser.add_argument("--repo-url", dest="repo_url", help="URL of the lesson's repository")
    parser.add_argument(
        "--example",
        action="store_true",
        help="the full example lesson (three episodes) instead of a small skeleton",
    )


def _answers(args: argparse.Namespace) -> dict[str, Any]:
    """The template's answers: options, else asked on a terminal, else the defaults."""
    import datetime

    from .template import QUESTIONS

    defaults = {"title": "My lesson", "author": "The lesson authors", "repo_url": ""}
    answers: dict[str, Any] = {"year": str(datetime.date.today().year)}
    answers["example"] = bool(getattr(args, "example", False))
    for name, question in QUESTIONS:
        value = getattr(args, name, None)
        if value is None and sys.stdin.isatty():
            shown = f" [{defaults[name]}]" if defaults[name] else ""
            value = input(f"{question}{shown}: ").strip() or None
        answers[name] = defaults[name] if value is None else value
    return answers


def run_new(args: argparse.Namespace) -> int:
    """Start a new lesson from the lesson template.

    Make a new lesson in DIR: a small skeleton whose comments say what to change (one
    episode showing the main blocks, a setup page, README, Makefile, CI for GitHub
    Pages and Read the Docs), or with --example the full example lesson. Values not
    given as options are asked for when run in a terminal.
    """
    from .template import TemplateError, new_lesson

    try:
        answers = _answers(args)
    except (EOFError, KeyboardInterrupt):
        print("\nsphinx-refinery new: cancelled", file=sys.stderr)
        return 1
    try:
        new_lesson(args.dest, answers)
    except TemplateError as error:
        print(f"sphinx-refinery new: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # not a folder, or one that cannot be made or written
        print(f"sphinx-refinery new: error: {error}", file=sys.stderr)
        return 2
    command = own_command()
    print(f"New lesson in {args.dest}. Next, in this shell:")
    print(f"  cd {shlex.quote(str(args.dest))}")
    print("  git init")
    print(f"  {command} build          # HTML into _build/html")
    print(f"  {command} serve          # live preview while you edit")
    if not answers["example"]:
        print("Then edit conf.py, index.md and episodes/: their comments say what to change.")
    return 0


def own_command() -> str:
    """How to run this command again from any folder of this shell: its name
    when the ``PATH`` finds this very program, else its full path, else
    ``python -m sphinx_refinery`` with this Python."""
    invoked = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if invoked is not None and invoked.name == "sphinx-refinery" and invoked.exists():
        found = shutil.which("sphinx-refinery")
        if found and Path(found).resolve() == invoked.resolve():
            return "sphinx-refinery"
        return shlex.quote(str(invoked.resolve()))
    return f"{shlex.quote(sys.executable)} -m sphinx_refinery"


# -- update ----------------------------------------------------------------------------


def add_update(parser: argparse.ArgumentParser) -> None:
    add_lesson_argument(parser, "dest")


def run_update(args: argparse.Namespace) -> int:
    """Merge improvements of the lesson template into a lesson.

    Apply the changes of the lesson template since DIR was made with 'sphinx-refinery
    new', keeping the lesson's own edits (copier update). DIR must be a git repository
    with everything committed.
    """
    from .template import TemplateError, update_lesson

    try:
        update_lesson(args.dest)
    except TemplateError as error:
        print(f"sphinx-refinery update: error: {error}", file=sys.stderr)
        return 1
    print(f"Updated {args.dest} from the lesson template; review the changes with git diff.")
    return 0


# -- check -----------------------------------------------------------------------------


def add_check(parser: argparse.ArgumentParser) -> None:
    add_lesson_argument(parser)


def run_check(args: argparse.Namespace) -> int:
    """Lint a lesson: missing solutions, timings, alt text, broken links, ...

    Build the lesson in DIR quietly and list its problems as 'file:line: message':
    Sphinx's warnings (broken {doc}/{ref} and Markdown links, documents in no toctree,
    headings that skip a level), exercises without a solution, episodes without timings
    and images without alt text, then a summary line. Exit status: 0 no problems, 1
    problems found, 2 the lesson could not be checked.
    """
    from .check import check_lesson

    if not (args.src / "conf.py").is_file():
        print(f"sphinx-refinery check: error: no conf.py in {args.src}", file=sys.stderr)
        return 2
    from sphinx.errors import SphinxError

    try:
        report = check_lesson(args.src)
    except (SphinxError, OSError, UnicodeError) as error:
        print(f"sphinx-refinery check: could not check {args.src}: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 1 if report.problems else 0


# -- serve -----------------------------------------------------------------------------


def add_serve(parser: argparse.ArgumentParser) -> None:
    add_lesson_argument(parser)
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)"
    )


def run_serve(args: argparse.Namespace) -> int:
    """Live preview of a lesson (sphinx-autobuild).

    Build the lesson in DIR and rebuild it in the browser as you edit.
    """
    if not (args.src / "conf.py").is_file():
        print(f"sphinx-refinery serve: error: no conf.py in {args.src}", file=sys.stderr)
        return 2
    try:
        from sphinx_autobuild.__main__ import main as autobuild
    except ImportError:
        print(
            "sphinx-refinery serve: error: sphinx-autobuild is not installed; "
            "install it with: pip install sphinx-autobuild",
            file=sys.stderr,
        )
        return 1
    outdir = args.src / "_build" / "html"
    argv = [str(args.src), str(outdir), "--host", args.host, "--port", str(args.port), "-q"]
    with contextlib.suppress(KeyboardInterrupt):
        autobuild(argv)
    return 0


# -- the command -----------------------------------------------------------------------

#: Subcommand name -> (declare its arguments, run it).
COMMANDS: dict[
    str,
    tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]],
] = {
    "new": (add_new, run_new),
    "build": (add_build, run_build),
    "update": (add_update, run_update),
    "check": (add_check, run_check),
    "serve": (add_serve, run_serve),
    "import-carpentries": (add_import_carpentries, run_import_carpentries),
    "migrate": (add_migrate, run_migrate),
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command, with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="sphinx-refinery", description="Tools for sphinx_refinery lessons."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (declare, run) in COMMANDS.items():
        summary, _, description = inspect.getdoc(run).partition("\n\n")  # type: ignore[union-attr]
        help_text = summary[0].lower() + summary[1:]
        if help_text.endswith(".") and not help_text.endswith("..."):
            help_text = help_text[:-1]
        command = subparsers.add_parser(
            name, help=help_text, description=" ".join(description.split())
        )
        declare(command)
        command.set_defaults(run=run, command=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.run(args))
