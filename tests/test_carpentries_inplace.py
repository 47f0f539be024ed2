"""Old Carpentries markdown read in place (sphinx-lesson's md transforms, no import):
lazy continuation lines, class lines without a space, ``{#id}`` on titles, code
fences of list items, and positions in the author's file."""

from __future__ import annotations

from sphinx_refinery.sources.carpentries import convert, to_myst

LAZY = """> ## Sort
> Write a function
that sorts the list.
>
> More text.
{: .challenge}
"""


def test_lazy_continuation_line_stays_in_the_block():
    text = to_myst(LAZY)
    assert text.split("\n") == [
        ":::{challenge} Sort",
        "Write a function",
        "that sorts the list.",
        "",
        "More text.",
        ":::",
        "",
    ]


def test_lazy_line_after_nested_quote_belongs_to_the_inner_paragraph():
    text = to_myst(
        "> ## Outer\n>\n> > ## Solution\n> > It is\nthis.\n> {: .solution}\n{: .challenge}\n"
    )
    assert "this." in text.split(":::{solution} Solution")[1].split(":::")[0]


def test_no_lazy_line_after_code_or_an_empty_quote_line():
    # The line is not the quote's: the quote stays a quote, and the class goes
    # to the paragraph it follows, as kramdown gives it.
    after_code = to_myst("> ~~~\n> x\n> ~~~\nplain\n{: .callout}\n")
    assert after_code == "> ~~~\n> x\n> ~~~\n:::{callout}\nplain\n:::\n"
    after_empty = to_myst("> text\n>\nplain after\n{: .callout}\n")
    assert after_empty == "> text\n>\n:::{callout}\nplain after\n:::\n"


def test_class_line_without_a_space_and_title_id():
    text = to_myst("> ## Fill it {#fill}\n> Text.\n{:.challenge}\n")
    assert text.startswith(":::{challenge} Fill it\n:label: fill\n")
    assert "{#" not in text and "{:" not in text


def test_fence_of_a_list_item_gets_its_language():
    text = to_myst("1. ~~~\n   ls\n   ~~~\n   {: .language-bash}\n2. next\n")
    assert text.split("\n")[:4] == ["1. ~~~bash", "   ls", "   ~~~", ""]


def test_lazy_lines_keep_line_numbers():
    result = convert("> ## T\n> a\nb\n> c\n{: .nosuchclass}\n")
    assert [problem.line for problem in result.problems] == [5]
    assert len(result.text.split("\n")) == 6  # the 5 lines and the empty one after


def test_sphinx_lesson_lesson_with_old_markdown_builds_cleanly(copy_root):
    built = copy_root("carpentries-inplace").build()
    html = built.page("episode")
    challenge = html.select_one("div.exercise, details.exercise, aside.exercise")
    assert challenge is not None
    assert "none of it falls on the ground" in challenge.get_text()
    assert "Close the lid" in challenge.get_text()
    assert challenge.select_one("div.highlight-bash") is not None
    assert html.select_one(".callout") is not None
    text = html.select_one("article").get_text() if html.select_one("article") else html.get_text()
    for literal in ("{:", "{#", ":::"):
        assert literal not in text
    assert html.select_one('a[href="#fill-feeder"]') is not None
