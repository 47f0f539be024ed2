"""A directive its author never closed is one warning, at its line: not one for each
block after it that MyST would read as inside it (issue #14).  An outer fence that is
only too short stays one warning too, and the page is read again as each warning says
to fix it, so that no warning comes of text a mistake displaced."""

from __future__ import annotations

import re

import pytest
from helpers import copy_sources, normalized_text, root_path, run_build, soup

from sphinx_refinery.sources.fencepairs import evident_closer
from sphinx_refinery.sources.fences import fence_problems
from sphinx_refinery.sources.scanner import fence_at

FENCE_WARNING = re.compile(r"(\w+\.md):(\d+): WARNING: (.*) \[refinery\.fence\]")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The root built once for the module, with its warnings."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_sources(root_path("fence-unclosed"), tmp_path_factory.mktemp("unclosed") / "s")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        yield run_build(app, strict=False)
    finally:
        app.cleanup()


def warnings_by_page(app) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for page, line, message in FENCE_WARNING.findall(app.warning.getvalue()):
        found.setdefault(page, []).append((int(line), message))
    return found


def test_each_page_warns_once_at_the_directive_never_closed(built):
    assert warnings_by_page(built) == {
        "siblings.md": [
            (
                5,
                ":::{callout} is never closed, so the closing line of :::{callout} (line 15) "
                "closes it at line 17: close it with a line of ::: where it ends",
            )
        ],
        "admonition.md": [
            (
                5,
                ":::{admonition} is never closed, so the closing line of :::{admonition} "
                "(line 11) closes it at line 13: close it with a line of ::: where it ends",
            )
        ],
    }
    assert "WARNING" not in FENCE_WARNING.sub("", built.warning.getvalue())


def blocks(built, name: str, view: str = "") -> list:
    html = soup(built.outdir / view / f"{name}.html")
    return html.select("article div.admonition, article details.admonition")


@pytest.mark.parametrize("view", ["", "instructor"])
def test_the_siblings_page_keeps_its_text_where_myst_puts_it(built, view):
    orchard, picking, danger, storing, note = blocks(built, "siblings", view)
    # MyST closes the forgotten box with the next box's closing line: that box is
    # inside it, the text after that line and the later boxes are not.
    assert picking.parent is orchard
    inside = normalized_text(orchard.get_text(" "))
    for text in ("The forgotten box starts here.", "pears", "Plums and cherries", "late summer."):
        assert text in inside
    page = normalized_text(soup(built.outdir / view / "siblings.html").article.get_text(" "))
    for text in ("Text after the picking box.", "Closing words of the page.", "Introduction"):
        assert page.count(text) == 1
        assert text not in inside
    for box, text in ((danger, "wet ladder"), (storing, "cool cellar"), (note, "the press")):
        assert box.parent is not orchard
        assert text in box.get_text()


@pytest.mark.parametrize("view", ["", "instructor"])
def test_the_admonition_page_keeps_its_exercises(built, view):
    reading, symbols, discussion, walk, solution, measure = blocks(built, "admonition", view)
    assert symbols.parent is reading
    assert "Triangles mark summits." in reading.get_text()
    assert "Text after the symbols box." not in reading.get_text()
    assert solution.parent is walk
    assert "Follow the valley" in solution.get_text()
    assert "Which map" in discussion.get_text()
    assert "length of the route" in measure.get_text()
    for box in (discussion, walk, measure):
        assert box.parent is not reading
    page = normalized_text(soup(built.outdir / view / "admonition.html").article.get_text(" "))
    for text in ("Some words before", "Text after the symbols box.", "Last words on maps."):
        assert page.count(text) == 1


# -- the check alone ---------------------------------------------------------------------


def lines_of(problems) -> list[int]:
    return [problem.line for problem in problems]


def test_same_length_boxes_after_a_box_never_closed_are_not_inside_it():
    text = ":::{note}\nN.\n\n:::{tip}\nT.\n:::\n\n:::{hint}\nH.\n:::\n\n:::{tip}\nU.\n:::\n"
    [problem] = fence_problems(text)
    assert problem.line == 1
    assert problem.message.startswith(":::{note} is never closed, so the closing line of")


def test_an_outer_fence_too_short_for_two_blocks_is_one_warning():
    text = ":::{exercise}\nE.\n:::{solution}\nS.\n:::\n:::{hint}\nH.\n:::\n:::\n"
    [problem] = fence_problems(text)
    assert problem.line == 3
    assert "make the outer fence longer, e.g. ::::{exercise}" in problem.message


def test_the_longer_fence_suggested_is_longer_than_all_inside():
    text = ":::{exercise}\n:::{solution}\n::::{tab-set}\n:::{tab-item} A\n:::\n::::\n:::\n:::\n"
    in_exercise, in_solution = fence_problems(text)
    assert "inside :::{exercise} (line 1)" in in_exercise.message
    assert in_exercise.message.endswith("e.g. :::::{exercise}")
    # The solution is shorter than the tabs inside it: a second mistake, and fixing it
    # makes the solution as long as the exercise, so the advice covers both.
    assert "inside :::{solution} (line 2)" in in_solution.message
    assert in_solution.message.endswith("e.g. :::::{solution}, ::::::{exercise}")


def test_an_indented_solution_in_a_short_exercise_is_not_also_code():
    # The fix (a longer exercise fence) keeps the tabs three columns inside the
    # solution: reading the page without the solution's fence would make them code.
    text = (
        ":::{exercise}\nE.\n\n   :::{solution}\n\n      ::::{tab-set}\n"
        "         :::{tab-item} A\n         a\n         :::\n      ::::\n   :::\n\n:::\n"
    )
    [problem] = fence_problems(text)
    assert problem.line == 4
    assert "is inside :::{exercise} (line 1)" in problem.message


def test_a_box_never_closed_and_a_later_short_fence_are_both_found():
    text = (
        ":::{note}\nN.\n\n:::{tip}\nT.\n:::\n\n"
        ":::{exercise}\nE.\n:::{solution}\nS.\n:::\n:::\n\nAfter.\n"
    )
    problems = fence_problems(text)
    assert lines_of(problems) == [1, 10]
    assert "never closed" in problems[0].message
    assert "is inside :::{exercise} (line 8)" in problems[1].message


def test_after_a_fence_made_longer_the_next_short_one_is_found():
    # The page is read again with the first exercise's fence longer, as the warning says.
    text = (
        ":::{exercise}\n:::{solution}\nS.\n:::\n:::\n\n:::{exercise}\n:::{solution}\nS.\n:::\n:::\n"
    )
    problems = fence_problems(text)
    assert lines_of(problems) == [2, 8]
    assert all(":::{solution} is inside :::{exercise}" in p.message for p in problems)


def test_back_tick_code_after_a_directive_never_closed_is_not_its_closing_line():
    text = (
        "```{objectives}\n- O.\n\n```{instructor-note}\nI.\n```\n\nText.\n\n"
        "```\nplain code\n```\n\nMore text.\n"
    )
    [problem] = fence_problems(text)
    assert problem.line == 1
    assert "never closed" in problem.message


def test_a_nested_box_never_closed_is_found_inside_its_parent():
    text = "::::{exercise}\n:::{hint}\nH.\n\n:::{solution}\nS.\n:::\n::::\n"
    [problem] = fence_problems(text)
    assert problem.line == 2
    assert "(line 5) closes it at line 7" in problem.message


# -- the author's pairing of fence lines -------------------------------------------------


def closer_of(text: str, line: int = 0):
    lines = text.split("\n")
    opener = fence_at(lines[line], line)
    assert opener is not None
    found = evident_closer(lines, opener, len(lines))
    return None if found is None else found.line


def test_pairing_by_order_and_column():
    assert closer_of(":::{a}\n:::{b}\n:::\n:::\n") == 3
    assert closer_of(":::{a}\n:::{b}\n:::\n") is None
    # A closing line shorter than its fence, lined up with it, is meant for it.
    assert closer_of(":::{a}\n   ::::{b}\n   x\n   :::\n:::\n") == 4


def test_pairing_skips_code_and_stops_at_a_heading():
    assert closer_of(":::{a}\n```\n:::\n```\n:::\n") == 4
    assert closer_of(":::{a}\n# Section\n:::{b}\n:::\n:::\n") is None
    # A figure left open is closed with the longer fence around it.
    assert closer_of("::::{a}\n:::{figure} x.png\n::::\n") == 2


def test_a_closing_line_shorter_than_the_fence_it_lines_up_with():
    # The tabs' closing line is lined up with them but one colon short: MyST closes the
    # exercise with it.  Once it is as long, the exercise's fence is too short as well.
    text = ":::{exercise}\nE.\n\n   ::::{tab-set}\n   T.\n   :::\n:::\n\nAfter.\n"
    problems = fence_problems(text)
    assert lines_of(problems) == [4, 6]
    assert problems[1].message == (
        "the closing line of ::::{tab-set} (line 4) is shorter than its fence, so it closes "
        ":::{exercise} (line 1) instead: make it ::::"
    )
    assert "e.g. :::::{exercise}" in problems[0].message


def test_blocks_after_a_stray_closing_line_are_checked_too():
    # The first exercise's own closing line opens a div that hides the second exercise
    # from MyST's reading: its mistake is found once the first is fixed.
    text = (
        ":::{exercise}\n:::{solution}\nS.\n:::\n:::\n\n"
        ":::{exercise}\nE.\n   ::::{tab-set}\n   T.\n   ::::\n\nStill the exercise.\n:::\n"
    )
    assert lines_of(fence_problems(text)) == [2, 9]


def test_fences_around_the_lengthened_one_are_lengthened_in_the_same_warning():
    # Making the solution longer than the note makes it as long as the exercise: one
    # warning names both fences, and none follows for the exercise.
    text = "::::{exercise}\nE.\n\n:::{solution}\n:::{note}\nN.\n:::\nMore.\n:::\n::::\n"
    [problem] = fence_problems(text)
    assert problem.line == 5
    assert problem.message.endswith(
        "make the fences around it longer, e.g. ::::{solution}, :::::{exercise}"
    )
    fixed = text.replace("::::", ":::::").replace(":::{solution}", "::::{solution}")
    fixed = fixed.replace(":::\n::::", "::::\n::::")
    assert fence_problems(fixed.replace("More.\n:::\n", "More.\n::::\n")) == []


SPHINX_DESIGN_AS_MEANT = {
    "tab_items": "::::{tab-set}\n:::{tab-item} A\nOne.\n:::\n:::{tab-item} B\nTwo.\n:::\n::::\n",
    "code_in_tab": (
        "`````{tab-set}\n````{tab-item} A\n```{code-block} python\nx = 1\n```\n````\n`````\n"
    ),
    "cards": "::::{grid} 2\n:::{grid-item-card} T\nC.\n:::\n:::{grid-item-card} U\nD.\n:::\n::::\n",
    "note_in_card": "::::{card} T\n```python\nx = 1\n```\n:::{note}\nN.\n:::\n::::\n",
    "colon_in_backticks": "````{tab-set}\n```{tab-item} A\n:::{note}\nN.\n:::\n```\n````\n",
}


@pytest.mark.parametrize("name", sorted(SPHINX_DESIGN_AS_MEANT))
def test_sphinx_design_containers_nested_as_meant_are_no_mistake(name):
    assert fence_problems(SPHINX_DESIGN_AS_MEANT[name]) == []


@pytest.mark.parametrize(
    ("container", "item"),
    [("tab-set", "tab-item"), ("grid", "grid-item-card"), ("card", "note"), ("hint", "note")],
)
def test_fences_inside_sphinx_design_and_admonitions_are_checked(container, item):
    # The inner note's closing line closes the item: "More." leaves it.
    text = f"::::{{{container}}}\n:::{{{item}}} A\n:::{{tip}}\nT.\n:::\nMore.\n:::\n::::\n"
    [problem] = fence_problems(text)
    assert problem.line == 3
    assert f":::{{tip}} is inside :::{{{item}}} (line 2)" in problem.message
