"""Carpentries (Jekyll/kramdown) markdown rewritten to MyST: the text transform and builds."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest
from helpers import ROOTS, normalized_text, the_one_problem
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_refinery.sources.carpentries import KIND_CLASSES, convert, may_need_conversion, to_myst


def md(text: str) -> str:
    """Dedented text without the first newline, so tests read like files."""
    return dedent(text).removeprefix("\n")


def check(source: str, expected: str, **options: object) -> None:
    """``source`` converts to ``expected``, and converting again changes nothing."""
    result = to_myst(md(source), **options)
    assert result == md(expected)
    assert to_myst(result, **options) == result


# -- blockquote blocks -------------------------------------------------------------


def test_titled_block_keeps_every_line_in_place():
    source = md("""
        > ## Sort the list
        >
        > Write a function.
        {: .challenge}
        After the block.
        """)
    result = to_myst(source)
    assert result == md("""
        :::{challenge} Sort the list

        Write a function.
        :::
        After the block.
        """)
    assert len(result.splitlines()) == len(source.splitlines())


@pytest.mark.parametrize("cls", sorted(KIND_CLASSES))
def test_every_lesson_block_class(cls):
    check(
        f"> ## T\n> body\n{{: .{cls}}}\n",
        f":::{{{KIND_CLASSES[cls]}}} T\nbody\n:::\n",
    )


@pytest.mark.parametrize(
    "attributes", ["{: .callout}", "{:.callout}", "{: callout}", "{: .callout }", "{: .callout #x}"]
)
def test_attribute_line_spellings(attributes):
    check(f"> ## T\n> body\n{attributes}\n", ":::{callout} T\nbody\n:::\n")


def test_heading_levels_and_closing_hashes():
    check("> # One\n{: .callout}\n", ":::{callout} One\n:::\n")
    check("> ### Three ###\n> x\n{: .callout}\n", ":::{callout} Three\nx\n:::\n")
    check("> ##No space\n{: .callout}\n", ":::{callout} No space\n:::\n")


def test_untitled_block_reuses_the_empty_line_before():
    check(
        """
        Text.

        > Just a body.
        {: .callout}
        """,
        """
        Text.
        :::{callout}
        Just a body.
        :::
        """,
    )


def test_untitled_block_without_empty_line_before_gains_a_line():
    check(
        """
        > Body at the top.
        {: .keypoints}
        Text.
        > Body after text.
        {: .callout}
        """,
        """
        :::{keypoints}
        Body at the top.
        :::
        Text.
        :::{callout}
        Body after text.
        :::
        """,
    )


def test_nested_three_deep_with_growing_fences():
    check(
        """
        > ## Challenge
        >
        > Question.
        >
        > > ## Solution
        > >
        > > Answer.
        > >
        > > > ## Hint
        > > > Think.
        > > {: .hint}
        > {: .solution}
        {: .challenge}
        """,
        """
        :::::{challenge} Challenge

        Question.

        ::::{solution} Solution

        Answer.

        :::{hint} Hint
        Think.
        :::
        ::::
        :::::
        """,
    )


def test_siblings_and_text_after_a_nested_block():
    check(
        """
        > ## One
        > > ## Sol
        > > a
        > {: .solution}
        > between
        > > ## Hint
        > > b
        > {: .hint}
        {: .exercise}
        """,
        """
        ::::{exercise} One
        :::{solution} Sol
        a
        :::
        between
        :::{hint} Hint
        b
        :::
        ::::
        """,
    )


def test_blocks_in_a_list_item_keep_their_indentation():
    check(
        """
        1. Step one.
           > ## Note
           > Indented body.
           {: .callout}
        """,
        """
        1. Step one.
           :::{callout} Note
           Indented body.
           :::
        """,
    )


def test_quotation_class_keeps_a_plain_blockquote():
    result = convert(md("> Wise words.\n{: .quotation}\n"))
    assert result.text == "> Wise words.\n\n"
    assert result.problems == []


def test_unknown_class_keeps_a_plain_quote_and_reports_the_line():
    result = convert(
        md("""
        Intro.

        > ## Mystery
        > Body.
        {: .mystery .other}
        """)
    )
    assert result.text == md("""
        Intro.

        > ## Mystery
        > Body.

        """)
    [problem] = result.problems
    assert problem.line == 5
    assert ".mystery .other" in problem.message
    assert "{: .callout}" in problem.message


def test_inside_an_unknown_block_fences_and_blocks_still_convert():
    check(
        """
        > ~~~
        > ls
        > ~~~
        > {: .language-bash}
        > > ## Inner
        > > x
        > {: .callout}
        {: .unknown}
        """,
        """
        > ~~~bash
        > ls
        > ~~~
        >
        > :::{callout} Inner
        > x
        > :::

        """,
    )


def test_plain_blockquote_without_attributes_is_untouched():
    source = md("""
        > A quote {: inline} with braces.
        > > nested
        {: .callout}
        """)
    assert to_myst(source) == md("""
        :::{callout}
        A quote {: inline} with braces.
        > nested
        :::
        """)
    plain = "> A quote.\n> {: looks like}\nText.\n"
    assert to_myst(plain) == "> A quote.\n>\nText.\n"


def test_stray_attribute_lines_are_dropped():
    check(
        """
        ![A plot](fig/plot.png)
        {: .image-with-shadow}

        ## Heading
        {: #custom-id}
        """,
        """
        ![A plot](fig/plot.png)


        ## Heading

        """,
    )


def test_first_content_line_that_looks_like_options_is_kept_as_content():
    check(
        "> ## T\n> :key: value is text\n{: .callout}\n",
        ":::{callout} T\n\n:key: value is text\n:::\n",
    )
    check("> ---\n> after a rule\n{: .callout}\n", ":::{callout}\n\n---\nafter a rule\n:::\n")
    check(
        "```\n:x: first\n```\n{: .error}\n",
        "```{code-block} output\n:class: error\n\n:x: first\n```\n",
    )


# -- code fences ----------------------------------------------------------------------


@pytest.mark.parametrize("fence", ["```", "~~~", "````", "~~~~~"])
def test_fence_languages(fence):
    check(
        f"{fence}\necho hi\n{fence}\n{{: .language-bash}}\nNext.\n",
        f"{fence}bash\necho hi\n{fence}\n\nNext.\n",
    )


@pytest.mark.parametrize("attributes", ["{: .output}", "{: output}", "{:.output}"])
def test_output_fence(attributes):
    check(f"```\n$ ls\nfile.txt\n```\n{attributes}\n", "```output\n$ ls\nfile.txt\n```\n\n")


def test_error_fence_keeps_the_lines_after_it_in_place():
    check(
        """
        ~~~
        Traceback
        ~~~
        {: .error}
        After.
        """,
        """
        ~~~{code-block} output
        :class: error
        Traceback
        ~~~
        After.
        """,
    )


def test_error_fence_with_an_error_lexer_is_one_line():
    check("~~~\nboom\n~~~\n{: .error}\n", "~~~error\nboom\n~~~\n\n", lexers={"error"})
    check("```\n```\n{: .error}\n", "```error\n```\n\n", lexers={"error"})
    check("```\nw\n```\n{: .warning}\n", "```warning\nw\n```\n\n", lexers={"warning"})


def test_empty_error_fence_is_plain_output():
    check("```\n```\n{: .error}\n", "```output\n```\n\n")


def test_source_fence_keeps_its_info():
    check("```python\nx = 1\n```\n{: .source}\n", "```python\nx = 1\n```\n\n")
    check("```\nx = 1\n```\n{: .source}\n", "```\nx = 1\n```\n\n")


def test_older_bare_language_classes():
    check("~~~\nprint(1)\n~~~\n{: .python}\n", "~~~python\nprint(1)\n~~~\n\n")
    check("~~~\nx <- 1\n~~~\n{: .r}\n", "~~~r\nx <- 1\n~~~\n\n")


def test_block_class_on_a_fence_makes_that_directive_as_sphinx_lesson_did():
    check("```\nSome *text*.\n```\n{: .callout}\n", "```{callout}\nSome *text*.\n```\n\n")


def test_unknown_fence_class_is_reported():
    result = convert("```\nx\n```\n{: .nonsense-class}\n")
    the_one_problem(result, "```\nx\n```\n\n", 4, ".nonsense-class")


def test_fences_inside_blockquotes():
    check(
        """
        > ## Run it
        > ~~~
        > python sort.py
        > ~~~
        > {: .language-bash}
        >
        > ```
        > [1, 2]
        > ```
        > {: .output}
        {: .challenge}
        """,
        """
        :::{challenge} Run it
        ~~~bash
        python sort.py
        ~~~


        ```output
        [1, 2]
        ```

        :::
        """,
    )


def test_code_fence_content_is_never_transformed():
    source = md("""
        ````
        > ## Not a block
        > ~~~
        > x
        > ~~~
        > {: .output}
        {: .challenge}
        ```
        still code
        ````

        ~~~
        unclosed code
        > ## x
        {: .callout}
        """)
    assert to_myst(source) == source


def test_directive_fences_and_their_attribute_lines():
    source = "```{code-block} python\nx\n```\n{: .output}\n"
    assert to_myst(source) == "```{code-block} python\nx\n```\n\n"


def test_fence_like_lines_inside_a_block_make_its_fence_longer():
    check(
        """
        > ## Colons
        > ```
        > ::::
        > ```
        {: .callout}
        """,
        """
        :::::{callout} Colons
        ```
        ::::
        ```
        :::::
        """,
    )


def test_backtick_directive_fences_without_colon_fence():
    check(
        """
        > ## Outer
        > ````
        > code
        > ````
        > > ## Sol
        > > x
        > {: .solution}
        {: .challenge}
        """,
        """
        `````{challenge} Outer
        ````
        code
        ````
        ```{solution} Sol
        x
        ```
        `````
        """,
        colon_fences=False,
    )


# -- context: front matter, MyST directives, switches, images -------------------------------


def test_front_matter_is_left_alone():
    source = "---\ntitle: '{: .challenge}'\n---\n> ## T\n{: .callout}\n"
    assert to_myst(source) == "---\ntitle: '{: .challenge}'\n---\n:::{callout} T\n:::\n"


def test_blocks_inside_a_colon_directive_lengthen_it():
    check(
        """
        :::{note}
        > ## Inside a note
        > text
        {: .callout}
        :::

        :::{code-block} text
        > ## Literal
        {: .callout}
        :::
        """,
        """
        ::::{note}
        :::{callout} Inside a note
        text
        :::
        ::::

        :::{code-block} text
        > ## Literal
        {: .callout}
        :::
        """,
    )


def test_switches():
    source = md("""
        > ## T
        {: .callout}
        ```
        x
        ```
        {: .output}
        """)
    assert to_myst(source, blocks=False) == md("""
        > ## T
        {: .callout}
        ```output
        x
        ```

        """)
    assert to_myst(source, fences=False) == md("""
        :::{callout} T
        :::
        ```
        x
        ```
        {: .output}
        """)
    assert to_myst(source, blocks=False, fences=False) is source


def test_html_images_only_when_asked():
    source = md("""
        Look:
        <img src="{{ page.root }}/fig/plot.png" alt="A plot" style="border: 1px solid" width="50%"/>
        Inline <img src="x.png"> stays.
        """)
    assert to_myst(source) is source
    assert to_myst(source, images=True) == md("""
        Look:
        :::{figure} /fig/plot.png
        :alt: A plot
        :width: 50%
        :class: with-border
        :::
        Inline <img src="x.png"> stays.
        """)
    assert to_myst("<img alt='no source'>\n", images=True) == "<img alt='no source'>\n"


def test_text_without_carpentries_syntax_is_the_same_object():
    source = "# Title\n\n> A quote.\n\n```\n{: not at line start\n```\n" * 50
    assert not may_need_conversion("# Title\n> quote\n")
    assert convert(source).text is source
    assert to_myst("> ## x\n> y\n") == "> ## x\n> y\n"


def test_pathological_nesting_neither_recurses_too_deep_nor_crashes():
    deep_quote = "> " * 2000 + "## T\n" + "{: .callout}\n"
    assert to_myst(deep_quote).startswith(":::{callout}\n")
    unclosed = ":::{note}\n" * 3000 + "> ## T\n{: .callout}\n"
    assert to_myst(unclosed) == unclosed  # too deep to look into: copied unchanged
    nested = "".join("> " * k + "## Level\n" for k in range(1, 40)) + "{: .callout}\n"
    assert to_myst(to_myst(nested)) == to_myst(nested)


# -- property: idempotent, and no text is lost ------------------------------------------------

WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
ATTRIBUTES = st.sampled_from(
    ["", "{: .challenge}", "{: .solution}", "{: .callout}", "{: hint}", "{: .quotation}",
     "{: .unknown}"]
)  # fmt: skip
FENCE_ATTRIBUTES = st.sampled_from(
    ["", "{: .output}", "{: .error}", "{: .source}", "{: .language-bash}", "{: output}"]
)
CODE_LINES = st.sampled_from(["> ## code title", "{: .challenge}", ":::", "::::", "> > x", "#"])


class Doc:
    """Draws random Carpentries documents and remembers their text lines."""

    def __init__(self, draw) -> None:
        self.draw = draw
        self.serial = 0
        self.texts: list[str] = []

    def text(self) -> str:
        self.serial += 1
        line = f"t{self.serial} {self.draw(WORDS)}"
        self.texts.append(line)
        return line

    def elements(self, depth: int) -> list[str]:
        lines: list[str] = []
        kinds = ["text", "blank", "fence"] + (["quote"] if depth < 4 else [])
        for _ in range(self.draw(st.integers(0, 4))):
            kind = self.draw(st.sampled_from(kinds))
            if kind == "text":
                lines.append(self.text())
            elif kind == "blank":
                lines.append("")
            elif kind == "fence":
                lines += self.fence()
            else:
                lines += self.quote(depth)
        return lines

    def fence(self) -> list[str]:
        fence = self.draw(st.sampled_from(["```", "~~~", "````"]))
        body = [self.text() if self.draw(st.booleans()) else self.draw(CODE_LINES) for _ in "ab"]
        attributes = self.draw(FENCE_ATTRIBUTES)
        return [fence, *body, fence] + ([attributes] if attributes else [])

    def quote(self, depth: int) -> list[str]:
        inner = self.elements(depth + 1)
        if self.draw(st.booleans()):
            inner.insert(0, "## " + self.text())
        attributes = self.draw(ATTRIBUTES)
        return [f"> {line}".rstrip() for line in inner] + ([attributes] if attributes else [])


@st.composite
def documents(draw) -> tuple[str, list[str]]:
    doc = Doc(draw)
    lines = doc.elements(0)
    return "\n".join(lines) + "\n", doc.texts


OPTIONS = st.fixed_dictionaries(
    {"colon_fences": st.booleans(), "blocks": st.booleans(), "fences": st.booleans()}
)


@settings(max_examples=300, deadline=None)
@given(documents(), OPTIONS)
def test_property_idempotent_and_lossless(document, options):
    source, texts = document
    once = to_myst(source, **options)
    assert to_myst(once, **options) == once
    for text in texts:
        assert text in once
    if "{:" not in source:
        assert once is source


# -- builds ------------------------------------------------------------------------------------


def _prose_sentences(path: Path) -> list[str]:
    """Every prose sentence of a Carpentries episode (quote prefixes removed)."""
    sentences = []
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^(> ?)+", "", line).strip()
        if line.startswith(("```", "~~~")):
            in_code = not in_code
        elif not in_code and re.fullmatch(r"[A-Z][^{}`#]*[.:]", line):
            sentences.append(line)
    return sentences


@pytest.fixture(params=["html", "text"])
def built(request, copy_root):
    return copy_root("carpentries").build(request.param)


def test_episode_builds_without_warnings_and_keeps_every_sentence(built):
    episode = ROOTS / "test-carpentries" / "episode.md"
    sentences = _prose_sentences(episode)
    assert len(sentences) >= 12
    if built.builder.name == "html":
        text = built.page("episode").select_one("[role=main]").get_text(" ")
    else:
        text = built.text("episode.txt")
    text = normalized_text(text)
    assert [s for s in sentences if s not in text] == []


def test_episode_html_has_the_blocks(copy_root):
    html = copy_root("carpentries").build().page("episode")
    exercise = html.select_one("div.exercise")
    assert "Sort the list" in exercise.select_one(".admonition-title").get_text()
    solution = exercise.select_one("details.solution")
    assert solution is not None
    assert "Solution" in solution.select_one("summary").get_text()
    hint = solution.select_one("details.hint")
    assert "Hint inside the solution" in hint.get_text()
    assert solution.select_one("div.highlight-python") is not None
    assert html.select_one("div.prerequisites .admonition-title").get_text(strip=True)
    callouts = html.select("div.callout")
    assert [c.select_one(".admonition-title").get_text(strip=True) for c in callouts] == [
        "Callout",
        "Sorting is stable",
    ]
    assert html.select_one("div.keypoints") is not None
    assert html.select_one("div.highlight-bash") is not None
    assert "[1, 2, 3]" in html.select_one("div.highlight-output").get_text()
    # An ``error`` lexer (registered by the Workbench support) or a code-block with class error.
    errors = html.select("div.highlight-error, div.error.highlight-output")
    assert len(errors) == 2
    assert "TypeError" in errors[0].get_text()
    assert ":0: Error output" in errors[1].get_text()
    assert "Lines that start with a colon" in html.select_one("div.discussion").get_text()
    assert "This quotation" in html.select_one("blockquote").get_text()
    # Attribute lines survive only inside the code block that shows them.
    main = html.select_one("[role=main]")
    for pre in main.select("pre"):
        pre.decompose()
    assert "{:" not in main.get_text()
    assert "Not a block title" not in main.get_text()


def test_rest_sources_are_not_rewritten(copy_root):
    literal = copy_root("carpentries").build().page("untouched").select_one("pre").get_text()
    assert "{: .challenge}" in literal
    assert "> ## Literal quote title" in literal


def test_switched_off_by_sphinx_lesson_names(copy_root):
    app = copy_root("carpentries").build(
        confoverrides={
            "sphinx_lesson_transform_block_quotes": False,
            "sphinx_lesson_transform_code_fences": False,
        },
        strict=False,
    )
    html = app.page("episode")
    assert html.select_one("div.exercise") is None
    assert "{: .challenge}" in html.get_text()


def test_master_switch(copy_root):
    app = copy_root("carpentries").build(
        confoverrides={"refinery_carpentries": False}, strict=False
    )
    assert app.page("episode").select_one("div.callout") is None


def test_unknown_classes_warn_with_file_and_line(copy_root):
    app = copy_root("carpentries-warnings").build(strict=False)
    warnings = app.warnings
    assert re.search(
        r"index\.md:7: WARNING: unknown Carpentries block class \.mystery: .*"
        r"\[refinery\.carpentries\]",
        warnings,
    )
    assert re.search(r"index\.md:12: WARNING: unknown class \.nonsense-language-class", warnings)
    assert "Mystery body text." in app.page("index").select_one("blockquote").get_text()


def test_later_warnings_keep_their_source_lines(copy_root):
    warnings = copy_root("carpentries-warnings").build(strict=False).warnings
    assert re.search(r"index\.md:25: WARNING: unknown document: '?missing-page", warnings)
    assert re.search(r"index\.md:28: WARNING: unknown document: '?missing-too", warnings)


def test_html_images_build_when_switched_on(copy_root):
    app = copy_root("carpentries").build(confoverrides={"sphinx_lesson_transform_html_img": True})
    img = app.page("images").select_one("figure img")
    assert img["alt"] == "A single dot"
    assert img["src"] == "_images/dot.png"
    assert "with-border" in img["class"]
    assert (app.outdir / "_images" / "dot.png").is_file()


def test_without_colon_fences_blocks_use_backtick_fences(copy_root):
    app = copy_root("carpentries").build(confoverrides={"myst_enable_extensions": ["dollarmath"]})
    html = app.page("episode")
    assert html.select_one("div.exercise details.solution details.hint") is not None
    assert len(html.select("div.callout")) == 2
