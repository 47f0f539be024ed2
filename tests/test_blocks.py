"""Every block kind, in every syntax, through every builder: nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOTS, normalized_text, page, soup

from sphinx_refinery.blocks.kinds import BLOCK_KINDS

ROOT = ROOTS / "test-blocks"
SENTENCE = re.compile(r"[A-Z][^.\n`{}]*survives\.")
ALL_BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "linkcheck")


def source_sentences() -> list[str]:
    sentences = []
    for path in sorted(ROOT.iterdir()):
        if path.suffix in (".md", ".rst"):
            sentences += SENTENCE.findall(path.read_text(encoding="utf-8"))
    return sentences


def output_text(app) -> str:
    out = Path(app.outdir)
    suffixes = {"html": ".html", "text": ".txt", "latex": ".tex", "man": ".1"}
    files = sorted(out.rglob("*" + suffixes[app.builder.name]))
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    if app.builder.name == "html":
        text = "\n".join(soup(f).get_text(" ") for f in files)
    if app.builder.name == "latex":
        text = text.replace(r"\sphinxhyphen{}", "-")
    if app.builder.name == "man":
        text = text.replace("\\-", "-")
    return normalized_text(text)


def test_sentences_are_found() -> None:
    # 21 directive names x 3 syntaxes, plus the nested and stock examples.
    names = [n for kind in BLOCK_KINDS for n in kind.directive_names]
    assert len(source_sentences()) == 3 * len(names) + 9


@pytest.mark.parametrize("builder", ALL_BUILDERS)
def test_every_builder_is_warning_free(copy_root, builder):
    copy_root("blocks").build(builder)


@pytest.mark.parametrize("builder", ["html", "text", "latex", "man"])
def test_no_sentence_is_lost(copy_root, builder):
    # The instructor edition of a one-tree output has everything (html: both views).
    app = copy_root("blocks").build(builder, confoverrides={"refinery_edition": "instructor"})
    text = output_text(app)
    missing = [s for s in source_sentences() if s not in text]
    assert not missing


@pytest.fixture
def html_app(copy_root):
    return copy_root("blocks").build()


def test_sphinx_lesson_classes_are_kept(html_app):
    colon = page(html_app, "myst_colon")
    exercise = colon.select_one("div.exercise")
    classes = ["extra-class", "exercise", "important", "refinery-block", "admonition"]
    assert exercise["class"] == classes  # sphinx-lesson's, and the one all blocks share
    # challenge renders as an exercise, prereq as prerequisites, instructor as instructor-note
    assert len(colon.select("div.exercise")) == 2
    assert len(colon.select("div.prerequisites")) == 2
    # instructor notes (and their alias) are in the instructor view only
    assert len(colon.select("div.instructor-note")) == 0
    instructor = soup(Path(html_app.outdir) / "instructor" / "myst_colon.html")
    assert len(instructor.select("div.instructor-note")) == 2
    assert not colon.select(".challenge, .prereq")
    backtick = page(html_app, "myst_backtick")
    default_class = backtick.select_one("div.demo")["class"]
    assert default_class[0] == "admonition-backtick-demo-title"


def test_collapsible_blocks_are_details(html_app):
    colon = page(html_app, "myst_colon")
    for kind in ("solution", "hint", "spoiler"):
        details = colon.select_one(f"details.{kind}")
        assert details is not None, kind
        assert details.summary is not None
        assert not details.has_attr("open")
    nested = page(html_app, "nested")
    assert nested.select_one("details.solution.toggle-shown").has_attr("open")
    stock = next(d for d in nested.select("details.dropdown") if "solution" not in d["class"])
    assert stock.summary.get_text(strip=True) == "Exercise leader setup"
    rest = page(html_app, "rest")
    assert rest.select("details.dropdown")[-1].summary.get_text(strip=True) == "Stock dropdown"


def test_default_titles(html_app):
    colon = page(html_app, "myst_colon")
    titles = [t.get_text(" ", strip=True) for t in colon.select(".admonition-title")]
    assert "Type-Along" in titles
    assert "Instructor note" not in titles  # learner view
    instructor = soup(Path(html_app.outdir) / "instructor" / "myst_colon.html")
    instructor_titles = [
        t.get_text(" ", strip=True) for t in instructor.select(".admonition-title")
    ]
    assert "Instructor note" in instructor_titles
    assert "Keypoints" in titles
    assert titles.count("Prerequisites") == 2


def test_nesting_four_deep(html_app):
    nested = page(html_app, "nested")
    deepest = nested.select_one("div.exercise details.solution details.hint details.spoiler")
    assert deepest is not None
    assert "Level four body survives." in deepest.get_text()
