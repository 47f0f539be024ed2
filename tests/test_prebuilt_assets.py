"""A build publishes the prebuilt theme bundles, plus only what depends on
the lesson (its colours, a Pygments style it chose, copybutton's script)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_refinery.theme import bundle


@pytest.fixture
def built(copy_root):
    def build(**confoverrides):
        return copy_root("theme").build(confoverrides=confoverrides).app

    return build


def test_stylesheet_is_the_prebuilt_one_when_the_lesson_adds_nothing(built):
    static = Path(built().outdir) / "_static"
    assert (static / bundle.BUNDLE_CSS).read_bytes() == bundle.PREBUILT_CSS.read_bytes()
    js = (static / bundle.BUNDLE_JS).read_bytes()
    prebuilt_js = bundle.PREBUILT_JS.read_bytes()
    assert js.startswith(prebuilt_js) and b"/*! copybutton.js */" in js[len(prebuilt_js) :]
    # Nothing bundled is published on its own.
    for source in (*bundle.THEME_CSS_DIR.iterdir(), *bundle.THEME_JS_DIR.iterdir()):
        assert not list(static.rglob(source.name)), source.name
    assert not (static / "kinds.css").exists() and not (static / "blocks.css").exists()


def test_lesson_parts_follow_the_prebuilt_stylesheet(built):
    app = built(
        pygments_style="monokai",
        html_theme_options={"light_css_variables": {"--refinery-accent": "#123456"}},
    )
    css = (Path(app.outdir) / "_static" / bundle.BUNDLE_CSS).read_text(encoding="utf-8")
    prebuilt = bundle.PREBUILT_CSS.read_text(encoding="utf-8")
    assert css.startswith(prebuilt)
    added = css[len(prebuilt) :]
    assert ".highlight .k{" in added and added.endswith(":root{--refinery-accent:#123456}\n")


def test_the_build_does_not_rework_the_prebuilt_bundle(built, tmp_path, monkeypatch):
    """The prebuilt file is copied as it is: spaces and comments that the
    minifier would drop survive."""
    marker = "/* not minified */\n.marker   {  color : red ; }\n"
    fake = tmp_path / bundle.BUNDLE_CSS
    fake.write_text(marker + bundle.PREBUILT_CSS.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(bundle, "PREBUILT_CSS", fake)
    css = (Path(built().outdir) / "_static" / bundle.BUNDLE_CSS).read_text(encoding="utf-8")
    assert css.startswith(marker)
