"""The icons that block kinds name (``BlockKind.icon`` in :mod:`.kinds`).

Read by the development script (``python -m sphinx_refinery._generate``),
which writes each icon as the custom property ``--refinery-icon-<name>``, an
SVG that the blocks' CSS paints in the stripe's colour through a mask.
"""

from __future__ import annotations

#: The frame every icon shares: 24x24, stroked, no fill.
ICON_FRAME = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='#000' "
    "stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>{}</svg>"
)

#: Icon name -> what is drawn inside :data:`ICON_FRAME`.
ICONS: dict[str, str] = {
    "info": "<circle cx='12' cy='12' r='9'/><path d='M12 11v6M12 7.5v.5'/>",
    "demo": "<circle cx='12' cy='12' r='9'/><path d='m10 8 6 4-6 4z'/>",
    "keyboard": "<rect x='2' y='6' width='20' height='12' rx='2'/>"
    "<path d='M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10'/>",
    "exercise": "<path d='M4 20h4L19 9l-4-4L4 16z'/><path d='m13.5 6.5 4 4'/>",
    "solution": "<circle cx='12' cy='12' r='9'/><path d='m8 12 3 3 5-6'/>",
    "homework": "<path d='M3 11 12 4l9 7M5 10v10h14V10'/><path d='M10 20v-5h4v5'/>",
    "instructor": "<circle cx='8' cy='7' r='3'/><path d='M3 21v-3a5 5 0 0 1 10 0v3M14 4h7v8h-5'/>",
    "prerequisites": "<path d='M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01'/>",
    "discussion": "<path d='M4 5h12v8H9l-4 3v-3H4z'/><path d='M16 9h4v8h-1v3l-4-3h-4v-1'/>",
    "questions": "<circle cx='12' cy='12' r='9'/>"
    "<path d='M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.7M12 17h.01'/>",
    "objectives": "<circle cx='12' cy='12' r='9'/><circle cx='12' cy='12' r='5'/>"
    "<circle cx='12' cy='12' r='1'/>",
    "keypoints": "<circle cx='8' cy='15' r='4'/><path d='m11 12 9-9M17 6l3 3M15 8l2 2'/>",
    "callout": "<path d='M3 10v4h3l8 5V5L6 10z'/><path d='M18 8a5 5 0 0 1 0 8'/>",
    "checklist": "<path d='m4 6 1.5 1.5L8 5M4 12l1.5 1.5L8 11M4 18l1.5 1.5L8 17"
    "M11 6h9M11 12h9M11 18h9'/>",
    "testimonial": "<path d='M10 7H6a2 2 0 0 0-2 2v3h5v1a3 3 0 0 1-3 3"
    "M20 7h-4a2 2 0 0 0-2 2v3h5v1a3 3 0 0 1-3 3'/>",
    "output": "<rect x='3' y='4' width='18' height='16' rx='2'/><path d='m7 9 3 3-3 3M13 15h4'/>",
    "hint": "<path d='M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6"
    "c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z'/>",
    "spoiler": "<path d='M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z'/>"
    "<circle cx='12' cy='12' r='3'/>",
    "caution": "<path d='M12 3 2 20h20z'/><path d='M12 10v4M12 17h.01'/>",
}


def icon_data_uri(name: str) -> str:
    """The icon as a CSS ``url(...)`` (an SVG data URI, escaped for CSS)."""
    svg = ICON_FRAME.format(ICONS[name])
    escaped = svg.replace("%", "%25").replace("#", "%23").replace("<", "%3C").replace(">", "%3E")
    return f'url("data:image/svg+xml,{escaped}")'
