"""Kramdown classes the Carpentries rewrite reads besides blockquote blocks:
a paragraph directly followed by a lesson block's class becomes that block
(kramdown gives the class to the paragraph); ``{: .admonition}`` after a
titled blockquote is a generic admonition; Markdown cells of notebooks are
rewritten like Markdown pages."""

from __future__ import annotations

import json

import pytest
from helpers import normalized_text

from sphinx_refinery.sources.carpentries import convert, to_myst
from sphinx_refinery.sources.notebook_cells import rewrite_cells


def test_paragraph_followed_by_a_kind_class_becomes_that_block():
    source = "Question?\n\nAnswer one,\nanswer two.\n{: .solution}\nAfter.\n"
    result = to_myst(source)
    assert result == "Question?\n:::{solution}\nAnswer one,\nanswer two.\n:::\nAfter.\n"
    assert len(result.splitlines()) == len(source.splitlines())
    assert to_myst(result) == result


def test_only_a_paragraph_directly_before_gets_the_class():
    # An empty line between, a heading, or a class that names no block: styling only.
    assert to_myst("Text.\n\n{: .solution}\n") == "Text.\n\n\n"
    assert to_myst("## Title\n{: .callout}\n") == "## Title\n\n"
    assert to_myst("Text.\n{: .image-with-shadow}\n") == "Text.\n\n"


def test_titled_admonition_class_and_untitled_one():
    assert to_myst("> ## Mind it {#mind}\n> Body.\n{: .admonition}\n") == (
        ":::{admonition} Mind it\n:name: mind\nBody.\n:::\n"
    )
    untitled = to_myst("> Body.\n{: .admonition}\n")
    assert untitled == "> Body.\n\n"


def test_lesson_build(copy_root):
    built = copy_root("carpentries-classes").build("html")  # strict: no warning
    article = built.page("harbour").select_one("article")
    exercise = article.select_one("div.exercise")
    solution = exercise.select_one(".solution")
    assert "twenty-five minutes apart" in normalized_text(solution.get_text())
    assert "When is the water highest" in exercise.get_text()
    admonition = article.select_one("div#ropes")
    assert "Mind the ropes" in admonition.select_one(".admonition-title").get_text()
    assert article.select_one("blockquote").get_text().strip() == "A box without a title."
    assert "{:" not in article.get_text()


def test_notebook_cells_are_rewritten_and_problems_get_notebook_lines():
    cell = {"cell_type": "markdown", "metadata": {}, "source": ["> Text.\n", "{: .unheard-of}"]}
    code = {"cell_type": "code", "metadata": {}, "source": "{: .callout}", "outputs": []}
    text = json.dumps({"cells": [code, cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    new, problems = rewrite_cells(text, convert)
    assert [problem.line for problem in problems] == [2 * 10000 + 2]
    cells = json.loads(new)["cells"]
    assert cells[0]["source"] == "{: .callout}"  # code cells are never touched
    assert "".join(cells[1]["source"]) == "> Text.\n"
    assert rewrite_cells("not json", convert) == ("not json", [])


def test_notebook_build(copy_root):
    pytest.importorskip("myst_nb")
    built = copy_root("notebook-carpentries").build("html")  # strict
    article = built.page("buoys").select_one("article")
    exercise = article.select_one("div.exercise")
    assert "Which side is the red buoy on?" in exercise.get_text()
    assert "On the left" in exercise.select_one(".solution").get_text()
    assert "{: .challenge}" not in article.get_text()
    assert "{: .callout}" in article.get_text()  # the code cell as written
