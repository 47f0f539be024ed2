"""Block kinds a lesson declares itself, and the order of directive registration.

A lesson declares a kind in ``conf.py`` in one of two ways:

* ``refinery_block_kinds = [{"name": "signature", "title": "Signature",
  "icon": "info", "colour": "blue", "collapsible": True, "open": True,
  "audience": "all", "exercise": False, "latex_colour": "1565C0"}]``
  (only ``name`` is needed);
* a subclass of :class:`BlockDirective` registered in the ``setup(app)`` of
  ``conf.py``, as sphinx-lesson's ``_BaseCRDirective`` was (``extra_classes``
  with ``dropdown``/``toggle-shown``, ``title_text``, ``get_cssname()``):
  ``sphinx-refinery migrate`` points the old import at it.

At ``config-inited`` these kinds join the table of kinds
(:data:`.kinds.KINDS_BY_NAME`, which every feature reads: views, exercise
lists, notes, LaTeX), replacing a built-in kind of the same name.  Their
colours and icons go into ``_static/refinery-lesson-kinds.css`` (the
generated ``kinds.css`` covers the built-in kinds only) and their LaTeX
colours into the preamble.

The built-in directives are registered at ``config-inited`` too, not at
``setup``: a lesson's own directive of the same name, registered by
``conf.py``'s ``setup()`` (which runs after the extensions'), then wins
without Sphinx's "already registered" warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging

from ..warnings import TYPE, Subtype
from .directives import LessonBlockDirective, ToggleDirective, directive_for
from .icons import ICONS
from .kinds import BLOCK_KINDS, KINDS_BY_NAME, BlockKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

BUILTIN_BY_NAME = {kind.name: kind for kind in BLOCK_KINDS}
#: The colour families a kind may name (those of the built-in kinds).
COLOURS = frozenset(kind.colour for kind in BLOCK_KINDS)
KINDS_CSS = Path(__file__).parent / "static" / "kinds.css"
#: sphinx-togglebutton's directive (:class:`.directives.ToggleDirective`).
TOGGLE = "toggle"
#: The class that makes a collapsible block start open, as sphinx-lesson wrote it.
OPEN_CLASSES_WRITTEN = ("toggle-shown",)
#: The stylesheet of the lesson's own kinds, in the output's ``_static``.
LESSON_KINDS_CSS = "refinery-lesson-kinds.css"


def _registered() -> dict[str, Any]:
    """docutils' table of registered directives (name -> class)."""
    table: dict[str, Any] = getattr(directives, "_directives", {})
    return table


def slug(class_name: str) -> str:
    """sphinx-lesson's directive name of a class: ``Hands_OnDirective`` -> ``hands-on``."""
    return class_name.split("Directive")[0].lower().replace("_", "-")


class BlockDirective(LessonBlockDirective):
    """Base class of a lesson's own block directive (sphinx-lesson's ``_BaseCRDirective``).

    ``app.add_directive(MyDirective.get_cssname(), MyDirective)`` in ``conf.py``'s
    ``setup()`` declares the kind; ``extra_classes`` with ``dropdown`` makes it
    collapsible (open with ``toggle-shown``), ``title_text`` is its title.
    """

    extra_classes: ClassVar[list[str]] = []
    title_text: ClassVar[str] = ""

    @classmethod
    def get_cssname(cls) -> str:
        return slug(cls.__name__)

    @classmethod
    def cssname(cls) -> str:
        """sphinx-lesson's older name of :meth:`get_cssname`."""
        return cls.get_cssname()

    @classmethod
    def kind_named(cls, name: str) -> BlockKind:
        """The kind this class declares when registered under ``name``; its
        ``extra_classes`` make it collapsible (and open) as they did.  Under a
        built-in kind's name it keeps that kind's icon and colours."""
        title = cls.title_text or name.replace("-", " ").title()
        builtin = BUILTIN_BY_NAME.get(name)
        if builtin is None:
            return BlockKind(name, title, tuple(cls.extra_classes))
        return replace(builtin, title=title, extra_classes=tuple(cls.extra_classes), aliases=())


def _known(kind: str, value: str, known: Iterable[str], default: str, message: str) -> str:
    """``value`` if it is one of ``known``, else ``default``, with a warning."""
    if value in known:
        return value
    logger.warning(
        message,
        kind,
        value,
        ", ".join(sorted(known)),
        default,
        type=TYPE,
        subtype=Subtype.CONFIG,
    )
    return default


def kind_from_entry(entry: Mapping[str, Any]) -> BlockKind:
    """The kind an entry of ``refinery_block_kinds`` declares (checked by
    :mod:`..config`; an unknown icon or colour is replaced, with a warning)."""
    name = entry["name"]
    icon, colour = (
        _known(name, entry.get(field, default), table, default, message)
        for field, table, default, message in (
            (
                "icon",
                ICONS,
                "info",
                __("refinery_block_kinds: %s has no icon %r (known: %s); using %r"),
            ),
            (
                "colour",
                COLOURS,
                "grey",
                __("refinery_block_kinds: %s has no colour family %r (known: %s); using %r"),
            ),
        )
    )
    is_open = entry.get("open", False)
    return BlockKind(
        name,
        entry.get("title") or name.replace("-", " ").title(),
        tuple(OPEN_CLASSES_WRITTEN if is_open else ()),
        icon=icon,
        colour=colour,
        collapsible=entry.get("collapsible", False) or is_open,
        audience=entry.get("audience", "all"),
        exercise=entry.get("exercise", False),
        latex_colour=entry.get("latex_colour", BlockKind.latex_colour),
    )


def _lesson_directive_kinds() -> dict[str, BlockKind]:
    """Kinds of the :class:`BlockDirective` subclasses registered so far, by name."""
    found = {}
    for name, directive in list(_registered().items()):
        if isinstance(directive, type) and issubclass(directive, BlockDirective):
            directive.kind = directive.kind_named(name)
            found[name] = directive.kind
    return found


def register_kinds(app: Sphinx, config: Config, before: dict[str, Any]) -> None:
    """Make the table of kinds the built-in ones and the lesson's own, and
    register a directive for each name that the lesson did not register itself
    (``before``: what was registered under the built-in names at ``setup``)."""
    own = {entry["name"]: kind_from_entry(entry) for entry in config.refinery_block_kinds}
    declared = _lesson_directive_kinds()
    KINDS_BY_NAME.clear()
    KINDS_BY_NAME.update({kind.name: kind for kind in BLOCK_KINDS})
    KINDS_BY_NAME.update(own)
    KINDS_BY_NAME.update(declared)
    for kind in BLOCK_KINDS:
        for name in kind.directive_names:
            if _registered().get(name) is before.get(name):
                app.add_directive(name, directive_for(KINDS_BY_NAME[kind.name]), override=True)
    if _registered().get(TOGGLE) is before.get(TOGGLE):
        app.add_directive(TOGGLE, ToggleDirective, override=True)
    for kind in own.values():
        if kind.name not in declared:
            app.add_directive(kind.name, directive_for(kind), override=True)
    config._refinery_lesson_kinds = [*own.values(), *declared.values()]  # type: ignore[attr-defined]


def lesson_kinds(app: Sphinx) -> list[BlockKind]:
    """The kinds the lesson declared (see :func:`register_kinds`)."""
    return list(getattr(app.config, "_refinery_lesson_kinds", []))


def _fallbacks() -> dict[str, tuple[str, str]]:
    """Colour family -> (colour, tint) as the generated ``kinds.css`` gives them
    for themes that do not define the family."""
    text = KINDS_CSS.read_text(encoding="utf-8")
    pattern = (
        r"--rb-c: var\(--refinery-([a-z]+), (#\w+)\); --rb-t: var\(--refinery-\1-tint, (#\w+)\)"
    )
    return {family: (colour, tint) for family, colour, tint in re.findall(pattern, text)}


def lesson_kinds_css(kinds: list[BlockKind]) -> str:
    """One rule per kind, as the generated ``kinds.css`` has for the built-in kinds."""
    fallbacks = _fallbacks()
    rules = []
    for kind in kinds:
        colour, tint = fallbacks.get(kind.colour, ("#5f6b7a", "#eef0f3"))
        rules.append(
            f".admonition.{kind.name} {{"
            f" --rb-c: var(--refinery-{kind.colour}, {colour});"
            f" --rb-t: var(--refinery-{kind.colour}-tint, {tint});"
            f" --rb-i: var(--refinery-icon-{kind.icon}); }}\n"
        )
    return "".join(rules)


def link_lesson_kinds_css(app: Sphinx) -> None:
    if app.builder.format == "html" and lesson_kinds(app):
        app.add_css_file(LESSON_KINDS_CSS)


def write_lesson_kinds_css(app: Sphinx, exception: BaseException | None) -> None:
    kinds = lesson_kinds(app)
    if exception is None and kinds and app.builder.format == "html":
        static = Path(app.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        (static / LESSON_KINDS_CSS).write_text(lesson_kinds_css(kinds), encoding="utf-8")


def setup(app: Sphinx) -> None:
    names = {TOGGLE} | {name for kind in BLOCK_KINDS for name in kind.directive_names}
    before = {name: _registered().get(name) for name in names}

    def on_config_inited(app: Sphinx, config: Config) -> None:
        register_kinds(app, config, before)

    if getattr(app, "builder", None) is not None:
        # Loaded by the theme alone (no ``extensions`` entry): the configuration
        # was read and the builder made before this setup ran.
        register_kinds(app, app.config, before)
    else:
        # After the settings are checked (750).
        app.connect("config-inited", on_config_inited, priority=760)
    app.connect("builder-inited", link_lesson_kinds_css)
    app.connect("build-finished", write_lesson_kinds_css)
