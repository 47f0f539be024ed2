"""Turn a Carpentries Workbench lesson folder into a sphinx_refinery lesson folder.

``sphinx-refinery import-carpentries SRC DEST`` (see :mod:`sphinx_refinery.cli`)
calls :func:`import_lesson`.  A Workbench lesson is::

    config.yaml          title, source, branch, license, episodes/learners/... lists
    index.md             the lesson's home page
    links.md             reference-style link definitions shared by every page
    episodes/            *.md or *.Rmd, with fig/, files/, data/
    learners/            setup.md, reference.md (the glossary), ...
    instructors/         instructor-notes.md, ...
    profiles/            learner-profiles.md, ...
    LICENSE.md, CODE_OF_CONDUCT.md

The result keeps that layout (so every relative link and image path still
works) and adds ``conf.py`` and an ``index.md`` whose toctrees list the
pages in ``config.yaml`` order (a folder without a list there: its files in
alphabetical order, as sandpaper does; ``learners/setup.md`` always) and, when
every episode has its ``teaching`` and ``exercises`` minutes, a ``schedule``
(:mod:`.import_project`).  Every page goes through :func:`_convert`: Liquid
leftovers (:mod:`.workbench.liquid`), Mermaid diagrams, the Workbench rewrite
(:func:`sphinx_refinery.sources.workbench.rewrite`, so the new lesson needs no
``refinery_workbench``) and glossaries (:mod:`.workbench.glossary`); once all
are written, :mod:`.import_links` makes their links, images and downloads
resolve.  The command (:mod:`sphinx_refinery.cli.main`) then adds the
template's project files and builds the HTML (:func:`.import_report.check_build`).
What could not be converted is collected in the :class:`ImportReport` (file,
line, why), never silently dropped:

* Mermaid diagrams (:mod:`.import_diagrams`): ``{mermaid}`` directives when
  sphinxcontrib-mermaid is installed (a note on its CDN script), else code
  blocks of their source, with one line on how to get them drawn;
* R Markdown (``.Rmd``) pages become ``.md``; their code chunks are kept as
  code blocks of the chunk's language, shown but not run, and inline R code
  is shown as code;
* link definitions of ``links.md`` are appended to the pages that use them
  (sandpaper appends the file to every page); ``links.md`` is not a page;
* unknown div classes, unbalanced fences and dropped image attributes, as
  the rewrite reports them;
* pages that config.yaml lists but that are missing, and Markdown pages of
  the folders that it does not list;
* files that are links to outside SRC (not copied), and files that are not
  valid UTF-8 (copied with U+FFFD in place of the bytes that are not).

It reads only inside SRC (an ``episodes:`` entry such as ``../x.md`` or
``/etc/x.md`` is refused) and writes only inside DEST.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from .import_code import lenient_code_in_page
from .import_diagrams import Diagrams, convert_diagrams, mermaid_available, report_diagrams
from .import_headings import consecutive_headings
from .import_links import Lesson, fix_links
from .import_project import REPOSITORY_FILES, has_timings, index_page, workbench_conf_py
from .import_report import ImportReport
from .scanner import front_matter_end, load_yaml
from .workbench import rewrite
from .workbench.glossary import convert_glossaries, glossary_targets
from .workbench.liquid import convert_liquid

#: The folders of a Workbench lesson, their config.yaml key and toctree caption.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("episodes", "Episodes"),
    ("learners", "Learner resources"),
    ("instructors", "Instructor resources"),
    ("profiles", "Learner profiles"),
)
#: Root pages that become pages of the lesson ("About" toctree), in this order.
ROOT_PAGES: tuple[str, ...] = ("LICENSE.md", "CODE_OF_CONDUCT.md")
PAGE_SUFFIXES = (".md", ".Rmd", ".rmd")
#: A config.yaml larger than this is not a lesson's settings.
MAX_CONFIG_BYTES = 1_000_000
#: Suffixes Sphinx would read as pages if they were left in asset folders.
SOURCE_SUFFIXES = (".md", ".rst", ".ipynb", ".Rmd", ".rmd")

_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*\S.*$", re.MULTILINE)
_LINK_USE = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\[(?P<label>[^\[\]]*)\])?(?![(:])")
_INLINE_R = re.compile(r"`r [^`]+`")
_RMD_LINK = re.compile(r"(\]\([^)\s]+?)\.[Rr]md([#)])")


class LessonImportError(Exception):
    """The lesson cannot be imported at all (no config.yaml, destination not empty, ...)."""


def import_lesson(source: Path | str, dest: Path | str) -> ImportReport:
    """Import the Workbench lesson in ``source`` into the new folder ``dest``."""
    source, dest = Path(source), Path(dest)
    config = read_config(source)
    if dest.exists() and not dest.is_dir():
        raise LessonImportError(f"{dest} is a file, not a folder; choose a new folder")
    if dest.exists() and any(dest.iterdir()):
        raise LessonImportError(f"{dest} exists and is not empty; choose a new folder")
    for folder, _caption in SECTIONS:
        _check_entries(folder, config.get(folder))
    dest.mkdir(parents=True, exist_ok=True)
    report = ImportReport(source, dest, title=str(config.get("title") or source.name))
    report.repository = str(config.get("source") or "")
    diagrams = Diagrams(draw=mermaid_available())
    links = _link_definitions(source / "links.md")
    if links:
        report.add("links.md", None, _LINKS_NOTE)

    excluded: list[str] = []
    for folder, caption in SECTIONS:
        pages = _section_pages(source, folder, config, report)
        docnames = [_copy_page(source, dest, page, links, report, diagrams) for page in pages]
        if docnames:
            report.toctrees[caption] = docnames
        excluded += _copy_assets(source, dest, folder, report)
    about = [
        _copy_page(source, dest, source / name, links, report, diagrams)
        for name in ROOT_PAGES
        if (source / name).is_file() and _inside_source(source, source / name, report)
    ]
    if about:
        report.toctrees["About"] = about
    for name in REPOSITORY_FILES:
        if (source / name).is_file():
            report.add(name, None, "about the repository, not the lesson: not copied")

    index_body = _index_body(source, links, report, diagrams)
    episodes = report.toctrees.get("Episodes", [])
    schedule = has_timings([(f"{name}.md", dest / f"{name}.md") for name in episodes], report)
    (dest / "index.md").write_text(index_page(report, index_body, schedule), encoding="utf-8")
    report.sources["index"] = "index.md"
    _fix_links(dest, report)
    report_diagrams(report, diagrams)
    conf = workbench_conf_py(config, report.title, excluded, report.extensions)
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    report.items.sort(key=lambda item: (item.file, item.line))
    return report


def read_config(source: Path) -> dict[str, object]:
    """The lesson's ``config.yaml`` as a mapping."""
    import yaml

    path = source / "config.yaml"
    if not path.is_file():
        raise LessonImportError(f"{path} not found: is {source} a Workbench lesson?")
    if not _inside(path, source):
        raise LessonImportError(f"{path} is a link to outside {source}")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise LessonImportError(f"{path} is too large for a lesson's settings")
    try:
        config = load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise LessonImportError(f"{path} is not valid UTF-8: {error}") from error
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise LessonImportError(f"{path} is not valid YAML: {error}") from error
    if not isinstance(config, dict):
        raise LessonImportError(f"{path} does not hold a mapping of settings")
    return config


# -- staying inside SRC and DEST ------------------------------------------------------


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, its links followed, is inside the folder ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def _inside_source(source: Path, path: Path, report: ImportReport) -> bool:
    """Whether ``path`` is inside ``source``; if not, it is reported and never read."""
    if _inside(path, source):
        return True
    report.add(
        path.relative_to(source).as_posix(), None, "a link to outside the lesson: not copied"
    )
    return False


def _check_entries(folder: str, listed: object) -> None:
    """Refuse a config.yaml list naming a file outside its folder (``../x.md``, ``/x.md``)."""
    for name in listed if isinstance(listed, list) else []:
        parts = Path(str(name)).parts
        if Path(str(name)).is_absolute() or ".." in parts or not parts:
            raise LessonImportError(
                f"config.yaml: {folder}: {str(name)!r} is not a file of {folder}/; "
                f"list the names of files in {folder}/ only, e.g. introduction.md"
            )


# -- pages -------------------------------------------------------------------------

_LINKS_NOTE = (
    "reference-style link definitions appended to the pages that use them "
    "(links.md itself is not a page)"
)


def _section_pages(
    source: Path, folder: str, config: dict[str, object], report: ImportReport
) -> list[Path]:
    """The pages of one folder, in config.yaml order (else alphabetical)."""
    directory = source / folder
    listed = config.get(folder)
    present = sorted(
        path for path in directory.glob("*") if path.is_file() and path.suffix in PAGE_SUFFIXES
    ) if directory.is_dir() else []  # fmt: skip
    if not isinstance(listed, list) or not listed:
        return [path for path in present if _inside_source(source, path, report)]
    pages = []
    if folder == "learners" and "setup.md" not in listed and (directory / "setup.md").is_file():
        # The Workbench always publishes the setup page, listed or not.
        listed = ["setup.md", *listed]
        report.add("learners/setup.md", None, "not listed in config.yaml: added first, as the "
                   "Workbench shows it")  # fmt: skip
    for name in listed:
        path = directory / str(name)
        if path.is_file() and _inside_source(source, path, report):
            pages.append(path)
        elif path.is_file():
            continue
        else:
            report.add("config.yaml", None, f"{folder}: {name} is listed but not found")
    for path in present:
        if path not in pages:
            report.add(
                f"{folder}/{path.name}", None, "not listed in config.yaml: not part of the lesson"
            )
    return pages


def _copy_page(
    source: Path,
    dest: Path,
    page: Path,
    links: dict[str, str],
    report: ImportReport,
    diagrams: Diagrams,
) -> str:
    """Rewrite one page into ``dest``; return its docname."""
    relative = page.relative_to(source)
    shown = relative.as_posix()
    text = report.read_text(page, shown)
    if page.suffix.lower() == ".rmd":
        _report_inline_r(text, shown, report)
        relative = relative.with_suffix(".md")
    text = _RMD_LINK.sub(r"\1.md\2", text)
    docname = relative.with_suffix("").as_posix()
    text = consecutive_headings(_convert(text, shown, docname, report, diagrams))
    text = lenient_code_in_page(text, relative.as_posix(), report)
    text = _with_link_definitions(text, links)
    target = dest / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return docname


def _convert(text: str, shown: str, docname: str, report: ImportReport, diagrams: Diagrams) -> str:
    """A page's text as MyST: Liquid, diagrams, the Workbench rewrite, glossaries;
    all reported at the author's lines."""
    root = posixpath.relpath(".", posixpath.dirname(docname) or ".")
    liquid = convert_liquid(text, repository=report.repository, root=root)
    lines = list(enumerate(liquid.text.split("\n"), start=1))
    numbered, found = convert_diagrams(lines, draw=diagrams.draw)
    if found:
        diagrams.found[shown] = found
    numbers = [number for number, _line in numbered]
    targets = "\n".join(glossary_targets([line for _number, line in numbered]))  # {:auto_ids}
    result = rewrite(targets, keep_lines=False)
    glossary = convert_glossaries(result.text)
    for problem in liquid.problems:
        report.add(shown, problem.line, problem.message)
    for problem in [*result.problems, *glossary.problems]:
        line = numbers[problem.line - 1] if 0 < problem.line <= len(numbers) else problem.line
        report.add(shown, line, problem.message)
    for ident, term in glossary.terms.items():
        report.terms.setdefault(ident, (docname, term))
    report.sources[docname] = shown
    return "\n".join(glossary.lines)


def _fix_links(dest: Path, report: ImportReport) -> None:
    """Links, images and downloads made to resolve (:mod:`.import_links`), on every page."""
    lesson = Lesson.read(dest, list(report.sources), report.terms)
    for docname in report.sources:
        fix_links(lesson, docname, f"{docname}.md", report)


def _report_inline_r(text: str, shown: str, report: ImportReport) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _INLINE_R.finditer(line):
            report.add(shown, number, f"inline R code {match.group()} shown as code, not run")


def _copy_assets(source: Path, dest: Path, folder: str, report: ImportReport) -> list[str]:
    """Copy every file of ``folder`` that is not a page; return exclude patterns."""
    directory = source / folder
    if not directory.is_dir():
        return []
    excluded: set[str] = set()
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or (path.parent == directory and path.suffix in PAGE_SUFFIXES):
            continue
        if not _inside_source(source, path, report):
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        report.assets.append(relative.as_posix())
        if path.suffix in SOURCE_SUFFIXES:
            # Data files that happen to be Markdown must not become pages.
            # A file beside the pages: itself; in a subfolder: the subfolder.
            top = path.parent == directory
            excluded.add(relative.as_posix() if top else relative.parent.as_posix() + "/**")
    return sorted(excluded)


def _link_definitions(path: Path) -> dict[str, str]:
    """Normalised label -> definition line of a ``links.md``."""
    if not path.is_file() or not _inside(path, path.parent):  # path.parent: the lesson
        return {}
    text = path.read_bytes().decode("utf-8", errors="replace")
    return {_label(m["label"]): m.group().strip() for m in _LINK_DEFINITION.finditer(text)}


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _with_link_definitions(text: str, links: dict[str, str]) -> str:
    """``text`` with the definitions of the links.md labels it uses appended."""
    if not links or "[" not in text:
        return text
    defined = {_label(m["label"]) for m in _LINK_DEFINITION.finditer(text)}
    used: dict[str, None] = {}
    for match in _LINK_USE.finditer(text):
        label = _label(match["label"] or match["text"])
        if label in links and label not in defined:
            used[label] = None
    if not used:
        return text
    block = "\n".join(links[label] for label in used)
    return text.rstrip("\n") + "\n\n<!-- links from the Workbench links.md -->\n" + block + "\n"


# -- index.md -------------------------------------------------------------------------


def _index_body(
    source: Path, links: dict[str, str], report: ImportReport, diagrams: Diagrams
) -> str:
    """The Workbench home page's text, rewritten, without its front matter."""
    path = source / "index.md"
    if not path.is_file() or not _inside_source(source, path, report):
        return ""
    text = report.read_text(path, "index.md")
    lines = text.split("\n")
    start = front_matter_end(lines)
    # Blank front matter lines keep the report's line numbers right.
    body = "\n".join([""] * start + lines[start:])
    converted = _convert(body, "index.md", "index", report, diagrams)
    return _with_link_definitions(converted, links).strip("\n")
