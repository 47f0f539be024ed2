"""Every setting of the extension, declared once and checked once.

:data:`SETTINGS` lists each ``conf.py`` value: its name, default, rebuild kind,
a one-line description and a :class:`Rule` (the types Sphinx is told, what is
allowed, said in words for the warning, and how a value is checked).
:func:`setup` registers them; :func:`check_settings` (``config-inited``) checks
them all: a value that is not allowed gives one warning, located in
``conf.py``, that names the setting, the value and what is allowed, and the
default is used instead, so no module ever sees a value of the wrong kind.
Modules read the values as usual (``app.config.refinery_views``).

The check runs after the other extensions' ``config-inited`` handlers (which
may set values) and before Sphinx's own type check (priority 800), which then
finds only allowed values and adds no second warning.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, Literal

from sphinx.locale import get_translation
from sphinx.util import logging

from .warnings import TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: Priority of :func:`check_settings`: after handlers of the default priority (500),
#: before Sphinx's own checks (790 and later).
CHECK_PRIORITY = 750

VIEWS = ("learner", "instructor")
SOLUTION_DISPLAYS = ("collapsed", "expanded", "hidden")
SOLUTION_PLACEMENTS = ("inline", "end", "page")
LATEX_SOLUTION_PLACES = ("inline", "end")
EXERCISE_NUMBERINGS = ("lesson", "episode", "none")


class Refused(ValueError):
    """A value a :class:`Rule` does not allow."""


@dataclass(frozen=True)
class Rule:
    """What a setting allows.

    ``types`` is what Sphinx is told (``add_config_value(types=...)``),
    ``allowed`` says in words what is allowed (translated when called),
    ``accept`` returns the value to use (normalised) or raises :class:`Refused`.
    """

    types: frozenset[type]
    allowed: Callable[[], str]
    accept: Callable[[Any], Any]


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(map(repr, values))


def _check(condition: bool) -> None:
    if not condition:
        raise Refused


def one_of(*choices: str) -> Rule:
    def accept(value: Any) -> str:
        _check(isinstance(value, str) and value in choices)
        return value

    return Rule(frozenset({str}), lambda: __("one of %s") % _quoted(choices), accept)


def _flag(value: Any) -> bool:
    """True or False (also 1 or 0, which Python treats alike)."""
    _check(isinstance(value, bool) or (type(value) is int and value in (0, 1)))
    return bool(value)


FLAG = Rule(frozenset({bool}), lambda: __("True or False"), _flag)


def _positive_int(value: Any) -> int:
    _check(type(value) is int and value >= 1)
    return value


POSITIVE_INT = Rule(frozenset({int}), lambda: __("a whole number of 1 or more"), _positive_int)


def clock_minutes(text: str) -> int:
    """Minutes after midnight of a clock time such as ``09:00`` (or ``9.00``)."""
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"{text!r} is not a time such as 09:00")
    return int(match[1]) * 60 + int(match[2])


def _clock(value: Any) -> str:
    _check(isinstance(value, str))
    try:
        clock_minutes(value)
    except ValueError:
        raise Refused from None
    return value


CLOCK = Rule(frozenset({str}), lambda: __("a clock time such as 09:00"), _clock)


def _file_name(value: Any) -> str:
    """A file name in the output folder itself ('' for the builder's own name)."""
    _check(isinstance(value, str) and "\0" not in value)
    if value:
        _check(value not in (".", ".."))
        _check(PurePosixPath(value).name == value == PureWindowsPath(value).name)
    return value


FILE_NAME = Rule(
    frozenset({str}), lambda: __("a file name without a folder, such as notes.md"), _file_name
)


#: Address schemes a link may have ("" is a relative address).
SAFE_LINK_SCHEMES = frozenset({"", "http", "https", "mailto"})


def link_scheme(address: str) -> str:
    """The scheme of ``address``, as a browser reads it (control characters and
    spaces dropped, case ignored); "" for a relative address."""
    text = "".join(ch for ch in address if ch.isprintable() and not ch.isspace())
    scheme, colon, _rest = text.partition(":")
    if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
        return ""
    return scheme.lower()


def _address(value: Any) -> str:
    _check(isinstance(value, str) and link_scheme(value) in SAFE_LINK_SCHEMES)
    return value


ADDRESS = Rule(
    frozenset({str}), lambda: __("a web address such as https://example.org/lesson/"), _address
)


def _links(value: Any) -> dict | list | tuple:
    """A dict of text to address, or a list of (text, address) pairs."""
    if isinstance(value, dict):
        pairs = list(value.items())
    else:
        _check(isinstance(value, list | tuple))
        _check(all(isinstance(pair, list | tuple) and len(pair) == 2 for pair in value))
        pairs = list(value)
    _check(all(link_scheme(str(address)) in SAFE_LINK_SCHEMES for _text, address in pairs))
    return value


LINKS = Rule(
    frozenset({dict, list, tuple}),
    lambda: __("a dict or a list of (text, address) pairs, each address http, https or mailto"),
    _links,
)


def _views(value: Any) -> list[str]:
    """One or two distinct views, the root view first; a single name may be a string."""
    views = [value] if isinstance(value, str) else value
    _check(isinstance(views, list | tuple) and 1 <= len(views) <= 2)
    _check(all(isinstance(view, str) and view in VIEWS for view in views))
    _check(len(set(views)) == len(views))
    return list(views)


VIEW_LIST = Rule(
    frozenset({list, tuple, str}),
    lambda: __("one or two of %s, the root view first") % _quoted(VIEWS),
    _views,
)


#: The keys of an entry of ``refinery_block_kinds`` and the types of their values.
BLOCK_KIND_KEYS: dict[str, type] = {
    "name": str,
    "title": str,
    "icon": str,
    "colour": str,
    "collapsible": bool,
    "open": bool,
    "audience": str,
    "exercise": bool,
    "latex_colour": str,
}
BLOCK_KIND_AUDIENCES = ("all", "instructor")


def _block_kind(entry: Any) -> dict[str, Any]:
    _check(isinstance(entry, dict) and set(entry) <= set(BLOCK_KIND_KEYS))
    _check(all(isinstance(value, BLOCK_KIND_KEYS[key]) for key, value in entry.items()))
    _check(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", entry.get("name", "")) is not None)
    _check(entry.get("audience", "all") in BLOCK_KIND_AUDIENCES)
    _check(re.fullmatch(r"[0-9A-Fa-f]{6}", entry.get("latex_colour", "000000")) is not None)
    return entry


def _block_kinds(value: Any) -> list[dict[str, Any]]:
    _check(isinstance(value, list | tuple))
    return [_block_kind(entry) for entry in value]


BLOCK_KIND_LIST = Rule(
    frozenset({list, tuple}),
    lambda: (
        __("a list of dicts with a 'name' (lowercase letters, digits and -) and any of %s")
        % _quoted(tuple(BLOCK_KIND_KEYS)[1:])
    ),
    _block_kinds,
)


@dataclass(frozen=True)
class Setting:
    """One ``conf.py`` value of the extension."""

    name: str
    default: Any
    rebuild: Literal["env", "html", ""]
    rule: Rule
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "refinery_exercise_numbering",
        "lesson",
        "env",
        one_of(*EXERCISE_NUMBERINGS),
        "Exercise numbers: 'lesson' (1, 2, ...), 'episode' (2.1) or 'none'.",
    ),
    Setting(
        "refinery_solutions",
        "collapsed",
        "env",
        one_of(*SOLUTION_DISPLAYS),
        "Solutions: 'collapsed', 'expanded' or 'hidden'.",
    ),
    Setting(
        "refinery_solutions_placement",
        "inline",
        "env",
        one_of(*SOLUTION_PLACEMENTS),
        "Solutions: 'inline', at the 'end' of each episode, or on a 'page'.",
    ),
    Setting(
        "refinery_latex_solutions",
        "inline",
        "",
        one_of(*LATEX_SOLUTION_PLACES),
        "Solutions in LaTeX/PDF: 'inline' (where they are) or 'end' (an appendix).",
    ),
    Setting(
        "refinery_views",
        ["learner", "instructor"],
        "env",
        VIEW_LIST,
        "Views to build: the root view first, then an optional second one.",
    ),
    Setting(
        "refinery_edition",
        "",
        "html",
        one_of("", *VIEWS),
        "Edition of the outputs that are one tree (PDF, single page, EPUB, text, ...): "
        "'learner' or 'instructor' (default: the root view of refinery_views).",
    ),
    Setting(
        "refinery_schedule_start", "09:00", "env", CLOCK, "Clock time at which schedules start."
    ),
    Setting(
        "refinery_notes_filename",
        "",
        "",
        FILE_NAME,
        "File name of the notes builder's output (default: <project>-notes.md).",
    ),
    Setting(
        "refinery_notes_baseurl",
        "",
        "",
        ADDRESS,
        "Address of the published lesson for the notes' links "
        "(default: html_baseurl, else relative links).",
    ),
    Setting(
        "refinery_notes_extra_links",
        (),
        "",
        LINKS,
        "More links for the notes' header, e.g. {'Code of conduct': 'https://...'}.",
    ),
    Setting(
        "refinery_notes_answer_lines",
        3,
        "",
        POSITIVE_INT,
        "Empty answer lines under each exercise and discussion in the notes.",
    ),
    Setting(
        "refinery_block_kinds",
        [],
        "env",
        BLOCK_KIND_LIST,
        "The lesson's own block kinds: [{'name': 'signature', 'title': 'Signature', ...}].",
    ),
    Setting(
        "refinery_workbench",
        False,
        "env",
        FLAG,
        "Rewrite Carpentries Workbench markdown (fenced divs, ...) to MyST.",
    ),
    Setting(
        "refinery_carpentries",
        True,
        "env",
        FLAG,
        "Rewrite Carpentries (Jekyll) markdown to MyST (see the sphinx_lesson_* values).",
    ),
    # sphinx-lesson's names: registered only if sphinx-lesson has not done so.
    Setting(
        "sphinx_lesson_transform_block_quotes",
        True,
        "env",
        FLAG,
        "Read '> ## Title' ... '{: .challenge}' blockquotes as blocks.",
    ),
    Setting(
        "sphinx_lesson_transform_code_fences",
        True,
        "env",
        FLAG,
        "Read '{: .output}' after code fences.",
    ),
    Setting(
        "sphinx_lesson_transform_html_img",
        False,
        "env",
        FLAG,
        "Turn <img> tags into images.",
    ),
    Setting(
        "refinery_parallel_write_all",
        True,
        "",
        FLAG,
        "With -j N, write pages in N processes (Sphinx's own choice is N - 1).",
    ),
    Setting(
        "refinery_gc_freeze",
        True,
        "",
        FLAG,
        "Keep long-lived build objects out of Python's cyclic garbage collector.",
    ),
)


def set_by_author(config: Config, name: str) -> bool:
    """Did ``conf.py`` or the command line (``-D``) set ``name``?"""
    return name in config._raw_config or name in config.overrides


def conf_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:LINE`` of the last line that sets ``name`` (the file alone if none does)."""
    path = Path(app.confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    assignment = re.compile(rf"{re.escape(name)}\s*(:[^=]*)?=(?!=)")
    numbers = [n for n, line in enumerate(lines, start=1) if assignment.match(line)]
    given_here = numbers and name not in app.config.overrides
    # Sphinx's own form of a location without a line ends with a colon.
    return f"{path}:{numbers[-1] if given_here else ''}"


def check_settings(app: Sphinx, config: Config) -> None:
    """Replace each value that is not allowed by its default, with one warning."""
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        try:
            accepted = setting.rule.accept(value)
        except Refused:
            accepted = copy.deepcopy(setting.default)
            logger.warning(
                __("%s = %r is not %s; using %r"),
                setting.name,
                value,
                setting.rule.allowed(),
                accepted,
                location=conf_location(app, setting.name),
                type=TYPE,
                subtype=Subtype.CONFIG,
            )
        if accepted is not value:
            setattr(config, setting.name, accepted)


def accept_overrides(app: Sphinx, prefixes: tuple[str, ...]) -> None:
    """Register, as values nothing reads, the ``-D`` names that start with one
    of ``prefixes`` and that no extension registered: an extension that is
    not loaded (myst-nb) then costs no "unknown config value" warning."""
    for name in app.config.overrides:
        if str(name).startswith(prefixes) and name not in app.config:
            app.add_config_value(name, "", "env")


def setup(app: Sphinx) -> None:
    """Register every setting (unless another extension did) and their check."""
    for setting in SETTINGS:
        if setting.name not in app.config:
            app.add_config_value(
                setting.name,
                setting.default,
                setting.rebuild,
                types=setting.rule.types,
                description=setting.doc,
            )
    app.connect("config-inited", check_settings, priority=CHECK_PRIORITY)
