"""``import-carpentries`` on a legacy (Jekyll "styles") Carpentries lesson
(tests/legacy-lesson): Liquid, links.md, the glossary, figures, blocks, titles,
timings, and a report of exactly what was not converted."""

from __future__ import annotations

import re

import pytest
from helpers import TESTS

from sphinx_refinery import cli
from sphinx_refinery.sources.jekyll import import_legacy_lesson, is_legacy_lesson
from sphinx_refinery.sources.jekyll.liquid import Context, render

LESSON = TESTS / "legacy-lesson"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    dest = tmp_path_factory.mktemp("legacy") / "lesson"
    return import_legacy_lesson(LESSON, dest)


def test_generation_is_detected(tmp_path):
    assert is_legacy_lesson(LESSON)
    assert not is_legacy_lesson(TESTS / "workbench-lesson")
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    (episodes / "01-a.md").write_text("---\ntitle: A\nteaching: 5\n---\n\ntext\n")
    assert is_legacy_lesson(tmp_path)  # Jekyll-style episodes without any config
    (tmp_path / "config.yaml").write_text("title: W\n")
    assert not is_legacy_lesson(tmp_path)


def test_pages_in_order_and_toctrees(imported):
    assert imported.title == "Counting Garden Birds"
    assert imported.toctrees["Episodes"] == ["_episodes/01-watching", "_episodes/02-recording"]
    assert imported.toctrees["Learner resources"] == ["setup", "reference"]
    assert imported.toctrees["Instructor resources"] == ["_extras/guide"]
    assert imported.toctrees["Extras"] == ["_extras/discuss"]
    dest = imported.dest
    assert not (dest / "aio.md").exists() and not (dest / "_extras" / "figures.md").exists()
    assert (dest / "fig" / "feeder.svg").is_file() and (dest / "files" / "tally.csv").is_file()
    assert "{schedule}" in (dest / "index.md").read_text()


def test_report_lists_exactly_what_was_not_converted(imported):
    assert sorted(str(item) for item in imported.items) == [
        "README.md: about the repository, not the lesson: not copied",
        "_episodes/01-watching.md:50: Liquid variable {{ site.github.owner_name }} has no "
        "value here (not in _config.yml): left out",
        "_episodes/02-recording.md:34: include carpentries.html: not in _includes/ "
        "(a file of the Jekyll theme): left out",
        "_extras/figures.md: a page Jekyll builds from the episodes: not imported",
        "aio.md: a page the Jekyll theme builds: not imported",
    ]


def test_code_pygments_cannot_read_is_forced_and_noted(imported):
    [note] = [note for note in imported.notes if "Pygments" in note]
    assert note.startswith("_episodes/02-recording.md:")
    line = int(note.split(":")[1])
    text = (imported.dest / "_episodes" / "02-recording.md").read_text(encoding="utf-8")
    assert text.split("\n")[line - 1 : line + 2] == ["~~~{code-block} python", ":force:", "len?"]


def test_episode_text(imported):
    text = (imported.dest / "_episodes" / "01-watching.md").read_text()
    assert "\n# Watching the Feeder\n## Where to sit\n" in text  # title: H1; ## kept
    assert "[feeder](../reference.md#feeder)" in text
    assert "![A feeder](../fig/feeder.svg)" in text
    assert ":::{figure} ../fig/feeder.svg\n:alt: The feeder again" in text
    assert "::::{challenge} Count the visitors\n:label: count-visitors\n" in text
    assert "this line has no marker but belongs to the question." in text.split(":::{solution}")[0]
    assert "```bash\n[you@laptop]$ count --feeder Thistle\n```" in text
    assert "~~~output\n3 robins\n~~~" in text
    assert "This feeder holds thistle seed." in text and "Some other seed" not in text
    assert "[recording](02-recording.md)" in text
    for literal in ("{{", "{%", "{:", "{#"):
        assert literal not in text.split("---", 2)[2]
    second = (imported.dest / "_episodes" / "02-recording.md").read_text()
    assert "[tally-sheet]: ../files/tally.csv" in second  # only the links.md labels used
    assert "never-used" not in second
    assert "[tally mark](../reference.md#tally-mark)" in second
    assert "1. ~~~bash\n" in second  # the fence of a list item, read in place
    guide = (imported.dest / "_extras" / "guide.md").read_text()
    assert "[first episode](../_episodes/01-watching.md)" in guide


def test_glossary_terms_are_link_targets(imported):
    text = (imported.dest / "reference.md").read_text()
    assert "# Reference" in text
    assert "[feeder]{#feeder}\n:   A tray" in text
    assert "[tally mark]{#tally-mark}" in text
    assert "auto_ids" not in text


def test_imported_lesson_builds_without_warnings(imported, make_app):
    from helpers import page, run_build

    app = run_build(make_app("html", srcdir=imported.dest))
    episode = page(app, "_episodes/01-watching")
    assert episode.select_one("h1").get_text().startswith("Watching the Feeder")
    assert (
        episode.select(".exercise") and episode.select(".solution") and episode.select(".callout")
    )
    assert episode.select_one(".questions") and episode.select_one(".keypoints")
    reference = page(app, "reference")
    assert reference.select_one("#tally-mark") is not None
    assert page(app, "_episodes/02-recording").select_one('a[href$="reference.html#tally-mark"]')
    assert "Watching the Feeder" in page(app, "index").get_text()


def test_cli_dispatches_legacy_lessons(tmp_path, capsys):
    assert cli.main(["import-carpentries", str(LESSON), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"pages: 2 episodes", out)
    assert "_episodes/02-recording.md:34: include carpentries.html" in out
    # The same final steps as a Workbench import: project files, one build.
    assert "The lesson builds without warnings." in out
    for name in ("README.md", "requirements.txt", "Makefile", ".readthedocs.yaml", ".gitignore"):
        assert (tmp_path / "out" / name).is_file(), name
    readme = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "converted from the Carpentries lesson" in readme
    conf = (tmp_path / "out" / "conf.py").read_text(encoding="utf-8")
    assert "html_title = 'Counting Garden Birds'" in conf and "version = " in conf


def test_liquid_lines_map_to_the_source():
    includes = {"s.snip": "a\nb {{ site.x }}"}
    context = Context(site={"x": "X"}, page={}, root="..", read_include=includes.get, file="p.md")
    text = (
        "one {{ page.root }}\n{% include s.snip %}\n"
        "{% if site.x == 'X' -%}\n yes\n{%- endif %}\n{{ nope }}"
    )
    lines = render(text, context, first_line=10)
    assert lines == [(10, "one .."), (11, "a"), (11, "b X"), (12, "yes"), (15, "")]
    assert [str(p) for p in context.problems] == [
        "p.md:16: Liquid variable {{ nope }} has no value here (not in _config.yml): left out"
    ]


def test_raw_and_comment():
    context = Context(site={}, page={}, root=".", read_include=lambda name: None)
    text = "{% raw %}{{ kept }}{% endraw %}{% comment %}gone{% endcomment %}"
    assert render(text, context) == [(0, "{{ kept }}")]
    assert context.problems == []
