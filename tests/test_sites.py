"""The project's own sites, example-lesson/ and docs/, build without warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
SITES = {"example-lesson": REPO / "example-lesson", "docs": REPO / "docs"}


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "epub"])
@pytest.mark.parametrize("site", sorted(SITES))
def test_site_builds_without_warnings(copy_root, site, builder):
    sources = copy_root(SITES[site])
    if site == "docs":  # docs include ../ARCHITECTURE.md
        shutil.copy(REPO / "ARCHITECTURE.md", sources.srcdir.parent / "ARCHITECTURE.md")
    sources.build(builder)


@pytest.mark.parametrize("site", sorted(SITES))
def test_internal_links_with_linkcheck(copy_root, site):
    """linkcheck without the network: web addresses are skipped, the rest is checked."""
    sources = copy_root(SITES[site])
    shutil.copy(REPO / "ARCHITECTURE.md", sources.srcdir.parent / "ARCHITECTURE.md")
    app = sources.build("linkcheck", confoverrides={"linkcheck_ignore": [r"https?://"]})
    report = app.text("output.txt")
    assert "broken" not in report
