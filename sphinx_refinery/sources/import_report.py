"""What ``import-carpentries`` did and did not convert: :class:`ImportReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .scanner import Problem


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

    def add(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(line or 0, message, file=path))

    def summary(self) -> str:
        """The text the command prints."""
        counts = ", ".join(
            f"{len(names)} {caption.lower()}" for caption, names in self.toctrees.items()
        )
        out = [
            f"Imported {self.title!r} from {self.source} into {self.dest}",
            f"  pages: {counts or 'none'}; other files copied: {len(self.assets)}",
        ]
        if self.items:
            out.append(f"Not converted, or not exactly ({len(self.items)}):")
            out.extend(f"  {item}" for item in self.items)
        else:
            out.append("Everything was converted.")
        out.append(f"Build it with: sphinx-build {self.dest} {self.dest / '_build' / 'html'}")
        return "\n".join(out)
