"""The ``sphinx-refinery`` command (also ``python -m sphinx_refinery``).

Each subcommand is two functions: ``add_<name>(subparsers)`` declares its
arguments and ``run_<name>(args) -> int`` does the work and returns the exit
status.  Adding a subcommand means writing both and listing them in
:data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__

# -- import-carpentries ----------------------------------------------------------------


def add_import_carpentries(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "import-carpentries",
        help="convert a Carpentries Workbench lesson into a sphinx_refinery lesson",
        description=(
            "Convert the Carpentries Workbench lesson in SRC (config.yaml, episodes/, "
            "learners/, instructors/, profiles/) into a new sphinx_refinery lesson in DEST, "
            "and list what could not be converted."
        ),
    )
    parser.add_argument("src", type=Path, metavar="SRC", help="the Workbench lesson folder")
    parser.add_argument("dest", type=Path, metavar="DEST", help="a new (or empty) folder")
    return parser


def run_import_carpentries(args: argparse.Namespace) -> int:
    from .importer import LessonImportError, import_lesson

    try:
        report = import_lesson(args.src, args.dest)
    except LessonImportError as error:
        print(f"sphinx-refinery import-carpentries: error: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


# -- the command -----------------------------------------------------------------------

#: Subcommand name -> (declare its arguments, run it).
COMMANDS: dict[
    str,
    tuple[
        Callable[[argparse._SubParsersAction], argparse.ArgumentParser],
        Callable[[argparse.Namespace], int],
    ],
] = {
    "import-carpentries": (add_import_carpentries, run_import_carpentries),
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command, with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="sphinx-refinery", description="Tools for sphinx_refinery lessons."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (declare, run) in COMMANDS.items():
        declare(subparsers).set_defaults(run=run, command=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.run(args))
