"""Old Carpentries markdown in list items and kramdown ``<div markdown="1">``
(read in place and imported), kramdown's lazy blockquote lines (imported
Jekyll lessons), and code fences that open a list item in the line scanners."""

from __future__ import annotations

import pytest
from helpers import TESTS

from sphinx_refinery.sources.carpentries import convert, to_myst
from sphinx_refinery.sources.carpentries.converter import Converter
from sphinx_refinery.sources.fences import fence_problems, may_nest_wrongly
from sphinx_refinery.sources.jekyll import import_legacy_lesson
from sphinx_refinery.sources.scanner import fence_at, item_fence_at
from sphinx_refinery.sources.workbench import rewrite

LESSON = TESTS / "legacy-lesson-kramdown"


def kramdown(text: str) -> tuple[str, list[str]]:
    """``text`` converted as an imported Jekyll page is (kramdown's blockquotes)."""
    converter = Converter(True, True, False, ":")
    converter.kramdown = True
    lines = text.split("\n")
    out = converter.convert(lines, list(range(len(lines))))
    return "\n".join(line for _, line in out), [str(p) for p in converter.problems]


def test_class_lines_indented_under_a_list_item():
    text = to_myst(
        "1.  Step one\n\n    ~~~\n    ls\n    ~~~\n    {: .language-bash}\n\n"
        "2.  Step two\n    ~~~\n    done\n    ~~~\n    {: .output}\n"
    )
    assert "    ~~~bash\n    ls\n    ~~~\n" in text
    assert "2.  Step two\n    ~~~output\n    done\n" in text
    assert "{:" not in text


def test_list_item_keeps_its_marker_lazy_lines_and_line_count():
    source = "- a blockquote block in an item:\n\n  > ## Hint\n  > Look up.\n  {: .hint}\nlazy\n"
    text = to_myst("* item\ncontinued lazily\n  more\n\n" + source)
    assert text.startswith("* item\ncontinued lazily\n  more\n\n- a blockquote")
    assert "  :::{hint} Hint\n  Look up.\n  :::\n" in text
    result = convert("1. ~~~\n   x\n   ~~~\n   {: .source}\n2. y\n")
    assert len(result.text.split("\n")) == 6 and result.text.startswith("1. ~~~\n")


def test_markdown_div_becomes_a_container_or_is_unwrapped():
    text = to_myst(
        '<div class="recipe wide" id="brew" markdown="1">\n\n~~~\nsteep\n~~~\n'
        '{: .language-bash}\n</div>\n\n<div markdown="1">\n*plain*\n</div>\n{: .x}\n'
    )
    assert text.startswith(":::{container} recipe wide\n:name: brew\n\n~~~bash\nsteep\n")
    assert "~~~\n\n:::\n\n\n*plain*\n\n" in text
    assert "<div" not in text and "</div>" not in text


def test_html_divs_without_markdown_stay_and_balance():
    source = '<div class="raw">\n\ntext\n\n</div>\n\n<div markdown="0">\nx\n</div>\n{: .y}\n'
    assert to_myst(source) == source.replace("{: .y}", "")


def test_div_opened_in_a_blockquote_closes_there():
    result = convert(
        '> Note:\n>\n> <div class="box" markdown="1">\n>\n> ~~~\n> x\n> ~~~\n'
        "> {: .output}\n</div>\n\n> ## T\n> t\n{: .callout}\n"
    )
    lines = result.text.split("\n")
    assert lines[2] == "> :::{container} box" and lines[8] == "> :::"  # one more line
    assert lines[9] == ""  # the </div> that closed nothing: dropped
    assert [p.line for p in result.problems] == [3, 9]
    assert ":::{callout} T" in result.text


def test_kramdown_lazy_lines_only_end_at_empty_class_or_html_lines():
    text, problems = kramdown(
        "> ## Q\n> Ask.\n>\n>> ## Solution\n>> \nAfter an empty quote line.\n"
        "- a list line\n> {: .solution}\n{: .challenge}\n"
    )
    assert text.startswith("::::{challenge} Q\n")
    solution = text.split(":::{solution} Solution")[1]
    assert "After an empty quote line." in solution and "- a list line" in solution
    assert not problems
    plain, _ = kramdown("> quoted\n- lazy item\n\nafter\n")
    assert plain == "> quoted\n> - lazy item\n\nafter\n"  # stays in the quote for MyST too
    for end in ("", "{: .x}", "<div>", "</p>"):
        assert kramdown(f"> q\n{end}\n")[0].startswith("> q\n" + ("" if end else "\n"))
    # Read in place, CommonMark's rule stays: an empty quote line ends the paragraph.
    assert "{solution}" not in to_myst(">> ## S\n>> \nout\n> {: .solution}\n")


def test_item_fence_at():
    fence = item_fence_at("12. ~~~python", 4)
    assert fence is not None and fence.prefix == "12. " and fence.column == 4
    assert fence.language == "python" and fence.line == 4
    assert item_fence_at("- ```") is not None and item_fence_at("-```") is None
    assert item_fence_at("    - ~~~") is None and item_fence_at("1. text ~~~") is None
    assert item_fence_at("1. :::{note}") is None and fence_at("1. ~~~") is None


LIST_FENCES = """::::{challenge} T
1. ~~~bash
   ls
   ~~~
2. ```
   :::
   ```
::::
"""


def test_fences_after_list_markers_are_code_for_the_line_scanners():
    assert not may_nest_wrongly(LIST_FENCES.split("\n"))
    assert fence_problems(LIST_FENCES) == []
    assert rewrite(LIST_FENCES).problems == []  # the ':::' inside the code is no closer
    braces = rewrite("1. ```{python}\n   x = 1\n   ```\n")
    assert braces.text.startswith("1. ```python\n")
    # A marker line never closes: inside a back-tick directive it opens.
    assert not may_nest_wrongly(["````{note}", "- ```", "  x", "  ```", "````", ""])


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    return import_legacy_lesson(LESSON, tmp_path_factory.mktemp("kramdown") / "lesson")


def test_imported_page(imported):
    text = (imported.dest / "_episodes" / "01-brewing.md").read_text()
    body = text.split("---", 2)[2]
    for literal in ("{:", "{#", "<div", "</div>"):
        assert literal not in body
    assert "That depends on the leaves." in body.split(":::{solution}")[1].split(":::")[0]
    assert "> - Use a kitchen timer.\n" in body
    assert "> :::{container} recipe\n>\n> ~~~bash\n" in body
    assert ":::{callout} Setting the table\n:label: setting-the-table\n1.  Put out" in body
    assert "    ~~~bash\n    pot --carry\n" in body
    assert sorted(str(item).split(":")[1] for item in imported.items) == ["28", "34"]


def test_imported_lesson_builds_without_warnings(imported, make_app):
    from helpers import page, run_build

    episode = page(run_build(make_app("html", srcdir=imported.dest)), "_episodes/01-brewing")
    article = episode.select_one("article")
    assert len(article.select(".exercise")) == 2 and len(article.select(".solution")) == 2
    callout = article.select_one(".callout")
    assert callout.get("id") == "setting-the-table" or callout.select_one("#setting-the-table")
    assert len(callout.select("div.highlight-bash")) == 2
    assert article.select_one("blockquote div.recipe div.highlight-bash") is not None
    assert article.select_one('a[href="#setting-the-table"]') is not None
    assert article.select_one(".keypoints li code").get_text() == "kettle --pour"
    text = article.get_text()
    for literal in ("{:", "{#", ":::", "</div>"):
        assert literal not in text


def test_lesson_read_in_place_builds_cleanly(copy_root):
    html = copy_root("carpentries-containers").build().page("steps")
    article = html.select_one('[role="main"]')
    items = article.select("ol > li")
    assert [len(item.select("div.highlight-bash, div.highlight-output")) for item in items] == [
        1,
        1,
    ]
    challenge = article.select_one(".exercise")
    assert challenge.select_one("div.recipe div.highlight-bash") is not None
    serving = article.select_one("div.serving")
    assert serving is not None and serving.get("id") == "serving"
    assert serving.select_one("li").get_text(strip=True) == "Pour through a strainer."
    assert article.select_one('a[href="#serving"]') is not None
    assert article.select_one("em").get_text() == "plain"
    for literal in ("{:", ":::", "<div", "</div>"):
        assert literal not in article.get_text()


def test_lazy_line_after_a_list_item_paragraph_in_a_quote():
    text = to_myst(
        "> ## Clone\n>\n> 1.  Clone the repository\n>     into a folder, then look at\n"
        "      > the folder.\n>\n> 2.  Done.\n{: .callout}\n"
    )
    assert text.startswith(":::{callout} Clone\n") and "> the folder." in text
    # Indented code (4 columns past the item's content) takes no lazy line.
    # The quote stays a quote; the class goes to the paragraph it follows.
    code = to_myst("> 1. item\n>\n>        code\nafter\n{: .callout}\n")
    assert code == "> 1. item\n>\n>        code\n:::{callout}\nafter\n:::\n"
