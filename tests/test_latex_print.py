"""Code in the PDF reads in print: comments and emphasised lines of Sphinx's
default code style have at least 4.5:1 contrast."""

from __future__ import annotations

import re

import pytest

from sphinx_refinery.outputs.latex_defaults import PRINT_COMMENT_COLOUR, PRINT_HIGHLIGHT_COLOUR

TEX = "lessoninpdf.tex"
#: Sphinx's code background (VerbatimColor, RGB 242,242,242).
CODE_BACKGROUND = "F2F2F2"


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", [CODE_BACKGROUND, PRINT_HIGHLIGHT_COLOUR])
def test_comments_have_enough_contrast(background):
    assert contrast(PRINT_COMMENT_COLOUR, background) >= 4.5
    # Sphinx's own comment colour (rgb 0.25,0.50,0.56) did not.
    assert contrast("408090", background) < 4.5


def test_the_latex_output_uses_them(copy_root):
    tex = copy_root("pdf").build("latex").text(TEX)
    comments = re.findall(r"\\@namedef\{PYG@tok@c1?\}\{[^\n]*\\textcolor\[HTML\]\{(\w+)\}", tex)
    assert comments == [PRINT_COMMENT_COLOUR, PRINT_COMMENT_COLOUR]
    assert f"VerbatimHighlightColor={{HTML}}{{{PRINT_HIGHLIGHT_COLOUR}}}" in tex


def test_a_chosen_code_style_is_left_alone(copy_root):
    options = {
        "pygments_style": "friendly",
        "latex_elements": {"sphinxsetup": "VerbatimHighlightColor=red"},
    }
    tex = copy_root("pdf").build("latex", confoverrides=options).text(TEX)
    assert PRINT_COMMENT_COLOUR not in tex
    assert PRINT_HIGHLIGHT_COLOUR not in tex
