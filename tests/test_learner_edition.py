"""A learner edition has no chapter that only instructors read: the PDF leaves
out the instructor guide's page and a page of nothing but instructor notes
(chapter and contents entry), an EPUB their entries in its contents and
reading order; every edition leaves out the notes' text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

NOTES = ("A note from the first episode", "Only instructors read about facilitation")
INSTRUCTOR_CHAPTERS = ("Facilitation", "Teaching this lesson")
EPUB = {"version": "1.0", "copyright": "2026, the authors"}


def build(copy_root, builder: str, edition: str | None = None):
    overrides = dict(EPUB) if builder == "epub" else {}
    if edition:
        overrides["refinery_edition"] = edition
    return copy_root("learner-edition").build(builder, confoverrides=overrides)


def chapters(outdir: Path) -> list[str]:
    tex = next(outdir.glob("*.tex")).read_text()
    return re.findall(r"\\chapter\{([^}]*)\}", tex)


def test_the_learner_pdf_has_no_instructor_chapter(copy_root):
    app = build(copy_root, "latex")
    out = Path(app.outdir)
    assert chapters(out) == ["First episode", "Setup"]
    tex = next(out.glob("*.tex")).read_text()
    assert "Check the room" not in tex  # the guide's own text goes with its chapter
    assert not any(note in tex for note in NOTES)


def test_the_instructor_pdf_keeps_them(copy_root):
    app = build(copy_root, "latex", "instructor")
    assert chapters(Path(app.outdir)) == ["First episode", "Setup", *INSTRUCTOR_CHAPTERS]


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_the_epub_contents(copy_root, edition):
    app = build(copy_root, "epub", edition)
    out = Path(app.outdir)
    for name in ("toc.ncx", "nav.xhtml"):
        contents = (out / name).read_text()
        assert "First episode" in contents
        for title in INSTRUCTOR_CHAPTERS:
            assert (title in contents) == (edition == "instructor")
    opf = (out / "content.opf").read_text()
    guide_id = re.search(r'id="([^"]+)" href="guide\.xhtml"', opf)
    assert guide_id is not None
    linear = f'<itemref idref="{guide_id[1]}" />' in opf
    assert linear == (edition == "instructor")


@pytest.mark.parametrize("builder", ["singlehtml", "text", "epub"])
def test_the_learner_editions_have_no_notes(copy_root, builder):
    app = build(copy_root, builder)
    out = Path(app.outdir)
    text = "".join(
        p.read_text(errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xhtml", ".txt"}
    )
    assert "Learners read this paragraph" in text
    assert not any(note in text for note in NOTES)
