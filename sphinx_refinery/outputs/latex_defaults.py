"""LaTeX/PDF output that compiles with no LaTeX settings in ``conf.py``.

* The lesson blocks' LaTeX package, ``texinputs/sphinxrefinery.sty``, is
  written next to the ``.tex`` files; its per-kind styles are generated from
  the table of block kinds at development time (:mod:`sphinx_refinery._generate`).
* The engine is LuaLaTeX and its fonts fall back to emoji and wide-coverage
  fonts (each only if it is installed) for characters the main font lacks;
  latexmk does not rerun LuaLaTeX when the shared font cache changes.
* SVG images are converted by ``sphinxcontrib.cairosvgconverter``
  (:class:`SvgConverter`).

Values the author set are kept.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinxcontrib.cairosvgconverter import CairoSVGConverter

from ..config import set_by_author

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


PACKAGE_NAME = "sphinxrefinery"
SVG = "image/svg+xml"
STYLE_FILE = Path(__file__).parent / "texinputs" / f"{PACKAGE_NAME}.sty"

#: Fonts tried, in order, for characters the document's font lacks (LuaLaTeX).
FALLBACK_FONTS = (
    "Noto Color Emoji",
    "Noto Emoji",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Noto Sans Devanagari",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
)

#: Sphinx's LuaLaTeX ``fontenc``, which this extension's default extends.
LUALATEX_FONTENC = (
    "\\usepackage{fontspec}\n\\defaultfontfeatures[\\rmfamily,\\sffamily,\\ttfamily]{}"
)


def fallback_fonts_latex(fonts: tuple[str, ...] = FALLBACK_FONTS) -> str:
    """LaTeX that gives every font a luaotfload fallback chain of the installed ``fonts``."""
    tests = "\n".join(rf"\spxrefinery@addfallback{{{font}}}" for font in fonts)
    return "\n".join(
        (
            r"\makeatletter",
            r"\def\spxrefinery@fallbacks{}",
            r"\def\spxrefinery@addfallback#1{\IfFontExistsTF{#1}"
            r'{\g@addto@macro\spxrefinery@fallbacks{"#1:mode=harf;",}}{}}',
            tests,
            r"\directlua{luaotfload.add_fallback('sphinxrefinery', {\spxrefinery@fallbacks})}",
            r"\makeatother",
            # Per family: polyglossia replaces the global defaults.
            r"\defaultfontfeatures+[\rmfamily,\sffamily,\ttfamily]"
            r"{RawFeature={fallback=sphinxrefinery}}",
        )
    )


def lualatex_fontenc() -> str:
    """Sphinx's LuaLaTeX ``fontenc`` followed by the fallback fonts."""
    try:
        from sphinx.builders.latex.constants import ADDITIONAL_SETTINGS

        fontenc = ADDITIONAL_SETTINGS["lualatex"]["fontenc"]
    except (ImportError, KeyError):
        fontenc = LUALATEX_FONTENC
    return f"{fontenc}\n{fallback_fonts_latex()}"


#: Comment tokens of Sphinx's default code style (rgb 0.25,0.50,0.56: 4.0:1 on
#: the code background, grey 0.95) drawn darker, and emphasised lines on pale
#: yellow instead of pale cyan: both at least 4.5:1 in print.
PRINT_COMMENT_COLOUR = "4D5B63"
PRINT_HIGHLIGHT_COLOUR = "FFF0B3"
_COMMENT_TOKENS = ("c", "c1", "cm", "ch", "cpf", "cs")


def print_code_colours() -> str:
    """LaTeX that redefines the comment tokens (after sphinxhighlight.sty)."""
    lines = [r"\makeatletter"]
    for token in _COMMENT_TOKENS:
        lines.append(
            rf"\@namedef{{PYG@tok@{token}}}{{\let\PYG@it=\textit"
            rf"\def\PYG@tc##1{{\textcolor[HTML]{{{PRINT_COMMENT_COLOUR}}}{{##1}}}}}}"
        )
    lines.append(r"\makeatother")
    return "\n".join(lines) + "\n"


def readable_code(config: Config) -> None:
    """Darker comments and a pale yellow emphasis for Sphinx's default code
    style; a lesson that chose ``pygments_style`` or the colour keeps them."""
    elements = dict(config.latex_elements)
    if not set_by_author(config, "pygments_style"):
        elements["preamble"] = print_code_colours() + elements.get("preamble", "")
    setup = elements.get("sphinxsetup", "")
    if "VerbatimHighlightColor" not in setup:
        highlight = f"VerbatimHighlightColor={{HTML}}{{{PRINT_HIGHLIGHT_COLOUR}}}"
        elements["sphinxsetup"] = f"{setup},{highlight}" if setup else highlight
    config.latex_elements = elements


def apply_latex_defaults(app: Sphinx, config: Config) -> None:
    """LuaLaTeX with fallback fonts, and the index made by makeindex, unless the
    author chose otherwise.

    Sphinx makes the index with xindy for LuaLaTeX, but Debian's and Ubuntu's
    TeX packages do not bring xindy (it is a package of its own), so a PDF
    with an index entry (every glossary term is one) failed on a fresh
    machine; makeindex comes with every TeX system.
    """
    from sphinx.builders.latex import default_latex_engine

    if not set_by_author(config, "latex_engine") and default_latex_engine(config) == "pdflatex":
        config.latex_engine = "lualatex"
    if config.latex_engine == "lualatex":
        elements = dict(config.latex_elements)
        elements.setdefault("fontenc", lualatex_fontenc())
        config.latex_elements = elements
    if not set_by_author(config, "latex_use_xindy"):
        config.latex_use_xindy = False
    readable_code(config)


def style_file_text() -> str:
    """The LaTeX package (its kinds' styles are generated from ``BLOCK_KINDS``
    by ``python -m sphinx_refinery._generate``)."""
    return STYLE_FILE.read_text(encoding="utf-8")


def write_style_file(app: Sphinx) -> None:
    """Put the package next to the ``.tex`` files (latex builder only)."""
    if app.builder.name != "latex":
        return
    target = Path(app.outdir) / STYLE_FILE.name
    text = style_file_text()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


#: Added to the ``latexmkrc`` Sphinx writes for LuaLaTeX.
LATEXMKRC_ADDITION = """
# sphinx_refinery: luaotfload's font name cache is shared by every LuaLaTeX run
# on the machine; its changes must not make latexmk run LuaLaTeX again.
$hash_calc_ignore_pattern{'luc'} = '^';
"""


def amend_latexmkrc(app: Sphinx, exception: Exception | None) -> None:
    """Keep latexmk from rerunning LuaLaTeX whenever the shared font cache changes."""
    if exception is not None or app.builder.name != "latex":
        return
    if app.config.latex_engine != "lualatex":
        return
    latexmkrc = Path(app.outdir) / "latexmkrc"
    if latexmkrc.is_file():
        text = latexmkrc.read_text(encoding="utf-8")
        if LATEXMKRC_ADDITION not in text:
            latexmkrc.write_text(text + LATEXMKRC_ADDITION, encoding="utf-8")


class SvgConverter(CairoSVGConverter):
    """sphinxcontrib-svg2pdfconverter's CairoSVG converter, given plain string paths.

    Sphinx 9 passes its deprecated path type, which CairoSVG treats as a
    string, and that warns with ``RemovedInSphinx10Warning``.  It looks at SVG
    images only: Sphinx asks a converter whether it is available (CairoSVG:
    importing it, a tenth of a second) at the first image the builder cannot
    show, even one no rule of the converter applies to (a PDF figure in HTML).
    """

    def match(self, node: nodes.image) -> bool:
        return SVG in self.guess_mimetypes(node) and super().match(node)

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        return super().convert(os.fspath(_from), os.fspath(_to))


def setup(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE_NAME)
    app.add_post_transform(SvgConverter)
    app.connect("config-inited", apply_latex_defaults, priority=450)
    app.connect("builder-inited", write_style_file)
    app.connect("build-finished", amend_latexmkrc)
