"""More bad input: each case once crashed a build, or dropped or garbled content.

Every case builds a one- or two-page lesson and checks that the build ends
without a traceback, with one located warning where the input is wrong, and
that the rest of the page is still there.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from helpers import page, run_build, warnings_of

CONF = 'extensions = ["sphinx_refinery"]\nexclude_patterns = ["_build"]\n'
THEME = 'html_theme = "sphinx_refinery"\n'


def write_lesson(srcdir: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A lesson of ``pages`` (name with suffix: source); the first one is the root."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF + conf, encoding="utf-8")
    for name, source in pages.items():
        (srcdir / name).write_text(source, encoding="utf-8")
    return srcdir


def build(make_app, srcdir: Path, builder: str = "html", *, strict: bool = True, **kwargs):
    return run_build(make_app(builder, srcdir=srcdir, **kwargs), strict=strict)


# -- :name: and :label: on one block -------------------------------------------------------

BOTH_LABELS = {
    "index.md": (
        "# P\n\n:::{exercise} Both\n:name: ex-name\n:label: ex-label\nBody.\n:::\n\n"
        "See {ref}`ex-name`, {ref}`ex-label` and {numref}`ex-label`.\n"
    ),
    "rest.rst": (
        ":orphan:\n\nR\n=\n\n.. exercise:: Both\n   :name: rst-name\n   :label: rst-label\n\n"
        "   Body.\n\nSee :ref:`rst-name` and :ref:`rst-label`.\n"
    ),
}


def test_name_and_label_are_both_labels_of_the_block(make_app, tmp_path):
    app = build(make_app, write_lesson(tmp_path / "src", BOTH_LABELS))
    for name, labels in (("index", ("ex-name", "ex-label")), ("rest", ("rst-name", "rst-label"))):
        html = page(app, name)
        [block] = html.select("div.exercise")
        target = block["id"]
        links = [a["href"] for a in html.select("a.reference.internal") if "#" in a["href"]]
        assert links.count(f"#{target}") >= len(labels), links
        assert target == labels[0]


def test_the_same_label_twice_is_one_label(make_app, tmp_path):
    source = "# P\n\n:::{exercise}\n:name: ex-a\n:label: ex-a\nBody.\n:::\n\n{ref}`ex-a`\n"
    app = build(make_app, write_lesson(tmp_path / "src", {"index.md": source}))
    assert page(app, "index").select_one('a[href="#ex-a"]')


# -- json and pickle with the theme ------------------------------------------------------------


@pytest.mark.parametrize("builder", ["json", "pickle"])
def test_serializing_builders_with_the_theme(make_app, tmp_path, builder):
    source = "# P\n\n:::{exercise} E\nThe exercise text.\n:::\n\n```python\nx = 1\n```\n"
    app = build(make_app, write_lesson(tmp_path / "src", {"index.md": source}, THEME), builder)
    out = Path(app.outdir)
    if builder == "json":
        context = json.loads((out / "index.fjson").read_text(encoding="utf-8"))
    else:
        context = pickle.loads((out / "index.fpickle").read_bytes())
    assert "The exercise text." in context["body"]


@pytest.mark.parametrize("builder", ["json", "pickle", "notes"])
def test_settings_of_the_wrong_type_warn_in_every_builder(make_app, tmp_path, builder):
    conf = THEME + "refinery_notes_extra_links = 5\nrefinery_notes_filename = '../../x.md'\n"
    srcdir = write_lesson(tmp_path / "src", {"index.md": "# P\n\nText.\n"}, conf)
    app = build(make_app, srcdir, builder, strict=False)
    warnings = warnings_of(app)
    assert "Traceback" not in warnings
    assert "conf.py:4: WARNING: refinery_notes_extra_links = 5" in warnings
    assert "conf.py:5: WARNING: refinery_notes_filename = '../../x.md'" in warnings
    assert not (tmp_path / "x.md").exists()
    assert not (Path(app.outdir).parent / "x.md").exists()


# -- episode lists on a page without a top heading ----------------------------------------------

FRONT_MATTER = '---\nquestions: ["Why ask?"]\nobjectives: ["Do it"]\nkeypoints: ["Kept"]\n---\n\n'
NO_HEADING = {
    "index.md": "# Lesson\n\n```{toctree}\nbare\nintro\n```\n",
    "bare.md": FRONT_MATTER + "Just text.\n",
    "intro.md": FRONT_MATTER + "Intro paragraph.\n\n## Later\n\nText.\n",
}


@pytest.mark.parametrize("builder", ["text", "html", "epub"])
def test_episode_lists_without_a_top_heading(make_app, tmp_path, builder):
    srcdir = write_lesson(tmp_path / "src", NO_HEADING, "myst_heading_anchors = 2\n")
    app = build(make_app, srcdir, builder, strict=False)
    assert "Traceback" not in warnings_of(app)
    suffix = {"text": ".txt", "html": ".html", "epub": ".xhtml"}[builder]
    for name, first_text in (("bare", "Just text."), ("intro", "Intro paragraph.")):
        text = (Path(app.outdir) / f"{name}{suffix}").read_text(encoding="utf-8")
        order = [text.find(s) for s in ("Why ask?", "Do it", first_text, "Kept")]
        assert -1 not in order and order == sorted(order), (name, order)


def test_questions_stay_out_of_a_later_section(make_app, tmp_path):
    app = build(make_app, write_lesson(tmp_path / "src", NO_HEADING), strict=False)
    html = page(app, "intro")
    later = html.select_one("section#later")
    assert later is not None
    assert "Why ask?" not in later.get_text()
    assert html.select_one("div.questions") is not None


def test_empty_and_null_episode_lists_show_no_box(make_app, tmp_path):
    source = "---\nquestions: null\nobjectives: []\nkeypoints: ''\n---\n\n# T\n\nText.\n"
    app = build(make_app, write_lesson(tmp_path / "src", {"index.md": source}))
    html = page(app, "index")
    assert "null" not in html.get_text()
    assert not html.select("div.questions, div.objectives, div.keypoints")


# -- the schedule past midnight ---------------------------------------------------------------


def test_schedule_past_midnight_shows_the_day(make_app, tmp_path):
    episode = "---\nteaching: 90\nexercises: 60\n---\n\n# Episode {n}\n\nText.\n"
    pages = {
        "index.md": "# L\n\n```{toctree}\none\ntwo\n```\n\n```{schedule}\n:start: '22:30'\n```\n",
        "one.md": episode.format(n=1),
        "two.md": episode.format(n=2),
    }
    app = build(make_app, write_lesson(tmp_path / "src", pages))
    times = [row.td.get_text(strip=True) for row in page(app, "index").select("tbody tr")]
    assert times == ["22:30", "01:00 (day 2)", "03:30 (day 2)"]


# -- ids on pages with lists, and on the single page ---------------------------------------


def duplicate_ids(path: Path) -> list[str]:
    from collections import Counter

    from helpers import soup

    ids = Counter(element["id"] for element in soup(path).select("[id]"))
    return [name for name, count in ids.items() if count > 1]


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


EPISODE = """# Episode {n}

::::{{exercise}} One of {n}

```{{figure}} pic.png
:name: fig-{n}

The caption of {n}.
```

:::{{solution}}
The solution of {n}.
:::
::::

Text of {n}.
"""
LISTS = {
    "index.md": "# L\n\n```{toctree}\nep1\nep2\nlists\n```\n",
    "ep1.md": EPISODE.format(n=1),
    "ep2.md": EPISODE.format(n=2),
    "lists.md": "# Lists\n\n```{exerciselist}\n```\n\n```{solutionlist}\n```\n\n"
    "```{solutionlist}\n```\n",
}


@pytest.fixture
def lists_lesson(tmp_path) -> Path:
    srcdir = write_lesson(tmp_path / "src", LISTS, "numfig = True\n")
    (srcdir / "pic.png").write_bytes(_png())
    return srcdir


def test_two_lists_on_a_page_have_unique_ids(make_app, lists_lesson):
    app = build(make_app, lists_lesson)
    assert duplicate_ids(Path(app.outdir) / "lists.html") == []
    text = page(app, "lists").get_text()
    assert text.count("The solution of 1.") == text.count("The solution of 2.") == 3


def test_single_page_html_has_unique_ids(make_app, lists_lesson):
    app = build(make_app, lists_lesson, "singlehtml")
    assert duplicate_ids(Path(app.outdir) / "index.html") == []


def test_copied_figures_keep_their_numbers(make_app, lists_lesson):
    app = build(make_app, lists_lesson)
    for name in ("ep1", "lists"):
        captions = [c.get_text(" ", strip=True) for c in page(app, name).select("figcaption")]
        assert any(c.startswith("Fig. 1") and "The caption of 1." in c for c in captions), name
    captions = [c.get_text(" ", strip=True) for c in page(app, "lists").select("figcaption")]
    assert any(c.startswith("Fig. 2") and "The caption of 2." in c for c in captions)


# -- Carpentries ---------------------------------------------------------------------------------


def test_carpentries_heading_id_labels_the_block(make_app, tmp_path):
    source = (
        "# P\n\n> ## Sort the list {#ex-sort}\n>\n> Write it.\n{: .challenge}\n\n"
        "> ## Again {: #ex-again }\n> Body.\n{: .challenge}\n\n"
        "See {ref}`ex-sort` and {numref}`ex-again`.\n"
    )
    app = build(make_app, write_lesson(tmp_path / "src", {"index.md": source}))
    html = page(app, "index")
    assert "{#" not in html.get_text() and "{:" not in html.get_text()
    assert [b["id"] for b in html.select("div.exercise")] == ["ex-sort", "ex-again"]
    titles = [
        " ".join(t.get_text().split()) for t in html.select("div.exercise > .admonition-title")
    ]
    assert titles == ["Exercise 1: Sort the list", "Exercise 2: Again"]
    assert html.select_one('a[href="#ex-sort"]') and html.select_one('a[href="#ex-again"]')


def test_carpentries_nesting_too_deep_warns_at_the_line(make_app, tmp_path):
    depth = 30
    lines = ["# P", ""]
    lines += ["> " * level + f"> ## Level {level}" for level in range(depth)]
    lines.append("> " * depth + "text")
    lines += ["> " * level + "{: .callout}" for level in reversed(range(depth))]
    lines += ["", "The text after survives."]
    srcdir = write_lesson(tmp_path / "src", {"index.md": "\n".join(lines) + "\n"})
    app = build(make_app, srcdir, strict=False)
    warnings = warnings_of(app).splitlines()
    [warning] = warnings
    assert f"index.md:{2 + depth + 2}: WARNING: blocks nested more than 24 deep" in warning
    assert "[refinery.carpentries]" in warning
    assert "The text after survives." in page(app, "index").get_text()
