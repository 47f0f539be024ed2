"""``sphinx-refinery build``: build a lesson with the Python the command runs in.

``sphinx-build`` on the ``PATH`` is often another Python's (or missing when
the lesson's virtual environment is not activated); running Sphinx as
``sys.executable -m sphinx`` always uses the one that has sphinx_refinery.
``--pdf`` builds the LaTeX output and runs latexmk on it, after checking that
the TeX programs it needs are installed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .arguments import add_lesson_argument

#: What to install for PDFs, per system (the packages the CI installs on Debian).
PDF_INSTALL = {
    "Debian/Ubuntu": (
        "sudo apt-get install latexmk texlive-luatex texlive-latex-recommended "
        "texlive-latex-extra texlive-fonts-recommended tex-gyre fonts-freefont-otf"
    ),
    "macOS": "brew install --cask mactex-no-gui",
    "Windows": "install MiKTeX (miktex.org) and Strawberry Perl (strawberryperl.com), for latexmk",
}
#: ``$pdflatex = 'lualatex ...'`` in the latexmkrc Sphinx writes.
_ENGINE = re.compile(r"\$pdflatex\s*=\s*['\"](?P<engine>[\w-]+)")
_ENGINES = ("lualatex", "xelatex", "platex", "uplatex", "pdflatex")


def add_build(parser: argparse.ArgumentParser) -> None:
    add_lesson_argument(parser)
    parser.add_argument(
        "-b", dest="builder", default="html", help="builder: html (default), dirhtml, notes, ..."
    )
    parser.add_argument("--pdf", action="store_true", help="build the PDF (LaTeX, then latexmk)")
    parser.add_argument("-W", dest="strict", action="store_true", help="turn warnings into errors")
    parser.add_argument("-j", dest="jobs", default=None, help="parallel processes (N or auto)")


def sphinx_command(args: argparse.Namespace, builder: str, outdir: Path) -> list[str]:
    command = [sys.executable, "-m", "sphinx", "-b", builder]
    if args.strict:
        command += ["-W", "--keep-going"]
    if args.jobs:
        command += ["-j", str(args.jobs)]
    return [*command, str(args.src), str(outdir)]


def missing_pdf_programs(latex_dir: Path) -> list[str]:
    """The programs latexmk needs for the LaTeX output in ``latex_dir`` that
    are not on the ``PATH``."""
    engine = "pdflatex"
    latexmkrc = latex_dir / "latexmkrc"
    if latexmkrc.is_file():
        match = _ENGINE.search(latexmkrc.read_text(encoding="utf-8", errors="replace"))
        if match and match["engine"] in _ENGINES:
            engine = match["engine"]
    return [program for program in ("latexmk", engine) if shutil.which(program) is None]


def pdf_install_help(missing: list[str]) -> str:
    lines = [f"cannot make the PDF: {', '.join(missing)} not found. Install a TeX system:"]
    lines += [f"  {system}: {command}" for system, command in PDF_INSTALL.items()]
    return "\n".join(lines)


def main_tex_files(latex_dir: Path) -> list[Path]:
    """The ``.tex`` files that are documents (not included parts)."""
    return [
        tex
        for tex in sorted(latex_dir.glob("*.tex"))
        if "\\documentclass" in tex.read_text(encoding="utf-8", errors="replace")[:2000]
    ]


def make_pdf(latex_dir: Path) -> int:
    """Run latexmk on every main ``.tex`` file, as Sphinx's LaTeX Makefile would."""
    status = 0
    for tex in main_tex_files(latex_dir):
        command = ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", tex.name]
        status = status or subprocess.call(command, cwd=latex_dir)
    return status


def run_build(args: argparse.Namespace) -> int:
    """Build the lesson (HTML by default, or a PDF with --pdf).

    Build the lesson in DIR into DIR/_build/BUILDER with this command's own Python, so
    no virtual environment needs to be activated.
    """
    if not (args.src / "conf.py").is_file():
        print(f"sphinx-refinery build: error: no conf.py in {args.src}", file=sys.stderr)
        return 2
    builder = "latex" if args.pdf else args.builder
    outdir = args.src / "_build" / builder
    status = subprocess.call(sphinx_command(args, builder, outdir))
    if status or not args.pdf:
        if not status:
            print(f"Built {builder} into {outdir}")
        return status
    missing = missing_pdf_programs(outdir)
    if missing:
        print(f"sphinx-refinery build: {pdf_install_help(missing)}", file=sys.stderr)
        return 3
    status = make_pdf(outdir)
    if not status:
        pdfs = ", ".join(str(tex.with_suffix(".pdf")) for tex in main_tex_files(outdir))
        print(f"Built the PDF: {pdfs}")
    return status
