"""The importer of Carpentries Workbench lessons (``sphinx-refinery import-carpentries``)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import TESTS

from sphinx_refinery import cli
from sphinx_refinery.sources.importer import import_lesson
from sphinx_refinery.sources.workbench import rewrite

LESSON = TESTS / "workbench-lesson"

EPISODES = [
    "introduction", "recording", "reading-data", "tallies", "errors", "plotting",
    "comparing-days", "sharing", "checking", "summary",
]  # fmt: skip


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    dest = tmp_path_factory.mktemp("imported") / "lesson"
    return import_lesson(LESSON, dest)


def test_lesson_has_ten_episodes_in_config_order(imported):
    assert len(EPISODES) >= 10
    assert imported.toctrees["Episodes"] == [f"episodes/{name}" for name in EPISODES]
    assert imported.toctrees["Learner resources"] == ["learners/setup", "learners/reference"]
    assert imported.toctrees["Instructor resources"] == ["instructors/instructor-notes"]
    assert imported.toctrees["Learner profiles"] == ["profiles/learner-profiles"]
    assert imported.toctrees["About"] == ["LICENSE", "CODE_OF_CONDUCT"]


def test_report_lists_what_was_not_converted(imported):
    lines = [str(item) for item in imported.items]
    expected = [
        r"^episodes/comparing-days\.Rmd:21: R Markdown code chunk \{r read-data\}",
        r"^episodes/comparing-days\.Rmd:26: inline R code `r max\(birds\$count\)`",
        r"^episodes/errors\.md:33: unknown Workbench div class 'sidebar'",
        r"^episodes/draft-ideas\.md: not listed in config\.yaml",
        r"^links\.md: reference-style link definitions appended",
        r"^README\.md: about the repository",
    ]
    for pattern in expected:
        assert any(re.search(pattern, line) for line in lines), (pattern, lines)
    summary = imported.summary()
    assert "Not converted" in summary
    assert "10 episodes" in summary


def test_code_pygments_cannot_read_is_forced_and_noted(imported):
    # ``print?`` (IPython's help) is an error token for Pygments' Python lexer.
    [note] = [note for note in imported.notes if "Pygments" in note]
    assert re.match(r"episodes/errors\.md:\d+: python code that Pygments cannot read", note)
    line = int(note.split(":")[1])
    text = (imported.dest / "episodes" / "errors.md").read_text(encoding="utf-8").split("\n")
    assert text[line - 1 : line + 2] == ["```{code-block} python", ":force:", "print?"]
    assert "Pygments" in imported.summary()


def test_imported_files(imported):
    dest = imported.dest
    assert (dest / "episodes" / "comparing-days.md").is_file()
    assert not (dest / "episodes" / "comparing-days.Rmd").exists()
    assert not (dest / "episodes" / "draft-ideas.md").exists()
    assert not (dest / "links.md").exists()
    for asset in ("fig/bars.svg", "fig/feeder.png", "data/feeder.csv", "files/field-notes.md"):
        assert (dest / "episodes" / asset).is_file()
    conf = (dest / "conf.py").read_text(encoding="utf-8")
    assert "project = 'Counting Garden Birds with Python'" in conf
    assert 'extensions = ["sphinx_refinery"]' in conf
    assert 'html_theme = "sphinx_refinery"' in conf
    assert "https://github.com/example-org/garden-birds" in conf
    assert "refinery_workbench" not in conf
    assert "episodes/files/**" in conf
    episode = (dest / "episodes" / "reading-data.md").read_text(encoding="utf-8")
    assert ":::{instructor}" in episode and "::::{challenge} How many rows?" in episode
    assert episode.rstrip().endswith("[csv-module]: https://docs.python.org/3/library/csv.html")
    assert "teaching: 10" in episode
    rmd = (dest / "episodes" / "comparing-days.md").read_text(encoding="utf-8")
    assert "```r\nbirds <- read.csv" in rmd
    # What the rewrite writes is final: rewriting it again changes nothing.
    for path in dest.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert rewrite(text).text == text, path


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_imported_lesson_builds_without_warnings(builder, imported, copy_root):
    app = copy_root(imported.dest, "lesson").build(builder)
    if builder != "html":
        return
    index = app.page("index")
    links = [a["href"] for a in index.select("main#content .toctree-wrapper a.reference.internal")]
    order = [href.removesuffix(".html") for href in links]
    assert order[: len(EPISODES)] == [f"episodes/{name}" for name in EPISODES]
    assert order[len(EPISODES) :] == [
        "learners/setup", "learners/reference", "instructors/instructor-notes",
        "profiles/learner-profiles", "LICENSE", "CODE_OF_CONDUCT",
    ]  # fmt: skip
    assert app.env.titles["episodes/plotting"].astext() == "A bar chart"
    assert app.env.metadata["episodes/plotting"]["break"] == "15"
    plotting = app.page("episodes/plotting")
    assert plotting.select_one("figure img")["alt"].startswith("Three blue bars")
    sharing = app.page("episodes/sharing")
    assert len(sharing.select("div.refinery-tabs")) == 2
    glossary = app.page("learners/reference")
    assert glossary.select_one("dl dt").get_text(strip=True) == "CSV"
    summary = app.page("episodes/summary")
    assert summary.select_one('a[href="https://docs.python.org/3/tutorial/"]') is not None
    assert summary.select_one('a[href="recording.html#one-row"]') is not None
    assert summary.select_one('a[href="comparing-days.html"]') is not None
    schedule = index.select_one("main#content table")
    rows = [row.get_text(" ", strip=True) for row in schedule.select("tbody tr")]
    assert "Why count birds?" in rows[0]
    assert any("A bar chart" in row for row in rows)
    assert not any("Setup" in row for row in rows)
    errors = app.page("episodes/errors")
    assert errors.select_one("div.container.sidebar") is not None
    assert errors.select_one("div.highlight-error") is not None


def test_cli_main(tmp_path, capsys):
    assert cli.main(["import-carpentries", str(LESSON), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "errors.md:33" in out
    assert (tmp_path / "out" / "conf.py").is_file()
    # The destination is not empty any more: refused.
    assert cli.main(["import-carpentries", str(LESSON), str(tmp_path / "out")]) == 2
    assert "not empty" in capsys.readouterr().err
    assert cli.main(["import-carpentries", str(tmp_path / "nowhere"), str(tmp_path / "x")]) == 2
    assert "config.yaml not found" in capsys.readouterr().err
    assert cli.main([]) == 2


def test_python_dash_m(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_refinery", "import-carpentries", str(LESSON), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Imported 'Counting Garden Birds with Python'" in done.stdout
