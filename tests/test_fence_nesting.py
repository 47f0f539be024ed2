"""Fence nesting is checked against MyST's own parse: no warning where MyST nests
fences as their indentation and lengths mean, one where a closing line closes an
outer directive, or a directive is never closed."""

from __future__ import annotations

import time

import pytest
from helpers import normalized_text, page

from sphinx_refinery.sources.fences import fence_problems, may_nest_wrongly

CORRECT = ("indented_tab", "list_math", "open_figure")


@pytest.fixture
def built(copy_root):
    return copy_root("fence-nesting").build()  # fails on any warning


@pytest.mark.parametrize("name", CORRECT)
def test_pages_myst_parses_as_meant_build_without_warnings(built, name):
    text = (built.srcdir / f"{name}.md").read_text(encoding="utf-8")
    assert may_nest_wrongly(text.split("\n"))  # the quick scan alone would suspect them
    assert fence_problems(text) == []


def test_an_indented_fence_stays_inside_its_tab(built):
    html = page(built, "indented_tab")
    [linux, windows] = html.select(".refinery-tab-panel")
    assert "hello from the included file" in linux.get_text()
    assert "Linux tab text." in linux.get_text()
    assert "Windows tab text." in windows.get_text()
    assert "Text after the tabs." not in linux.get_text()


def test_tab_indented_math_stays_in_its_list_item(built):
    [exercise] = page(built, "list_math").select("div.exercise")
    assert exercise.select_one("li .math, li div.math") is not None
    assert "Mark the values outside." in exercise.get_text()
    assert "Text after the exercise." not in exercise.get_text()


def test_a_figure_without_closing_line_ends_with_its_exercise(built):
    html = page(built, "open_figure")
    first, second = html.select("div.exercise")
    assert first.select_one("figure, div.figure") is not None
    assert second.select_one("figure, div.figure") is not None
    text = normalized_text(html.get_text())
    assert "Text after the first exercise." in text
    assert "Text after the first exercise." not in first.get_text()
    assert "Text after the second exercise." not in second.get_text()


# -- real mistakes -------------------------------------------------------------------------


def test_same_indentation_same_length_closes_the_parent():
    text = ":::{exercise}\nE.\n\n:::{solution}\nS.\n:::\nMore.\n:::\n"
    [problem] = fence_problems(text)
    assert problem.line == 4
    assert ":::{solution} is inside :::{exercise} (line 1)" in problem.message


def test_a_closing_line_indented_like_the_inner_fence_is_meant_for_it():
    # The solution is indented two columns and so is the line after it: MyST closes the
    # exercise there (two columns are no indented code), the author meant the solution.
    text = ":::{exercise}\nE.\n\n  :::{solution}\n  S.\n  :::\n\nMore.\n:::\n"
    [problem] = fence_problems(text)
    assert problem.line == 4


def test_a_longer_closing_line_meant_for_the_outer_fence_is_no_mistake():
    text = "::::{exercise}\nE.\n\n:::{figure} a.png\n::::\n\nAfter.\n"
    assert fence_problems(text) == []


def test_mistakes_after_the_first_are_found_too():
    text = (
        ":::{exercise}\n:::{solution}\nS.\n:::\n:::\n\n:::{exercise}\nE.\n:::{hint}\nH.\n:::\n:::\n"
    )
    problems = fence_problems(text)
    assert [p.line for p in problems] == [2, 9]


def test_a_directive_indented_as_code_inside_a_directive():
    [problem] = fence_problems(":::{note}\nN.\n\n    ```{hint}\n    H.\n    ```\n:::\n")
    assert problem.line == 4
    assert "shown as code" in problem.message


def test_an_unclosed_directive_at_the_end_of_a_blockquote_is_not_the_rest_of_the_file():
    text = "> :::{note}\n> N.\n\nAfter the quote.\n"
    assert fence_problems(text) == []


def test_colon_fences_with_exact_match():
    from myst_parser.config.main import MdParserConfig

    from sphinx_refinery.sources.mystparse import myst_parser_for

    md = myst_parser_for(
        MdParserConfig(enable_extensions={"colon_fence"}, colon_fence_exact_match=True)
    )
    # With exact matching, a longer inner fence nests and its closing line closes it.
    assert fence_problems("::::{exercise}\n:::::{solution}\nS.\n:::::\n::::\n", md) == []


def test_the_check_is_cheap_on_pages_without_suspect_fences():
    page_text = "# P\n\n" + ":::{exercise}\nE.\n\n```python\nx = 1\n```\n:::\n\nText.\n" * 200
    start = time.perf_counter()
    for _ in range(20):
        assert not may_nest_wrongly(page_text.split("\n"))
    assert (time.perf_counter() - start) / 20 < 0.05
