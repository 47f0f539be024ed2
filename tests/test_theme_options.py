"""Theme options the theme does not know (a lesson moved from another theme)
are reported once, not once per page."""

from __future__ import annotations


def test_an_unknown_theme_option_warns_once(copy_root):
    options = {"html_theme": "sphinx_refinery", "html_theme_options": {"home_page_in_toc": True}}
    built = copy_root("lesson").build(confoverrides=options, strict=False)
    lines = [line for line in built.warnings.splitlines() if "home_page_in_toc" in line]
    assert len(lines) == 1, built.warnings
    assert len(built.warnings.splitlines()) == 1
