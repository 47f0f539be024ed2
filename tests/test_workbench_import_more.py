"""``import-carpentries`` converts a Workbench lesson completely: glossaries, links to
pages, terms, files and figures of the flat Workbench site, alt text in quotes,
horizontal rules in divs, solutions standing alone, Liquid leftovers; the project
files of ``new``; a report of exactly what was not converted, and exit statuses."""

from __future__ import annotations

import shutil

import pytest
from helpers import TESTS

from sphinx_refinery import cli
from sphinx_refinery.sources.import_report import check_build
from sphinx_refinery.sources.importer import import_lesson
from sphinx_refinery.sources.workbench import rewrite
from sphinx_refinery.sources.workbench.glossary import convert_glossaries
from sphinx_refinery.sources.workbench.liquid import convert_liquid

LESSON = TESTS / "workbench-lesson-more"
PAGES = (
    "episodes/01-hives", "episodes/02-frames", "learners/setup", "learners/reference",
    "instructors/notes", "profiles/beekeepers", "LICENSE", "index",
)  # fmt: skip
LEFTOVERS = (":::", "{: .", "{#", "{alt=", "{.", "{{", "{%", "](")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    dest = tmp_path_factory.mktemp("imported") / "lesson"
    report = import_lesson(LESSON, dest)
    check_build(report)
    return report


def test_everything_is_converted_and_builds(imported):
    assert imported.items == []
    assert imported.build_status == 0 and imported.build_warnings == []
    summary = imported.summary()
    assert "Everything was converted." in summary
    assert "The lesson builds without warnings." in summary


@pytest.fixture(scope="module")
def html(imported, tmp_path_factory):
    """The HTML pages of the imported lesson, built failing on any warning."""
    from bs4 import BeautifulSoup
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("html")
    status = build_main(["-b", "html", "-q", "-W", "-d", str(out / ".doctrees"),
                         str(imported.dest), str(out)])  # fmt: skip
    assert status == 0

    def page(docname: str):
        return BeautifulSoup((out / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")

    return page


def hrefs(soup) -> list[str]:
    """The links of the article, but to its own headings."""
    return [
        a["href"] for a in soup.select("article a[href]") if "headerlink" not in a.get("class", [])
    ]


def test_no_markup_is_left(html):
    for docname in PAGES:
        article = html(docname).select_one("article")
        for code in article.select("pre, code"):
            code.decompose()
        text = article.get_text(" ")
        for token in LEFTOVERS:
            assert token not in text, (docname, token)


def test_glossary(html):
    reference = html("learners/reference")
    glossary = reference.select_one("article dl.glossary")
    assert [dt.get_text(strip=True).rstrip("¶") for dt in glossary.select("dt")] == [
        "brood", "colony", "frame", "queenless", "record",
    ]  # fmt: skip
    # A lazy continuation line and a second paragraph stay in their definition.
    colony = glossary.select("dd")[1].get_text(" ", strip=True)
    assert "counted as one record at each inspection" in colony
    assert "A record has a date" in glossary.select("dd")[4].get_text(" ", strip=True)
    assert "#term-colony" in hrefs(reference)
    # A [text]{#id} outside the glossary is a label.
    assert reference.select_one("#smoke") is not None
    assert "../learners/reference.html#smoke" in hrefs(html("profiles/beekeepers"))


def test_links_to_pages_terms_and_files(html):
    hives = hrefs(html("episodes/01-hives"))
    for href in (
        "../learners/reference.html#term-record",  # ../learners/reference.md#record
        "../learners/reference.html#term-colony",  # reference.html#colony
        "../learners/reference.html#term-queenless",  # [text][label], label a glossary id
        "02-frames.html#counting-frames",  # 02-frames.html#anchor
        "../learners/setup.html",  # setup.html: by its name alone
        "../index.html",
        "https://github.com/example-org/bee-sheets/issues",  # {{ site.github.repository_url }}
    ):
        assert href in hives, (href, hives)
    downloads = [href for href in hives if "/_downloads/" in href]
    assert [href.rsplit("/", 1)[1] for href in downloads] == ["hive-logs.zip", "frames.csv"]
    frames = hrefs(html("episodes/02-frames"))
    assert frames == [
        "../learners/reference.html#term-frame",
        "../learners/reference.html#term-brood",
    ]
    assert "learners/setup.html" in hrefs(html("index"))


def test_figures_and_alt_text(html):
    hives = html("episodes/01-hives")
    images = [(img["src"], img["alt"]) for img in hives.select("article img")]
    assert images == [
        ("../_images/hive.svg", "Five frames side by side in a wooden box"),
        ("../_images/frames.svg", '"Brood" frames in the middle'),
    ]
    caption = hives.select_one("figure figcaption")
    assert caption.select_one('a[href="https://example.org/drawing"]') is not None
    # fig/x.png on pages of other folders: the episodes' figures, as the Workbench finds them.
    for docname, alt in (
        ("learners/setup", "A spreadsheet with one row per inspection"),
        ("instructors/notes", "A hive seen from above"),  # alt in typographic quotes
        ("profiles/beekeepers", "Rows of an inspection sheet"),
    ):
        img = html(docname).select_one("article img")
        assert (img["src"], img["alt"]) == ("../_images/" + img["src"].rsplit("/")[-1], alt)


def test_rules_and_solutions(html):
    hives = html("episodes/01-hives")
    challenge = hives.select_one("article .exercise")
    assert challenge.select_one("hr") is not None
    assert challenge.select_one("details.solution, .solution") is not None
    assert html("episodes/02-frames").select_one("article .callout hr") is not None
    assert len(html("instructors/notes").select("article hr")) == 2
    setup = html("learners/setup")
    titles = [
        " ".join(s.get_text(" ", strip=True).split())
        for s in setup.select("details.solution summary, div.solution > .admonition-title")
    ]
    assert titles == ["Windows", "macOS", "linux-mint"]


def test_project_files_and_title(tmp_path, capsys):
    dest = tmp_path / "lesson"
    assert cli.main(["import-carpentries", str(LESSON), str(dest)]) == 0
    out = capsys.readouterr().out
    assert "Everything was converted." in out
    for name in ("README.md", "requirements.txt", "Makefile", ".readthedocs.yaml",
                 ".github/workflows/pages.yml"):  # fmt: skip
        assert (dest / name).is_file(), name
    from sphinx_refinery.cli.project import PROJECT_FILES

    assert (dest / "Makefile").read_bytes() == (PROJECT_FILES / "Makefile").read_bytes()
    readme = (dest / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Keeping Bees with Spreadsheets")
    assert "import-carpentries" in readme and "sphinx-refinery update" not in readme
    assert "html_title = 'Keeping Bees with Spreadsheets'" in (dest / "conf.py").read_text()
    assert not (dest / "episodes" / "01-hives.md").read_text().count("{% comment")


def test_what_is_not_converted_is_reported(tmp_path, capsys):
    source = shutil.copytree(LESSON, tmp_path / "src")
    page = source / "episodes" / "02-frames.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nSee {{ page.title }} and [counting](01-hives.html#no-such-heading).\n"
        + "\n![](fig/missing.png){alt='Not there'}\n",
        encoding="utf-8",
    )
    dest = tmp_path / "lesson"
    assert cli.main(["import-carpentries", str(source), str(dest)]) == 0  # it builds
    out = capsys.readouterr().out
    assert "Everything was converted." not in out
    assert "episodes/02-frames.md:22: Liquid {{ page.title }} not converted" in out
    assert "episodes/02-frames.md:20: link to #no-such-heading: episodes/01-hives.md has" in out
    assert "episodes/02-frames.md:22: image fig/missing.png: no such page or file" in out
    assert "Warnings of the HTML build (1):" in out
    assert "episodes/02-frames.md:22: warning: image file not readable" in out
    # --strict: a build with warnings is a failure, as with make html.
    strict = cli.main(["import-carpentries", "--strict", str(source), str(tmp_path / "other")])
    assert strict == 1


def test_a_build_that_fails_exits_1(tmp_path, capsys, monkeypatch):
    from sphinx_refinery.sources import import_report

    def failing(report):
        report.build_status = 2
        report.build_warnings = []

    monkeypatch.setattr(import_report, "check_build", failing)
    assert cli.main(["import-carpentries", str(LESSON), str(tmp_path / "lesson")]) == 1
    out = capsys.readouterr().out
    assert "The HTML build failed (exit status 2)." in out
    assert "Everything was converted." not in out


# -- the conversions, one by one ---------------------------------------------------


def test_glossary_conversion():
    text = (
        "Intro.\n\n[api]{#api}\n:   Application programming interface,\nwritten lazily.\n\n"
        "    A second paragraph.\n\nPlain\n:   A term without an id.\n\nAfter the list.\n"
        "\n```\n[code]{#code}\n:   not a term\n```\n"
    )
    result = convert_glossaries(text)
    assert result.terms == {"api": "api"}
    assert "\n".join(result.lines) == (
        "Intro.\n\n:::{glossary}\napi\n   Application programming interface,\n"
        "   written lazily.\n\n   A second paragraph.\n\nPlain\n   A term without an id.\n"
        ":::\n\nAfter the list.\n\n```\n[code]{#code}\n:   not a term\n```\n"
    )


def test_spans_outside_glossaries():
    result = convert_glossaries("Some text\nwith [a span]{#here} and [a class]{.badge}.\n")
    assert result.lines == ["(here)=", "Some text", "with a span and a class.", ""]
    assert result.labels == {"here"}
    assert [p.message for p in result.problems] == ["span class .badge dropped"]


def test_horizontal_rules():
    text = "::: callout\n## Title\na\n\n---\n\nb\n:::\n\nHeading\n---\n\npara\n\n***\n\nmore\n"
    result = rewrite(text).text
    assert result.count("<hr>") == 1  # in the div only: a heading underline, a rule between
    assert "Heading\n---" in result and "\n***\n" in result  # paragraphs stay


def test_alt_text_in_quotes():
    for written, alt in (
        ("{alt='\"Quoted\" first'}", ':alt: "\\"Quoted\\" first"'),
        ('{alt="It\'s here"}', ":alt: It's here"),
        ("{alt=\u2018Curly quotes\u2019 width=3}", ":alt: Curly quotes"),
    ):
        assert alt in rewrite(f"![](fig/a.png){written}\n").text, written


def test_liquid():
    text = "a {% comment %}x\ny{% endcomment %} b\n{% include links.md %}\n```\n${{ x }}\n```\n"
    result = convert_liquid(text, repository="https://r", root="..")
    assert result.text == "a \n b\n\n```\n${{ x }}\n```\n"
    assert result.problems == []
    result = convert_liquid(
        "[x]({{ page.root }}/a.md) {{ site.title }} `{{ c }}`", repository="", root=".."
    )
    assert result.text.startswith("[x](../a.md)")
    assert [p.message for p in result.problems] == [
        "Liquid {{ site.title }} not converted: left as it is"
    ]


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml", "epub"])
def test_other_builders_without_warnings(imported, tmp_path, builder):
    from sphinx.cmd.build import build_main

    out = tmp_path / builder
    args = [
        "-b",
        builder,
        "-q",
        "-W",
        "-d",
        str(tmp_path / "doctrees"),
        str(imported.dest),
        str(out),
    ]
    assert build_main(args) == 0
