"""Author text is escaped wherever it is text, and pages work under a strict CSP.

Payloads go everywhere an author writes text that is not HTML: page and
section titles, block and tab titles (reST, where inline HTML is not markup),
labels, front matter lists, schedule labels, ``project``/``html_title``,
theme options other than ``announcement`` (which is HTML by design), code.
MyST passes inline HTML through as raw HTML by CommonMark's rules, so
Markdown pages carry the payloads in code spans and front matter only.

A page works under ``script-src 'self' <hash>`` (no ``'unsafe-inline'``)
when its only inline script is the theme's colour-scheme line, whose hash
``theme.THEME_INIT_SCRIPT_CSP`` publishes, and no element has an event
handler attribute or a ``javascript:`` URL.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of

from sphinx_refinery import PACKAGE_DIR
from sphinx_refinery.theme.bundle import THEME_INIT_SCRIPT, THEME_INIT_SCRIPT_CSP

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(2)>'
PAYLOAD = f"{SCRIPT} {BREAKOUT} &amp; 'q'"

CONF = f"""\
project = {PAYLOAD!r}
html_title = {PAYLOAD!r}
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
html_theme_options = {{
    "description": {PAYLOAD!r},
    "license": {PAYLOAD!r},
    "license_url": {"https://example.org/" + BREAKOUT!r},
    "repository_url": {"https://example.org/" + BREAKOUT!r},
}}
"""
INDEX = f"""\
# Index

```{{schedule}}
:breaks: episode 10 {PAYLOAD}
```

```{{toctree}}
episode
rest
exercises
guide
```
"""
EPISODE = f"""\
---
teaching: 10
exercises: 5
questions: [{PAYLOAD!r}]
objectives: [{PAYLOAD!r}]
keypoints: [{PAYLOAD!r}]
---

# Markdown episode

The code `{SCRIPT}` is shown as code.

:::{{exercise}} Code `{SCRIPT}` in a title
:label: ex-md
Body.
:::

```html
{SCRIPT}
```
"""
REST = f"""\
{PAYLOAD}
{"=" * len(PAYLOAD)}

.. episode::
   :teaching: 5
   :exercises: 5

{PAYLOAD}

.. exercise:: {PAYLOAD}
   :label: ex-rest

   {PAYLOAD}

   .. solution:: {PAYLOAD}

      {PAYLOAD}

.. instructor-note:: {PAYLOAD}

   {PAYLOAD}

.. tabs::

   .. group-tab:: {PAYLOAD}

      {PAYLOAD}

   .. code-tab:: html {PAYLOAD}

      {SCRIPT}

See :ref:`ex-rest` and :numref:`ex-md`.
"""
EXERCISES = "# Exercises\n\n```{exerciselist}\n```\n\n```{exerciselist}\n:style: list\n```\n"
GUIDE = "# Guide\n\n```{instructor-guide}\n```\n"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("security") / "src"
    src.mkdir()
    for name, text in {
        "conf.py": CONF,
        "index.md": INDEX,
        "episode.md": EPISODE,
        "rest.rst": REST,
        "exercises.md": EXERCISES,
        "guide.md": GUIDE,
    }.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def site(lesson, tmp_path_factory) -> Path:
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=lesson, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def html_files(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.html"))


def test_payloads_are_escaped_in_every_page(site):
    pages = html_files(site)
    assert any(p.parent.name == "instructor" for p in pages)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("img[onerror]"), path


def test_payloads_are_shown_as_text(site):
    """Escaped, not dropped: the reader sees what the author wrote."""
    text = BeautifulSoup((site / "rest.html").read_text(encoding="utf-8"), "html.parser")
    shown = " ".join(text.get_text().split())
    assert SCRIPT in shown
    assert "onerror=alert(2)" in shown
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert SCRIPT in index.select_one("table").get_text()  # the schedule's break label


def event_handlers(soup: BeautifulSoup) -> list[str]:
    return [
        f"<{tag.name} {name}>"
        for tag in soup.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]


def javascript_urls(soup: BeautifulSoup) -> list[str]:
    return [
        tag[attr]
        for attr in ("href", "src", "action", "formaction")
        for tag in soup.find_all(attrs={attr: True})
        if re.sub(r"[\s\x00-\x1f]", "", str(tag[attr])).lower().startswith("javascript:")
    ]


def test_pages_work_under_a_strict_content_security_policy(site):
    """Inline scripts: only the theme's, with the published hash."""
    digest = base64.b64encode(hashlib.sha256(THEME_INIT_SCRIPT.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == THEME_INIT_SCRIPT_CSP
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        inline = [s.string or "" for s in soup.find_all("script") if not s.get("src")]
        assert set(inline) <= {THEME_INIT_SCRIPT}, (path, inline)
        assert event_handlers(soup) == [], path
        assert javascript_urls(soup) == [], path


def test_theme_scripts_never_write_html():
    """No script of the package builds markup from strings (page content stays text)."""
    sinks = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval)\b")
    scripts = sorted(PACKAGE_DIR.rglob("*.js"))
    assert scripts
    found = [
        f"{path.relative_to(PACKAGE_DIR)}:{number}: {line.strip()}"
        for path in scripts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sinks.search(line)
    ]
    assert found == []


def test_notes_escape_author_text(lesson, make_app, tmp_path):
    app = make_app("notes", srcdir=lesson, builddir=tmp_path / "notes")
    app.build()
    app.cleanup()
    notes = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.md"))
    assert "alert(1)" in notes  # the text is there ...
    unescaped = re.findall(r"(?<!\\)<(?:script|img)", notes)
    assert unescaped == []  # ... escaped, so a pad shows it instead of running it


def test_theme_refuses_javascript_urls(make_app, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_refinery"]\nhtml_theme = "sphinx_refinery"\n'
        "html_theme_options = {'repository_url': 'javascript:alert(1)//', "
        "'license': 'CC', 'license_url': ' JavaScript:alert(2)'}\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Index\n\nText.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    app.cleanup()
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    assert javascript_urls(soup) == []
    warnings = warnings_of(app)
    assert "html_theme_options['repository_url']" in warnings
    assert "html_theme_options['license_url']" in warnings
