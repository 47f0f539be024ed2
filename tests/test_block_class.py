"""Every lesson block has one common class, ``refinery-block``, so that the
CSS styles what all kinds share without a list of kinds; per-kind colours and
icons come from the generated ``kinds.css``, with any theme."""

from __future__ import annotations

from helpers import Built

from sphinx_refinery.blocks.kinds import BLOCK_CLASS, BLOCK_KINDS


def _build(copy_root, **confoverrides) -> Built:
    sources = copy_root("theme")
    extra = "\n```{admonition} Old style\n:class: exercise\n\nA sphinx-lesson admonition.\n```\n"
    episode = sources / "episodes" / "01-blocks.md"
    episode.write_text(episode.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return sources.build(confoverrides=confoverrides)


def test_every_block_has_the_common_class(copy_root):
    html = _build(copy_root).page("episodes/01-blocks")
    learner_kinds = [kind for kind in BLOCK_KINDS if kind.audience == "all"]
    for kind in learner_kinds:
        blocks = html.select(f".admonition.{kind.name}")
        assert blocks, kind.name
        assert all(BLOCK_CLASS in block["class"] for block in blocks), kind.name
    # A stock admonition classed like a kind looks like that kind's blocks.
    old_style = html.find("p", string="A sphinx-lesson admonition.").parent
    assert {"exercise", BLOCK_CLASS} <= set(old_style["class"])
    # Other admonitions keep their classes.
    note = html.select_one(".admonition.note")
    assert BLOCK_CLASS not in note["class"]


def test_other_themes_get_the_per_kind_rules(copy_root):
    built = _build(copy_root, html_theme="alabaster", html_theme_options={})
    html = built.page("episodes/01-blocks")
    links = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert "../_static/refinery/blocks.css" in [href.split("?")[0] for href in links]
    assert "../_static/refinery/kinds.css" in [href.split("?")[0] for href in links]
    static = built.outdir / "_static" / "refinery"
    kinds_css = (static / "kinds.css").read_text(encoding="utf-8")
    for kind in BLOCK_KINDS:
        assert f".admonition.{kind.name} {{ --rb-c: var(--refinery-{kind.colour}, #" in kinds_css
    assert ".admonition.refinery-block {" in (static / "blocks.css").read_text(encoding="utf-8")
