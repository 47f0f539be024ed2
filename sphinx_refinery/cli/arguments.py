"""Command-line arguments that several subcommands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_lesson_argument(parser: argparse.ArgumentParser, name: str = "src") -> None:
    """The optional DIR of a lesson (its folder with conf.py), default the current folder."""
    parser.add_argument(
        name, type=Path, nargs="?", default=Path(), metavar="DIR", help="the lesson (default: .)"
    )
