"""Mermaid diagrams: imported Carpentries lessons (Workbench and legacy) keep every
diagram's text, drawn by sphinxcontrib-mermaid when it is installed, else shown as
captioned source; lessons read in place stop warning about the ``mermaid`` lexer;
every builder shows a diagram's text where nothing draws it.

sphinxcontrib-mermaid is not a dependency: the tests that need it put a small
stand-in package (:data:`FAKE_EXTENSION`, written into the test's folder) on
``sys.path``; the tests without it make the detection say no.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import TESTS, Sources, normalized_text
from pygments.token import Error

from sphinx_refinery import cli
from sphinx_refinery.outputs.mermaid import MermaidLexer
from sphinx_refinery.sources import import_diagrams, importer
from sphinx_refinery.sources.import_diagrams import convert_diagrams, mermaid_available
from sphinx_refinery.sources.importer import import_lesson
from sphinx_refinery.sources.jekyll import import_legacy_lesson
from sphinx_refinery.sources.jekyll import lesson as legacy

WORKBENCH = TESTS / "workbench-lesson-mermaid"
LEGACY = TESTS / "legacy-lesson-mermaid"
CAPTION = "Diagram source (Mermaid)"

#: What the tests need of sphinxcontrib-mermaid 2.x: its directive and node, HTML as
#: ``<pre class="mermaid">`` with a module script on the page, ``[graph]`` in text,
#: and a warning where its ``mmdc`` command is missing.
FAKE_EXTENSION = """
from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util import logging

logger = logging.getLogger(__name__)


class mermaid(nodes.General, nodes.Inline, nodes.Element):
    pass


class Mermaid(Directive):
    has_content = True
    option_spec = {"caption": directives.unchanged, "alt": directives.unchanged}

    def run(self):
        node = mermaid()
        node["code"] = "\\n".join(self.content)
        node["options"] = {}
        return [node]


def html_visit(self, node):
    self.body.append('<pre class="mermaid">' + self.encode(node["code"]) + "</pre>")
    raise nodes.SkipNode


def text_visit(self, node):
    self.add_text("[graph]")
    raise nodes.SkipNode


def image_visit(self, node):
    logger.warning("command %r cannot be run (needed for mermaid output)", "mmdc")
    raise nodes.SkipNode


def install_js(app, pagename, templatename, context, doctree):
    if doctree is not None and doctree.next_node(mermaid) is not None:
        body = 'import m from "https://cdn.invalid/mermaid.mjs";'
        app.add_js_file(None, body=body, type="module")


def setup(app):
    app.add_node(mermaid, html=(html_visit, None), latex=(image_visit, None),
                 texinfo=(image_visit, None), text=(text_visit, None), man=(text_visit, None))
    app.add_directive("mermaid", Mermaid)
    app.add_config_value("mermaid_output_format", "raw", "html")
    app.add_config_value("mermaid_cmd", "mmdc", "html")
    app.connect("html-page-context", install_js)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


@pytest.fixture
def with_extension(tmp_path, monkeypatch):
    """sphinxcontrib-mermaid importable (the stand-in), here and in builds run as commands."""
    folder = tmp_path / "site-packages"
    package = folder / "sphinxcontrib" / "mermaid"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(FAKE_EXTENSION, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    monkeypatch.setenv("PYTHONPATH", path)
    assert mermaid_available()
    yield folder
    sys.modules.pop("sphinxcontrib.mermaid", None)


@pytest.fixture
def without_extension(monkeypatch):
    """sphinxcontrib-mermaid not importable, whatever this Python has."""
    for module in (importer, legacy):
        monkeypatch.setattr(module, "mermaid_available", lambda: False)


#: The files of every builder's output that hold a page's text.
SUFFIXES = (".html", ".xhtml", ".tex", ".txt", ".1", ".fjson", ".md")


def shown_text(path: Path) -> str:
    """The text of an output file as a reader sees it (markup and highlighting removed)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".xhtml"):
        return BeautifulSoup(text, "html.parser").get_text()
    if path.suffix == ".fjson":
        return BeautifulSoup(json.loads(text).get("body", ""), "html.parser").get_text()
    if path.suffix == ".tex":
        return re.sub(r"\\PYG\{[^{}]*\}\{((?:[^{}]|\{[^{}]*\})*)\}", r"\1", text)
    return text


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def diagram_lines(path: Path) -> list[str]:
    """The lines inside the page's ``mermaid`` fences and directives, in order."""
    out: list[str] = []
    inside = False
    for line in lines_of(path):
        if line.startswith(("```mermaid", "```{mermaid}", "~~~{mermaid}", "~~~mermaid")):
            inside = True
        elif inside and line.strip() in ("```", "~~~"):
            inside = False
        elif inside and line:
            out.append(line)
    return out


# -- the rewrite of the lines -----------------------------------------------------------


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def test_fences_become_directives_only_when_drawn():
    text = "x\n\n```mermaid\nflowchart LR\n  accTitle: T\n  a --> b\n```\n\n```python\nx = 1\n```"
    drawn, found = convert_diagrams(numbered(text), draw=True)
    assert found == [3]
    assert [line for _, line in drawn] == text.replace("```mermaid", "```{mermaid}").split("\n")
    kept, found = convert_diagrams(numbered(text), draw=False)
    assert found == [3] and "\n".join(line for _, line in kept) == text


def test_code_that_shows_a_diagram_is_not_converted():
    text = (
        "````markdown\n```mermaid\na --> b\n```\n````\n"
        '~~~html\n<div class="mermaid">\na\n</div>\n~~~'
    )
    out, found = convert_diagrams(numbered(text), draw=True)
    assert found == [] and "\n".join(line for _, line in out) == text


def test_html_diagrams_become_fences_with_their_text():
    text = (
        '<div class="mermaid">\ngraph LR\n  a --&gt; b\n</div>\n\n'
        '<pre class="x mermaid">\npie\n</pre>'
    )
    out, found = convert_diagrams(numbered(text), draw=False)
    assert found == [1, 6]
    assert [line for _, line in out] == [
        "```mermaid", "graph LR", "  a --> b", "```", "", "```mermaid", "pie", "```",
    ]  # fmt: skip
    unclosed = '<div class="mermaid">\ngraph LR'
    assert convert_diagrams(numbered(unclosed), draw=True) == (numbered(unclosed), [])


def test_a_diagram_starting_with_settings_is_not_read_as_options():
    text = "```mermaid\n---\ntitle: T\n---\nflowchart LR\n```"
    out, _found = convert_diagrams(numbered(text), draw=True)
    assert [line for _, line in out][:3] == ["```{mermaid}", "", "---"]
    assert [number for number, _ in out] == [1, 1, 2, 3, 4, 5, 6]  # the author's lines


def test_the_lexer_never_yields_an_error():
    lexer = MermaidLexer()
    samples = ['flowchart LR\n  accTitle: T\n  A["x"] -->|yes| B\n  %% note\n']
    chars = 'ab-=.>x<"|%{}[]()\n :;\t~é1\r'
    generator = random.Random(7)
    samples += ["".join(generator.choice(chars) for _ in range(80)) for _ in range(300)]
    for sample in samples:
        assert not any(token in Error for token, _ in lexer.get_tokens(sample)), sample


# -- lessons read in place -------------------------------------------------------------------

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "json", "notes"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_source_blocks_build_quietly_in_every_builder(copy_root, builder):
    built = copy_root("mermaid-source").build(builder)  # strict: no unknown lexer
    text = "\n".join(
        shown_text(path) for path in built.outdir.rglob("*") if path.suffix in SUFFIXES
    )
    if builder != "notes":  # the notes file holds exercise titles only
        for words in ("Fence diagram title", "Rest diagram description", "Own caption of the pie"):
            assert words in text, (builder, words)
        assert CAPTION in text


def test_source_blocks_are_captioned_once(copy_root):
    built = copy_root("mermaid-source").build("html")
    index = built.page("index")
    captions = [c.get_text(strip=True) for c in index.select(".code-block-caption .caption-text")]
    assert captions == [CAPTION, "Own caption of the pie", CAPTION]
    assert len(index.select("div.highlight-mermaid .highlight .k")) >= 3  # the diagram types
    rest = built.page("rest-page").select(".code-block-caption .caption-text")
    assert [c.get_text(strip=True) for c in rest] == [CAPTION]


# -- import without sphinxcontrib-mermaid ----------------------------------------------------


def test_workbench_import_keeps_the_source(tmp_path, without_extension, make_app):
    report = import_lesson(WORKBENCH, tmp_path / "lesson")
    dest = report.dest
    page = dest / "episodes" / "steeping.md"
    assert diagram_lines(page) == diagram_lines(WORKBENCH / "episodes" / "steeping.md")
    assert "```{mermaid}" not in page.read_text(encoding="utf-8")
    assert "sphinxcontrib" not in (dest / "conf.py").read_text(encoding="utf-8")
    assert report.extensions == [] and report.notes == []
    mentions = [str(item) for item in report.items if "Mermaid" in str(item)]
    assert mentions == [
        "episodes/steeping.md:15: 4 Mermaid diagrams (in 2 files, the first here) shown as "
        "source text, not drawn: to draw them, pip install sphinxcontrib-mermaid, then "
        "import the lesson again"
    ]
    built = Sources(make_app, dest).build("html")
    html = built.page("episodes/steeping")
    captions = html.select(".code-block-caption .caption-text")
    assert [c.get_text(strip=True) for c in captions] == [CAPTION] * 3
    shown = normalized_text(html.get_text(" "))
    assert "accTitle : Steps of steeping tea" in shown or "accTitle: Steps of steeping tea" in shown


def test_legacy_import_keeps_the_source(tmp_path, without_extension, make_app):
    report = import_legacy_lesson(LEGACY, tmp_path / "lesson")
    page = report.dest / "_episodes" / "01-pairs.md"
    text = page.read_text(encoding="utf-8")
    assert "```mermaid\ngraph LR\n    accTitle: Pairing socks\n    A[Basket] --> B{Same" in text
    assert "~~~mermaid\ngraph TD\n    pile --> drawer\n~~~" in text
    assert '~~~html\n<div class="mermaid">' in text  # the example stays an example
    assert [str(item) for item in report.items if "Mermaid" in str(item)] == [
        "_episodes/01-pairs.md:15: 2 Mermaid diagrams (in 1 file, the first here) shown as "
        "source text, not drawn: to draw them, pip install sphinxcontrib-mermaid, then "
        "import the lesson again"
    ]
    built = Sources(make_app, report.dest).build("text")
    assert "accTitle: Pairing socks" in (built.outdir / "_episodes" / "01-pairs.txt").read_text()


# -- import with sphinxcontrib-mermaid -------------------------------------------------------


@pytest.fixture
def drawn(tmp_path, with_extension):
    return import_lesson(WORKBENCH, tmp_path / "lesson")


def test_workbench_import_makes_directives(drawn):
    dest = drawn.dest
    page = dest / "episodes" / "steeping.md"
    source = WORKBENCH / "episodes" / "steeping.md"
    assert diagram_lines(page) == diagram_lines(source)  # accTitle, accDescr: all kept
    text = page.read_text(encoding="utf-8")
    assert text.count("```{mermaid}") == 3
    assert "````markdown\n```mermaid\nflowchart LR" in text  # an example of the syntax
    assert "```{mermaid}\n\n---\ntitle: Water temperature" in text
    assert "```{mermaid}\nflowchart TD\n  accTitle: The lesson plan" in (
        dest / "index.md"
    ).read_text(encoding="utf-8")
    conf = (dest / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinx_refinery", "sphinxcontrib.mermaid"]' in conf
    assert not [item for item in drawn.items if "Mermaid" in str(item)]
    assert len(drawn.notes) == 1 and "cdn.jsdelivr.net" in drawn.notes[0]
    assert "Notes:\n  4 Mermaid diagrams drawn by sphinxcontrib-mermaid" in drawn.summary()


def test_drawn_diagrams_in_html(drawn, make_app):
    built = Sources(make_app, drawn.dest).build("html")
    steeping = built.page("episodes/steeping")
    diagrams = steeping.select("pre.mermaid")
    assert len(diagrams) == 3
    assert "accTitle: Steps of steeping tea" in diagrams[0].get_text()
    assert 'C("Wait 4 minutes & <strain>")' in diagrams[0].get_text()  # escaped, as text
    assert "<strain>" not in str(steeping).replace("&lt;strain&gt;", "")
    assert not steeping.select(".code-block-caption")
    # The extension's script for the page survives the theme (only where a diagram is).
    for docname in ("episodes/steeping", "instructor/episodes/steeping"):
        scripts = [s.get_text() for s in built.page(docname).select('script[type="module"]')]
        assert any("mermaid.mjs" in script for script in scripts), docname
    serving = built.page("episodes/serving")
    assert not any("mermaid.mjs" in s.get_text() for s in serving.select("script"))


@pytest.mark.parametrize("builder", ["text", "latex", "epub", "man"])
def test_drawn_diagrams_become_source_where_nothing_draws(drawn, make_app, builder):
    overrides = {"mermaid_cmd": "no-such-mermaid-command"}
    built = Sources(make_app, drawn.dest).build(builder, confoverrides=overrides)
    text = "\n".join(
        shown_text(path) for path in built.outdir.rglob("*") if path.suffix in SUFFIXES
    )
    assert "[graph]" not in text
    for words in ("Steps of steeping tea", "The timer rings", "Water temperature", CAPTION):
        assert words in text, (builder, words)
    raw = "".join(p.read_text(errors="replace") for p in built.outdir.rglob("*.xhtml"))
    assert "cdn.invalid" not in raw  # no script in an EPUB


def test_legacy_import_makes_directives(tmp_path, with_extension, make_app):
    report = import_legacy_lesson(LEGACY, tmp_path / "lesson")
    text = (report.dest / "_episodes" / "01-pairs.md").read_text(encoding="utf-8")
    assert "```{mermaid}\ngraph LR\n    accTitle: Pairing socks" in text
    assert "~~~{mermaid}\ngraph TD" in text
    assert '"sphinxcontrib.mermaid"' in (report.dest / "conf.py").read_text(encoding="utf-8")
    built = Sources(make_app, report.dest).build("html")
    diagrams = built.page("_episodes/01-pairs").select("pre.mermaid")
    assert [d.get_text().split("\n")[1].strip() for d in diagrams] == [
        "accTitle: Pairing socks",
        "pile --> drawer",
    ]


def test_command_lists_the_requirement(tmp_path, with_extension, capsys):
    dest = tmp_path / "out"
    assert cli.main(["import-carpentries", str(WORKBENCH), str(dest), "--strict"]) == 0
    requirements = (dest / "requirements.txt").read_text(encoding="utf-8").split("\n")
    assert "sphinxcontrib-mermaid" in requirements and "sphinx-refinery" in requirements
    out = capsys.readouterr().out
    assert "The lesson builds without warnings." in out
    assert out.count("cdn.jsdelivr.net") == 1


def test_detection_without_the_package(monkeypatch):
    monkeypatch.setattr(import_diagrams.importlib.util, "find_spec", lambda name: None)
    assert not mermaid_available()


def test_diagram_styles_only_in_lessons_that_load_the_extension(copy_root, with_extension):
    """The theme's styles for sphinxcontrib-mermaid's diagrams are added to the
    stylesheet of a lesson that loads it, not to every lesson's."""
    plain = copy_root("theme", dest="plain").build("html")
    assert "pre.mermaid" not in (plain.outdir / "_static" / "refinery-theme.css").read_text()
    sources = copy_root("theme", dest="with-mermaid")
    conf = sources / "conf.py"
    conf.write_text(conf.read_text() + '\nextensions.append("sphinxcontrib.mermaid")\n')
    drawn = sources.build("html")
    assert "pre.mermaid{" in (drawn.outdir / "_static" / "refinery-theme.css").read_text()


def test_the_lexer_steps_aside_for_one_pygments_has(monkeypatch):
    """Registered only when Pygments' own lexers have no ``mermaid``."""
    from sphinx_refinery.outputs import mermaid

    added = []

    class App:
        def add_lexer(self, name, lexer):
            added.append(name)

    mermaid.register_lexer(App())
    assert added == ["mermaid"]
    known = {**mermaid.LEXERS, "MermaidLexer": ("x", "Mermaid", ("mermaid",), (), ())}
    monkeypatch.setattr(mermaid, "LEXERS", known)
    mermaid.register_lexer(App())
    assert added == ["mermaid"]
