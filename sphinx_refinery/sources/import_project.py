"""The files an imported lesson gets besides its pages: ``index.md`` (toctrees and a
schedule) and ``conf.py``."""

from __future__ import annotations

import datetime
from pathlib import Path

from .import_report import ImportReport
from .scanner import front_matter


def has_timings(dest: Path, report: ImportReport) -> bool:
    """Whether every episode has its ``teaching`` and ``exercises`` minutes (for a schedule)."""
    missing = []
    for docname in report.toctrees.get("Episodes", []):
        lines = (dest / f"{docname}.md").read_text(encoding="utf-8").split("\n")
        found = front_matter(lines)
        data = found.mapping() if found else {}
        if not all(isinstance(data.get(key), int) for key in ("teaching", "exercises")):
            missing.append(f"{docname}.md")
    if missing:
        report.add(
            "index.md",
            None,
            "no schedule: these episodes lack 'teaching'/'exercises' minutes in their front "
            "matter: " + ", ".join(missing),
        )
    return bool(report.toctrees.get("Episodes")) and not missing


def index_page(report: ImportReport, body: str, schedule: bool) -> str:
    parts = [f"# {report.title}", ""]
    if body:
        parts += [body, ""]
    for caption, docnames in report.toctrees.items():
        parts += [":::{toctree}", f":caption: {caption}", ":maxdepth: 1", "", *docnames, ":::", ""]
    if schedule:
        others = [name for caption, names in report.toctrees.items() if caption != "Episodes"
                  for name in names]  # fmt: skip
        parts += ["## Schedule", "", ":::{schedule}"]
        if others:
            parts.append(":exclude: " + " ".join(others))
        parts += [":::", ""]
    return "\n".join(parts)


def conf_py(config: dict[str, object], title: str, excluded: list[str]) -> str:
    """A ``conf.py`` for the imported lesson; ``excluded``: more exclude patterns."""
    created = str(config.get("created") or "")
    year = created[:4] if created[:4].isdigit() else ""
    options = {
        "repository_url": str(config.get("source") or ""),
        "repository_branch": str(config.get("branch") or ""),
        "license": str(config.get("license") or ""),
    }
    options = {key: value for key, value in options.items() if value}
    lines = [
        '"""Sphinx configuration, imported from a Carpentries Workbench lesson."""',
        "",
        f"project = {title!r}",
        "# The lesson's version, as 'sphinx-refinery new' gives it: the month of the import.",
        f"version = {datetime.date.today().strftime('%Y.%m')!r}",
        f"copyright = {(year + ', ' if year else '') + 'the lesson authors'!r}",
        'extensions = ["sphinx_refinery"]',
        'html_theme = "sphinx_refinery"',
        f"html_title = {title!r}",
        f"html_theme_options = {options!r}",
        "# deflist: the Workbench's definition lists; anchors: links to headings.",
        'myst_enable_extensions = ["colon_fence", "deflist"]',
        "myst_heading_anchors = 6",
        f"exclude_patterns = {['_build', *excluded]!r}",
    ]
    if isinstance(config.get("lang"), str) and config["lang"]:
        lines.append(f"language = {config['lang']!r}")
    return "\n".join(lines) + "\n"
