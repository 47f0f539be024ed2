"""Translations: the catalogs are complete and current, and lessons show them.

After changing any translatable string run
``python -m sphinx_refinery.locale.update`` and translate what it reports.
"""

from __future__ import annotations

import ast
import html
import io
import locale
import re
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from helpers import normalized_text, page, soup, warnings_of
from sphinx.util.docutils import patch_docutils

from sphinx_refinery.blocks.kinds import BLOCK_KINDS
from sphinx_refinery.locale import (
    ALIASES,
    CATALOG,
    LANGUAGES,
    LOCALE_DIR,
    POT_FILE,
    mo_file,
    po_file,
)
from sphinx_refinery.locale.update import extract, update
from sphinx_refinery.sources import carpentries, workbench

PACKAGE_DIR = LOCALE_DIR.parent
RERUN = "run `python -m sphinx_refinery.locale.update` and translate the new strings"
#: ``_('...')`` in a Jinja template (no escaped quotes in the theme's strings).
TEMPLATE_CALL = re.compile(r"""(?<![\w.])_\(\s*(['"])((?:(?!\1).)+)\1\s*\)""")
#: ``language`` values of conf.py -> the catalog directory that must serve them.
CONF_LANGUAGES = {**{language: language for language in LANGUAGES}, "nb": "nb_NO", **ALIASES}


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def msgids(catalog: Catalog) -> set[str]:
    return {message.id for message in catalog if message.id}


def translations(language: str) -> dict[str, str]:
    """The translated strings of a language's ``.po`` file."""
    return {m.id: m.string for m in read_catalog(po_file(language)) if m.id and m.string}


def mo_dict(data: bytes) -> dict:
    messages = dict(GNUTranslations(io.BytesIO(data))._catalog)
    messages.pop("", None)
    return messages


# -- the template ---------------------------------------------------------


def test_pot_lists_exactly_the_extracted_strings() -> None:
    extracted, pot = msgids(extract()), msgids(read_catalog(POT_FILE))
    assert extracted - pot == set(), f"strings missing from the .pot: {RERUN}"
    assert pot - extracted == set(), f"strings no longer in the code: {RERUN}"


def test_pot_has_every_block_title() -> None:
    missing = {kind.title for kind in BLOCK_KINDS} - msgids(read_catalog(POT_FILE))
    assert not missing, RERUN


def python_calls(path: Path) -> set[str]:
    """Literal arguments of ``_``, ``__`` and ``N_`` calls, f-strings included."""
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in {"_", "__", "N_"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def template_calls(path: Path) -> set[str]:
    """Literal arguments of ``_()`` in a Jinja template."""
    return {match[2] for match in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8"))}


def test_pot_has_every_literal_gettext_call() -> None:
    """A check of the extraction itself, without Babel."""
    found = set().union(
        *map(python_calls, PACKAGE_DIR.rglob("*.py")),
        *map(template_calls, (PACKAGE_DIR / "theme").rglob("*.html")),
    )
    assert {"Exercise %s", "Solution to %s", "View in context"} <= found
    assert found - msgids(read_catalog(POT_FILE)) == set(), RERUN


def test_update_script_has_nothing_left_to_do() -> None:
    assert update(check=True) == [], RERUN


# -- each language's catalogs -----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_po_translates_every_string(language: str) -> None:
    catalog = read_catalog(po_file(language))
    by_id = {message.id: message for message in catalog if message.id}
    missing = msgids(read_catalog(POT_FILE)) - by_id.keys()
    assert not missing, RERUN
    untranslated = [message.id for message in by_id.values() if not message.string]
    fuzzy = [message.id for message in by_id.values() if message.fuzzy]
    assert not untranslated, f"untranslated in {language}"
    assert not fuzzy, f"fuzzy (check, then remove the flag) in {language}"
    errors = [(message.id, [str(e) for e in errs]) for message, errs in catalog.check()]
    assert not errors, f"placeholders differ from the English in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_markup_are_kept(language: str) -> None:
    """``%s``, ``%02x``, ``%(name)s``, ``{name}`` and HTML tags (of templates) survive."""
    kept = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]|\{\w*\}|<[^>]*>")
    for english, translated in translations(language).items():
        assert sorted(kept.findall(translated)) == sorted(kept.findall(english)), english


@pytest.mark.parametrize("directory", [*LANGUAGES, *ALIASES])
def test_mo_is_compiled_from_the_po(directory: str) -> None:
    language = ALIASES.get(directory, directory)
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(po_file(language)))
    shipped = mo_dict(mo_file(directory).read_bytes())
    assert shipped == mo_dict(compiled.getvalue()), RERUN
    assert shipped["Exercise %s"] != "Exercise %s"


# -- lessons ----------------------------------------------------------------


class Recorder(NullTranslations):
    """Stands in for the extension's catalog and remembers every message looked up."""

    def __init__(self, catalog: NullTranslations) -> None:
        super().__init__()
        self.catalog = catalog
        self.messages: set[str] = set()

    @classmethod
    def install(cls) -> Recorder:
        """Replace the loaded catalog (templates keep the one chained at builder-inited)."""
        key = ("general", CATALOG)
        recorder = cls(sphinx.locale.translators[key])
        sphinx.locale.translators[key] = recorder
        return recorder

    def gettext(self, message: str) -> str:
        self.messages.add(message)
        return self.catalog.gettext(message)


def build(copy_root, strict_build, root: str, language: str):
    """Build a copy of a test root in ``language``, failing on any warning.

    Within ``patch_docutils``, as ``sphinx-build`` does: without it docutils
    warns that it has no labels of its own for Norwegian ("nb").

    Every string the extension translates while building must be in the .pot:
    this also catches strings kept in tables and translated as ``_(value)``.
    """
    sources = copy_root(root)
    with patch_docutils(sources.srcdir):
        app = sources.app(confoverrides={"language": language})
        recorder = Recorder.install()
        strict_build(app)
    assert recorder.messages, "the extension translated nothing"
    assert recorder.messages - msgids(read_catalog(POT_FILE)) == set(), RERUN
    return app


def title_texts(soup) -> list[str]:
    return [normalized_text(t.get_text()) for t in soup.select(".admonition-title")]


def episode_titles(app, instructor_note: str) -> list[str]:
    """Block titles of the episode, the instructor note in its place.

    The note may be only in an instructor copy of the page (``refinery_views``).
    """
    pages = [soup(path) for path in sorted(Path(app.outdir).rglob("episode.html"))]
    assert any(instructor_note in title_texts(copy) for copy in pages)
    titles = title_texts(page(app, "episode"))
    if instructor_note not in titles:
        titles.insert(-1, instructor_note)
    return titles


@pytest.mark.parametrize("language", [*CONF_LANGUAGES, "en"])
def test_lesson_shows_translated_titles(copy_root, strict_build, language):
    catalog = CONF_LANGUAGES.get(language)
    tr = translations(catalog) if catalog else {}

    def _(message: str) -> str:
        return tr[message] if catalog else message

    exercise = _("Exercise %s") % "1"
    solution = _("Solution to %s") % exercise
    if catalog:
        assert (exercise, solution) != ("Exercise 1", "Solution to Exercise 1")
    app = build(copy_root, strict_build, "i18n", language)

    assert episode_titles(app, _("Instructor note")) == [
        _("Objectives"),
        exercise,
        solution,
        _("Instructor note"),
        _("Keypoints"),
    ]
    listing = page(app, "exercises")
    assert title_texts(listing) == [exercise, solution]
    links = [normalized_text(a.get_text()) for a in listing.find_all("a")]
    assert links.count(_("View in context")) == 1


@pytest.mark.parametrize("language", [*CONF_LANGUAGES, "en"])
def test_empty_exercise_list_is_translated(copy_root, strict_build, language):
    catalog = CONF_LANGUAGES.get(language)
    tr = translations(catalog) if catalog else {}
    message = "This lesson has no exercises yet."
    app = build(copy_root, strict_build, "i18n-empty", language)
    expected = tr[message] if catalog else message
    assert expected in normalized_text(page(app, "index").get_text())


def test_finnish_lesson_reads_naturally(copy_root, strict_build) -> None:
    """Spelled out once, so that the expectations above are not only self-consistent."""
    app = build(copy_root, strict_build, "i18n", "fi")
    assert episode_titles(app, "Huomio opettajalle") == [
        "Tavoitteet",
        "Harjoitus 1",
        "Ratkaisu: Harjoitus 1",
        "Huomio opettajalle",
        "Keskeiset asiat",
    ]


#: Theme strings that Sphinx's own catalog lacks (so ours must provide them).
THEME_STRINGS = ("Skip to content", "Lesson home", "Colour scheme: dark", "Previous and next page")


@pytest.mark.parametrize("language", CONF_LANGUAGES)
def test_theme_templates_are_translated(copy_root, strict_build, language):
    tr = translations(CONF_LANGUAGES[language])
    in_templates = set().union(*map(template_calls, (PACKAGE_DIR / "theme").rglob("*.html")))
    shown = [english for english in THEME_STRINGS if english in in_templates]
    assert len(shown) >= 2, "update THEME_STRINGS to strings the templates still use"
    app = build(copy_root, strict_build, "i18n-theme", language)
    markup = html.unescape((Path(app.outdir) / "episode.html").read_text(encoding="utf-8"))
    for english in shown:
        assert tr[english] in markup
        assert english not in markup


# -- warnings -----------------------------------------------------------------

#: A page whose Carpentries block (line 5) and Workbench div (line 7) have
#: classes nobody knows.
UNKNOWN_CLASSES = """\
# Warnungen

> ## Rätsel
> Niemand kennt diese Klasse.
{: .mystery}

::: sidebar
Diese auch nicht.
:::
"""
UNKNOWN_BLOCK = (
    "unknown Carpentries block class %s: kept as a plain blockquote. Use a lesson block "
    "class (e.g. {: .callout}, {: .challenge}) or write a MyST directive "
    "(:::{callout} Title ... :::)."
)
UNKNOWN_DIV = (
    "unknown Workbench div class %(classes)r: its content is kept in a plain container. "
    "Known classes: %(known)s"
)


@pytest.fixture
def german_console(monkeypatch) -> None:
    """A user whose messages locale is German.

    Warnings are in Sphinx's "console" catalogs, which follow the locale of the
    person running the build (``LC_MESSAGES``, read by ``sphinx.locale.init_console``
    when the extension adds its catalog), not the lesson's ``language``.
    """
    getlocale = locale.getlocale

    def german(category: int = locale.LC_CTYPE) -> tuple[str | None, str | None]:
        return ("de_DE", "UTF-8") if category == locale.LC_MESSAGES else getlocale(category)

    monkeypatch.setattr(locale, "getlocale", german)


def test_converter_warnings_are_translated(make_app, tmp_path, german_console) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_refinery"]\nlanguage = "de"\nrefinery_workbench = True\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(UNKNOWN_CLASSES, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    tr = translations("de")
    block = tr[UNKNOWN_BLOCK] % ".mystery"
    div = tr[UNKNOWN_DIV] % {"classes": "sidebar", "known": ", ".join(workbench.KNOWN_CLASSES)}
    assert f"index.md:5: WARNING: {block} [refinery.carpentries]" in warnings
    assert f"index.md:7: WARNING: {div} [refinery.workbench]" in warnings
    assert block.startswith("unbekannte Carpentries-Blockklasse .mystery: bleibt ein einfaches")
    assert div.startswith("unbekannte Workbench-Div-Klasse 'sidebar': der Inhalt bleibt")
    assert "unknown" not in warnings


def test_converters_speak_english_without_sphinx(monkeypatch) -> None:
    """``import-carpentries`` runs them without an app, so with no catalog loaded."""
    monkeypatch.setattr(sphinx.locale, "translators", {})
    problems = [
        *carpentries.convert(UNKNOWN_CLASSES).problems,
        *workbench.rewrite(UNKNOWN_CLASSES + "\n:::\n\n::: {#x}\n").problems,
    ]
    messages = [problem.message for problem in problems]
    assert all(type(message) is str for message in messages)
    assert messages == [
        UNKNOWN_BLOCK % ".mystery",
        UNKNOWN_DIV % {"classes": "sidebar", "known": ", ".join(workbench.KNOWN_CLASSES)},
        "closing fence (:::) without an opening one: removed",
        UNKNOWN_DIV % {"classes": "(none)", "known": ", ".join(workbench.KNOWN_CLASSES)},
        "the '' div is never closed: closed at the end",
    ]
