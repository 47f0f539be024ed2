"""``import-carpentries`` on patterns found in more real lessons: a Workbench
glossary that kept kramdown's ``{:auto_ids}``, glossary links whose text spans
two lines, links to pages that are not in the lesson (tests/workbench-lesson-kramdown);
a legacy include that defines a link twice, a ``<figure>`` HTML block, an episode
hidden from Jekyll (tests/legacy-lesson-includes)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import TESTS

from sphinx_refinery.sources.import_report import check_build
from sphinx_refinery.sources.importer import import_lesson
from sphinx_refinery.sources.jekyll import import_legacy_lesson

WORKBENCH = TESTS / "workbench-lesson-kramdown"
LEGACY = TESTS / "legacy-lesson-includes"


def _html(report, page: str) -> str:
    """The HTML of ``page`` (a docname) of the imported lesson, built once."""
    out = report.dest / "_build" / "html"
    if not out.is_dir():
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(report.dest), str(out)]
        subprocess.run(command, check=True, capture_output=True)
    return (out / f"{page}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workbench(tmp_path_factory):
    dest = tmp_path_factory.mktemp("kramdown") / "lesson"
    report = import_lesson(WORKBENCH, dest)
    check_build(report)
    return report


@pytest.fixture(scope="module")
def legacy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("includes") / "lesson"
    report = import_legacy_lesson(LEGACY, dest)
    check_build(report)
    return report


def test_auto_ids_glossary_of_a_workbench_lesson(workbench):
    text = (workbench.dest / "learners/reference.md").read_text()
    assert "auto" not in text and "{#" not in text
    assert "```{glossary}" in text or ":::{glossary}" in text or "{glossary}" in text
    assert workbench.terms["cheese-press"] == ("learners/reference", "cheese press")
    assert "{term}`cheese press`" in text  # the link inside the glossary


def test_glossary_link_over_two_lines_is_a_term_role(workbench):
    text = (workbench.dest / "episodes/01-press.md").read_text()
    assert "{term}`pomace`" in text
    assert "[cheese\n" not in text
    assert "{term}`cheese\npress <cheese press>`" in text


def test_link_to_a_missing_page_is_unlinked_and_reported(workbench):
    text = (workbench.dest / "episodes/01-press.md").read_text()
    assert "02-bottling" not in text and "the next episode once" in text
    assert any(
        "02-bottling.md: no such page or file in the lesson: its text kept, unlinked" in line
        for line in workbench.summary().splitlines()
    )


def test_workbench_lesson_builds_without_warnings(workbench):
    assert workbench.build_status == 0
    assert workbench.build_warnings == []
    html = _html(workbench, "episodes/01-press")
    assert 'href="../learners/reference.html#term-cheese-press"' in html


def test_last_definition_of_an_included_label_wins(legacy):
    text = (legacy.dest / "_episodes/01-chain.md").read_text()
    assert "example.org/first/oil.html" not in text
    assert "example.org/first/chain.html" not in text
    assert "example.org/parts/oil.html" in text and "example.org/parts/chain.html" in text


def test_figure_html_block_becomes_a_figure(legacy):
    text = (legacy.dest / "_episodes/01-chain.md").read_text()
    assert "<figure>" not in text and "<img" not in text
    assert "{figure} ../fig/chain.svg" in text
    assert ":alt: A bicycle chain" in text and "The links of a chain" in text


def test_hidden_episode_is_not_imported_and_reported(legacy):
    assert legacy.toctrees["Episodes"] == ["_episodes/01-chain"]
    assert not (legacy.dest / "_episodes/.02-draft.md").exists()
    assert "_episodes/.02-draft.md: a hidden file Jekyll does not publish: not imported" in (
        legacy.summary()
    )


def test_legacy_lesson_builds_without_warnings(legacy):
    assert legacy.build_status == 0
    assert legacy.build_warnings == []
    html = _html(legacy, "_episodes/01-chain")
    assert "figcaption" in html and "chain.svg" in html
    assert ":::" not in html


def test_link_to_a_liquid_variable_without_value_is_unlinked(workbench):
    text = (workbench.dest / "episodes/01-press.md").read_text()
    assert "go to the cider forum." in text and "{{" not in text
    assert (
        "episodes/01-press.md:33: link to Liquid {{ site.forum_url }}, which has no value here: "
        "its text kept" in workbench.summary()
    )


def test_link_to_an_anchor_no_page_has_goes_to_the_page(legacy):
    text = (legacy.dest / "_episodes/01-chain.md").read_text()
    assert "[chain](../reference.md#chain)" in text
    assert "[gear](../reference.md)" in text
    assert (
        "_episodes/01-chain.md:14: link to #gear: reference.md has no such anchor: "
        "linked to the page" in legacy.summary()
    )


def test_links_that_end_on_the_next_line(workbench):
    text = (workbench.dest / "episodes/01-press.md").read_text()
    assert "The bottling\npage is not written yet" in text  # to a missing page: its text
    assert "nor is the label\n page." in text
    assert "[pomace](\n../learners/reference.md) term" in text  # a missing anchor dropped
    summary = workbench.summary()
    assert "episodes/01-press.md:35: link to 04-labels.md: no such page" in summary
    assert "episodes/01-press.md:36: link to #no-such-term: learners/reference.md has no" in summary


def test_liquid_link_whose_text_began_on_the_line_before(workbench):
    text = (workbench.dest / "episodes/01-press.md").read_text()
    assert "Ask the cider\nguild too." in text
    assert "01-press.md:40: link to Liquid {{ site.guild_url }}, which has no value" in (
        workbench.summary()
    )
