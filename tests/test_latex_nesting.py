"""Blocks nested deeper than LaTeX's six lists still compile: the deep ones are flat."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import make_pdf, run_build

DEPTH = 10


def deep_page(depth: int = DEPTH) -> str:
    """Exercises nested ``depth`` deep, a three-level list in the innermost."""
    lines = ["# Deep", ""]
    for level in range(depth):
        lines += [":" * (3 + depth - level) + f"{{exercise}} Level {level}", f"Body {level}.", ""]
    lines += ["- item", "  - sub item", "    - sub sub item", ""]
    for level in reversed(range(depth)):
        lines += [":" * (3 + depth - level), "", f"After level {level}.", ""]
    return "\n".join(lines)


@pytest.fixture
def deep_latex(make_app, tmp_path):
    srcdir = tmp_path / "deep"
    srcdir.mkdir()
    conf = 'extensions = ["sphinx_refinery"]\nproject = "Deep"\nexclude_patterns = ["_build"]\n'
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.md").write_text(deep_page(), encoding="utf-8")
    return run_build(make_app("latex", srcdir=srcdir))


def test_deep_blocks_are_flat_in_latex(deep_latex):
    tex = (Path(deep_latex.outdir) / "deep.tex").read_text(encoding="utf-8")
    environments = re.findall(r"\\begin\{(sphinxrefinery\w+)\}\{exercise\}", tex)
    assert environments == [
        "sphinxrefineryblock",
        *["sphinxrefineryinner"] * 3,
        *["sphinxrefineryflat"] * (DEPTH - 4),
    ]


@pytest.mark.latex
@pytest.mark.skipif(
    not (shutil.which("latexmk") and shutil.which("lualatex") and shutil.which("pdftotext")),
    reason="latexmk, lualatex or pdftotext is not installed",
)
def test_deep_blocks_compile(deep_latex):
    outdir = Path(deep_latex.outdir)
    result = make_pdf(outdir)
    log = (outdir / "deep.log").read_text(errors="replace")
    assert result.returncode == 0, log[-3000:]
    text = subprocess.run(
        ["pdftotext", "-raw", str(outdir / "deep.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for level in range(DEPTH):
        assert f"Exercise {level + 1}: Level {level}" in text
        assert f"Body {level}." in text and f"After level {level}." in text
    assert "sub sub item" in text
