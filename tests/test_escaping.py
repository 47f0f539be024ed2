"""What authors put in conf.py and front matter reaches pages as text, never as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import page, run_build, soup, warnings_of

from sphinx_refinery.theme.bundle import css_variable_allowed, css_variables_rule

CONF = 'extensions = ["sphinx_refinery"]\nexclude_patterns = ["_build"]\n'
THEME = 'html_theme = "sphinx_refinery"\n'


def lesson(tmp_path: Path, index: str, conf: str = "") -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (srcdir / "index.md").write_text(index, encoding="utf-8")
    return srcdir


def test_language_is_escaped_in_the_html_element(make_app, tmp_path):
    conf = THEME + "language = 'en\" onload=\"alert(1)'\n"
    app = run_build(make_app("html", srcdir=lesson(tmp_path, "# T\n\nText.\n", conf)), strict=False)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    root = soup(Path(app.outdir) / "index.html").html
    assert "onload" not in root.attrs
    assert root["lang"] == 'en" onload="alert(1)'
    assert '<html lang="en" onload' not in html


def test_workbench_front_matter_title_is_text(make_app, tmp_path):
    title = "<img src=x onerror=alert(1)> *not em* `not code` {ref}`x`"
    index = f"---\ntitle: '{title}'\n---\n\nText.\n"
    conf = "refinery_workbench = True\n"
    app = run_build(make_app("html", srcdir=lesson(tmp_path, index, conf)))
    html = page(app, "index")
    heading = html.select_one("h1")
    assert not heading.select("img, em, code, a.reference")
    assert " ".join(heading.get_text().split()).removesuffix("¶").strip() == title


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("--color-brand", "#C0392B", True),
        ("--font-stack", '"Fira Sans", sans-serif', True),
        ("--x:red}body{background:url(//evil)}", "1", False),
        ("--x;color", "red", False),
        ("color", "red", False),
        ("--x", "red;}</style><script>alert(1)</script>", False),
        ("--x", "red}body{color:red", False),
        ("--x", "red\n}", False),
    ],
)
def test_css_variables_are_checked(name, value, allowed):
    assert css_variable_allowed(name, value) is allowed
    rule = css_variables_rule(":root", {name: value, "--ok": "blue"})
    assert rule == (f":root{{{name}:{value};--ok:blue}}\n" if allowed else ":root{--ok:blue}\n")


def test_refused_css_variables_warn(make_app, tmp_path):
    conf = THEME + (
        'html_theme_options = {"light_css_variables": '
        '{"--x:red}body{background:red}": "1", "--ok": "blue"}}\n'
    )
    app = run_build(make_app("html", srcdir=lesson(tmp_path, "# T\n", conf)), strict=False)
    warnings = warnings_of(app)
    assert "conf.py:4: WARNING: html_theme_options['light_css_variables']" in warnings
    assert "[refinery.theme]" in warnings
    css = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("_static/*.css"))
    assert "--ok:blue" in css and "background:red" not in css


def test_toctree_refuses_addresses_that_run_code(make_app, tmp_path):
    index = (
        "# L\n\n```{toctree}\nEvil <javascript://%0aalert(1)>\nAlso <JavaScript://x>\n"
        "Good <https://example.org>\n```\n"
    )
    srcdir = lesson(tmp_path, index, THEME)
    app = run_build(make_app("html", srcdir=srcdir), strict=False)
    warnings = warnings_of(app).splitlines()
    assert len(warnings) == 2
    assert all(
        "index.md:3: WARNING: toctree entry" in w and "[refinery.link]" in w for w in warnings
    )
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8").lower()
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_notes_links_refuse_addresses_that_run_code(make_app, tmp_path):
    conf = (
        'refinery_notes_extra_links = {"Chat": "javascript:alert(1)"}\n'
        'refinery_notes_baseurl = " JavaScript:alert(1)"\n'
    )
    app = run_build(
        make_app("notes", srcdir=lesson(tmp_path, "# T\n\nText.\n", conf)), strict=False
    )
    warnings = warnings_of(app)
    assert "conf.py:3: WARNING: refinery_notes_extra_links" in warnings
    assert "conf.py:4: WARNING: refinery_notes_baseurl" in warnings
    notes = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.md"))
    assert "javascript" not in notes.lower()
