"""The walk over a legacy lesson: which files are pages, in which toctree and
order, which are copied as they are, and the new ``index.md`` and ``conf.py``.
See :mod:`sphinx_refinery.sources.jekyll`."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..import_code import lenient_code_in_page
from ..import_diagrams import Diagrams, mermaid_available, report_diagrams
from ..import_links import Lesson, fix_links
from ..import_project import conf_py, has_timings, index_page
from ..importer import ImportReport, LessonImportError
from ..scanner import front_matter, load_yaml
from .markup import LINKED_ANCHOR
from .pages import convert_page
from .site import Site, page_of

#: Root pages that are pages of the lesson, and their toctree.
ROOT_PAGES: tuple[tuple[str, str], ...] = (
    ("setup.md", "Learner resources"),
    ("reference.md", "Learner resources"),
    ("LICENSE.md", "About"),
    ("CODE_OF_CONDUCT.md", "About"),
)
#: Root pages the Jekyll theme builds from the other pages (or its 404 page).
GENERATED_PAGES = ("aio.md", "404.md")
#: Extra pages that are for instructors.
INSTRUCTOR_EXTRAS = ("guide.md", "instructor-notes.md")
#: Folders copied as they are (figures, downloads).
ASSET_FOLDERS = ("fig", "files", "data", "code", "assets/img")
PAGE_SUFFIXES = (".md", ".Rmd", ".rmd")
_GENERATED_MARKS = ("in site.episodes", "in lesson_episodes")
MAX_CONFIG_BYTES = 1_000_000


def read_jekyll_config(source: Path) -> dict[str, Any]:
    """``_config.yml`` as a mapping (empty without one); a bad file stops the import."""
    path = source / "_config.yml"
    if not path.is_file():
        return {}
    if (
        not path.resolve().is_relative_to(source.resolve())
        or path.stat().st_size > MAX_CONFIG_BYTES
    ):
        raise LessonImportError(f"{path} is a link to outside {source}, or too large")
    try:
        config = load_yaml(path.read_bytes().decode("utf-8", errors="replace"))
    except Exception as error:  # yaml.YAMLError, ValueError, RecursionError
        raise LessonImportError(f"{path} is not valid YAML: {error}") from error
    return config if isinstance(config, dict) else {}


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _episode_folder(source: Path) -> str:
    return "_episodes" if (source / "_episodes").is_dir() else "episodes"


def _pages(folder: Path, report: ImportReport, source: Path) -> list[Path]:
    """The ``*.md`` pages of ``folder`` that Jekyll publishes, in name order; files
    whose name starts with ``.`` or ``_`` (Jekyll skips them) are reported."""
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if not path.is_file():
            continue
        if path.name.startswith((".", "_")):
            shown = path.relative_to(source).as_posix()
            report.add(shown, None, "a hidden file Jekyll does not publish: not imported")
        else:
            pages.append(path)
    return pages


def _collect(
    source: Path, config: dict[str, Any], report: ImportReport
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Toctree caption -> page sources in order, and every page's text."""
    texts: dict[str, str] = {}
    toctrees: dict[str, list[str]] = {}

    def take(relative: str, caption: str) -> None:
        path = source / relative
        if not _inside(path, source):
            report.add(relative, None, "a link to outside the lesson: not copied")
            return
        text = report.read_text(path, relative)
        if any(mark in text for mark in _GENERATED_MARKS):
            report.add(relative, None, "a page Jekyll builds from the episodes: not imported")
            return
        texts[relative] = text
        toctrees.setdefault(caption, []).append(relative)

    folder = _episode_folder(source)
    episodes = [p.name for p in _pages(source / folder, report, source)]
    order = config.get("episode_order")
    if isinstance(order, list) and order:
        listed = [f"{name}.md" for name in map(str, order) if f"{name}.md" in episodes]
        episodes = listed + [name for name in episodes if name not in listed]
    for name in episodes:
        take(f"{folder}/{name}", "Episodes")
    rmd = source / "_episodes_rmd"
    for path in sorted(rmd.glob("*.[Rr]md")) if rmd.is_dir() else []:
        knitted = f"{folder}/{path.stem}.md"
        if knitted in texts:
            report.add(
                f"_episodes_rmd/{path.name}",
                None,
                f"R Markdown source of {knitted}: the knitted page is imported, "
                "its code is not run",
            )
        else:
            report.add(
                f"_episodes_rmd/{path.name}",
                None,
                "R Markdown episode without its knitted page in _episodes/: not imported",
            )
    for relative, caption in ROOT_PAGES:
        if (source / relative).is_file():
            take(relative, caption)
    extras = source / "_extras"
    for path in _pages(extras, report, source):
        take(
            f"_extras/{path.name}",
            "Instructor resources" if path.name in INSTRUCTOR_EXTRAS else "Extras",
        )
    known = {"index.md", *(name for name, _ in ROOT_PAGES)}
    for path in sorted(source.glob("*.md")):
        if path.name in GENERATED_PAGES:
            report.add(path.name, None, "a page the Jekyll theme builds: not imported")
        elif path.name not in known:
            report.add(path.name, None, "about the repository, not the lesson: not copied")
    return toctrees, texts


def _include_reader(source: Path, report: ImportReport):
    includes = source / "_includes"

    def read(name: str) -> str | None:
        path = includes / name
        if not name or not path.is_file() or not _inside(path, includes):
            return None
        return path.read_bytes().decode("utf-8", errors="replace")

    return read


def import_legacy_lesson(source: Path | str, dest: Path | str) -> ImportReport:
    """Import the legacy (Jekyll) Carpentries lesson in ``source`` into the new folder ``dest``."""
    source, dest = Path(source), Path(dest)
    if dest.exists() and not dest.is_dir():
        raise LessonImportError(f"{dest} is a file, not a folder; choose a new folder")
    if dest.exists() and any(dest.iterdir()):
        raise LessonImportError(f"{dest} exists and is not empty; choose a new folder")
    config = read_jekyll_config(source)
    report = ImportReport(source, dest, title=str(config.get("title") or source.name))
    toctrees, texts = _collect(source, config, report)
    site = Site(source)
    index_text = ""
    if (source / "index.md").is_file() and _inside(source / "index.md", source):
        index_text = report.read_text(source / "index.md", "index.md")
        texts = {"index.md": index_text, **texts}
    for relative, text in texts.items():
        found = front_matter(text.split("\n"))
        site.add(page_of(relative, found.mapping() if found else {}))
        site.anchors.update(match["anchor"] for match in LINKED_ANCHOR.finditer(text))
    dest.mkdir(parents=True, exist_ok=True)
    read_include = _include_reader(source, report)
    diagrams = Diagrams(draw=mermaid_available())
    index_body = ""
    for relative, text in texts.items():
        page = site.pages[relative]
        stem = Path(relative).stem.lstrip("0123456789-_")
        default = (
            "" if relative == "index.md" else stem.replace("-", " ").replace("_", " ").capitalize()
        )
        converted = convert_page(text, page, site, config, read_include, default, diagrams.draw)
        report.items += converted.problems
        converted.text = lenient_code_in_page(converted.text, page.target, report)
        if converted.diagrams:
            diagrams.found[relative] = converted.diagrams
        if relative == "index.md":
            index_body = _without_front_matter(converted.text)
            continue
        target = dest / page.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(converted.text, encoding="utf-8")
    report.toctrees = {
        caption: [site.pages[name].docname for name in names] for caption, names in toctrees.items()
    }
    excluded = _copy_assets(source, dest, site, report)
    episodes = toctrees.get("Episodes", [])
    schedule = has_timings([(name, dest / site.pages[name].target) for name in episodes], report)
    (dest / "index.md").write_text(index_page(report, index_body, schedule), encoding="utf-8")
    report_diagrams(report, diagrams)
    conf = _conf_py(config, report.title, excluded, report.extensions)
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    lesson = Lesson.read(
        dest, [page.docname for page in site.pages.values() if page.source != "index.md"], {}
    )
    for page in site.pages.values():
        if page.source != "index.md":
            fix_links(lesson, page.docname, page.target, report)  # anchors no page has
    report.items.sort(key=lambda item: (item.file, item.line, item.message))
    return report


def _without_front_matter(text: str) -> str:
    lines = text.split("\n")
    found = front_matter(lines)
    return "\n".join(lines[found.end if found else 0 :]).strip("\n")


def _copy_assets(source: Path, dest: Path, site: Site, report: ImportReport) -> list[str]:
    """Copy the asset folders and every other file a page links to; return exclude patterns."""
    files: set[str] = set(site.linked_files)
    for folder in ASSET_FOLDERS:
        directory = source / folder
        if directory.is_dir():
            files.update(
                p.relative_to(source).as_posix() for p in directory.rglob("*") if p.is_file()
            )
    for folder in ("_episodes", "_extras", "episodes"):
        directory = source / folder
        if directory.is_dir():
            files.update(
                p.relative_to(source).as_posix()
                for p in directory.rglob("*")
                if p.is_file() and (p.parent != directory or p.suffix not in PAGE_SUFFIXES)
            )
    excluded: set[str] = set()
    for relative in sorted(files):
        path = source / relative
        if relative in site.pages or not path.is_file():
            continue
        if not _inside(path, source):
            report.add(relative, None, "a link to outside the lesson: not copied")
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        report.assets.append(relative)
        if path.suffix in (".md", ".rst", ".ipynb", ".Rmd", ".rmd"):
            excluded.add(relative)
    return sorted(excluded)


def _conf_py(config: dict[str, Any], title: str, excluded: list[str], extensions: list[str]) -> str:
    """``conf.py`` for a lesson imported from a legacy (Jekyll) lesson."""
    repository = str(config.get("repository") or "")
    options = {}
    if repository.count("/") == 1 and "<" not in repository:
        options["repository_url"] = f"https://github.com/{repository}"
    return conf_py(
        "Carpentries (Jekyll)",
        title,
        excluded,
        options=options,
        myst_extensions=("colon_fence", "deflist", "attrs_inline"),
        extensions=extensions,
    )
