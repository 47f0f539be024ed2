"""Objects of every domain declared inside instructor notes (or hidden
solutions) reach no learner output.

``tests/roots/test-withheld-objects`` declares objects of the ``py``, ``c``,
``cpp``, ``js``, ``rst`` and ``std`` domains (and a ``describe``) for
learners, inside instructor notes (names ``zqxi...k``) and inside solutions
(``zqxh...k``), in reST and MyST pages, and references each from learner
content.  The learner edition's ``objects.inv``, search index, general index,
navigation and pages name none of the notes' objects; a learner reference to
one becomes the note std references get; the instructor view lists and links
them.  With ``refinery_solutions = "hidden"`` the solutions' objects are in no
output at all.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from helpers import ROOTS, rewrite, soup
from sphinx.util.inventory import InventoryFile
from test_leaks import output_files

ROOT = ROOTS / "test-withheld-objects"
TOKEN = re.compile(r"zqx[ih][a-z]*k", re.IGNORECASE)
INSTRUCTOR_TOKEN = re.compile(r"zqxi[a-z]*k", re.IGNORECASE)
#: The objects inside instructor notes, as the inventory names them.
INSTRUCTOR_OBJECTS = {
    "py:function": {"zqxipyfunck", "zqximdfunck"},
    "py:class": {"zqxipyclassk"},
    "py:module": {"zqximodk"},
    "py:method": {"zqxipyclassk.zqxipymethodk"},
    "c:function": {"zqxicfunck"},
    "cpp:class": {"zqxicppclassk"},
    "cpp:function": {"zqximdcppfunck"},
    "js:function": {"zqxijsfunck"},
    "rst:directive": {"zqxirstdirk"},
    "std:cmdoption": {"zqxiprogk.--zqxioptionk"},
    "std:envvar": {"ZQXIENVK"},
}
LEARNER_OBJECTS = {
    "py:function": {"learner_pyfunc", "learner_mdfunc"},
    "py:module": {"learnermod"},
    "c:function": {"learner_cfunc"},
    "cpp:class": {"LearnerCppClass"},
    "js:function": {"learnerJsFunc"},
    "rst:directive": {"learner-directive"},
    "std:cmdoption": {"learnertool.--learner-flag"},
}
SOLUTION_OBJECTS = {
    "py:function": {"zqxhpyfunck", "zqxhmdfunck"},
    "c:function": {"zqxhcfunck"},
    "js:function": {"zqxhjsfunck"},
}
#: Learner references to objects inside notes, by page.
INSTRUCTOR_REFERENCES = {"reference": 8, "library": 5}
NOTE = "(in the instructor view)"
ORDERS = {"learner-root": ["learner", "instructor"], "instructor-root": ["instructor", "learner"]}
#: Builders with a search index.
SEARCHED = ("html", "dirhtml", "json")


def build(copy_root, builder="html", order="learner-root", *, dest="", **overrides):
    sources = copy_root(ROOT, dest=f"withheld-{builder}-{order}{dest}")
    confoverrides = {"refinery_views": ORDERS[order], "version": "1.0", **overrides}
    if builder == "json":
        confoverrides.setdefault("html_theme", "alabaster")
    return sources, sources.build(builder, confoverrides=confoverrides)


def folders(order: str) -> tuple[str, str]:
    """(learner view's folder, instructor view's folder), "" for the root."""
    return ("", "instructor/") if order == "learner-root" else ("learner/", "")


def inventory(path: Path) -> set[tuple[str, str]]:
    """(type, name) of every object of an ``objects.inv``."""
    data = InventoryFile.loads(path.read_bytes(), uri="").data
    return {(kind, name) for kind, objects in data.items() for name in objects}


def pairs(objects: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(kind, name) for kind, names in objects.items() for name in names}


def search_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def searched_objects(index: dict) -> set[tuple[str, str]]:
    """(type, full name) of every object the search index finds."""
    types = index["objtypes"]
    return {
        (types[str(entry[1])], f"{prefix}.{entry[4]}" if prefix else entry[4])
        for prefix, entries in index["objects"].items()
        for entry in entries
    }


def learner_side(files: dict[str, str], order: str) -> dict[str, str]:
    learner, instructor = folders(order)
    return {
        name: text
        for name, text in files.items()
        if name.startswith(learner) and not (instructor and name.startswith(instructor))
    }


def leaked(
    files: dict[str, str], token: re.Pattern[str] = INSTRUCTOR_TOKEN
) -> dict[str, list[str]]:
    return {name: token.findall(text) for name, text in files.items() if token.search(text)}


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_learner_view_names_no_object_of_a_note(copy_root, builder, order):
    _sources, built = build(copy_root, builder, order)
    learner, instructor = folders(order)
    files = output_files(built.outdir)
    # pages, navigation, general index, search index, inventory (decompressed)
    assert leaked(learner_side(files, order)) == {}
    learner_index = search_index(built.outdir / learner / "searchindex.js")
    assert pairs(LEARNER_OBJECTS) | pairs(SOLUTION_OBJECTS) <= searched_objects(learner_index)
    instructor_index = search_index(built.outdir / instructor / "searchindex.js")
    assert pairs(INSTRUCTOR_OBJECTS) <= searched_objects(instructor_index)
    objects = inventory(built.outdir / "objects.inv")
    expected = pairs(LEARNER_OBJECTS) | pairs(SOLUTION_OBJECTS)
    if order == "learner-root":
        assert expected <= objects
        assert not objects & pairs(INSTRUCTOR_OBJECTS)
    else:  # the root inventory is the instructor view's
        assert expected | pairs(INSTRUCTOR_OBJECTS) <= objects
        assert not (built.outdir / "learner" / "objects.inv").exists()


@pytest.mark.parametrize("order", ORDERS)
def test_learner_references_to_objects_in_notes_become_notes(copy_root, order):
    _sources, built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    for page, count in INSTRUCTOR_REFERENCES.items():
        html = soup(built.outdir / learner / f"{page}.html")
        body = html.select_one("[role=main]") or html
        assert body.get_text().count(NOTE) == count, page
        assert not [a for a in html.select("a[href]") if INSTRUCTOR_TOKEN.search(a["href"])]
    reference = soup(built.outdir / learner / "reference.html")
    hrefs = {a["href"] for a in reference.select("a[href]")}
    assert {"#learner_pyfunc", "#c.learner_cfunc", "#learnerJsFunc"} <= hrefs
    library = soup(built.outdir / learner / "library.html")
    hrefs = {a["href"] for a in library.select("a[href]")}
    assert {"reference.html#learner_pyfunc", "reference.html#learnerJsFunc"} <= hrefs
    # the instructor view links to them as to any object
    reference = soup(built.outdir / instructor / "reference.html")
    hrefs = {a["href"] for a in reference.select("a[href]")}
    assert {"#zqxipyfunck", "#c.zqxicfunck", "#zqxijsfunck", "#directive-zqxirstdirk"} <= hrefs
    assert NOTE not in reference.get_text()
    library = soup(built.outdir / instructor / "library.html")
    hrefs = {a["href"] for a in library.select("a[href]")}
    assert {
        "#zqximdfunck",
        "reference.html#zqxipyfunck",
        "reference.html#c.zqxicfunck",  # {any}
        "reference.html#zqxijsfunck",  # a Markdown link
    } <= hrefs
    # the module index of each view
    modules = soup(built.outdir / learner / "py-modindex.html").get_text()
    assert "learnermod" in modules
    assert "zqximodk" not in modules
    modules = soup(built.outdir / instructor / "py-modindex.html").get_text()
    assert {"learnermod", "zqximodk"} <= set(modules.split())


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("builder", SEARCHED)
def test_hidden_solutions_objects_are_in_no_output(copy_root, builder, order):
    if builder == "json" and order == "instructor-root":
        pytest.skip("one edition")
    _sources, built = build(copy_root, builder, order, refinery_solutions="hidden")
    files = output_files(built.outdir)
    assert leaked(files, re.compile(r"zqxh[a-z]*k")) == {}
    objects = inventory(built.outdir / "objects.inv")
    assert pairs(LEARNER_OBJECTS) <= objects
    assert not objects & pairs(SOLUTION_OBJECTS)
    if builder == "html":
        learner, instructor = folders(order)
        for folder in (learner, instructor):
            page = soup(built.outdir / folder / "reference.html")
            assert "the solution's helper" in page.get_text()
            assert not [a for a in page.select("a") if "solution's helper" in a.get_text()]


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "json", "text", "latex"])
def test_the_learner_edition_names_no_object_of_a_note(copy_root, builder):
    _sources, built = build(copy_root, builder)
    files = output_files(built.outdir)
    assert leaked(files) == {}
    text = "\n".join(files.values())
    assert "learner_pyfunc" in text
    assert NOTE in text
    if (built.outdir / "objects.inv").exists():
        objects = inventory(built.outdir / "objects.inv")
        assert pairs(LEARNER_OBJECTS) <= objects
    if builder == "latex":  # its module index
        assert "sphinxstyleindexentry{learnermod}" in text
    if builder == "json":
        objects = searched_objects(search_index(built.outdir / "searchindex.json"))
        assert pairs(LEARNER_OBJECTS) <= objects
        assert not objects & pairs(INSTRUCTOR_OBJECTS)


@pytest.mark.parametrize("builder", ["singlehtml", "json", "latex"])
def test_the_instructor_edition_lists_them(copy_root, builder):
    _sources, built = build(copy_root, builder, refinery_edition="instructor")
    text = "\n".join(output_files(built.outdir).values())
    assert NOTE not in text
    if builder == "latex":  # its module index
        assert "sphinxstyleindexentry{zqximodk}" in text
    else:
        objects = inventory(built.outdir / "objects.inv")
        assert pairs(INSTRUCTOR_OBJECTS) | pairs(LEARNER_OBJECTS) <= objects


IN_NOTE = "```{py:function} zqximdfunck(path)\nReads a secret file.\n```\n"
MOVED_OUT = "```{py:function} zqximdfunck(path)\nReads a file, now for learners.\n```\n"


@pytest.mark.parametrize("order", ORDERS)
def test_an_object_moved_out_of_a_note(copy_root, order):
    """An incremental build updates both views' inventories and indices, and
    the references to the object, after an edit moves it out of a note (and
    back)."""
    sources, _built = build(copy_root, "html", order)
    learner, instructor = folders(order)
    library = sources / "library.md"
    original = library.read_text(encoding="utf-8")
    note = "\n:::{instructor-note}\n"
    assert original.count(note) == original.count(IN_NOTE) == 1
    moved = original.replace(IN_NOTE, "").replace(note, f"\n{MOVED_OUT}{note}")
    rewrite(library, moved)
    views = {"refinery_views": ORDERS[order], "version": "1.0"}
    again = sources.build("html", confoverrides=views)
    moved_object = ("py:function", "zqximdfunck")
    learner_index = search_index(again.outdir / learner / "searchindex.js")
    assert moved_object in searched_objects(learner_index)
    instructor_index = search_index(again.outdir / instructor / "searchindex.js")
    assert moved_object in searched_objects(instructor_index)
    assert moved_object in inventory(again.outdir / "objects.inv")
    page = soup(again.outdir / learner / "library.html")
    assert "#zqximdfunck" in {a["href"] for a in page.select("a[href]")}
    assert page.get_text().count(NOTE) == INSTRUCTOR_REFERENCES["library"] - 1

    rewrite(library, original)
    back = sources.build("html", confoverrides=views)
    learner_index = search_index(back.outdir / learner / "searchindex.js")
    assert moved_object not in searched_objects(learner_index)
    assert moved_object in searched_objects(
        search_index(back.outdir / instructor / "searchindex.js")
    )
    objects = inventory(back.outdir / "objects.inv")
    assert (moved_object in objects) == (order == "instructor-root")
    assert "zqximdfunck" not in (back.outdir / learner / "library.html").read_text()


def test_the_theme_alone_withholds_them_too(copy_root):
    """``html_theme = "sphinx_refinery"`` without the extension in ``extensions``:
    the theme loads it once the domains exist, which then withhold as well."""
    sources = copy_root(ROOT, dest="withheld-theme-alone")
    built = sources.build("html", confoverrides={"extensions": ["myst_parser"]})
    assert "sphinx_refinery" not in built.config.extensions
    assert leaked(learner_side(output_files(built.outdir), "learner-root")) == {}
    assert NOTE in (built.outdir / "reference.html").read_text(encoding="utf-8")
    objects = inventory(built.outdir / "objects.inv")
    assert not objects & pairs(INSTRUCTOR_OBJECTS)


@pytest.mark.parametrize("order", ORDERS)
def test_references_follow_an_object_out_of_its_note(copy_root, order):
    """An edit of the page that declares an object moves it out of its note:
    the pages that reference it, not read again, are written again."""
    sources, _built = build(copy_root, "html", order)
    learner, _instructor = folders(order)
    reference = sources / "reference.rst"
    original = reference.read_text(encoding="utf-8")
    declared = "   .. py:function:: zqxipyfunck(x)\n\n      Triples ``x``.\n\n"
    assert declared in original
    moved = original.replace(declared, "").replace(
        ".. instructor-note::\n\n   The helpers",
        f"{textwrap.dedent(declared)}.. instructor-note::\n\n   The helpers",
        1,
    )
    rewrite(reference, moved)
    views = {"refinery_views": ORDERS[order], "version": "1.0"}
    again = sources.build("html", confoverrides=views)
    library = soup(again.outdir / learner / "library.html")
    assert "reference.html#zqxipyfunck" in {a["href"] for a in library.select("a[href]")}
    assert library.get_text().count(NOTE) == INSTRUCTOR_REFERENCES["library"] - 1
