"""What ``import-carpentries`` did and did not convert: :class:`ImportReport`, and
:func:`check_build`, the HTML build that tells whether the imported lesson builds.

The report lists, as ``file:line: what``, everything that was not converted
(or not exactly), then the warnings of the build; it says "Everything was
converted." only when there is neither.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .scanner import Problem

#: A line of Sphinx's warning file: ``path:line: WARNING: message``.
_WARNING = re.compile(
    r"^(?P<path>.*?):(?:(?P<line>\d+):)? (?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*)$"
)


@dataclass
class ImportReport:
    """What :func:`import_lesson` did."""

    source: Path
    dest: Path
    title: str = ""
    #: Toctree caption -> docnames, in toctree order.
    toctrees: dict[str, list[str]] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)
    #: The lesson's repository address (config.yaml ``source``).
    repository: str = ""
    #: Docname -> the source file it was made from, as reported.
    sources: dict[str, str] = field(default_factory=dict)
    #: Glossary id -> (docname, term), from ``[term]{#id}`` definition lists.
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: What was not converted, or not exactly: where and why.
    items: list[Problem] = field(default_factory=list)
    #: Links, images and files that did not resolve exactly, at lines of the pages
    #: as written in ``dest`` (:mod:`.import_links` reads them there).
    link_items: list[Problem] = field(default_factory=list)
    #: Extensions for ``conf.py`` besides sphinx_refinery, and the packages that
    #: ``requirements.txt`` lists for them (:mod:`.import_diagrams`).
    extensions: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    #: What the author should know, though nothing was lost (one line each).
    notes: list[str] = field(default_factory=list)
    #: Files of a new lesson added besides the pages (README.md, Makefile, ...).
    project_files: list[str] = field(default_factory=list)
    #: The HTML build's exit status (None: not built) and its warnings.
    build_status: int | None = None
    build_warnings: list[Problem] = field(default_factory=list)

    @property
    def builds(self) -> bool:
        """Whether the lesson's HTML was built (with warnings or not)."""
        return self.build_status == 0

    def add(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(line or 0, message, file=path))

    def read_text(self, path: Path, shown: str) -> str:
        """The text of a source file; bytes that are not UTF-8 become U+FFFD,
        reported at their line of ``shown``."""
        data = path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.add(shown, line, "not valid UTF-8: the bytes that are not are shown as U+FFFD")
            return data.decode("utf-8", errors="replace")

    def add_link(self, path: str, line: int, message: str) -> None:
        self.link_items.append(Problem(line, message, file=path))

    def summary(self) -> str:
        """The text the command prints."""
        counts = ", ".join(
            f"{len(names)} {caption.lower()}" for caption, names in self.toctrees.items()
        )
        out = [
            f"Imported {self.title!r} from {self.source} into {self.dest}",
            f"  pages: {counts or 'none'}; other files copied: {len(self.assets)}",
        ]
        if self.project_files:
            out.append(f"  project files added: {', '.join(self.project_files)}")
        if self.items:
            out.append(
                f"Not converted, or not exactly ({len(self.items)}; lines of the files in "
                f"{self.source}):"
            )
            out.extend(f"  {item}" for item in self.items)
        if self.link_items:
            out.append(
                f"Links not resolved exactly ({len(self.link_items)}; lines of the pages in "
                f"{self.dest}):"
            )
            out.extend(f"  {item}" for item in sorted(self.link_items))
        if self.notes:
            out.append("Notes:")
            out.extend(f"  {note}" for note in self.notes)
        if self.build_warnings:
            out.append(f"Warnings of the HTML build ({len(self.build_warnings)}):")
            out.append(f"  (lines of the pages in {self.dest})")
            out.extend(f"  {item}" for item in self.build_warnings)
        if self.build_status:
            out.append(f"The HTML build failed (exit status {self.build_status}).")
        elif self.build_status == 0 and not self.build_warnings:
            out.append("The lesson builds without warnings.")
        if not (self.items or self.link_items or self.build_warnings) and self.builds:
            out.append("Everything was converted.")
        out.append(f"Build it with: sphinx-build {self.dest} {self.dest / '_build' / 'html'}")
        return "\n".join(out)


def check_build(report: ImportReport) -> None:
    """Build the imported lesson's HTML (in a temporary folder, with this Python) and
    record the exit status and the warnings, with their files relative to the lesson."""
    dest = report.dest.resolve()
    with tempfile.TemporaryDirectory(prefix="refinery-import-") as temporary:
        out = Path(temporary)
        warnings = out / "warnings.txt"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going"]
        command += ["-w", str(warnings), "-d", str(out / "doctrees"), str(dest), str(out / "html")]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        text = warnings.read_text(encoding="utf-8", errors="replace") if warnings.is_file() else ""
    report.build_status = done.returncode
    for line in text.splitlines():
        if match := _WARNING.match(line):
            path = match["path"]
            if path.startswith(str(dest)):
                path = Path(path).relative_to(dest).as_posix()
            message = f"{match['level'].lower()}: {match['message']}"
            report.build_warnings.append(Problem(int(match["line"] or 0), message, file=path))
    if done.returncode and not report.build_warnings:
        lines = (done.stderr or done.stdout).strip().splitlines()
        report.build_warnings.append(Problem(0, lines[-1] if lines else "the build failed"))
