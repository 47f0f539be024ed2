"""Instructor-only and hidden content never reaches learners, in any output.

``tests/roots/test-canary`` puts a token in every construct that can hold
instructor-only content or a hidden solution: ``zqxi...k`` inside instructor
notes, ``zqxb...k`` in a solution inside a note, ``zqxh...k`` in a solution
outside notes.  Every builder builds it; no learner-side file (pages,
``_sources``, search index, ``objects.inv``, general index, EPUB archive,
notes, JSON) may hold an instructor token, nor, with hidden solutions, a
solution token; the instructor edition holds every instructor token.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from helpers import ROOTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CANARY = ROOTS / "test-canary"
TOKEN = re.compile(r"zqx[ihb][a-z]*k", re.IGNORECASE)
SOURCE_TOKENS = {
    token.lower() for path in CANARY.glob("*.md") for token in TOKEN.findall(path.read_text())
}
INSTRUCTOR = {token for token in SOURCE_TOKENS if token.startswith(("zqxi", "zqxb"))}
HIDDEN = {token for token in SOURCE_TOKENS if token.startswith(("zqxh", "zqxb"))}
BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "notes", "json")
#: What a builder never writes, in any edition: index entries and labels where
#: it has no index and no anchors; the html views' index is the root view's.
NOT_WRITTEN = {
    "html": {"zqxiindexk"},
    "dirhtml": {"zqxiindexk"},
    "singlehtml": {"zqxiindexk"},
    "text": {"zqxiindexk"} | {t for t in INSTRUCTOR if t.endswith("labelk")},
    "man": {"zqxiindexk"} | {t for t in INSTRUCTOR if t.endswith("labelk")},
}
#: The canary's EPUB needs a version; JSON is built with a theme of Sphinx's.
OVERRIDES = {"epub": {"version": "1.0"}, "json": {"html_theme": "alabaster"}}


def output_files(outdir: Path) -> dict[str, str]:
    """Every output file as text, by path: ``objects.inv`` decompressed, the
    EPUB archive's members one by one; Sphinx's doctrees left out."""
    files: dict[str, str] = {}
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        name = path.relative_to(outdir).as_posix()
        data = path.read_bytes()
        if path.name == "objects.inv":
            data = zlib.decompress(data.split(b"\n", 4)[4])
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    files[f"{name}!{member}"] = archive.read(member).decode("utf-8", "replace")
            continue
        files[name] = data.decode("utf-8", "replace")
    return files


def tokens(files: dict[str, str]) -> dict[str, set[str]]:
    """Each token found, with the files it is in."""
    found: dict[str, set[str]] = {}
    for name, text in files.items():
        for token in TOKEN.findall(text):
            found.setdefault(token.lower(), set()).add(name)
    return found


def sides(builder: str, files: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(learner-side, instructor-side) files: the ``instructor/`` tree of the
    html views is the instructor's, everything else the learner's."""
    instructor = {name: text for name, text in files.items() if name.startswith("instructor/")}
    learner = {name: text for name, text in files.items() if name not in instructor}
    return learner, instructor


def build(copy_root, builder: str, dest: str = "", **overrides):
    sources = copy_root(CANARY, dest=f"canary-{builder}{dest}")
    confoverrides = {**OVERRIDES.get(builder, {}), **overrides}
    return sources.build(builder, confoverrides=confoverrides)


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_instructor_token_on_the_learner_side(copy_root, builder):
    built = build(copy_root, builder)
    learner, instructor = sides(builder, output_files(built.outdir))
    leaked = {t: sorted(f) for t, f in tokens(learner).items() if t in INSTRUCTOR}
    assert not leaked
    if builder in ("html", "dirhtml"):
        shown = set(tokens(instructor))
        assert INSTRUCTOR - NOT_WRITTEN[builder] <= shown, INSTRUCTOR - shown


@pytest.mark.parametrize("builder", [b for b in BUILDERS if b not in ("html", "dirhtml", "notes")])
def test_the_instructor_edition_has_every_token(copy_root, builder):
    built = build(copy_root, builder, refinery_edition="instructor")
    shown = set(tokens(output_files(built.outdir)))
    missing = INSTRUCTOR - NOT_WRITTEN.get(builder, set()) - shown
    assert not missing


@pytest.mark.parametrize("builder", BUILDERS)
def test_hidden_solutions_are_in_no_output(copy_root, builder):
    built = build(copy_root, builder, refinery_solutions="hidden")
    learner, instructor = sides(builder, output_files(built.outdir))
    assert not {t: sorted(f) for t, f in tokens(learner).items() if t in HIDDEN | INSTRUCTOR}
    assert not {t: sorted(f) for t, f in tokens(instructor).items() if t in HIDDEN}


@pytest.mark.parametrize("placement", ["end", "page"])
@pytest.mark.parametrize("builder", ["html", "singlehtml", "latex"])
def test_placed_solutions_stay_in_their_notes(copy_root, builder, placement):
    """Solutions gathered at the end or on the solutions page: those inside
    notes stay there, out of the learner edition."""
    built = build(copy_root, builder, refinery_solutions_placement=placement)
    learner, _instructor = sides(builder, output_files(built.outdir))
    assert not {t: sorted(f) for t, f in tokens(learner).items() if t in INSTRUCTOR}
    assert "zqxhsolk" in tokens(learner)  # the learners' own solution is still there


def test_sources_of_pages_with_notes_are_not_published(copy_root):
    built = build(copy_root, "html")
    assert (built.outdir / "_sources" / "index.md.txt").is_file()
    assert not (built.outdir / "_sources" / "episode.md.txt").exists()
    assert not (built.outdir / "instructor" / "_sources").exists()


def test_the_edition_follows_the_root_view_by_default(copy_root):
    learner = build(copy_root, "singlehtml")
    assert "zqxiparak" not in learner.text("index.html")
    instructor = build(copy_root, "singlehtml", "-2", refinery_views=["instructor"])
    assert "zqxiparak" in instructor.text("index.html")
    learner_pdf = build(copy_root, "latex", refinery_views=["learner", "instructor"])
    assert "zqxiparak" not in learner_pdf.text("canary.tex")


def test_a_solution_to_an_exercise_in_a_note(copy_root):
    """Its title names the exercise, and it links back to it, only for instructors."""
    built = build(copy_root, "html")
    learner = built.page("episode")
    [solution] = [
        d for d in learner.select("details.solution") if "learner-visible" in d.get_text()
    ]
    assert solution.select_one("summary").get_text(strip=True) == "Solution"
    assert not solution.select(".refinery-backlink")
    assert not any("zqxi" in " ".join(d.get("class", [])) for d in learner.select("details"))
    instructor = (built.outdir / "instructor" / "episode.html").read_text(encoding="utf-8")
    assert "Solution to Exercise: Exercise zqxiextitlek" in instructor
    assert 'href="#zqxiexlabelk"' in instructor


def test_numref_to_an_exercise_in_a_note_says_why_it_has_no_number(copy_root):
    sources = copy_root(CANARY)
    page = sources / "episode.md"
    page.write_text(page.read_text() + "\nSee {numref}`zqxiexlabelk`.\n", encoding="utf-8")
    built = sources.build("html", strict=False)
    assert "inside an instructor note" in built.warnings
    assert "or number it" not in built.warnings


def test_a_lesson_folder_named_like_the_second_view(copy_root):
    sources = copy_root(CANARY)
    (sources / "instructor").mkdir()
    (sources / "instructor" / "setup.md").write_text(
        "---\norphan: true\n---\n\n# Setup for instructors\n\nThe lesson has this page.\n",
        encoding="utf-8",
    )
    built = sources.build("html", strict=False)
    [warning] = built.warnings.splitlines()
    assert "setup.md" in warning and "instructor-view" in warning and "refinery.views" in warning
    assert "The lesson has this page." in built.text("instructor/setup.html")
    assert "zqxiparak" in built.text("instructor-view/episode.html")
    switch = built.page("episode").select_one("a[data-refinery-view-link]")
    assert switch["href"] == "instructor-view/episode.html"


ROOT_EXERCISE = """
:::{exercise} At the root
The root asks.
:::

:::{solution}
The root answers rootanswerq.
:::
"""


@pytest.mark.parametrize("builder", ["latex", "singlehtml"])
def test_page_placement_keeps_the_root_documents_solutions(copy_root, builder):
    sources = copy_root(CANARY)
    index = sources / "index.md"
    index.write_text(index.read_text() + ROOT_EXERCISE, encoding="utf-8")
    built = sources.build(
        builder, confoverrides={"refinery_solutions_placement": "page", "version": "1.0"}
    )
    text = "".join(output_files(built.outdir).values())
    assert "rootanswerq" in text


# -- the same at random: constructs nested in a note in any order ---------------------

#: Constructs without content of their own, each given a token.
LEAVES = {
    "paragraph": "Text {t}.",
    "code": "```{{code-block}} text\n:caption: Code {t}\n\ncode\n```",
    "index": "```{{index}} {t}\n```",
    "term": "```{{glossary}}\n{t}\n   Defined.\n```",
    "table": "| a | {t} |\n|---|---|\n| b | c |",
    "rubric": "```{{rubric}} Rubric {t}\n```",
}
#: Constructs that hold others; "exercise" holds a solution too.
CONTAINERS = ("exercise", "discussion", "keypoints", "tabs", "instructor-note")

leaf = st.sampled_from(sorted(LEAVES))
tree = st.recursive(
    leaf,
    lambda children: st.tuples(st.sampled_from(CONTAINERS), st.lists(children, max_size=3)),
    max_leaves=6,
)


class Page:
    """A page that puts a random tree of constructs into an instructor note."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.index_tokens: set[str] = set()

    def token(self) -> str:
        number = "".join(chr(ord("a") + int(digit)) for digit in str(len(self.tokens)))
        self.tokens.append(f"zqxi{number}k")
        return self.tokens[-1]

    def render(self, node) -> tuple[str, int]:
        """The Markdown of ``node`` and the number of fence levels it uses."""
        if isinstance(node, str):
            token = self.token()
            if node == "index":
                self.index_tokens.add(token)
            return LEAVES[node].format(t=token), 0
        kind, children = node
        parts = [self.render(child) for child in children]
        inner = max((height for _text, height in parts), default=0)
        body = "\n\n".join(text for text, _height in parts) or f"Body {self.token()}."
        if kind == "exercise":
            fence = ":" * (3 + inner)
            solution = f"{fence}{{solution}}\nAnswer {self.token()}.\n{fence}"
            body = f"{body}\n\n{solution}"
        if kind == "tabs":
            tab, tabs = ":" * (4 + inner), ":" * (5 + inner)
            text = f"{tabs}{{tabs}}\n{tab}{{tab}} Tab {self.token()}\n{body}\n{tab}\n{tabs}"
            return text, inner + 2
        fence = ":" * (4 + inner)
        return f"{fence}{{{kind}}} Title {self.token()}\n{body}\n{fence}", inner + 1


LISTS = """# Lists

```{exerciselist}
```

```{exerciselist}
:style: list
```

```{solutionlist}
```

```{keypoints-summary}
```
"""


@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=st.lists(tree, min_size=1, max_size=3))
def test_no_random_nesting_leaks(make_app, tmp_path_factory, tree):
    page = Page()
    rendered = [page.render(node) for node in tree]
    height = max(h for _text, h in rendered)
    fence = ":" * (4 + height)
    body = "\n\n".join(text for text, _h in rendered)
    src = tmp_path_factory.mktemp("nested")
    (src / "conf.py").write_text('extensions = ["sphinx_refinery"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# Nested\n\n```{toctree}\nepisode\nlists\n```\n", encoding="utf-8"
    )
    (src / "lists.md").write_text(LISTS, encoding="utf-8")
    episode = f"# Episode\n\nFor everyone.\n\n{fence}{{instructor-note}}\n{body}\n{fence}\n"
    (src / "episode.md").write_text(episode, encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    learner, instructor = sides("html", output_files(Path(app.outdir)))
    assert not set(tokens(learner)) & set(page.tokens), episode
    missing = set(page.tokens) - page.index_tokens - set(tokens(instructor))
    assert not missing, episode
