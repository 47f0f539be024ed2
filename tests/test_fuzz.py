"""Property-based tests: random lesson pages build, keep every sentence, and give sound HTML.

Hypothesis composes pages from the project's directives (every block kind
and alias, solutions and hints inside exercises, tabs of every kind,
``exerciselist``), nested to any depth with fences of the right length,
options, headings, code and text.  Every sentence carries a unique token;
after building with html, text and latex, each token must be in each output
(instructor notes: only in the instructor copy of the HTML page).

One Sphinx app per builder is kept for all examples (each example rewrites
the page and builds incrementally), which keeps the run short.

Profiles (``HYPOTHESIS_PROFILE``): ``ci`` (default, 30 examples, no
shrinking), ``dev`` (100) and ``thorough`` (1000).  No deadline: a build takes what it takes.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from helpers import warnings_of
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_refinery.blocks.kinds import BLOCK_KINDS

#: CI does not shrink (builds are slow to shrink); the failing page is printed as found.
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    database=None,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
PROFILE = settings(
    settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONF = """\
project = "Fuzz"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
"""
INDEX = "# Fuzz\n\n```{toctree}\npage\n```\n\n```{exerciselist}\n```\n"
BUILDERS = ("html", "text", "latex")

#: Block directives that may hold anything (solutions and hints only go in exercises).
FREE_BLOCKS = [name for kind in BLOCK_KINDS if not kind.solution for name in kind.directive_names]
EXERCISES = [name for kind in BLOCK_KINDS if kind.exercise for name in kind.directive_names]
INSTRUCTOR = {
    name for kind in BLOCK_KINDS if kind.audience == "instructor" for name in kind.directive_names
}
#: Words around the tokens: punctuation each output format must escape.
WORDS = ["alpha", "beta", "&", "<", ">", '"quoted"', "it's", "50%", "$5", "{x}", "~", "^", "a_b"]
CLASSES = ["", "dropdown", "dropdown toggle-shown", "exerciselist-include", "my-class"]
LANGUAGES = ["python", "bash", "text", ""]


# -- the document model -----------------------------------------------------------


@dataclass
class Para:
    words: tuple[str, str]
    markup: str  # "", "*", "**", "`"


@dataclass
class Code:
    language: str


@dataclass
class Block:
    name: str
    titled: bool
    css: str
    nonumber: bool
    labelled: bool
    fence: str  # ":" or "`"
    children: list = field(default_factory=list)


@dataclass
class Tab:
    kind: str  # "tab", "group-tab" or "code-tab"
    language: str
    fence: str
    children: list = field(default_factory=list)


@dataclass
class Tabs:
    fence: str
    tabs: list[Tab]


@dataclass
class Page:
    sections: list[list]  # each: the items under one heading (the first: under the title)
    exerciselist: bool


# -- strategies ---------------------------------------------------------------------


def paragraphs() -> st.SearchStrategy[Para]:
    return st.builds(
        Para,
        st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)),
        st.sampled_from(["", "*", "**", "`"]),
    )


@st.composite
def items(draw, depth: int, in_solution: bool = False) -> list:
    """One to three items; blocks and tabs while ``depth`` allows."""
    kinds = ["para", "code"] + (["block", "block", "tabs"] if depth > 0 else [])
    found = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(kinds))
        if kind == "para":
            found.append(draw(paragraphs()))
        elif kind == "code":
            found.append(Code(draw(st.sampled_from(LANGUAGES))))
        elif kind == "tabs":
            found.append(draw(tab_sets(depth - 1, in_solution)))
        else:
            found.append(draw(blocks(depth - 1, in_solution)))
    return found


@st.composite
def blocks(draw, depth: int, in_solution: bool) -> Block:
    name = draw(st.sampled_from(FREE_BLOCKS))
    exercise = name in EXERCISES
    block = Block(
        name=name,
        titled=draw(st.booleans()),
        css=draw(st.sampled_from(CLASSES)),
        nonumber=exercise and draw(st.booleans()),
        labelled=exercise and draw(st.booleans()),
        fence=draw(st.sampled_from(":`")),
        children=draw(items(depth, in_solution)),
    )
    if exercise and not in_solution and draw(st.booleans()):
        kind = draw(st.sampled_from(["solution", "hint"]))
        inner = draw(items(depth, in_solution=True))
        block.children.append(
            Block(kind, draw(st.booleans()), "", False, False, draw(st.sampled_from(":`")), inner)
        )
    return block


@st.composite
def tab_sets(draw, depth: int, in_solution: bool) -> Tabs:
    tabs = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["tab", "group-tab", "code-tab"]))
        language = draw(st.sampled_from(LANGUAGES[:3])) if kind == "code-tab" else ""
        children = [] if kind == "code-tab" else draw(items(depth, in_solution))
        tabs.append(Tab(kind, language, draw(st.sampled_from(":`")), children))
    return Tabs(draw(st.sampled_from(":`")), tabs)


pages = st.builds(
    Page,
    st.lists(items(depth=3), min_size=1, max_size=3),
    st.booleans(),
)


# -- rendering -------------------------------------------------------------------------

_serial = itertools.count()


@dataclass
class Rendered:
    source: str
    tokens: list[str] = field(default_factory=list)
    instructor_tokens: list[str] = field(default_factory=list)


class Renderer:
    """MyST for a :class:`Page`, with a fresh token in every sentence."""

    def __init__(self) -> None:
        self.out = Rendered("")
        self.labels: list[tuple[str, bool]] = []  # (label, numbered)

    def token(self, instructor: bool) -> str:
        token = f"tok{next(_serial):06d}"
        (self.out.instructor_tokens if instructor else self.out.tokens).append(token)
        return token

    def sentence(self, para: Para, instructor: bool) -> str:
        token = self.token(instructor)
        marked = f"{para.markup}{token}{para.markup}" if para.markup else token
        return f"Some {para.words[0]} {marked} {para.words[1]} text."

    def fence_length(self, item: object) -> int:
        """Longer than every fence inside ``item`` (code fences are 3 long)."""
        if isinstance(item, Para):
            return 0
        if isinstance(item, Code):
            return 3
        children = item.tabs if isinstance(item, Tabs) else item.children
        return max([3, *(self.fence_length(child) + 1 for child in children)])

    def item(self, item: object, instructor: bool) -> list[str]:
        if isinstance(item, Para):
            return [self.sentence(item, instructor), ""]
        if isinstance(item, Code):
            token = self.token(instructor)
            code = {"python": f"x = 1  # {token}", "bash": f"echo {token}"}
            return [f"```{item.language}", code.get(item.language, token), "```", ""]
        if isinstance(item, Tabs):
            fence = item.fence * self.fence_length(item)
            lines = [f"{fence}{{tabs}}"]
            for tab in item.tabs:
                lines += self.tab(tab, instructor)
            return [*lines, fence, ""]
        return self.block(item, instructor)

    def tab(self, tab: Tab, instructor: bool) -> list[str]:
        fence = tab.fence * self.fence_length(tab)
        label = f"Label {self.token(instructor)}"
        if tab.kind == "code-tab":
            code = f"print('{self.token(instructor)}')"
            return [f"{fence}{{code-tab}} {tab.language or 'text'} {label}", code, fence, ""]
        lines = [f"{fence}{{{tab.kind}}} {label}"]
        for child in tab.children:
            lines += self.item(child, instructor)
        return [*lines, fence, ""]

    def block(self, block: Block, instructor: bool) -> list[str]:
        instructor = instructor or block.name in INSTRUCTOR
        fence = block.fence * self.fence_length(block)
        title = f" Title {self.token(instructor)}" if block.titled else ""
        lines = [f"{fence}{{{block.name}}}{title}"]
        if block.css:
            lines.append(f":class: {block.css}")
        if block.nonumber:
            lines.append(":nonumber:")
        if block.labelled:
            label = f"ex-{next(_serial)}"
            lines.append(f":label: {label}")
            if not instructor:  # a reference would show an instructor-only title
                self.labels.append((label, not block.nonumber))
        for child in block.children:
            lines += self.item(child, instructor)
        if block.name == "quiz":  # a question ends with its options
            right, wrong = self.token(instructor), self.token(instructor)
            lines += [f"- [x] Right {right}", f"- [ ] Wrong {wrong}", ""]
        return [*lines, fence, ""]

    def render(self, page: Page) -> Rendered:
        lines = [f"# Page {self.token(False)}", ""]
        for number, section in enumerate(page.sections):
            if number:
                lines += [f"## Section {self.token(False)}", ""]
            for item in section:
                lines += self.item(item, False)
        for label, numbered in self.labels:
            role = "numref" if numbered else "ref"
            lines += [f"See {{{role}}}`{label}` and {self.token(False)}.", ""]
        if page.exerciselist:
            lines += ["```{exerciselist}", "```", ""]
        self.out.source = "\n".join(lines)
        return self.out


# -- checks ---------------------------------------------------------------------------

VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source")
) | {"track", "wbr"}


class BalanceChecker(HTMLParser):
    """Every element closed, in order (Sphinx never relies on omitted end tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()}, open: {self.stack[-3:]}")
            if tag in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]
        else:
            self.stack.pop()


def balance_errors(html: str) -> list[str]:
    checker = BalanceChecker()
    checker.feed(html)
    checker.close()
    return checker.errors + [f"never closed: {checker.stack}"] * bool(checker.stack)


def html_text(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html)


# -- the apps ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> Iterator[dict[str, SphinxTestApp]]:
    """One app per builder, each on its own copy of the lesson."""
    built = {}
    for builder in BUILDERS:
        srcdir = tmp_path_factory.mktemp(builder) / "src"
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
        (srcdir / "page.md").write_text("# Page\n\nEmpty.\n", encoding="utf-8")
        # text and LaTeX: the instructor edition, which has every sentence.
        overrides = {} if builder == "html" else {"refinery_edition": "instructor"}
        built[builder] = SphinxTestApp(
            builder,
            srcdir=srcdir,
            status=StringIO(),
            warning=StringIO(),
            confoverrides=overrides,
        )
    yield built
    for app in built.values():
        app.cleanup()


def build(app: SphinxTestApp, source: str) -> str:
    """Write the page, build incrementally; the build's warnings."""
    page = Path(app.srcdir) / "page.md"
    page.write_text(source, encoding="utf-8")
    mtime = page.stat().st_mtime + 2  # newer than the last read, however fast we are
    os.utime(page, (mtime, mtime))
    (Path(app.outdir) / "instructor" / "page.html").unlink(missing_ok=True)
    app.warning.seek(0)
    app.warning.truncate()
    app.build()
    return warnings_of(app)


def missing(tokens: list[str], text: str) -> list[str]:
    return [token for token in tokens if token not in text]


@PROFILE
@given(page=pages)
def test_random_pages_keep_every_sentence(apps, page: Page) -> None:
    rendered = Renderer().render(page)
    everything = rendered.tokens + rendered.instructor_tokens
    for builder, app in apps.items():
        warnings = build(app, rendered.source)
        assert warnings == "", f"{builder}:\n{warnings}\n\n{rendered.source}"
        outdir = Path(app.outdir)
        if builder == "html":
            learner = (outdir / "page.html").read_text(encoding="utf-8")
            assert balance_errors(learner) == [], rendered.source
            assert missing(rendered.tokens, html_text(learner)) == [], rendered.source
            leaked = set(rendered.instructor_tokens) - set(
                missing(rendered.instructor_tokens, html_text(learner))
            )
            assert not leaked, f"instructor text in the learner page: {leaked}"
            if rendered.instructor_tokens:
                copy = (outdir / "instructor" / "page.html").read_text(encoding="utf-8")
                assert balance_errors(copy) == [], rendered.source
                assert missing(everything, html_text(copy)) == [], rendered.source
            index = (outdir / "index.html").read_text(encoding="utf-8")
            assert balance_errors(index) == [], rendered.source
        elif builder == "text":
            text = (outdir / "page.txt").read_text(encoding="utf-8")
            assert missing(everything, text) == [], f"{text}\n\n{rendered.source}"
        else:
            tex = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
            assert missing(everything, tex) == [], rendered.source


def test_renderer_nests_fences() -> None:
    """A fixed page: an exercise holding tabs and a solution, fences longest outside."""
    inner = Block("solution", False, "", False, False, ":", [Code("python")])
    tabs = Tabs(":", [Tab("tab", "", ":", [Para(("a", "b"), "")])])
    outer = Block("exercise", True, "", False, True, ":", [tabs, inner])
    source = Renderer().render(Page([[outer]], False)).source
    assert source.count("\n:::::{exercise}") == 1
    assert "\n::::{tabs}" in source
    assert "\n:::{tab}" in source
    assert "\n::::{solution}" in source
