"""The PDF is a book of the lesson: each page a home-page toctree names is a
chapter (the example lesson keeps its toctrees under "## Schedule"), the
contents keep LaTeX's own name, no page is left blank, and the home page's
text after the contents has no running title."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from helpers import TESTS

EXAMPLE = TESTS.parent / "example-lesson"
TEX = "shellscriptsforresearch.tex"


@pytest.fixture
def book(copy_root):
    return copy_root(EXAMPLE).build("latex")


def test_every_page_of_the_toctrees_is_a_chapter(book):
    tex = book.text(TEX)
    chapters = re.findall(r"\\chapter\{([^}]*)\}", tex)
    assert chapters[:2] == ["Schedule", "Who is the lesson for?"]
    assert chapters[2:5] == ["Your first script", "Variables and loops", "Scripts that fail safely"]
    assert "Setup" in chapters and "Glossary" in chapters
    assert not re.search(r"\\section\{Your first script\}", tex)


def test_contents_keep_their_own_name(book):
    assert r"\renewcommand{\contentsname}" not in book.text(TEX)


def test_chapters_leave_no_page_blank(book):
    assert re.search(r"\\documentclass\[[^]]*openany,oneside[^]]*\]", book.text(TEX))


def test_the_author_keeps_their_class_options(copy_root):
    options = {"latex_elements": {"extraclassoptions": "openright"}}
    built = copy_root(EXAMPLE).build("latex", confoverrides=options)
    assert re.search(r"\\documentclass\[[^]]*openright\]", built.text(TEX))
    assert "openany" not in built.text(TEX)


def test_no_running_title_between_contents_and_first_chapter(book, copy_root):
    assert "\\sphinxtableofcontents\n\\markboth{}{}\n" in book.text(TEX)
    own = {"latex_elements": {"tableofcontents": "\\tableofcontents % mine"}}
    built = copy_root(EXAMPLE, dest="own-contents").build("latex", confoverrides=own)
    assert "\\tableofcontents % mine" in built.text(TEX)
    assert "\\markboth{}{}" not in built.text(TEX)


@pytest.mark.latex
def test_the_pdf_has_no_blank_page(book):
    if not (shutil.which("latexmk") and shutil.which("lualatex") and shutil.which("pdftotext")):
        pytest.skip("needs latexmk, LuaLaTeX and pdftotext")
    subprocess.run(["make", "-C", str(book.outdir), "all-pdf"], check=True, capture_output=True)
    pdf = book.outdir / TEX.replace(".tex", ".pdf")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages[:-1]]  # the text ends with a form feed
    assert all(page.strip() for page in pages), [
        i + 1 for i, p in enumerate(pages) if not p.strip()
    ]
    assert any("CHAPTER" in page.upper() and "YOUR FIRST SCRIPT" in page.upper() for page in pages)
    # the home page's text after the contents is not headed "CONTENTS" too
    assert [i for i, page in enumerate(pages) if "CONTENTS" in page] == [1]
    assert "Researchers repeat the same commands" in pages[2]
