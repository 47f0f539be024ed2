"""Tabs as real sphinx-lesson lessons write them: text directly inside ``tabs``
(shown whichever tab is chosen, as sphinx-tabs shows it, without a warning), and
reST tabs whose body starts on the line right below the label (sphinx-tabs takes
the directive's line as the label and everything below as the content)."""

from __future__ import annotations

import pytest
from helpers import build_once, normalized_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    yield from build_once(tmp_path_factory, "tabs-lessons")  # fails on any warning


def panels_and_labels(built, docname: str) -> list[list[tuple[str, str]]]:
    """Per tab set: (label, panel text without its label) of each panel."""
    from helpers import page

    sets = []
    for tab_set in page(built, docname).select("div.refinery-tabs"):
        panels = []
        for panel in tab_set.select(":scope > .refinery-tab-panel"):
            label = panel.select_one(".refinery-tab-label")
            text = normalized_text(panel.get_text(" "))
            label_text = normalized_text(label.get_text(" "))
            panels.append((label_text, text.removeprefix(label_text).strip()))
        sets.append(panels)
    return sets


@pytest.mark.parametrize(
    ("docname", "before", "after", "panels"),
    [
        (
            "text_myst",
            "Pick the model you want to train.",
            "Both models are compared in the figure below.",
            [("Ridge", "Ridge sentence."), ("Lasso", "Lasso sentence.")],
        ),
        (
            "text_rest",
            "Pick the shell you use.",
            "Both shells read the same script.",
            [("Bash", "Bash sentence."), ("Zsh", "Zsh sentence.")],
        ),
    ],
)
def test_text_inside_tabs_stays_in_place_outside_the_panels(built, docname, before, after, panels):
    from helpers import page

    [tab_set] = page(built, docname).select("div.refinery-tabs")
    children = [child for child in tab_set.children if getattr(child, "name", None)]
    texts = [normalized_text(child.get_text(" ")) for child in children]
    assert texts[0] == before and texts[-1] == after
    assert [("refinery-tab-panel" in child.get("class", [])) for child in children] == [
        False,
        True,
        True,
        False,
    ]
    assert panels_and_labels(built, docname) == [panels]


def test_rest_tab_body_right_below_the_label(built):
    included, prose, linux, windows, labelled, unlabelled = [
        panel for tab_set in panels_and_labels(built, "labels_rest") for panel in tab_set
    ]
    assert included[0] == "Included"
    assert 'return "included from a file"' in included[1]
    assert prose == (
        "Prose",
        "First prose line and its second line. A paragraph after a blank line.",
    )
    assert linux == ("Linux", "Linux body sentence.")
    assert windows == ("Windows", "Windows body sentence.")
    assert labelled[0] == "Python three"
    assert labelled[1].replace(" ", "") == 'print("labelledcodeline")'
    assert unlabelled[0] == "C"
    assert unlabelled[1].replace(" ", "") == "intunlabelled_code_line;"
