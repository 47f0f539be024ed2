"""Code spans in the sentences of an episode's front matter (questions,
objectives, key points) are shown as code, as the Carpentries templates show
them; nothing else in them is read as Markdown."""

from __future__ import annotations

from docutils import nodes

from sphinx_refinery.lesson.episodes import _code_spans


def shown(text: str) -> list[tuple[str, str]]:
    return [(type(node).__name__, node.astext()) for node in _code_spans(text)]


def test_code_spans_become_literals():
    assert shown("Use `ls -l` or ``a ` b`` here.") == [
        ("Text", "Use "),
        ("literal", "ls -l"),
        ("Text", " or "),
        ("literal", "a ` b"),
        ("Text", " here."),
    ]
    assert shown("`{: .output}`") == [("literal", "{: .output}")]


def test_other_text_stays_text():
    assert shown("*not* read, an ` alone, <b>tags</b>") == [
        ("Text", "*not* read, an ` alone, <b>tags</b>")
    ]
    assert all(isinstance(node, nodes.Text) for node in _code_spans("no code"))


def test_key_point_with_code_in_a_built_episode(make_app, tmp_path):
    from helpers import page, run_build

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_refinery"]\n')
    (tmp_path / "index.md").write_text(
        '---\nkeypoints:\n- "Run `make html` to build."\n---\n# Build\n\nText.\n'
    )
    html = page(run_build(make_app("html", srcdir=tmp_path)), "index")
    point = html.select_one(".keypoints li")
    assert point.select_one("code").get_text() == "make html"
    assert "`" not in point.get_text()
