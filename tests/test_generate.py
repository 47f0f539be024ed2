"""Files generated at development time: ``python -m sphinx_refinery._generate``.

The per-kind CSS and LaTeX styles come from the table of block kinds, and the
theme's stylesheet and script are bundled ahead of any build; ``--check``
fails when a committed file is stale.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_refinery import _generate
from sphinx_refinery._generate import kinds as generate_kinds
from sphinx_refinery.blocks.icons import ICONS
from sphinx_refinery.blocks.kinds import BLOCK_KINDS, BlockKind
from sphinx_refinery.outputs.latex_defaults import STYLE_FILE
from sphinx_refinery.theme import bundle

ROOT = Path(__file__).resolve().parent.parent


def test_committed_files_are_current():
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_refinery._generate", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr


def test_check_names_a_stale_file(monkeypatch, capsys):
    real_read = _generate._read
    monkeypatch.setattr(
        _generate, "_read", lambda path: "" if path == _generate.KINDS_CSS else real_read(path)
    )
    assert _generate.main(["--check"]) == 1
    assert "stale: sphinx_refinery/blocks/static/kinds.css" in capsys.readouterr().err


def test_a_new_kind_is_one_line_in_the_table(monkeypatch):
    new = BlockKind(
        "warmup", "Warm-up", icon="demo", colour="teal", latex_notice="tip", latex_colour="123456"
    )
    monkeypatch.setattr(generate_kinds, "BLOCK_KINDS", (*BLOCK_KINDS, new))
    files = _generate.generated_files()
    assert (
        ".admonition.warmup { --rb-c: var(--refinery-teal, #0b7a70);"
        " --rb-t: var(--refinery-teal-tint, #dbf4f0); --rb-i: var(--refinery-icon-demo); }"
    ) in files[_generate.KINDS_CSS]
    assert r"\sphinxrefinerysetkind{warmup}{tip}{123456}" in files[STYLE_FILE]
    assert ".admonition.warmup{--rb-c:var(--refinery-teal,#0b7a70)" in files[bundle.PREBUILT_CSS]
    assert _generate.main(["--check"]) == 1


@pytest.mark.parametrize(("field", "value"), [("colour", "mauve"), ("icon", "no-such-icon")])
def test_unknown_colour_or_icon_is_refused(monkeypatch, field, value):
    odd = dataclasses.replace(BLOCK_KINDS[0], **{field: value})
    monkeypatch.setattr(generate_kinds, "BLOCK_KINDS", (odd, *BLOCK_KINDS[1:]))
    with pytest.raises(ValueError, match=value):
        _generate.generated_files()


def test_kinds_css_has_every_kind_and_icon():
    css = _generate.KINDS_CSS.read_text(encoding="utf-8")
    for kind in BLOCK_KINDS:
        assert f".admonition.{kind.name} {{ --rb-c: var(--refinery-{kind.colour}, #" in css
        assert f"--rb-i: var(--refinery-icon-{kind.icon}); }}" in css
    for name in ICONS:
        assert f"--refinery-icon-{name}: url(" in css


def test_blocks_css_lists_no_kinds():
    css = (bundle.EXTENSION_STATIC / "blocks.css").read_text(encoding="utf-8")
    assert ":is(" not in css and "--rb-i:" not in css
    assert css.count(".admonition.refinery-block") >= 6


def test_theme_colour_families_match_the_fallbacks():
    """The light fallbacks of kinds.css are the theme's light colours."""
    variables = (bundle.THEME_CSS_DIR / "00-variables.css").read_text(encoding="utf-8")
    families = generate_kinds.light_families(variables)
    assert families["teal"] == ("#0b7a70", "#dbf4f0")
    assert {kind.colour for kind in BLOCK_KINDS} <= families.keys()


def test_prebuilt_bundles_hold_every_source():
    css = bundle.PREBUILT_CSS.read_text(encoding="utf-8")
    js = bundle.PREBUILT_JS.read_text(encoding="utf-8")
    assert ':root[data-theme="dark"]{' in css  # dark blocks expanded
    assert "/*" not in css.replace("/*!", "")  # minified
    css_sources, js_sources = bundle.static_sources()
    assert _generate.KINDS_CSS in css_sources
    for source in js_sources:
        if source.parent == bundle.EXTENSION_STATIC:
            assert f"/*! {source.name} */" in js
    assert "copybutton" not in js  # the lesson's, added by the build


def test_sources_are_not_in_the_theme_static_folder():
    static = bundle.ASSETS_DIR.parent / "sphinx_refinery" / "static"
    assert sorted(p.name for p in static.iterdir()) == [bundle.FAVICON]
