"""A lesson's own block kinds (``refinery_block_kinds`` and ``BlockDirective``
subclasses) work like the built-in ones, and a lesson's own directive under a
built-in kind's name wins without a warning."""

from __future__ import annotations

import pytest
from helpers import ROOTS, Built, copy_sources, run_build
from sphinx.testing.util import SphinxTestApp

from sphinx_refinery.blocks.custom import LESSON_KINDS_CSS, BlockDirective, slug
from sphinx_refinery.blocks.kinds import KINDS_BY_NAME


def _blocks(html) -> dict[str, object]:
    return {block["class"][1]: block for block in html.select("article .admonition")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The test root, built once for the module (strict: not one warning)."""
    src = copy_sources(ROOTS / "test-lesson-kinds", tmp_path_factory.mktemp("kinds") / "src")
    return Built(run_build(SphinxTestApp("html", srcdir=src)))


def test_declared_kinds_render_as_blocks(built):
    blocks = _blocks(built.page("tools"))
    assert {"signature", "walk-through", "demo", "puzzle", "solution"} <= set(blocks)
    assert blocks["signature"].name == "div"
    assert "Signature" in blocks["signature"].get_text()
    assert "refinery-block" in blocks["signature"]["class"]
    # extra_classes of a sphinx-lesson style class: collapsible, open with toggle-shown.
    assert blocks["walk-through"].name == "details"
    assert blocks["walk-through"].has_attr("open")


def test_a_lesson_directive_under_a_builtin_name_wins(built):
    demo = _blocks(built.page("tools"))["demo"]
    assert demo.name == "details" and not demo.has_attr("open")
    assert "Live demo" in demo.get_text()
    # It keeps the built-in demo's icon and colours.
    css = built.text(f"_static/{LESSON_KINDS_CSS}")
    assert ".admonition.demo {" in css and "var(--refinery-teal" in css


def test_exercise_kinds_are_numbered_and_listed(built):
    puzzle = _blocks(built.page("tools"))["puzzle"]
    assert "Exercise 1" in puzzle.get_text()
    listed = _blocks(built.page("puzzles"))
    assert set(listed) == {"puzzle", "solution"}


def test_instructor_kinds_only_in_the_instructor_view(built):
    assert "backstage" not in _blocks(built.page("tools"))
    assert "backstage" in _blocks(built.page("instructor/tools"))


def test_each_lesson_kind_gets_its_colours_and_icon(built):
    css = built.text(f"_static/{LESSON_KINDS_CSS}")
    assert (
        ".admonition.signature { --rb-c: var(--refinery-blue, #" in css
        and "--rb-i: var(--refinery-icon-keyboard)" in css
    )
    assert ".admonition.puzzle {" in css and ".admonition.walk-through {" in css
    links = [link["href"] for link in built.page("tools").select("link[rel=stylesheet]")]
    assert f"_static/{LESSON_KINDS_CSS}" in links


def test_lesson_kinds_have_latex_colours(copy_root):
    built = copy_root("lesson-kinds").build("latex")
    [tex] = built.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\sphinxrefinerysetkind{signature}{note}{1565C0}" in text
    assert r"\begin{sphinxrefineryblock}{signature}" in text


def test_the_table_of_kinds_is_reset_for_the_next_build(copy_root):
    copy_root("blocks").build("html")
    assert "signature" not in KINDS_BY_NAME
    assert KINDS_BY_NAME["demo"].title == "Demo"


def test_unknown_icon_or_colour_warns_and_falls_back(copy_root):
    kinds = [{"name": "tip-jar", "icon": "no-such-icon", "colour": "mauve"}]
    built = copy_root("blocks").build(
        "html", strict=False, confoverrides={"refinery_block_kinds": kinds}
    )
    assert "no icon 'no-such-icon'" in built.warnings
    assert "no colour family 'mauve'" in built.warnings
    assert "[refinery.config]" in built.warnings


def test_a_kind_that_is_not_a_dict_is_refused(copy_root):
    built = copy_root("blocks").build(
        "html", strict=False, confoverrides={"refinery_block_kinds": ["signature"]}
    )
    assert "refinery_block_kinds = ['signature'] is not a list of dicts" in built.warnings


def test_sphinx_lesson_class_names():
    assert slug("Hands_OnDirective") == "hands-on"

    class TypealongDirective(BlockDirective):
        extra_classes = ["dropdown"]

    assert TypealongDirective.get_cssname() == TypealongDirective.cssname() == "typealong"
