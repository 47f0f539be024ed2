"""Imported pages get their headings at the level MyST nests them: the same
sections, without MyST's "Non-consecutive header level increase" warning."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from sphinx_refinery.sources.import_headings import consecutive_headings

PAGES = {
    "deeper_after_title": "# Title\n\n### Aside\n\nText.\n",
    "deeper_then_back": "# T\n\n### a\n\nx\n\n#### d\n\n## b\n\n### c\n",
    "no_title": "## Starts low\n\n#### Deeper\n\nText.\n",
    "front_matter": "---\ntitle: Front\n---\n\n# Front\n\n### Step\n",
    "with_attributes": "# T\n\n(step-one)=\n### Step one {#ignored}\n\nText.\n",
    "two_titles": "# One\n\n### a\n\n# Two\n\n### b\n",
}


def _sections(text: str) -> str:
    """The page as docutils nodes, without MyST's warnings."""
    settings = {"report_level": 5, "myst_enable_extensions": ["colon_fence", "deflist"]}
    doctree = publish_doctree(text, parser=Parser(), settings_overrides=settings)
    for message in list(doctree.findall(nodes.system_message)):
        message.parent.remove(message)
    return doctree.pformat()


def _warnings(text: str) -> list[str]:
    settings = {"report_level": 2, "halt_level": 5, "warning_stream": False}
    settings["myst_enable_extensions"] = ["colon_fence", "deflist"]
    doctree = publish_doctree(text, parser=Parser(), settings_overrides=settings)
    return [message.astext() for message in doctree.findall(nodes.system_message)]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_sections_and_no_heading_warning(name):
    text = PAGES[name]
    assert any("header level" in w or "headings start" in w for w in _warnings(text))
    fixed = consecutive_headings(text)
    assert fixed != text
    assert _sections(fixed) == _sections(text)
    assert not [w for w in _warnings(fixed) if "header" in w or "headings" in w]
    assert consecutive_headings(fixed) == fixed  # a second import changes nothing


def test_levels_follow_the_nesting():
    fixed = consecutive_headings(PAGES["deeper_then_back"])
    assert [line for line in fixed.split("\n") if line.startswith("#")] == [
        "# T", "## a", "### d", "## b", "### c",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n```\n### in code\n```\n\n~~~\n#### in tildes\n~~~\n",
        "# T\n\n:::{note}\n### a rubric\n:::\n\n````{exercise}\n#### also one\n````\n",
        "# T\n\n- ### in a list\n\n> #### in a quote\n",
        "# T\n\n    ### indented code\n",
        "# T\n\n## a\n\n### b\n\n# U\n\n## c\n",
        "Title\n=====\n\nSection\n-------\n",
    ],
)
def test_text_that_is_no_page_heading_or_already_consecutive_stays(text):
    assert consecutive_headings(text) == text


def test_a_setext_heading_keeps_its_level_and_the_ones_after_it_follow():
    text = "Intro\n-----\n\n##### Deep\n\nText.\n\n## Next\n\n#### Deeper\n"
    fixed = consecutive_headings(text)
    assert [line for line in fixed.split("\n") if line.startswith("#")] == [
        "### Deep", "# Next", "## Deeper",
    ]  # fmt: skip
    assert _sections(fixed) == _sections(text)
    assert consecutive_headings(fixed) == fixed
