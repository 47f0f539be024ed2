"""The project's own sites, example-lesson/ and docs/, build without warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
SITES = {"example-lesson": REPO / "example-lesson", "docs": REPO / "docs"}


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex", "epub"])
@pytest.mark.parametrize("site", sorted(SITES))
def test_site_builds_without_warnings(make_app, strict_build, tmp_path, site, builder):
    src = Path(
        shutil.copytree(SITES[site], tmp_path / site, ignore=shutil.ignore_patterns("_build"))
    )
    if site == "docs":  # docs include ../ARCHITECTURE.md
        shutil.copy(REPO / "ARCHITECTURE.md", tmp_path / "ARCHITECTURE.md")
    strict_build(make_app(builder, srcdir=src))


@pytest.mark.parametrize("site", sorted(SITES))
def test_internal_links_with_linkcheck(make_app, strict_build, tmp_path, site):
    """linkcheck without the network: web addresses are skipped, the rest is checked."""
    src = Path(
        shutil.copytree(SITES[site], tmp_path / site, ignore=shutil.ignore_patterns("_build"))
    )
    shutil.copy(REPO / "ARCHITECTURE.md", tmp_path / "ARCHITECTURE.md")
    app = strict_build(
        make_app("linkcheck", srcdir=src, confoverrides={"linkcheck_ignore": [r"https?://"]})
    )
    report = (Path(app.outdir) / "output.txt").read_text(encoding="utf-8")
    assert "broken" not in report
