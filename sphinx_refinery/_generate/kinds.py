"""The per-kind CSS and LaTeX styles, written from the table of block kinds."""

from __future__ import annotations

import re

from ..blocks.icons import ICON_FRAME, ICONS
from ..blocks.kinds import BLOCK_KINDS

#: Where the theme defines its colour families, light then dark.
_FAMILY = re.compile(r"--refinery-([a-z]+)(-tint)?:\s*(#[0-9a-fA-F]{6})\b")

CSS_HEADER = """\
/* Generated from BLOCK_KINDS (sphinx_refinery/blocks/kinds.py) and the icons
 * of blocks/icons.py by `python -m sphinx_refinery._generate`: do not edit.
 * Per kind: the colour of its stripe and icon (--rb-c), of its title bar
 * (--rb-t) and its icon (--rb-i).  The colours are the theme's families, light
 * and dark; the fallbacks (their light values) apply with other themes. */
"""

#: The lines of the LaTeX package between these two are generated.
LATEX_BEGIN = "% BEGIN KINDS: generated from BLOCK_KINDS, do not edit"
LATEX_END = "% END KINDS"


def light_families(variables_css: str) -> dict[str, tuple[str, str]]:
    """Family -> (colour, tint), light and defined for dark too, from the
    theme's ``00-variables.css``."""
    light, _media, dark = variables_css.partition("@media")
    found: list[dict[str, str]] = []
    for text in (light, dark):
        values = {}
        for name, tint, colour in _FAMILY.findall(text):
            values[name + tint] = colour
        found.append(values)
    return {
        name: (colour, found[0][f"{name}-tint"])
        for name, colour in found[0].items()
        if all(key in values for values in found for key in (name, f"{name}-tint"))
    }


def icon_url(name: str) -> str:
    """The icon as a CSS ``url()``: an SVG data URI."""
    svg = ICON_FRAME.format(ICONS[name])
    for raw, escaped in (("%", "%25"), ("#", "%23"), ("<", "%3C"), (">", "%3E")):
        svg = svg.replace(raw, escaped)
    return f'url("data:image/svg+xml,{svg}")'


def kinds_css(variables_css: str) -> str:
    """``blocks/static/kinds.css``: every icon, then one rule per kind."""
    families = light_families(variables_css)
    problems = [
        f"{kind.name}: no colour family {kind.colour!r} (light and dark) in 00-variables.css"
        for kind in BLOCK_KINDS
        if kind.colour not in families
    ] + [
        f"{kind.name}: no icon {kind.icon!r} in icons.py"
        for kind in BLOCK_KINDS
        if kind.icon not in ICONS
    ]
    if problems:
        raise ValueError("; ".join(problems))
    icons = "".join(f"  --refinery-icon-{name}: {icon_url(name)};\n" for name in ICONS)
    rules = []
    for kind in BLOCK_KINDS:
        colour, tint = families[kind.colour]
        rules.append(
            f".admonition.{kind.name} {{"
            f" --rb-c: var(--refinery-{kind.colour}, {colour});"
            f" --rb-t: var(--refinery-{kind.colour}-tint, {tint});"
            f" --rb-i: var(--refinery-icon-{kind.icon}); }}\n"
        )
    return f"{CSS_HEADER}:root {{\n{icons}}}\n\n{''.join(rules)}"


def latex_package(current: str) -> str:
    """The LaTeX package with one ``\\sphinxrefinerysetkind`` line per kind
    between its markers (the rest is written by hand)."""
    head, begin, rest = current.partition(LATEX_BEGIN + "\n")
    _old, end, tail = rest.partition(LATEX_END + "\n")
    if not (begin and end):
        raise ValueError(f"the LaTeX package lacks the lines {LATEX_BEGIN!r} and {LATEX_END!r}")
    lines = "".join(
        rf"\sphinxrefinerysetkind{{{kind.name}}}{{{kind.latex_notice}}}{{{kind.latex_colour}}}"
        + "\n"
        for kind in BLOCK_KINDS
    )
    return f"{head}{begin}{lines}{end}{tail}"
