"""Carpentries Workbench markdown: the rewrite, and builds with ``refinery_workbench``."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest
from helpers import TESTS, page, the_one_problem

from sphinx_refinery.blocks.kinds import KINDS_BY_NAME
from sphinx_refinery.sources.workbench import (
    BLOCK_CLASSES,
    KNOWN_CLASSES,
    TAB_CLASSES,
    may_need_rewrite,
    rewrite,
    to_myst,
)

LESSON = TESTS / "workbench-lesson"


def md(text: str) -> str:
    """Dedented text without the first newline, so tests read like files."""
    return dedent(text).removeprefix("\n")


def check(source: str, expected: str, *, same_length: bool = True) -> None:
    """``source`` rewrites to ``expected``, again changes nothing, lines stay put."""
    result = to_myst(md(source))
    assert result == md(expected)
    assert to_myst(result) == result
    if same_length:
        assert len(result.split("\n")) == len(md(source).split("\n"))


# -- fenced divs ---------------------------------------------------------------------


def test_nested_three_deep_with_any_colon_counts():
    check(
        """
        ::: challenge

        ## Challenge 1: Can you do it?

        What is printed?

        :::::::::::::::::::::::::::::::::::::::::: solution

        ### Output

        :::::: hint
        Think.
        :::
        Printed.
        :::
        :::::::::::
        After.
        """,
        """
        :::::{challenge} Challenge 1: Can you do it?



        What is printed?

        ::::{solution} Output



        :::{hint}
        Think.
        :::
        Printed.
        ::::
        :::::
        After.
        """,
    )


@pytest.mark.parametrize(
    "opener",
    [
        "::: callout",
        ":::callout",
        "::::::::: callout :::::::::",
        "::: {.callout}",
        ":::{.callout}",
        "::: { .callout }",
        "::: {.callout .wide}",
    ],
)
def test_opening_fence_spellings(opener):
    result = to_myst(f"{opener}\n## Note\nText.\n:::\n")
    lines = result.split("\n")
    assert lines[0] == ":::{callout} Note"
    assert lines[2:4] == ["Text.", ":::"]
    if ".wide" in opener:
        assert lines[1] == ":class: wide"


def test_every_workbench_class_maps_to_a_registered_directive():
    assert set(KNOWN_CLASSES) == set(BLOCK_CLASSES) | set(TAB_CLASSES)
    names = {name for kind in KINDS_BY_NAME.values() for name in kind.directive_names}
    assert set(BLOCK_CLASSES.values()) <= names
    for cls in BLOCK_CLASSES:
        assert to_myst(f"::: {cls}\ntext\n:::\n") == f":::{{{BLOCK_CLASSES[cls]}}}\ntext\n:::\n"


def test_heading_titles_any_level_after_empty_lines_and_their_ids():
    check(
        """
        ::::::: {.discussion #talk}


        ### Talk about it {#ignored}

        Body.
        :::::::
        """,
        """
        :::{discussion} Talk about it
        :name: talk



        Body.
        :::
        """,
    )
    check(
        "::: callout\n## Note {#note-id}\nBody.\n:::\n",
        ":::{callout} Note\n:name: note-id\nBody.\n:::\n",
    )


def test_untitled_block_and_heading_that_is_not_first():
    check(
        """
        ::: keypoints

        - One.

        ## Not a title
        :::
        """,
        """
        :::{keypoints}

        - One.

        ## Not a title
        :::
        """,
    )


def test_first_content_line_that_looks_like_an_option_stays_content():
    result = to_myst("::: callout\n:smile: is not an option\n:::\n")
    assert result == ":::{callout}\n\n:smile: is not an option\n:::\n"
    result = to_myst("::: {.callout #c}\n## T\n:key: text\n:::\n")
    assert result == ":::{callout} T\n:name: c\n\n:key: text\n:::\n"


def test_existing_myst_directives_take_part_in_the_nesting():
    check(
        """
        ::: challenge
        :::{note}
        Inside.
        :::
        :::
        ::::{admonition} Kept
        Plain.
        ::::
        """,
        """
        ::::{challenge}
        :::{note}
        Inside.
        :::
        ::::
        ::::{admonition} Kept
        Plain.
        ::::
        """,
    )


def test_code_fences_are_never_touched():
    source = md("""
        ::: challenge

        ```markdown
        ::: solution
        ## Not a title
        ![x](y.png){alt='z'}
        :::
        ```

        ~~~~
        ## Heading {#not-an-anchor}
        ~~~~

        ````
        ```{.error}
        ````
        :::
        """)
    result = to_myst(source)
    assert result.split("\n")[1:-2] == source.split("\n")[1:-2]
    assert result.startswith(":::{challenge}\n")


def test_tab_div_becomes_tabs_with_one_tab_per_heading():
    check(
        """
        ::::::: tab

        Before the tabs.

        ### Windows

        Use the installer.

        ### macOS {#mac}

        :::: callout
        Nested.
        ::::

        :::::::
        """,
        """


        Before the tabs.
        :::::{tabs}
        ::::{tab} Windows

        Use the installer.
        ::::
        ::::{tab} macOS

        :::{callout}
        Nested.
        :::
        ::::
        :::::
        """,
    )


def test_group_tab_and_deeper_headings_inside_a_tab():
    result = to_myst(
        md("""
        ::: group-tab
        ### Linux
        #### Details
        Text.
        ### Windows
        Other.
        :::
        """)
    )
    assert result.startswith("::::{tabs}\n:::{group-tab} Linux\n#### Details\n")
    assert ":::{group-tab} Windows" in result
    assert result.endswith(":::\n::::\n")
    assert "#### Details" in result
    assert result.count("{group-tab}") == 2


def test_closing_fence_lengths_follow_the_structure_not_the_author():
    # Pandoc closes the innermost div with any fence of three or more colons.
    result = to_myst("::::: callout\n::: spoiler\nA\n:::::::::::::::\n:::\n")
    assert result == "::::{callout}\n:::{spoiler}\nA\n:::\n::::\n"


# -- attributes, code fences, titles ----------------------------------------------------


def test_heading_anchor_becomes_a_label_in_the_empty_line_before():
    check(
        "Text.\n\n## Heading {#my-id}\n\nMore.\n",
        "Text.\n(my-id)=\n## Heading\n\nMore.\n",
    )
    check("## Unnumbered {.unnumbered}\n", "## Unnumbered\n")
    # A MyST role at the end of a heading is not an attribute list.
    text = "## See {ref}`target`\n"
    assert to_myst(text) is text


def test_standalone_image_with_attributes_becomes_a_figure():
    result = to_myst("![Visits per day](fig/bars.svg){alt='Three bars growing' width=\"50%\"}\n")
    assert result == md("""
        ```{figure} fig/bars.svg
        :alt: Three bars growing
        :width: 50%
        Visits per day
        ```
        """)
    assert to_myst('![](a.png){alt="Only alt"}\n') == "```{image} a.png\n:alt: Only alt\n```\n"


def test_inline_image_gets_the_alt_text():
    result = rewrite("A ![icon](i.png){alt='a bird' width=20} here.\n")
    assert result.text == "A ![a bird](i.png) here.\n"
    assert [p.warning for p in result.problems] == [False]


@pytest.mark.parametrize(
    ("info", "language"),
    [("{.error}", "error"), ("{.output}", "output"), ("{ .r .numberLines}", "r"),
     ("{r}", "r"), ("{r setup, include=FALSE}", "r"), ("{python}", "python")],
)  # fmt: skip
def test_code_fence_brace_forms_become_plain_languages(info, language):
    result = rewrite(f"```{info}\nx <- 1\n```\n")
    assert result.text == f"```{language}\nx <- 1\n```\n"
    assert not any(problem.warning for problem in result.problems)


def test_myst_directive_fences_keep_their_braces():
    text = "```{code-block} python\nx = 1\n```\n\n```{note}\nN.\n```\n"
    assert to_myst(text) is text


def test_front_matter_title_becomes_the_page_title():
    check(
        """
        ---
        title: "Counting birds"
        teaching: 10
        ---

        ## First section
        """,
        """
        ---
        title: "Counting birds"
        teaching: 10
        ---
        # Counting birds
        ## First section
        """,
    )
    with_h1 = "---\ntitle: T\n---\n\n# Own title\n\n## S\n"
    assert to_myst(with_h1) is with_h1
    without_title = "---\nteaching: 5\n---\n\n## S\n"
    assert to_myst(without_title) is without_title


def test_files_without_workbench_syntax_are_returned_unchanged():
    plain = "# Title\n\nText with a [link](x.md) and `code`.\n\n```python\nprint(1)\n```\n"
    assert not may_need_rewrite(plain)
    assert rewrite(plain).text is plain
    myst = "# T\n\n::::{exercise} E\n:::{solution}\nS\n:::\n::::\n\n```{note}\nN\n```\n"
    assert rewrite(myst).text is myst


@pytest.mark.parametrize("keep_lines", [True, False])
def test_idempotent_on_the_example_lesson(keep_lines):
    for path in sorted(LESSON.rglob("*.*md")):
        once = rewrite(path.read_text(encoding="utf-8"), keep_lines=keep_lines).text
        assert rewrite(once, keep_lines=keep_lines).text == once, path


def test_line_numbers_are_kept_on_the_example_episodes():
    for path in sorted((LESSON / "episodes").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        added = 2 * len(re.findall(r"^!\[.+\{alt=", text, re.MULTILINE))
        # A figure takes 4 more lines than its image; 2 are empty lines around it.
        assert len(to_myst(text).split("\n")) == len(text.split("\n")) + added, path.name


# -- problems --------------------------------------------------------------------------


def test_unknown_class_keeps_the_content_in_a_container_and_reports_the_line():
    result = rewrite("Text.\n\n::: {.sidebar #side}\n## Aside\nKept.\n:::\n")
    # The option line takes the place of the empty line before the fence.
    text = "Text.\n:::{container} sidebar\n:name: side\n## Aside\nKept.\n:::\n"
    the_one_problem(result, text, 3, "'sidebar'", "challenge")


def test_unbalanced_fences_are_reported_and_content_kept():
    result = rewrite("A\n:::\nB\n::: callout\nC\n")
    assert result.text == "A\n\nB\n:::{callout}\nC\n\n:::"
    assert [(p.line, "closing" in p.message) for p in result.problems] == [(2, True), (4, False)]
    assert "never closed" in result.problems[1].message


def test_scales_linearly():
    text = "::: callout\n## T\nText.\n:::\n\n" * 20000
    result = rewrite(text)
    assert result.text.count(":::{callout} T") == 20000


# -- Sphinx builds -----------------------------------------------------------------------


@pytest.fixture
def workbench_html(copy_root):
    return copy_root("workbench").build()


def test_workbench_episode_html(workbench_html):
    html = page(workbench_html, "episode")
    main = html.select_one("[role=main]")
    assert main.select_one("h1").get_text(strip=True).rstrip("¶") == "Counting birds"
    assert [h.get_text(strip=True).rstrip("¶") for h in main.select("h2")] == [
        "Tallies",
        "Going further",
    ]
    assert main.select_one("div.questions") and main.select_one("div.objectives")
    exercise = main.select_one("div.exercise")
    # The title's own "Challenge 1:" gives way to the extension's number.
    title = exercise.select_one(".admonition-title").get_text()
    assert title == "Exercise 1: Add the tallies"
    solution = exercise.select_one("details.solution")
    assert solution.select_one("summary").get_text(strip=True) == "Answer"
    assert solution.select_one("details.hint") is not None
    assert solution.select_one("div.highlight-output") is not None
    # Instructor notes are in the instructor copy of the page (refinery_views).
    assert main.select_one("div.instructor-note") is None
    instructor = page(workbench_html, "instructor/episode").select_one("[role=main]")
    assert "Draw a tally" in instructor.select_one("div.instructor-note").get_text()
    callout = main.select_one("div.callout")
    assert callout.select_one(".admonition-title").get_text(strip=True) == "Remember"
    assert main.select_one("div.keypoints") is not None
    # Anchors, images, output fences.
    assert main.select_one("section#tallies") is not None
    assert main.select_one('a[href="#tallies"]') is not None
    figure = main.select_one("figure")
    assert figure.img["alt"] == "Three bars that grow from left to right"
    assert "Visits per day" in figure.figcaption.get_text()
    assert main.select_one('img[alt="bar icon"]') is not None
    assert "object 'birds' not found" in main.select_one("div.highlight-error").get_text()
    assert main.select_one("div.highlight-warning") is not None
    text = main.get_text()
    assert ":::" not in text and "{#" not in text and "{alt" not in text


def test_workbench_metadata_and_tabs(workbench_html):
    env = workbench_html.env
    metadata = env.metadata["episode"]
    assert (metadata["teaching"], metadata["exercises"], metadata["break"]) == ("10", "15", "5")
    assert env.titles["episode"].astext() == "Counting birds"
    html = page(workbench_html, "setup")
    spoiler = html.select_one("details.spoiler")
    assert spoiler.select_one("summary").get_text(strip=True) == "Which one?"
    group = spoiler.select("div.refinery-tab-panel")
    assert [panel["data-refinery-tab-sync"] for panel in group] == ["Windows", "macOS"]
    sets = html.select("div.refinery-tabs")
    labels = [p.get_text(strip=True) for p in sets[-1].select("p.refinery-tab-label")]
    assert labels == ["Python", "R"]
    assert html.select_one("div.discussion .admonition-title").get_text(strip=True) == "Details"


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_workbench_other_builders(builder, copy_root):
    copy_root("workbench").build(builder)


def test_off_by_default(copy_root):
    sources = copy_root("workbench")
    conf = sources / "conf.py"
    conf.write_text(conf.read_text().replace("refinery_workbench = True", ""), encoding="utf-8")
    app = sources.build(strict=False)
    assert app.config.refinery_workbench is False
    assert app.page("episode").select_one("div.exercise") is None


def test_unknown_and_unbalanced_divs_warn_with_file_and_line(copy_root):
    app = copy_root("workbench-warnings").build(strict=False)
    warnings = app.warnings.splitlines()
    found = [
        (int(m[1]), m[2])
        for line in warnings
        if (m := re.search(r"broken\.md:(\d+): WARNING: (.*) \[refinery\.workbench\]", line))
    ]
    assert [line for line, _ in found] == [7, 15, 17]
    assert "unknown Workbench div class 'sidebar'" in found[0][1]
    assert "callout, caution, challenge" in found[0][1]
    assert len(warnings) == 3
    text = app.page("broken").select_one("[role=main]").get_text()
    for sentence in ("Kept in a container.", "Text between.", "Still shown."):
        assert sentence in text


def test_a_heading_two_levels_down_nests_as_myst_nests_it(workbench_html):
    # The build fails on warnings: MyST's "Non-consecutive header level" is gone, and
    # the heading sits where MyST put it anyway, one level below "Going further".
    html = workbench_html.page("episode")
    [heading] = [h for h in html.select("h3") if "A question to ask" in h.get_text()]
    assert "Going further" in heading.find_parent("section").find_parent("section").h2.get_text()
