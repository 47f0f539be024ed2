"""The extension's message catalogs.

``sphinx_refinery.pot`` holds every translatable string of the package; each
language has ``<language>/LC_MESSAGES/sphinx_refinery.po`` (edited by
translators) and the compiled ``sphinx_refinery.mo`` that Sphinx loads at run
time.  Both are committed, so a source checkout and a wheel work without a
compile step.  After changing any string, run::

    python -m sphinx_refinery.locale.update

which extracts the strings again, updates every ``.po`` and compiles the
``.mo`` files (see :mod:`sphinx_refinery.locale.update`).
"""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Name of the ``.pot``/``.po``/``.mo`` files, as given to ``get_translation``.
CATALOG = "sphinx_refinery"
LOCALE_DIR = Path(__file__).parent
POT_FILE = LOCALE_DIR / f"{CATALOG}.pot"

#: The shipped translations, by directory name.  Python's gettext also finds
#: ``nb_NO`` for ``language = "nb"`` (it expands "nb" to "nb_NO" first), and
#: ``de`` for "de_AT", ``fr`` for "fr_CA" and so on.
LANGUAGES: tuple[str, ...] = ("de", "es", "fi", "fr", "nb_NO", "sv")
#: Codes served by a copy of another language's ``.mo`` (no ``.po`` of their
#: own): Norwegian written as "no" is almost always Bokmål.
ALIASES: dict[str, str] = {"no": "nb_NO"}


def po_file(language: str) -> Path:
    """The translators' catalog of ``language``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"


def mo_file(language: str) -> Path:
    """The compiled catalog of ``language`` that Sphinx loads."""
    return po_file(language).with_suffix(".mo")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it.

    For strings kept in tables and translated later with ``_(value)``.
    """
    return message


def install_template_translations(app: Sphinx) -> None:
    """Let the HTML templates' ``_()`` find this package's translations.

    Sphinx gives Jinja templates its own catalog only (``app.translator``);
    this chains the ``sphinx_refinery`` catalog behind it, so Sphinx's own
    translation still wins for a string both have.  Call it after
    ``app.add_message_catalog(CATALOG, ...)``, from ``setup()`` or on
    ``builder-inited``; calling it again changes nothing.
    """
    ours = get_translator(CATALOG)
    if type(ours) is NullTranslations:  # no catalog for this language
        return
    translator: NullTranslations | None = app.translator
    while translator is not None:
        if translator is ours:
            return
        translator = translator._fallback  # type: ignore[attr-defined]  # gettext's private
    app.translator.add_fallback(ours)
