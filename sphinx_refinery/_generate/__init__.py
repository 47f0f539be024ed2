"""Development script: the files generated from the table of block kinds and
the theme's prebuilt bundles (generated at development time and committed, so
that a build does no such work).

    python -m sphinx_refinery._generate           # write the files that changed
    python -m sphinx_refinery._generate --check   # exit 1 if one is stale

Run it after changing ``blocks/kinds.py``, ``blocks/icons.py``,
``blocks/static/*`` or ``theme/assets/css|js/*``; ``tests/test_generate.py``
runs ``--check``.  It writes:

* ``blocks/static/kinds.css``: per kind, its colours and icon
  (:func:`.kinds.kinds_css`), for the theme and for other themes;
* ``outputs/texinputs/sphinxrefinery.sty``: per kind, its LaTeX notice type
  and colour, between two marker lines (:func:`.kinds.latex_package`);
* ``theme/assets/refinery-theme.css`` and ``refinery-theme.js``: the theme's
  stylesheet and script (:func:`theme_bundles`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..blocks.assets import STATIC_DIR as BLOCKS_STATIC
from ..outputs.latex_defaults import STYLE_FILE
from ..theme.bundle import PREBUILT_CSS, PREBUILT_JS, THEME_CSS_DIR, static_sources
from ..theme.minify import expand_dark, minify_css, minify_js, wrap_js
from .kinds import kinds_css, latex_package

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KINDS_CSS = BLOCKS_STATIC / "kinds.css"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def theme_bundles(generated: dict[Path, str]) -> tuple[str, str]:
    """The theme's CSS and JS bundles, from the sources as ``generated`` has
    them (else as on disk).  The extension's scripts get their own scope."""
    css_paths, js_paths = static_sources()
    if KINDS_CSS not in css_paths:  # kinds.css is about to be written
        css_paths = sorted([*css_paths, KINDS_CSS], key=lambda p: (p.parent != THEME_CSS_DIR, p))
    source = {path: generated.get(path) or _read(path) for path in (*css_paths, *js_paths)}
    css = minify_css(expand_dark("".join(source[path] for path in css_paths)))
    js = "".join(
        source[path] if path.parent != BLOCKS_STATIC else wrap_js(path.name, source[path])
        for path in js_paths
    )
    return css, minify_js(js)


def generated_files() -> dict[Path, str]:
    """Every generated file and the text it should have."""
    files = {KINDS_CSS: kinds_css(_read(THEME_CSS_DIR / "00-variables.css"))}
    files[STYLE_FILE] = latex_package(_read(STYLE_FILE))
    files[PREBUILT_CSS], files[PREBUILT_JS] = theme_bundles(files)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_refinery._generate")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    files = generated_files()
    stale = [path for path, text in files.items() if _read(path) != text]
    for path in stale:
        name = path.relative_to(PACKAGE_DIR.parent)
        if args.check:
            print(f"stale: {name}", file=sys.stderr)
        else:
            path.write_text(files[path], encoding="utf-8")
            print(f"wrote {name}")
    if args.check and stale:
        print("run: python -m sphinx_refinery._generate", file=sys.stderr)
        return 1
    return 0
