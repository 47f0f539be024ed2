"""The files an imported lesson gets besides its pages: ``index.md`` (toctrees and a
schedule) and ``conf.py``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .import_report import ImportReport
from .scanner import front_matter


def has_timings(episodes: list[tuple[str, Path]], report: ImportReport) -> bool:
    """Whether every episode (its name as reported, its converted file) has its
    ``teaching`` and ``exercises`` minutes in its front matter (for a schedule)."""
    missing = []
    for shown, path in episodes:
        found = front_matter(path.read_text(encoding="utf-8").split("\n"))
        data = found.mapping() if found else {}
        if not all(isinstance(data.get(key), int) for key in ("teaching", "exercises")):
            missing.append(shown)
    if missing:
        report.add(
            "index.md",
            None,
            "no schedule: these episodes lack 'teaching'/'exercises' minutes in their front "
            "matter: " + ", ".join(missing),
        )
    return bool(episodes) and not missing


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


def add_requirements(path: Path, packages: list[str]) -> None:
    """Append to the requirements file ``path`` the ``packages`` it does not list yet."""
    if not packages or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    listed = {line.strip() for line in text.splitlines()}
    missing = [name for name in packages if name not in listed]
    if missing:
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(missing) + "\n", encoding="utf-8")


#: Files of a lesson's repository that are not pages (the README is written by the CLI).
REPOSITORY_FILES: tuple[str, ...] = ("README.md", "CONTRIBUTING.md")


def workbench_conf_py(
    config: dict[str, object], title: str, excluded: list[str], extensions: list[str]
) -> str:
    """``conf.py`` for a lesson imported from the Workbench (``config.yaml``)."""
    created = str(config.get("created") or "")
    options = {
        "repository_url": str(config.get("source") or ""),
        "repository_branch": str(config.get("branch") or ""),
        "license": str(config.get("license") or ""),
    }
    language = config.get("lang")
    return conf_py(
        "Carpentries Workbench",
        title,
        excluded,
        options={key: value for key, value in options.items() if value},
        year=created[:4] if created[:4].isdigit() else "",
        language=language if isinstance(language, str) else "",
        extensions=extensions,
    )


def conf_py(
    generation: str,
    title: str,
    excluded: list[str],
    *,
    options: dict[str, str],
    year: str = "",
    language: str = "",
    myst_extensions: tuple[str, ...] = ("colon_fence", "deflist"),
    extensions: list[str] | None = None,
) -> str:
    """A ``conf.py`` for a lesson imported from a Carpentries ``generation``;
    ``excluded``: exclude patterns besides ``_build`` and the repository files;
    ``extensions``: Sphinx extensions besides sphinx_refinery."""
    lines = [
        f'"""Sphinx configuration, imported from a {generation} lesson."""',
        "",
        f"project = {title!r}",
        "# The lesson's version, as 'sphinx-refinery new' gives it: the month of the import.",
        f"version = {datetime.date.today().strftime('%Y.%m')!r}",
        f"copyright = {(year + ', ' if year else '') + 'the lesson authors'!r}",
        f"extensions = {json.dumps(['sphinx_refinery', *(extensions or [])])}",
        'html_theme = "sphinx_refinery"',
        f"html_title = {title!r}",
        f"html_theme_options = {options!r}",
        "# deflist: definition lists and glossaries; attrs_inline: {#id} targets.",
        f"myst_enable_extensions = {list(myst_extensions)!r}",
        "# Every heading has an id, as on the Carpentries sites: page.html#heading resolves.",
        "myst_heading_anchors = 6",
        f"exclude_patterns = {['_build', '.venv', *REPOSITORY_FILES, *excluded]!r}",
    ]
    if language:
        lines.append(f"language = {language!r}")
    return "\n".join(lines) + "\n"
