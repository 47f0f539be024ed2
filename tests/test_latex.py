"""LaTeX/PDF output: boxes per block kind, labels and links, solutions at the end, a PDF.

The ``.tex`` tests run everywhere; the ``latex``-marked tests compile the
lesson with the Makefile Sphinx writes (latexmk + LuaLaTeX) and read the PDF
back with ``pdftotext``.  They are skipped when those tools are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import make_pdf, normalized_text, warnings_of

from sphinx_refinery.blocks.kinds import BLOCK_KINDS
from sphinx_refinery.outputs.latex_defaults import fallback_fonts_latex, style_file_text

TEX = "lessoninpdf.tex"
SOLUTION_TEXTS = (
    "Body of the solution block survives.",
    "Outer solution body survives.",
    "The nested solution of the loops exercise survives.",
    "The following solution of the plain exercise survives.",
    "The by-label solution of the named exercise survives.",
    "The custom-titled solution survives.",
    "The solution with a figure survives.",
)
#: Solution titles: all when solutions are at the end; where they stay in
#: place, those with a title of their own (1 and 6) keep it.
SOLUTION_TITLES = tuple(f"Solution to Exercise {n}" for n in range(1, 8))
INLINE_SOLUTION_TITLES = (*SOLUTION_TITLES[1:5], SOLUTION_TITLES[6])
BEGIN = re.compile(r"\\begin\{(sphinxrefinery(?:block|inner))\}\{([a-z-]+)\}\{(.*?)\}\{(.*)\}\s*$")
END = re.compile(r"\\end\{sphinxrefinery(?:block|inner)\}")
LABEL = re.compile(r"\\label\{\\detokenize\{([^}]*)\}\}")
UNDEFINED = re.compile(r"(Hyper r|R)eference .* undefined|There were undefined references")
DUROLE = re.compile(r"\\DUrole\{[^}]*\}\{([^{}]*)\}")
HYPERREF = re.compile(r"\\hyperref\[\\detokenize\{([^}]*)\}\]")


def latex_of_pdf_root(srcdir: str, **confoverrides) -> pytest.MarkDecorator:
    """Build ``tests/roots/test-pdf`` with the latex builder in a copy of its own
    (its instructor edition, which has every block)."""
    confoverrides = {"refinery_edition": "instructor", **confoverrides}
    return pytest.mark.sphinx("latex", testroot="pdf", srcdir=srcdir, confoverrides=confoverrides)


def tex_of(app) -> str:
    return (Path(app.outdir) / TEX).read_text(encoding="utf-8")


def plain(tex: str) -> str:
    """Undo the escapes and class wrappers the LaTeX writer puts in our test strings."""
    return DUROLE.sub(r"\1", tex.replace(r"\sphinxhyphen{}", "-"))


def blocks_in(tex: str) -> list[tuple[str, str, str, int]]:
    """(environment, kind, title line, nesting depth) of every block, in order."""
    found, depth = [], 0
    for line in tex.splitlines():
        if match := BEGIN.search(line):
            depth += 1
            found.append((match[1], match[2], plain(match[4]), depth))
        depth -= len(END.findall(line))
    assert depth == 0, "unbalanced block environments"
    return found


def solutions_in(tex: str) -> list[str]:
    """The LaTeX of every solution block, nested blocks included."""
    found, open_blocks = [], []
    for line in tex.splitlines():
        if match := BEGIN.search(line):
            open_blocks.append((match[2], []))
        for _kind, lines in open_blocks:
            lines.append(line)
        for _end in END.findall(line):
            kind, lines = open_blocks.pop()
            if kind == "solution":
                found.append("\n".join(lines))
    return found


def test_every_kind_has_a_style():
    sty = style_file_text()
    for kind in BLOCK_KINDS:
        notice, colour = kind.latex_notice, kind.latex_colour
        assert rf"\sphinxrefinerysetkind{{{kind.name}}}{{{notice}}}{{{colour}}}" in sty
    assert "%%KINDS%%" not in sty


def test_fallback_fonts_are_guarded():
    latex = fallback_fonts_latex(("Noto Color Emoji", "Some Missing Font"))
    assert r"\IfFontExistsTF{#1}" in latex
    assert r"\spxrefinery@addfallback{Noto Color Emoji}" in latex
    assert r"\spxrefinery@addfallback{Some Missing Font}" in latex
    assert "luaotfload.add_fallback" in latex


@latex_of_pdf_root("pdf-tex")
def test_tex_has_a_box_per_block(app, strict_build):
    strict_build(app)
    tex = tex_of(app)
    blocks = blocks_in(tex)
    top_level = {(kind, title) for env, kind, title, _depth in blocks if env.endswith("block")}
    for kind in BLOCK_KINDS:
        title = f"{kind.title} block title"
        if kind.name == "exercise":
            title = f"Exercise 1: {title}"
        if kind.name == "quiz":  # its argument is the question; its title, its number
            title = "Question 1"
        assert (kind.name, title) in top_level, kind.name
    # The lesson's own package, written next to the .tex file.
    assert r"\usepackage{sphinxrefinery}" in tex
    assert (Path(app.outdir) / "sphinxrefinery.sty").read_text() == style_file_text()


@latex_of_pdf_root("pdf-tex")
def test_nested_blocks_are_frameless_inside_their_box(app, strict_build):
    strict_build(app)
    nested = [b for b in blocks_in(tex_of(app)) if b[3] > 1]
    assert [(env, kind, depth) for env, kind, _title, depth in nested[:3]] == [
        ("sphinxrefineryinner", "solution", 2),
        ("sphinxrefineryinner", "hint", 3),
        ("sphinxrefineryinner", "spoiler", 4),
    ]


@latex_of_pdf_root("pdf-tex")
def test_labels_and_links(app, strict_build):
    strict_build(app)
    tex = tex_of(app)
    labels = LABEL.findall(tex)
    assert len(labels) == len(set(labels)), "a label is defined twice"
    for label in (
        "exercises:ex-loops",
        "exercises:exercise-0",
        "exercises:ex-plain",
        "exercises:ex-named",
        "exercises:solution-0",
        "blocks:ex-outer",
        "blocks:spoiler-1",
    ):
        assert label in labels
    targets = HYPERREF.findall(tex)
    assert set(targets) <= set(labels), "a link to a missing label"
    # {ref}, {numref} and the solutions' links back to their exercise.
    assert r"\hyperref[\detokenize{exercises:ex-loops}]{\sphinxcrossref{" in tex
    assert "{Exercise 3: Loops}" in tex and "{std-numref}{Exercise 4}" in tex
    solution_titles = [t for _e, k, t, _d in blocks_in(tex) if k == "solution"]
    # A solution named by its exercise's label links back from its first line.
    assert "Solution to Exercise 5" in solution_titles
    assert r"\hyperref[\detokenize{exercises:ex-named}]{\sphinxcrossref{Back to Exercise" in tex
    for title in INLINE_SOLUTION_TITLES:
        assert any(title in t for t in solution_titles), title
    assert "Solution block title" in solution_titles


@latex_of_pdf_root("pdf-tex")
def test_svg_emoji_and_engine_defaults(app, strict_build):
    strict_build(app)
    tex = tex_of(app)
    assert app.config.latex_engine == "lualatex"
    assert (Path(app.outdir) / "diagram.pdf").is_file()
    assert r"\sphinxincludegraphics{{diagram}.pdf}" in tex
    assert "luaotfload.add_fallback" in tex
    assert r"RawFeature={fallback=sphinxrefinery}" in tex
    assert "🎉" in tex and "✍️" in tex and "καλημέρα" in tex and "привет" in tex


@latex_of_pdf_root("pdf-tex")
def test_latexmk_ignores_the_shared_font_cache(app, strict_build):
    strict_build(app)
    latexmkrc = (Path(app.outdir) / "latexmkrc").read_text(encoding="utf-8")
    assert latexmkrc.count("$hash_calc_ignore_pattern{'luc'}") == 1


@latex_of_pdf_root(
    "pdf-user-latex", **{"latex_elements": {"fontenc": r"\usepackage{fontspec}% mine"}}
)
def test_author_latex_settings_are_kept(app, strict_build):
    strict_build(app)
    tex = tex_of(app)
    assert r"\usepackage{fontspec}% mine" in tex
    assert "luaotfload.add_fallback" not in tex


@latex_of_pdf_root("pdf-pdflatex", latex_engine="pdflatex")
def test_author_engine_is_kept(app, strict_build):
    strict_build(app)
    assert app.config.latex_engine == "pdflatex"
    assert "luaotfload" not in tex_of(app)
    assert "hash_calc_ignore_pattern" not in (Path(app.outdir) / "latexmkrc").read_text()


@latex_of_pdf_root("pdf-end-tex", refinery_latex_solutions="end")
def test_solutions_at_the_end_tex(app, strict_build):
    strict_build(app)
    tex = tex_of(app)
    body, _sep, appendix = tex.partition("\\appendix")
    assert appendix, "no appendix"
    assert r"\chapter{Solutions}" in appendix
    for text in SOLUTION_TEXTS:
        text = text.replace("-", r"\sphinxhyphen{}")
        assert text not in body and text in appendix, text
    assert not [b for b in blocks_in(body) if b[1] == "solution"]
    # Away from their exercise, all solutions link back to it.
    appendix_solutions = solutions_in(appendix)
    assert len(appendix_solutions) == len(SOLUTION_TEXTS)
    for solution in appendix_solutions:
        assert r"\hyperref[" in solution, solution
    appendix_titles = [t for _e, k, t, _d in blocks_in(appendix) if k == "solution"]
    assert len(appendix_titles) == len(SOLUTION_TEXTS)
    for title in SOLUTION_TITLES:
        assert any(title in t for t in appendix_titles), title
    # Every exercise (and its copy in the exercise list) links to its solution.
    assert body.count(r"See {\hyperref[\detokenize{exercises:solution-0}]") == 2
    # Copies of solutions leave the list, with their "View in context" link.
    assert r"\detokenize{exercises:solution-1}]{\sphinxcrossref{View in context}" not in body
    assert r"\detokenize{exercises:ex-plain}]{\sphinxcrossref{View in context}" in body
    labels = set(LABEL.findall(tex))
    assert {"exercises:solution-0", "blocks:solution-1", "exercises:solution-2"} <= labels
    assert set(HYPERREF.findall(tex)) <= labels


@latex_of_pdf_root(
    "pdf-howto",
    refinery_latex_solutions="end",
    latex_documents=[("index", "howto.tex", "Howto", "Me", "howto")],
)
def test_solutions_at_the_end_of_a_howto(app, strict_build):
    """Sphinx's howto class has no \\appendix: the solutions are its last section."""
    strict_build(app)
    tex = (Path(app.outdir) / "howto.tex").read_text(encoding="utf-8")
    assert "\\appendix" not in tex
    body, _sep, solutions = tex.partition(r"\section{Solutions}")
    assert "The custom-titled solution survives." not in body
    assert solutions and r"\end{document}" in solutions
    for text in SOLUTION_TEXTS:
        assert text.replace("-", r"\sphinxhyphen{}") in solutions, text


@latex_of_pdf_root("pdf-bad-mode", refinery_latex_solutions="appendix")
def test_unknown_solutions_mode_warns(app):
    app.build()
    assert "refinery_latex_solutions = 'appendix' is not one of 'inline', 'end'" in warnings_of(app)
    assert "\\appendix" not in tex_of(app)


@pytest.mark.parametrize("mode", ["inline", "end"])
def test_links_to_the_root_page_find_their_label(copy_root, mode):
    """Links from other pages to an exercise of the root page (one .tex for all)."""
    app = copy_root("pdf-root").build("latex", confoverrides={"refinery_latex_solutions": mode})
    tex = app.text("exercisesontherootpage.tex")
    labels = set(LABEL.findall(tex))
    assert "index:ex-root" in labels
    assert r"\hyperref[\detokenize{index:ex-root}]" in tex
    assert set(HYPERREF.findall(tex)) <= labels


@pytest.mark.parametrize("builder", ["text", "man", "texinfo"])
def test_other_builders_still_render_blocks(copy_root, builder):
    """Only LaTeX has a visitor of its own: the others render an admonition."""
    app = copy_root("pdf").build(builder)
    out = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in Path(app.outdir).rglob("*")
        if path.is_file() and path.suffix in {".txt", ".1", ".texi"}
    )
    text = normalized_text(out)
    assert "Loops" in text
    assert "The nested solution of the loops exercise survives." in text
    assert "Level four body survives" in text


@pytest.mark.sphinx("html", testroot="pdf", srcdir="pdf-html")
def test_html_keeps_svg(app, strict_build):
    strict_build(app)
    assert (Path(app.outdir) / "_images" / "diagram.svg").is_file()


# --- compiling ------------------------------------------------------------------

needs_latex = pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("lualatex") and shutil.which("pdftotext")),
    reason="latexmk, lualatex or pdftotext is not installed",
)


def compile_pdf(app) -> tuple[Path, str]:
    """Run the Makefile Sphinx wrote; return the PDF and its text."""
    outdir = Path(app.outdir)
    result = make_pdf(outdir)
    log = outdir / TEX.replace(".tex", ".log")
    assert result.returncode == 0, log.read_text(errors="replace")[-3000:]
    pdf = outdir / TEX.replace(".tex", ".pdf")
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latex_log = log.read_text(errors="replace")
    assert not UNDEFINED.search(latex_log), UNDEFINED.search(latex_log)
    if _font_installed("Noto Color Emoji"):
        assert "Missing character" not in latex_log
    return pdf, normalized_text(text)


def _font_installed(name: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    return bool(subprocess.run(["fc-list", name], capture_output=True, text=True).stdout)


def _assert_lesson_text(text: str, solution_titles: tuple[str, ...]) -> None:
    for kind in BLOCK_KINDS:
        assert f"{kind.title} block title" in text, kind.name
        assert f"Body of the {kind.name} block survives." in text, kind.name
    for number in range(1, 8):
        assert f"Exercise {number}" in text
    for title in solution_titles:
        assert title in text, title
    for solution in SOLUTION_TEXTS:
        assert solution in text, solution
    for nested in ("Level three body survives.", "Level four body survives", "Stock dropdown"):
        assert nested in text
    assert "καλημέρα" in text and "Русский: привет, мир." in text
    # Colour emoji are pictures: pdftotext may not give them back.
    assert re.search(r"Emoji \S* ?in a block title", text)
    assert "Αθήνα, Москва." in text


@pytest.mark.latex
@needs_latex
@latex_of_pdf_root("pdf-compile")
def test_pdf_compiles_with_solutions_inline(app, strict_build):
    strict_build(app)
    _pdf, text = compile_pdf(app)
    _assert_lesson_text(text, INLINE_SOLUTION_TITLES)
    assert "Solution block title" in text and "A custom solution title" in text
    assert "A small diagram drawn in SVG." in text
    assert "The diagram inside a nested solution." in text
    assert "Exercise 3: Loops" in text


@pytest.mark.latex
@needs_latex
@latex_of_pdf_root("pdf-compile-end", refinery_latex_solutions="end")
def test_pdf_compiles_with_solutions_at_the_end(app, strict_build):
    strict_build(app)
    _pdf, text = compile_pdf(app)
    _assert_lesson_text(text, SOLUTION_TITLES)
    body, _sep, appendix = text.rpartition("APPENDIX")
    assert "See Solution to Exercise 3." in body
    for solution in SOLUTION_TEXTS:
        assert solution not in body and solution in appendix, solution
    assert "Solution to Exercise 6: A custom solution title" in appendix
