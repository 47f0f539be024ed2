"""The ``notes`` builder: one Markdown file of collaborative workshop notes."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOTS, Sources
from markdown_it import MarkdownIt

from sphinx_refinery.outputs.notes import escape

LOCALE = Path(__file__).parent.parent / "sphinx_refinery" / "locale"
NOTES = "data-plots-notes.md"
EPISODES = ["Introduction to data", "1. Plotting with R_lang #2", "Analysis"]
EXERCISES = [
    ("Exercise 1", "intro.html#exercise-0"),
    ("Exercise 2: Column types [check]", "intro.html#exercise-1"),
    ("Exercise 3: Draw a plot", "plotting.html#ex-plot"),
    ("Exercise 4", "analysis.html#exercise-0"),
]


def notes_of(app, name: str = NOTES) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def html_of(markdown: str) -> BeautifulSoup:
    """The notes as CommonMark with pipe tables (what HackMD reads) shows them."""
    return BeautifulSoup(MarkdownIt("commonmark").enable("table").render(markdown), "html.parser")


def notes_html(sources: Sources, name: str = NOTES, **confoverrides) -> BeautifulSoup:
    """Build the notes with ``confoverrides``; the notes file ``name`` as HTML."""
    return html_of(notes_of(sources.build("notes", confoverrides=confoverrides), name))


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [element.get_text() for element in soup.select(selector)]


def answer_list_after(heading) -> list[str]:
    """The items of the first list after ``heading`` (its answer area)."""
    answers = heading.find_next_sibling(["ul", "h2", "h3"])
    assert answers is not None and answers.name == "ul", heading
    return [item.get_text().strip() for item in answers.find_all("li", recursive=False)]


@pytest.fixture
def srcdir(copy_root) -> Sources:
    return copy_root("notes")


def test_notes_document(srcdir):
    app = srcdir.build("notes")
    assert [path.name for path in Path(app.outdir).iterdir() if path.is_file()] == [NOTES]
    markdown = notes_of(app)
    soup = html_of(markdown)

    assert texts(soup, "h1") == ["Data & Plots: workshop notes"]
    header = soup.find("ul").get_text()
    assert "Date: YYYY-MM-DD" in header
    assert soup.find("ul").find("a")["href"] == "index.html"

    # Episodes in toctree order (not alphabetical), then feedback and questions.
    assert texts(soup, "h2") == [*EPISODES, "Feedback", "Questions"]
    assert [a["href"] for a in soup.select("h2 > a")] == [
        "intro.html",
        "plotting.html",
        "analysis.html",
    ]

    exercises = [h for h in soup.select("h3") if h.get_text().startswith("Exercise")]
    assert [(h.get_text(), h.a["href"]) for h in exercises] == EXERCISES
    for heading in exercises:
        assert answer_list_after(heading) == ["", "", ""]

    discussions = [h for h in soup.select("h3") if h.get_text().startswith("Discussion")]
    assert [(h.get_text(), h.a["href"]) for h in discussions] == [
        ("Discussion", "intro.html#discussion-0"),
        ("Discussion: Good and bad", "plotting.html#discussion-0"),
        ("Discussion", "analysis.html#discussion-0"),
    ]
    first = discussions[0].find_next_sibling("p")
    assert first.get_text() == "Where does your data come from? See https://example.org/data."
    assert first.strong.get_text() == "your"
    assert first.a["href"] == "https://example.org/data"
    prompt_list = first.find_next_sibling("ul")
    assert prompt_list.li.get_text() == "A database"
    assert prompt_list.find_next_sibling("p").get_text() == "Answers:"
    assert answer_list_after(prompt_list.find_next_sibling("p")) == ["", "", ""]
    code = discussions[1].find_next_sibling("pre").code
    assert code["class"] == ["language-python"]
    assert code.get_text() == "plt.plot(x, y)  # `x` and *y*\n"
    for heading in discussions:
        label = heading.find_next_sibling("p", string="Answers:")
        assert label.find_previous_sibling("h3") is heading
        assert answer_list_after(label) == ["", "", ""]

    labels = soup.find_all("p", string="Questions")
    questions = [label.find_next_sibling("ul") for label in labels]
    assert [[li.get_text() for li in ul.find_all("li")] for ul in questions] == [
        ["What is a data frame?", "How do I read *.csv files with pd.read_csv()?"],
        ["How do I draw a line plot?", "Is 2*3 = 6, a_b_c or #1 & C# [safe]?"],
        ["How do I compute a mean?"],
    ]
    assert questions[0].find_all("code")[1].get_text() == "pd.read_csv()"

    feedback = soup.find("h2", string="Feedback")
    assert texts(soup, "h2 ~ h3")[-2:] == [
        "One good thing about today",
        "One thing to improve for next time",
    ]
    for heading in feedback.find_next_siblings("h3"):
        assert answer_list_after(heading) == ["", "", ""]
    assert answer_list_after(soup.find_all("h2")[-1]) == ["", "", ""]

    # Nothing of pages without answers, no solutions, no instructor notes.
    for absent in (
        "Glossary",
        "A lesson about data",
        "Objectives are not",
        "Key points",
        "callout",
        "SECRET",
        "Instructor notes never",
        "teaching text",
    ):
        assert absent not in markdown


def test_exercise_numbers_and_anchors_match_the_html(copy_root):
    html = copy_root("notes", "html").build()
    notes = copy_root("notes", "notes").build("notes")
    in_html = []
    for docname in ("intro", "plotting", "analysis"):
        for block in html.page(docname).select("div.exercise"):
            title = block.select_one(".admonition-title").get_text("", strip=True)
            in_html.append((title, f"{docname}.html#{block['id']}"))
    assert in_html == EXERCISES
    soup = html_of(notes_of(notes))
    in_notes = [(h.get_text(), h.a["href"]) for h in soup.select("h3") if "#exercise" in str(h)]
    assert in_notes == [entry for entry in EXERCISES if "#exercise" in entry[1]]


def test_links_filename_and_answer_lines(srcdir):
    soup = notes_html(
        srcdir,
        "day1.md",
        html_baseurl="https://example.org/lesson",
        refinery_notes_filename="day1.md",
        refinery_notes_extra_links={"Code of conduct": "https://example.org/coc"},
        refinery_notes_answer_lines=1,
    )
    header = soup.find("ul")
    assert [(li.strong.get_text(), li.a["href"]) for li in header.find_all("li")[1:]] == [
        ("Lesson:", "https://example.org/lesson/index.html"),
        ("Code of conduct:", "https://example.org/coc"),
    ]
    assert soup.select("h2 > a")[0]["href"] == "https://example.org/lesson/intro.html"
    assert soup.select("h3 > a")[0]["href"] == "https://example.org/lesson/intro.html#exercise-0"
    assert answer_list_after(soup.select("h3")[0]) == [""]


def test_notes_baseurl_overrides_html_baseurl(srcdir):
    soup = notes_html(
        srcdir,
        html_baseurl="https://example.org/old/",
        refinery_notes_baseurl="https://example.org/new/",
        refinery_notes_extra_links=[("Schedule", "https://example.org/a b(1)")],
    )
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "https://example.org/new/plotting.html#ex-plot" in hrefs
    assert "https://example.org/a%20b%281%29" in hrefs
    assert not [href for href in hrefs if "/old/" in href]


def test_incremental_build_writes_the_whole_document(copy_root):
    sources = copy_root("notes")
    first = notes_of(sources.build("notes"))
    unchanged = notes_of(sources.build("notes"))
    assert unchanged == first

    episode = sources / "analysis.md"
    episode.write_text(
        episode.read_text(encoding="utf-8").replace(":::{challenge}", ":::{challenge} Means"),
        encoding="utf-8",
    )
    app = sources.build("notes")
    updated = notes_of(app)
    assert "[Exercise 4: Means](analysis.html#exercise-0)" in updated
    assert texts(html_of(updated), "h2") == [*EPISODES, "Feedback", "Questions"]

    clean = copy_root("notes", "clean")
    (clean / "analysis.md").write_bytes(episode.read_bytes())
    assert notes_of(clean.build("notes")) == updated


def test_translated_headings(srcdir):
    soup = notes_html(srcdir, language="fi")
    h3 = texts(soup, "h3")
    # Block titles and exercise numbers have long been in the catalog.
    assert "Harjoitus 1" in h3
    assert "Harjoitus 3: Draw a plot" in h3
    assert "Keskustelu" in h3
    assert "Kysymykset" in texts(soup, "p")
    # The notes' own texts: translated as far as the catalog is.
    fi = gettext.translation("sphinx_refinery", LOCALE, ["fi"], fallback=True)
    assert texts(soup, "h1") == [fi.gettext("%s: workshop notes") % "Data & Plots"]
    assert texts(soup, "h2")[-2:] == [fi.gettext("Feedback"), fi.gettext("Questions")]
    assert h3[-2:] == [
        fi.gettext("One good thing about today"),
        fi.gettext("One thing to improve for next time"),
    ]
    assert fi.gettext("Answers:") in texts(soup, "p")


@pytest.mark.parametrize("root", ["test-blocks", "test-sphinx-lesson/content", "test-exercises"])
def test_other_lessons_build(copy_root, root):
    """Every block kind, reST and MyST, sphinx-lesson lessons: no crash, no warning."""
    app = copy_root(ROOTS / root).build("notes")
    (notes,) = Path(app.outdir).glob("*-notes.md")
    soup = html_of(notes.read_text(encoding="utf-8"))
    assert texts(soup, "h2")[-2:] == ["Feedback", "Questions"]


@pytest.mark.parametrize(
    "text",
    [
        "1. not a list",
        "2) nor this",
        "- nor this",
        "+ nor",
        "> no quote",
        "# no heading #",
        "=== no setext",
        "*no* _emphasis_ **here** __either__",
        "`no code` ``nor`` this",
        "[no](link) ![no](image) <https://no.autolink> <b>no html</b>",
        "&amp; &#35; stay as typed, R&D too",
        "a | b | c ~~no strike~~ $no math$",
        "back\\slash \\*",
    ],
)
def test_escaped_text_reads_as_typed(text):
    for markdown in (escape(text), f"- {escape(text)}", f"## {escape(text)}"):
        shown = html_of(markdown)
        assert shown.get_text().strip() == text, markdown
        assert not shown.find(["em", "strong", "code", "a", "img", "b", "h1", "hr", "ol"])


EVERYTHING = """# Everything

:::{questions}
Is a question without a list a question?
:::

::::{discussion} Many *kinds* of nodes
A paragraph with a footnote[^note], $E = mc^2$, {math}`x_1` and <b>raw</b> HTML.

[^note]: The footnote.

| Tool | Use |
|------|-----|
| git  | history |

Term
: Its definition.

![An image](https://example.org/i.png)

1. First
   ```
   ```inner fence```
   ```
2. Second
   - nested

> A quote.

:::{note}
An admonition inside.
:::

:::{hint}
SECRET-NESTED-HINT
:::

```{code-block} none
no highlighting
```
::::
"""


def test_any_node_type_in_a_discussion(srcdir):
    (srcdir / "everything.md").write_text(EVERYTHING, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("glossary\n", "glossary\neverything\n"),
        encoding="utf-8",
    )
    # In conf.py: confoverrides would lose to the lesson defaults (integrations.py).
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]\n')
    app = srcdir.build("notes")
    markdown = notes_of(app)
    section = markdown[markdown.index("## [Everything]") : markdown.index("## Feedback")]
    soup = html_of(section)
    assert texts(soup, "h3") == ["Discussion: Many kinds of nodes"]
    assert soup.find("li", string="Is a question without a list a question?") is not None
    text = soup.get_text()
    for shown in (
        "E = mc^2",
        "x_1",
        "git",
        "history",
        "Its definition.",
        "An image",
        "First",
        "Second",
        "nested",
        "A quote.",
        "An admonition inside.",
        "no highlighting",
    ):
        assert shown in text, shown
    assert "```inner fence```" in [code.get_text().strip() for code in soup.find_all("code")]
    assert texts(soup, "th") == ["Tool", "Use"]
    assert texts(soup, "td") == ["git", "history"]
    assert soup.blockquote.get_text().strip() == "A quote."
    assert soup.find("strong", string="Term") is not None
    assert "SECRET" not in section
    assert soup.find("p", string="Answers:").find_next_sibling("ul") is not None
