"""``sphinx-refinery migrate [PATH]``: move a sphinx-lesson lesson over, in place.

Edits ``conf.py`` as text, with the smallest changes (``ast`` finds the
spans, everything else, comments included, stays as written):

* ``"sphinx_lesson"`` -> ``"sphinx_refinery"`` wherever it is written;
* ``html_theme`` -> ``"sphinx_refinery"`` (added after ``extensions`` if unset);
* ``"sphinx_rtd_theme_ext_color_contrast"`` leaves the ``extensions`` list;
* when the theme changes, the ``html_theme_options`` keys this theme does not
  have are renamed or removed (:mod:`.theme_options`);
* ``from sphinx_lesson.directives import _BaseCRDirective`` imports
  :class:`sphinx_refinery.blocks.custom.BlockDirective` under that name, so
  the lesson's own block kinds (``class TypealongDirective(_BaseCRDirective)``)
  keep working, with ``cssname()`` and ``get_cssname()``; the same import
  is rewritten in the Python modules beside ``conf.py`` (``custom.py``);
* ``nb_execution_mode = "auto"``, as sphinx-lesson ran notebooks, when some
  notebook the lesson reads shows code without outputs and ``conf.py`` sets
  no mode (:mod:`.notebook_mode`).

and the ``requirements*.txt`` files next to ``conf.py`` and above it, up to
PATH: ``sphinx-lesson`` -> ``sphinx-refinery`` (``sphinx-refinery[notebooks]``
when the lesson has notebooks), the contrast extension dropped.  Running it
again changes nothing.  Extensions that ``conf.py`` lists but that are not
installed are named, each with the package to install.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .conf_text import element_span as _element_span
from .conf_text import offsets as _offsets
from .conf_text import quoted as _quoted
from .conf_text import span as _span
from .conf_text import string_value as _string
from .notebook_mode import notebook_mode_edit
from .theme_options import theme_option_edits

#: Where a lesson keeps ``conf.py``, below the folder given.
CONF_FOLDERS = ("", "content", "docs", "doc", "source", "lectures", "lesson")
OLD_EXTENSION = "sphinx_lesson"
NEW_EXTENSION = "sphinx_refinery"
THEME = "sphinx_refinery"
DROPPED_EXTENSIONS = frozenset({"sphinx_rtd_theme_ext_color_contrast"})
OLD_BASE_IMPORT = ("sphinx_lesson.directives", "_BaseCRDirective")
NEW_BASE_IMPORT = "from sphinx_refinery.blocks.custom import BlockDirective as _BaseCRDirective"
#: Extension module -> the package that installs it, where the names differ
#: by more than ``_`` and ``-``.
PACKAGES = {
    "sphinx_tabs": "sphinx-tabs",
    "sphinxcontrib": "sphinxcontrib-",
    "myst_nb": "myst-nb",
    "sphinx_rtd_theme_ext_color_contrast": "sphinx-rtd-theme-ext-color-contrast",
    "sphinx_lesson": "sphinx-lesson",
}
_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?(?P<rest>.*)$"
)


class MigrateError(Exception):
    """The lesson cannot be migrated (no ``conf.py``, one that does not parse)."""


@dataclass
class Migration:
    """What :func:`migrate` changed (or would change)."""

    conf: Path
    changes: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)


def find_conf(path: Path) -> Path:
    """``conf.py`` in ``path`` or in one of :data:`CONF_FOLDERS` below it."""
    if path.is_file() and path.name == "conf.py":
        return path
    for folder in CONF_FOLDERS:
        candidate = path / folder / "conf.py"
        if candidate.is_file():
            return candidate
    found = sorted(path.glob("*/conf.py"))
    if len(found) == 1:
        return found[0]
    raise MigrateError(f"no conf.py in {path} or in {', '.join(CONF_FOLDERS[1:])} below it")


# -- conf.py -----------------------------------------------------------------------


def conf_edits(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, replacement, description) of every edit of ``conf.py``."""
    tree = ast.parse(text)
    starts = _offsets(text)
    edits: list[tuple[int, int, str, str]] = []
    theme_set = switching = False
    extensions_end: int | None = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "html_theme" in names and node.value is not None:
                theme_set = True
                if _string(node.value) != THEME:
                    switching = True
                    start, end = _span(node.value, starts)
                    new = _quoted(text[start:end], THEME)
                    edits.append((start, end, new, f"html_theme = {new}"))
            if "extensions" in names and extensions_end is None:
                extensions_end = _span(node, starts)[1]
        if isinstance(node, ast.List | ast.Tuple):
            for element in node.elts:
                if _string(element) in DROPPED_EXTENSIONS:
                    start, end = _element_span(text, *_span(element, starts))
                    edits.append((start, end, "", f"removed extension {_string(element)}"))
        if _string(node) == OLD_EXTENSION:
            start, end = _span(node, starts)
            new = _quoted(text[start:end], NEW_EXTENSION)
            edits.append((start, end, new, f"extension {OLD_EXTENSION} -> {NEW_EXTENSION}"))
        edits += _base_import_edit(node, starts)
    if not theme_set:
        at = extensions_end if extensions_end is not None else len(text)
        line = (
            f'\nhtml_theme = "{THEME}"'
            if extensions_end is not None
            else f'html_theme = "{THEME}"\n'
        )
        edits.append((at, at, line, f'html_theme = "{THEME}" (added)'))
    if switching or not theme_set:
        edits += theme_option_edits(tree, text, starts)
    # Remove nested duplicates (an element that is also a dropped line) and apply from the end.
    edits.sort(key=lambda edit: (edit[0], -edit[1]))
    kept: list[tuple[int, int, str, str]] = []
    for edit in edits:
        if kept and edit[0] < kept[-1][1]:
            continue
        kept.append(edit)
    return kept


def _base_import_edit(node: ast.AST, starts: list[int]) -> list[tuple[int, int, str, str]]:
    """The edit of ``from sphinx_lesson.directives import _BaseCRDirective`` (else none)."""
    if (
        isinstance(node, ast.ImportFrom)
        and node.module == OLD_BASE_IMPORT[0]
        and [alias.name for alias in node.names] == [OLD_BASE_IMPORT[1]]
    ):
        start, end = _span(node, starts)
        name = node.names[0].asname or OLD_BASE_IMPORT[1]
        new = NEW_BASE_IMPORT.replace(OLD_BASE_IMPORT[1], name)
        return [(start, end, new, "_BaseCRDirective -> BlockDirective")]
    return []


def module_edits(text: str) -> list[tuple[int, int, str, str]]:
    """The edits of a helper module beside ``conf.py`` (``custom.py``): the base import only."""
    starts = _offsets(text)
    return [edit for node in ast.walk(ast.parse(text)) for edit in _base_import_edit(node, starts)]


def helper_modules(conf: Path) -> list[Path]:
    """The Python files below ``conf.py``'s folder that import ``_BaseCRDirective``.

    Lessons keep their own block kinds in a module that ``conf.py`` imports
    (``from custom import DIRECTIVES``); the text test is a cheap first filter,
    :func:`module_edits` decides.
    """
    skip = {"_build", ".ipynb_checkpoints", "__pycache__", "venv", ".venv"}
    return [
        path
        for path in sorted(conf.parent.rglob("*.py"))
        if path != conf
        and not skip.intersection(path.relative_to(conf.parent).parts)
        and OLD_BASE_IMPORT[1] in path.read_text(encoding="utf-8", errors="replace")
    ]


def apply_edits(text: str, edits: list[tuple[int, int, str, str]]) -> str:
    for start, end, new, _what in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def listed_extensions(text: str) -> list[str]:
    """The extension names written as strings in ``extensions = [...]``."""
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "extensions" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            return [name for e in node.value.elts if (name := _string(e))]
    return []


def package_of(extension: str) -> str:
    """The package that installs an extension module (a guess for unknown ones)."""
    top = extension.split(".")[0]
    if top == "sphinxcontrib" and "." in extension:
        return "sphinxcontrib-" + extension.split(".")[1].replace("_", "-")
    return PACKAGES.get(top, top.replace("_", "-"))


def is_installed(extension: str) -> bool:
    try:
        return importlib.util.find_spec(extension) is not None
    except (ImportError, ValueError):
        return False


# -- requirements ------------------------------------------------------------------


def _requirement_line(line: str, notebooks: bool) -> str | None:
    """The migrated requirement line (None: drop it)."""
    body, hash_, comment = line.partition("#")
    stripped = body.strip()
    if "github.com/coderefinery/sphinx-lesson" in stripped:
        stripped = "sphinx-lesson"
    match = _REQUIREMENT.match(stripped)
    if not match:
        return line
    name = match["name"].lower().replace("_", "-")
    extras = "[notebooks]" if notebooks else ""
    if name == "sphinx-rtd-theme-ext-color-contrast":
        return None
    if name == "sphinx-lesson":
        new = f"sphinx-refinery{extras}"
    elif name == "sphinx-refinery" and notebooks and not match["extras"]:
        new = f"sphinx-refinery{extras}{match['rest']}"
    else:
        return line
    return new + (f"  {hash_}{comment}" if hash_ else "")


def migrate_requirements(text: str, notebooks: bool) -> tuple[str, list[str]]:
    """The migrated text and what changed, line by line."""
    lines, changes = [], []
    for line in text.splitlines(keepends=True):
        old = line.rstrip("\r\n")
        new = _requirement_line(old, notebooks)
        if new is None:
            changes.append(f"removed {old.strip()}")
        else:
            lines.append(new + line[len(old) :])
            if new != old:
                changes.append(f"{old.strip()} -> {new.strip()}")
    return "".join(lines), changes


def requirement_files(conf_dir: Path, top: Path) -> list[Path]:
    """``requirements*.txt`` in ``conf_dir`` and its parents up to ``top``."""
    folders = [conf_dir, *conf_dir.parents]
    top = top.resolve()
    found: list[Path] = []
    for folder in folders:
        found.extend(sorted(folder.glob("requirements*.txt")))
        if folder.resolve() == top:
            break
    return found


def has_notebooks(conf_dir: Path) -> bool:
    return any(
        ".ipynb_checkpoints" not in path.parts and "_build" not in path.parts
        for path in conf_dir.rglob("*.ipynb")
    )


# -- the whole lesson --------------------------------------------------------------


def migrate(path: Path, dry_run: bool = False) -> Migration:
    """Migrate the lesson at ``path`` (see the module docstring)."""
    conf = find_conf(path)
    text = conf.read_text(encoding="utf-8")
    try:
        edits = conf_edits(text)
    except SyntaxError as error:
        raise MigrateError(f"{conf} does not parse: {error}") from error
    result = Migration(conf)
    new_text = apply_edits(text, edits)
    # On the migrated text: the mode goes after the html_theme line it may have added.
    mode_edit = notebook_mode_edit(new_text, conf.parent)
    if mode_edit is not None:
        new_text = apply_edits(new_text, [mode_edit])
        edits.append((len(text), len(text), *mode_edit[2:]))
    result.changes += [f"{conf}: {what}" for *_span_, what in sorted(edits)]
    if new_text != text and not dry_run:
        conf.write_text(new_text, encoding="utf-8")
    for module in helper_modules(conf):
        source = module.read_text(encoding="utf-8")
        try:
            module_changes = module_edits(source)
        except SyntaxError:
            continue  # a lesson's code example, not a helper Sphinx imports
        result.changes += [f"{module}: {what}" for *_span_, what in module_changes]
        if module_changes and not dry_run:
            module.write_text(apply_edits(source, module_changes), encoding="utf-8")
    notebooks = has_notebooks(conf.parent)
    top = path if path.is_dir() else conf.parent
    for requirements in requirement_files(conf.parent, top):
        old = requirements.read_text(encoding="utf-8")
        new, changes = migrate_requirements(old, notebooks)
        result.changes += [f"{requirements}: {change}" for change in changes]
        if new != old and not dry_run:
            requirements.write_text(new, encoding="utf-8")
    result.missing = [
        (name, package_of(name)) for name in listed_extensions(new_text) if not is_installed(name)
    ]
    return result


# -- the command -------------------------------------------------------------------


def add_migrate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=Path, nargs="?", default=Path(), metavar="PATH", help="the lesson (default: .)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )


def run_migrate(args: argparse.Namespace) -> int:
    """Move a sphinx-lesson lesson to sphinx_refinery, in place.

    Edit the sphinx-lesson lesson in PATH (the folder with conf.py, or one above
    it) in place: the extension and the theme in conf.py, the lesson's own
    _BaseCRDirective kinds, nb_execution_mode = "auto" when notebooks lack
    outputs (as sphinx-lesson ran them), and requirements*.txt; then list what changed and the
    extensions conf.py names that are not installed. Running it again changes
    nothing.
    """
    try:
        result = migrate(args.path, dry_run=args.dry_run)
    except (MigrateError, OSError, UnicodeError) as error:
        print(f"sphinx-refinery migrate: error: {error}", file=sys.stderr)
        return 1
    verb = "would change" if args.dry_run else "changed"
    if not result.changes:
        print(f"{result.conf.parent}: nothing to change")
    for change in result.changes:
        print(f"{verb}: {change}")
    for extension, package in result.missing:
        print(
            f"conf.py lists the extension {extension}, which is not installed: "
            f"pip install {package}"
        )
    return 0
