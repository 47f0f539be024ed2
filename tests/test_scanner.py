"""The shared Markdown scanner of ``sources/``: fences, front matter, problems."""

from __future__ import annotations

from textwrap import dedent

import pytest

from sphinx_refinery.sources.fences import fence_problems, is_markdown_container
from sphinx_refinery.sources.scanner import (
    Fence,
    Problem,
    closing_line,
    fence_at,
    front_matter,
    front_matter_end,
    parse_fences,
)
from sphinx_refinery.sources.workbench import rewrite


def lines_of(text: str) -> list[str]:
    return dedent(text).strip("\n").split("\n")


def shape(blocks) -> list:
    """(line, marker, indent in its container, end, children) of each block, nested."""
    return [
        (b.opener.line, b.opener.marker, b.opener.indent, b.end, shape(b.children)) for b in blocks
    ]


def parse(text: str, **options) -> list:
    return shape(parse_fences(lines_of(text), markdown=is_markdown_container, **options))


# -- one fence line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "char", "length", "info", "column"),
    [
        ("```python", "`", 3, "python", 0),
        ("  ~~~~ text  ", "~", 4, " text  ", 2),
        ("   ::::{note} Title", ":", 4, "{note} Title", 3),
        ("    ```", "`", 3, "", 4),
        ("\t:::", ":", 3, "", 4),
        ("  \t~~~", "~", 3, "", 4),
        ("~~~ has ` back-ticks", "~", 3, " has ` back-ticks", 0),
    ],
)
def test_a_fence_line_with_its_indentation(line, char, length, info, column):
    fence = fence_at(line, 7)
    assert fence is not None
    assert (fence.line, fence.char, fence.length, fence.info) == (7, char, length, info)
    assert fence.column == fence.indent == column
    assert fence.prefix + fence.marker + fence.info == line


@pytest.mark.parametrize("line", ["", "``", "::", "``` a`b", "text ```", "\u00a0```", "> ```"])
def test_lines_that_are_no_fence(line):
    assert fence_at(line) is None


def test_directive_and_language():
    assert fence_at("```{exercise} Sort").directive == "exercise"
    assert fence_at(":::  {note}").directive == "note"
    assert fence_at("```python linenos").language == "python"
    assert fence_at("```{code-block} python").language == ""
    assert str(fence_at("::::{solution} Title")) == "::::{solution}"
    assert str(fence_at("~~~bash")) == "~~~bash"


@pytest.mark.parametrize(
    ("closer", "closes"),
    [
        ("````", True),
        ("`````   ", True),
        ("```", False),  # shorter
        ("   ````", True),
        ("    ````", False),  # indented code, not a closing line
        ("~~~~", False),  # another character
        ("```` x", False),  # an info string
    ],
)
def test_the_closing_rule(closer, closes):
    assert fence_at(closer).closes(fence_at("````")) is closes


def test_the_closing_rule_at_any_indentation():
    opener, closer = fence_at("```"), fence_at("        ```")
    assert not closer.closes(opener)
    assert closer.closes(opener, max_indent=None)


def test_closing_line_does_not_look_into_the_content():
    lines = lines_of("""
        ````{note}
        ```
        code
        ```
        ````
    """)
    assert closing_line(lines, fence_at(lines[0], 0)) == 4
    assert closing_line(lines, fence_at(lines[1], 1)) == 3
    assert closing_line(lines, fence_at(lines[1], 1), stop=3) is None


# -- nesting as MyST parses it --------------------------------------------------------


def test_nested_fences_of_all_three_kinds():
    text = """
        :::::{exercise}
        ````{solution}
        ~~~python
        x = 1
        ~~~
        ````
        :::{hint}
        ```
        :::
        ```
        :::
        :::::
    """
    solution = (1, "````", 0, 5, [(2, "~~~", 0, 4, [])])
    # The hint's code is closed by nothing before the hint's end; the hint ends at the
    # ":::" meant for it, so the code's closing line opens code to the exercise's end.
    hint = (6, ":::", 0, 8, [(7, "```", 0, None, [])])
    assert parse(text) == [(0, ":::::", 0, 11, [solution, hint, (9, "```", 0, None, [])])]


def test_code_content_is_literal():
    text = """
        ```{code-block} markdown
        :::{note}
        ```
        :::
    """
    assert parse(text) == [(0, "```", 0, 2, []), (3, ":::", 0, None, [])]


def test_indentation_counts_in_the_container():
    # The note's content loses the opener's 2 columns: the code fence at 6 is at 4 there,
    # so it is indented code; the one at 5 is at 3, a fence.
    text = """
        x
          ::::{note}
              ```
              not a fence
                 ```
             ~~~
             code
             ~~~
          ::::
    """
    assert parse(text) == [(1, "::::", 2, 8, [(5, "~~~", 3, 7, [])])]


def test_a_fence_indented_four_columns_is_code():
    assert parse("x\n    ```\n    y\n    ```") == []
    assert parse("x\n\t:::{note}\n:::") == [(2, ":::", 0, None, [])]


def test_the_closing_line_counts_in_the_container_too():
    # The closer at 5 columns is at 3 in the note (opened at 2): it closes the code.
    text = """
        x
          :::{note}
          ```
          code
             ```
          :::
    """
    assert parse(text) == [(1, ":::", 2, 5, [(2, "```", 0, 4, [])])]


def test_unclosed_fences_run_to_the_end_of_their_container():
    text = """
        ::::{exercise}
        :::{solution}
        never closed
        ::::
        after
        ```
        never closed either
    """
    assert parse(text) == [(0, "::::", 0, 3, [(1, ":::", 0, None, [])]), (5, "```", 0, None, [])]


def test_colon_fences_only_with_the_extension():
    text = ":::{note}\n```\nx\n```\n:::"
    assert parse(text, colon_fences=False) == [(1, "```", 0, 3, [])]
    assert parse(text) == [(0, ":::", 0, 4, [(1, "```", 0, 3, [])])]


def test_the_content_of_other_directives_is_not_scanned():
    text = ":::{figure} x.png\n```\n:::"
    assert parse(text) == [(0, ":::", 0, 2, [])]


def test_walk_visits_every_block_in_order():
    lines = lines_of(":::::{exercise}\n::::{solution}\n```\n```\n::::\n:::::")
    [outer] = parse_fences(lines, markdown=is_markdown_container)
    assert [block.opener.line for block in outer.walk()] == [0, 1, 2]


def test_deep_nesting_is_bounded():
    depth = 200
    lines = [":" * (depth + 3 - i) + "{note}" for i in range(depth)]
    lines += [":" * (i + 3) for i in range(depth)]
    blocks = parse_fences(lines, markdown=is_markdown_container)
    assert len(list(blocks[0].walk())) == 65  # MAX_NESTING levels inside the outermost


# -- front matter --------------------------------------------------------------------


def test_front_matter_mapping_and_end():
    lines = lines_of("""
        ---
        title: Sorting
        teaching: 10
        ---
        # Body
    """)
    found = front_matter(lines)
    assert found.end == front_matter_end(lines) == 4
    assert found.mapping() == {"title": "Sorting", "teaching": 10}
    assert found.line_of("teaching") == 3
    assert found.line_of("exercises") is None


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\n# never closed",
        "text first\n---\ntitle: x\n---",
        "--\ntitle: x\n--",
        " ---\ntitle: x\n---",
        "- - -\ntitle: x\n---",
        "",
    ],
)
def test_no_front_matter(text):
    assert front_matter(text.split("\n")) is None
    assert front_matter_end(text.split("\n")) == 0


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("---\ntitle: x\n...\nbody", 3),
        ("---\ntitle: x\n---   \nbody", 3),
        ("---\ntitle: x\n   ---\nbody", 3),
        ("\ufeff---\ntitle: x\n---\nbody", 3),
    ],
)
def test_front_matter_closers_and_byte_order_mark(text, end):
    found = front_matter(text.split("\n"))
    assert found is not None and found.end == end
    assert found.mapping() == {"title": "x"}


def test_a_shorter_line_of_dashes_does_not_close():
    found = front_matter(["----", "title: x", "---", "----", "body"])
    assert (found.end, found.yaml) == (4, ("title: x", "---"))


def test_an_indented_dot_line_does_not_close():
    found = front_matter(["---", "title: x", " ...", "---"])
    assert found.end == 4


@pytest.mark.parametrize(
    "yaml",
    [
        "- a list",  # not a mapping
        "just text",
        "title: [unclosed",  # a YAML error
        "title: x\n  bad: indent",
        "date: 2001-02-30",  # PyYAML raises ValueError, not a YAMLError
        "",
    ],
)
def test_front_matter_that_is_not_a_mapping_reads_as_empty(yaml):
    found = front_matter(["---", *yaml.split("\n"), "---"])
    assert found is not None
    assert found.mapping() == {}


def test_workbench_title_with_an_impossible_date_does_not_fail():
    text = "---\ntitle: Sorting\ndate: 2001-02-30\n---\n\n## Start\n"
    assert rewrite(text).text == text  # the front matter cannot be read: no title added


def test_fences_inside_front_matter_are_not_fences():
    text = "---\nexample: |\n  :::{note}\n---\n\n:::{note}\nx\n:::\n"
    assert fence_problems(text) == []
    lines = text.split("\n")
    blocks = parse_fences(lines, front_matter_end(lines), markdown=is_markdown_container)
    assert shape(blocks) == [(5, ":::", 0, 7, [])]


def test_a_dot_closer_ends_the_front_matter_for_the_fence_check():
    text = "---\ntitle: x\n...\n:::{note}\nnot closed\n"
    [problem] = fence_problems(text)
    assert problem.line == 4


# -- problems --------------------------------------------------------------------------


def test_fence_problems_are_at_their_lines():
    text = dedent("""\
        # Title

        :::{exercise}
        :::{solution}
        x
        :::
        :::

        ::::{note}
        never closed
    """)
    nested, unclosed = fence_problems(text)
    assert nested.line == 4
    assert ":::{solution} is inside :::{exercise} (line 3)" in nested.message
    assert "e.g. ::::{exercise}" in nested.message
    assert unclosed.line == 9
    assert "::::{note} is never closed" in unclosed.message
    assert nested.warning and unclosed.warning


def test_the_fence_check_counts_fences_at_any_indentation_for_now():
    # MyST reads the indented ``:::{solution}`` as code: the check says so, at its line.
    [problem] = fence_problems(":::{exercise}\n    :::{solution}\n    x\n    :::\n:::\n")
    assert problem.line == 2


def test_problem_text_and_order():
    problems = [
        Problem(3, "b", file="b.md"),
        Problem(12, "a", file="a.md"),
        Problem(2, "a", file="a.md"),
        Problem(0, "whole file", file="a.md"),
    ]
    assert [str(p) for p in sorted(problems)] == [
        "a.md: whole file",
        "a.md:2: a",
        "a.md:12: a",
        "b.md:3: b",
    ]
    assert str(Problem(5, "no file")) == "5: no file"
    assert Problem(5, "x").warning and not Problem(5, "x", warning=False).warning


def test_fence_is_hashable_and_comparable():
    assert fence_at("```", 2) == Fence(2, "`", 3, "", "", 0, 0)
    assert len({fence_at("```", 2), fence_at("```", 2)}) == 1
