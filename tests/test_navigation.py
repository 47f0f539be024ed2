"""The site navigation (:mod:`sphinx_refinery.theme.navigation`).

It is resolved once per build instead of once per page, so it is checked
against Sphinx's own per-page ``toctree()`` on a lesson with nested,
numbered, hidden and external entries; then the cutting of long lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import page

from sphinx_refinery.theme import markup, navigation

PAGES = ["index", "part/index", "part/sub1", "part/sub2", "ep/one", "ep/hidden", "genindex"]
OPTION_SETS = [
    {},
    {"titles_only": "False", "navigation_depth": "4"},
    {"titles_only": "False", "navigation_depth": "4", "collapse_navigation": "False"},
    {"navigation_depth": "1"},
    {"titles_only": "False", "navigation_depth": "2", "includehidden": "False"},
    {"titles_only": "False", "navigation_depth": "0"},
]


def squeeze(markup: str) -> str:
    return re.sub(r">\s+<", "><", markup).strip()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: ",".join(o.values()) or "default")
def test_same_markup_as_sphinx_toctree(copy_root, strict_build, builder, options):
    sources = copy_root("navigation")
    app = sources.app(builder, confoverrides={"html_theme_options": options})
    compared = []

    def compare(app, pagename, templatename, context, doctree):
        wanted = navigation.options_from_context(context)
        sphinx = context["toctree"](
            collapse=wanted.collapse,
            maxdepth=wanted.maxdepth,
            titles_only=wanted.titles_only,
            includehidden=wanted.includehidden,
        )
        expected = markup.fix_toctree_captions(markup.mark_current_page(sphinx))
        assert squeeze(context["refinery_nav"]) == squeeze(expected), pagename
        compared.append(pagename)

    app.connect("html-page-context", compare, priority=900)
    strict_build(app)
    assert set(PAGES) <= set(compared)


def test_written_pages_carry_it(copy_root):
    app = copy_root("navigation").build()
    nav = page(app, "part/sub1").select_one("nav.site-nav .nav-tree")
    current = nav.select('[aria-current="page"]')
    assert [a.get_text() for a in current] == ["1.1. Sub sub1"]
    # The branch above the page is open and marked, the caption escaped.
    assert [li.a.get_text() for li in nav.select("li.current")] == ["1. Part one", "1.1. Sub sub1"]
    assert nav.select_one(".caption-text").get_text() == "Parts `code` & <b>"
    assert nav.select_one('a[href="https://python.org"]').get_text() == "Python"


# ------------------------------------------------------------- long lists


def long_lesson(src: Path, episodes: int, hidden: bool = False) -> Path:
    (src / "episodes").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_refinery"]\nhtml_theme = "sphinx_refinery"\nproject = "Long"\n'
    )
    names = [f"episodes/ep{n:03d}" for n in range(1, episodes + 1)]
    for n, name in enumerate(names, 1):
        (src / f"{name}.md").write_text(f"# Episode {n}\n\nText of episode {n}.\n")
    (src / "about.md").write_text("# About\n\nAbout the lesson.\n")
    hidden_line = ":hidden:\n" if hidden else ""
    (src / "index.md").write_text(
        "# Long lesson\n\n```{toctree}\n:caption: Episodes\n"
        + hidden_line
        + "\n".join(names)
        + "\n```\n\n```{toctree}\n:caption: Reference\nabout\n```\n"
    )
    return src


def nav_entries(app, docname: str) -> list[str]:
    nav = page(app, docname).select_one("nav.site-nav .nav-tree ul")
    return [
        ("*" if a.get("aria-current") else "") + a.get_text() + (" -> " + a["href"])
        for a in nav.select(":scope > li > a")
    ]


def test_long_list_shows_the_neighbours_first_and_last(make_app, strict_build, tmp_path):
    app = strict_build(make_app("html", srcdir=long_lesson(tmp_path / "src", 60)))
    assert nav_entries(app, "episodes/ep030") == [
        "Episode 1 -> ep001.html",
        "23 more pages -> ../index.html",
        *[f"Episode {n} -> ep{n:03d}.html" for n in range(25, 30)],
        "*Episode 30 -> #",
        *[f"Episode {n} -> ep{n:03d}.html" for n in range(31, 36)],
        "24 more pages -> ../index.html",
        "Episode 60 -> ep060.html",
    ]
    # Near an end the window slides, so that as many neighbours are shown.
    start = nav_entries(app, "episodes/ep002")
    assert start[:12] == [
        "Episode 1 -> ep001.html",
        "*Episode 2 -> #",
        *[f"Episode {n} -> ep{n:03d}.html" for n in range(3, 12)],
        "48 more pages -> ../index.html",
    ]
    # A page outside the list shows its beginning; the index links to itself.
    assert nav_entries(app, "about")[11:] == [
        "48 more pages -> index.html",
        "Episode 60 -> episodes/ep060.html",
    ]
    assert "48 more pages -> #" in nav_entries(app, "index")
    # Every entry is reachable: the full list is on the home page.
    assert len(page(app, "index").select(".body .toctree-wrapper a")) == 61


def test_hidden_toctree_more_link_leads_to_the_next_page(make_app, strict_build, tmp_path):
    app = strict_build(make_app("html", srcdir=long_lesson(tmp_path / "src", 40, hidden=True)))
    entries = nav_entries(app, "episodes/ep020")
    assert entries[1] == "13 more pages -> ep002.html"
    assert entries[-2] == "14 more pages -> ep026.html"


def test_window_option_and_short_lists(make_app, strict_build, tmp_path):
    src = long_lesson(tmp_path / "a", 23)
    app = strict_build(make_app("html", srcdir=src))
    assert len(nav_entries(app, "episodes/ep010")) == 23  # 4 x 5 + 3: not cut
    src = long_lesson(tmp_path / "b", 60)
    app = strict_build(
        make_app("html", srcdir=src, confoverrides={"html_theme_options": {"navigation_window": 0}})
    )
    assert len(nav_entries(app, "episodes/ep010")) == 60
    src = long_lesson(tmp_path / "c", 60)
    app = strict_build(
        make_app("html", srcdir=src, confoverrides={"html_theme_options": {"navigation_window": 2}})
    )
    assert len(nav_entries(app, "episodes/ep010")) == 1 + 1 + 5 + 1 + 1


def test_page_size_does_not_grow_with_the_lesson(make_app, strict_build, tmp_path):
    """Past the cut, a page is as big at 300 episodes as at 60 (the names of
    the entries are longer by a digit); the benchmark checks the 10 % goal on
    realistic episodes."""
    sizes = {}
    for episodes in (60, 300):
        app = strict_build(make_app("html", srcdir=long_lesson(tmp_path / str(episodes), episodes)))
        middle = f"episodes/ep{episodes // 2:03d}.html"
        sizes[episodes] = (Path(app.outdir) / middle).stat().st_size
    assert sizes[300] <= sizes[60] + 60, sizes
