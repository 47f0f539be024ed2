"""``migrate`` renames or removes the old theme's ``html_theme_options`` that
the sphinx_refinery theme does not have, so the build has no "unsupported
theme option" warning; sphinx_rtd_theme's options stay (the theme reads them)."""

from __future__ import annotations

from pathlib import Path

from sphinx_refinery.cli.main import main
from sphinx_refinery.cli.theme_options import theme_option_names

CONF = """\
project = "Ponds"
extensions = ["sphinx_lesson"]
html_theme = "sphinx_book_theme"
html_theme_options = {
    "repository_url": "https://example.org/ponds",
    "use_issues_button": True,
    "path_to_docs": "content",
    "launch_buttons": {
        "binderhub_url": "https://binder.example.org",
    },
    "collapse_navigation": False,  # an rtd option: kept
}
"""

MIGRATED = """\
project = "Ponds"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
html_theme_options = {
    "repository_url": "https://example.org/ponds",
    "repository_path": "content",
    "collapse_navigation": False,  # an rtd option: kept
}
"""


def _lesson(tmp_path: Path, conf: str) -> Path:
    lesson = tmp_path / "source" / "ponds"
    lesson.mkdir(parents=True)
    (lesson / "conf.py").write_text(conf, encoding="utf-8")
    (lesson / "index.md").write_text("# Ponds\n\nStill water.\n", encoding="utf-8")
    return lesson


def test_foreign_options_are_renamed_or_removed_and_listed(tmp_path, capsys, copy_root):
    lesson = _lesson(tmp_path, CONF)
    assert main(["migrate", str(lesson)]) == 0
    assert (lesson / "conf.py").read_text(encoding="utf-8") == MIGRATED
    out = capsys.readouterr().out
    assert "html_theme_options: 'path_to_docs' -> 'repository_path'" in out
    assert "html_theme_options: removed 'use_issues_button'" in out
    assert "html_theme_options: removed 'launch_buttons'" in out
    assert "collapse_navigation" not in out
    built = copy_root(lesson).build("html")  # strict: no unsupported theme option
    assert "Still water." in built.page("index").get_text()
    # A second run changes nothing.
    assert main(["migrate", str(lesson)]) == 0
    assert (lesson / "conf.py").read_text(encoding="utf-8") == MIGRATED


def test_options_of_a_lesson_already_on_this_theme_are_left_alone(tmp_path):
    conf = CONF.replace('"sphinx_book_theme"', '"sphinx_refinery"')
    lesson = _lesson(tmp_path, conf)
    assert main(["migrate", str(lesson)]) == 0
    assert "use_issues_button" in (lesson / "conf.py").read_text(encoding="utf-8")


#: sphinx_rtd_theme 3.x's options: a lesson that keeps them gets no warning.
RTD_OPTIONS = {
    "canonical_url", "analytics_id", "analytics_anonymize_ip", "collapse_navigation",
    "sticky_navigation", "navigation_depth", "includehidden", "titles_only", "logo_only",
    "prev_next_buttons_location", "style_external_links", "style_nav_header_background",
    "vcs_pageview_mode", "flyout_display", "version_selector", "language_selector",
}  # fmt: skip


def test_the_theme_knows_the_rtd_options_lessons_set():
    names = theme_option_names()
    assert RTD_OPTIONS | {"repository_url"} <= names
    assert "use_issues_button" not in names


def test_a_key_after_non_ascii_text_on_its_line(tmp_path):
    conf = (
        'extensions = ["sphinx_lesson"]\n'
        'html_theme = "sphinx_book_theme"\n'
        'html_theme_options = {"announcement": "Välkommen på åsen", "use_issues_button": True}\n'
    )
    lesson = _lesson(tmp_path, conf)
    assert main(["migrate", str(lesson)]) == 0
    assert (
        (lesson / "conf.py")
        .read_text(encoding="utf-8")
        .endswith('html_theme_options = {"announcement": "Välkommen på åsen"}\n')
    )
