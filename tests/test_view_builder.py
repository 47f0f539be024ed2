"""The views as a builder subclass: registration, state, no monkeypatching, and
the tokenizer that moves the copy's links."""

from __future__ import annotations

import ast
import inspect
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.jinja2glue import BuiltinTemplateLoader

import sphinx_refinery
from sphinx_refinery.outputs.views.builder import ViewsBuilderMixin
from sphinx_refinery.outputs.views.editions import EditionMixin
from sphinx_refinery.outputs.views.links import link_rewriter, shift_urls, start_tags
from sphinx_refinery.outputs.views.state import ViewState

ROOT = Path(__file__).parent / "roots" / "test-lesson"


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT, tmp_path / "src"))


# --- no method of a builder or template engine is replaced -------------------


def _method_names() -> set[str]:
    """Callable attributes that Sphinx's HTML builders and template loader define."""
    names = set()
    for cls in (StandaloneHTMLBuilder, DirectoryHTMLBuilder, BuiltinTemplateLoader):
        for name, value in inspect.getmembers(cls):
            if callable(value) and not hasattr(object, name):
                names.add(name)
    return names


def _replaced_methods(tree: ast.AST, methods: set[str]) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in methods
        ):
            found.append((node.lineno, node.args[1].value))
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in methods:
                    found.append((node.lineno, part.attr))
    return found


def test_the_package_replaces_no_builder_or_template_method():
    methods = _method_names()
    assert {"write_doc", "get_doc_context", "handle_page", "_write_parallel", "render"} <= methods
    offenders = []
    for path in Path(sphinx_refinery.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        offenders += [
            f"{path.name}:{line} .{name} = ..." for line, name in _replaced_methods(tree, methods)
        ]
    assert offenders == []


def test_the_scan_finds_a_replaced_method():
    source = (
        "builder.write_doc = f\n"
        "app.builder.templates.render = g\n"
        "setattr(b, 'get_doc_context', h)\n"
    )
    assert [name for _line, name in _replaced_methods(ast.parse(source), _method_names())] == [
        "write_doc",
        "render",
        "get_doc_context",
    ]


# --- the builder classes -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "base"), [("html", StandaloneHTMLBuilder), ("dirhtml", DirectoryHTMLBuilder)]
)
def test_html_and_dirhtml_are_subclasses_with_the_views(make_app, srcdir, name, base):
    app = make_app(name, srcdir=srcdir)
    assert isinstance(app.builder, ViewsBuilderMixin)
    assert type(app.builder).__bases__[-1] is base


@pytest.mark.parametrize("name", ["singlehtml", "epub", "latex", "text"])
def test_other_builders_are_left_alone(make_app, srcdir, name):
    app = make_app(name, srcdir=srcdir)
    assert not isinstance(app.builder, ViewsBuilderMixin)
    builder_class = type(app.builder)
    if name in ("singlehtml", "epub"):  # Sphinx's class with only the edition's index mixed in
        assert builder_class.__bases__[0] is EditionMixin
        builder_class = builder_class.__bases__[-1]
    assert builder_class.__module__.startswith("sphinx.")


def test_the_build_keeps_its_views_in_one_object(make_app, strict_build, srcdir):
    app = strict_build(make_app("html", srcdir=srcdir))
    state = app.builder.refinery_views
    assert isinstance(state, ViewState)
    assert (state.root, state.second) == ("learner", "instructor")
    assert "episodes/one" in state.pages and "episodes/two" in state.pages
    assert "episodes/one.html" in state.outputs
    assert state.page is None and state.rendering is None
    leftovers = [name for name in vars(app.builder) if name.startswith(("refinery", "_refinery"))]
    assert leftovers == ["refinery_views"]


EXTENSION = '''
from sphinx.builders.html import StandaloneHTMLBuilder


class CustomHTMLBuilder(StandaloneHTMLBuilder):
    """An html builder of another extension."""


def setup(app):
    app.add_builder(CustomHTMLBuilder, override=True)
'''


def test_an_html_builder_of_another_extension_gets_the_views(make_app, strict_build, srcdir):
    (srcdir / "custom_builder.py").write_text(EXTENSION)
    conf = srcdir / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text().replace('["sphinx_refinery"]', '["sphinx_refinery", "custom_builder"]')
    )
    app = strict_build(make_app("html", srcdir=srcdir))
    assert type(app.builder).__bases__[-1].__name__ == "CustomHTMLBuilder"
    assert isinstance(app.builder, ViewsBuilderMixin)
    assert (Path(app.outdir) / "instructor" / "episodes" / "one.html").exists()


def test_the_theme_alone_writes_both_views(make_app, strict_build, srcdir):
    """``html_theme = "sphinx_refinery"`` without the extension: Sphinx loads
    the package when it loads the theme, after it made the builder."""
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text().replace('["sphinx_refinery"]', '["myst_parser"]')
        + 'html_theme = "sphinx_refinery"\n'
    )
    app = make_app("html", srcdir=srcdir)
    app.build()  # MyST's colon fences (a lesson default) are off: episode one warns
    assert isinstance(app.builder, ViewsBuilderMixin)
    out = Path(app.outdir)
    note = "Show the test ids"
    assert note in (out / "instructor" / "episodes" / "three.html").read_text()
    assert note not in (out / "episodes" / "three.html").read_text()


# --- the tokenizer ---------------------------------------------------------------


class _Reference(HTMLParser):
    """The start tags Python's HTML parser finds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(self.get_starttag_text())


def _reference_tags(html: str) -> list[str]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return parser.tags


_names = st.sampled_from(
    ["href", "src", "class", "title", "data-content_root", "data-refinery-view-link"]
)
_text = st.text(alphabet="ab <>=/'\"&;#.", max_size=12)
_attribute = st.one_of(
    _names,
    st.builds(lambda n, v: f'{n}="{v}"', _names, _text.map(lambda t: t.replace('"', ""))),
    st.builds(lambda n, v: f"{n}='{v}'", _names, _text.map(lambda t: t.replace("'", ""))),
    st.builds(lambda n, v: f"{n}={v}", _names, st.text(alphabet="ab./#", min_size=1, max_size=6)),
)
_tag = st.builds(
    lambda name, attributes, end: f"<{name}{''.join(' ' + a for a in attributes)}{end}",
    st.sampled_from(["a", "img", "link", "div", "form"]),
    st.lists(_attribute, max_size=3),
    st.sampled_from([">", " />", "\n>"]),
)
_piece = st.one_of(
    _tag,
    st.sampled_from(["</a>", "</div>", "<!DOCTYPE html>", "a < b", "x > y", "&amp;"]),
    st.builds(lambda t: f"<!--{t}-->", _text.map(lambda t: t.replace("-", ""))),
    st.builds(
        lambda t: f"<script>{t}</script>",
        st.sampled_from(["", "x = \"<a href='y.html'>\";", "1 < 2"]),
    ),
    st.builds(lambda t: f"<style>{t}</style>", st.sampled_from(["a > b {}", "/* <img src=x> */"])),
    st.text(alphabet="ab \n", max_size=5),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_piece, max_size=12).map("".join))
def test_the_tokenizer_finds_the_tags_the_html_parser_finds(html):
    assert [html[start:end] for start, end in start_tags(html)] == _reference_tags(html)


def test_links_in_scripts_comments_and_values_are_not_moved():
    rewrite = link_rewriter("episodes", "instructor", set())
    html = (
        '<script>var a = \'<a href="x.html">\';</script><!-- <a href="c.html"> -->'
        '<a title=\'see > href="t.html"\' href="y.html">y</a>'
        "<img src=p.png alt='z'><a HREF=\"q.html\">q</a>"
    )
    assert shift_urls(html, rewrite) == (
        '<script>var a = \'<a href="x.html">\';</script><!-- <a href="c.html"> -->'
        '<a title=\'see > href="t.html"\' href="../../episodes/y.html">y</a>'
        "<img src=../../episodes/p.png alt='z'><a HREF=\"../../episodes/q.html\">q</a>"
    )


def test_a_page_without_links_to_move_is_returned_as_it_is():
    html = '<p>no links</p><a href="#top">top</a><a href="https://x.org/">x</a>'
    assert shift_urls(html, link_rewriter("", "instructor", set())) is html
