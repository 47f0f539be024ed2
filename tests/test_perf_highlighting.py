"""Each Pygments formatter made once per build (sphinx_refinery._perf.highlighting)."""

from __future__ import annotations

import pytest
from sphinx.highlighting import PygmentsBridge

from sphinx_refinery._perf.highlighting import FormatterReuse

CODE = "def area(radius):\n    return 3.14 * radius ** 2\n\nprint(area(2))\n"
OPTIONS = [
    {},
    {"linenos": "inline"},
    {"linenos": "table", "linenostart": 5},
    {"hl_lines": [1, 2]},
    {"hl_lines": [4]},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_the_same_html_as_sphinx_highlighter(options):
    plain = PygmentsBridge("html", "sphinx")
    reused = FormatterReuse(PygmentsBridge("html", "sphinx"))
    for _twice in range(2):
        for other in OPTIONS:  # a formatter made for other options changes nothing
            reused.highlight_block(CODE, "python", **other)
        assert reused.highlight_block(CODE, "python", **options) == plain.highlight_block(
            CODE, "python", **options
        )


def test_one_formatter_per_set_of_options():
    reused = FormatterReuse(PygmentsBridge("html", "monokai"))
    first = reused.get_formatter(hl_lines=[1])
    assert reused.get_formatter(hl_lines=[1]) is first
    assert reused.get_formatter(hl_lines=[2]) is not first
    assert reused.get_formatter() is not first
    assert first.style.__name__ == "MonokaiStyle"
    assert reused.get_stylesheet() == PygmentsBridge("html", "monokai").get_stylesheet()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_html_builders_reuse_formatters(copy_root, builder):
    built = copy_root("lesson").build(builder)
    assert isinstance(built.builder.highlighter, FormatterReuse)
    assert built.builder.highlighter.made  # the lesson's code blocks used it
    dark = built.builder.dark_highlighter
    assert dark is None or isinstance(dark, FormatterReuse)
