"""Every test root gives the same output however it is built.

For each folder ``tests/roots/test-*`` (found, not listed):

* a ``-j 2`` build writes the same files, byte for byte, as a ``-j 1`` build
  (every output file but the pickled doctrees: pages, instructor copies,
  bundles, search index, ``.buildinfo``), with ``html`` and, where a root
  is the one that tests them, other builders;
* an incremental build after one source is touched (dated later, unchanged),
  and then after a paragraph is appended to it, writes what a clean build of
  the same sources writes.  Two parts of each view's search index are left
  out of this comparison, for what Sphinx does (9.0): words kept with an empty
  page list (:func:`helpers.without_empty_search_terms`, as in
  test_determinism.py), and the index entries (``indexentries``: glossary
  terms, ``index`` directives), which ``IndexBuilder.load`` does not read
  back, so that an incremental build keeps only those of the pages it wrote.

Each root is built once per builder and mode, for the whole module; the
tests compare what those builds wrote.  Roots that are meant to warn are
built without failing on warnings: their output must still match.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

import pytest
from helpers import (
    ROOTS,
    Sources,
    copy_sources,
    differences,
    rewrite,
    search_indexes,
    site_files,
    touch,
    without_empty_search_terms,
)
from sphinx.testing.util import SphinxTestApp

#: Every test root, by the name after ``test-``.
ROOT_NAMES = sorted(
    path.name.removeprefix("test-")
    for path in ROOTS.iterdir()
    if path.is_dir() and path.name.startswith("test-")
)
#: Roots whose conf.py is not at their top.
SOURCE_FOLDERS = {"sphinx-lesson": "content"}
#: Roots built with their warnings: the warnings are what they are for.
MEANT_TO_WARN = {
    "carpentries-warnings": "unknown Carpentries classes and missing pages",
    "check-bad": "the problems that `sphinx-refinery check` reports",
    "fence-unclosed": "a directive never closed on each page",
    "tabs-misuse": "tabs in the wrong places",
    "workbench-warnings": "unknown and unbalanced Workbench divs",
}
#: Builders besides html, for the roots whose tests use them.
MORE_BUILDERS = {
    "lesson": ("dirhtml", "text", "latex"),
    "blocks": ("singlehtml",),
    "notes": ("notes",),
}
#: The root's own html_theme, else the lesson theme (SphinxTestApp would use 'basic').
THEME = {"html_theme": "sphinx_refinery"}
PARAGRAPH = "A paragraph appended by the build equivalence suite."

PARALLEL_CASES = [
    (name, builder) for name in ROOT_NAMES for builder in ("html", *MORE_BUILDERS.get(name, ()))
]


def incremental_comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files without what an incremental search index legitimately lacks (see above)."""
    files = without_empty_search_terms(files)
    for name in search_indexes(files):
        prefix, _, rest = files[name].decode().partition("(")
        index = json.loads(rest[: rest.rindex(")")])
        index.pop("indexentries", None)
        dumped = json.dumps(index, sort_keys=True, separators=(",", ":"))
        files[name] = f"{prefix}({dumped})".encode()
    return files


def copy_root_to(name: str, dest: Path) -> Sources:
    """A copy of the root in ``dest / test-NAME`` (every copy of a root in a folder
    of the same name: a conf.py may read it), for SphinxTestApp to build."""
    folder = copy_sources(ROOTS / f"test-{name}", dest / f"test-{name}")
    return Sources(SphinxTestApp, folder / SOURCE_FOLDERS.get(name, ""))


class RootBuilds:
    """The builds of one test root with one builder, each made once, on demand."""

    def __init__(self, name: str, builder: str, base: Path) -> None:
        self.name, self.builder, self.base = name, builder, base
        self.sources = {mode: copy_root_to(name, base / mode) for mode in ("serial", "parallel")}
        conf = (self.sources["serial"] / "conf.py").read_text(encoding="utf-8")
        self.confoverrides = {} if "html_theme" in conf else dict(THEME)
        self.strict = name not in MEANT_TO_WARN

    def build(self, sources: Sources, parallel: int = 0):
        return sources.build(
            self.builder, strict=self.strict, confoverrides=self.confoverrides, parallel=parallel
        )

    @cached_property
    def serial(self) -> dict[str, bytes]:
        built = self.build(self.sources["serial"])
        self.edited_source = self._a_source(built.app)
        return site_files(built.outdir)

    @cached_property
    def parallel(self) -> dict[str, bytes]:
        return site_files(self.build(self.sources["parallel"], parallel=2).outdir)

    def _a_source(self, app) -> Path:
        """The source of the first document but the root one (the root one if alone)."""
        docs = sorted(app.env.found_docs - {app.config.root_doc}) or [app.config.root_doc]
        return Path(app.env.doc2path(docs[0]))

    @cached_property
    def incremental(self) -> dict[str, dict[str, bytes]]:
        """The serial build's copy, built again after a touch, and after an edit;
        and a clean build of the edited sources."""
        assert self.serial
        sources, path = self.sources["serial"], self.edited_source
        touch(path)
        touched = site_files(self.build(sources).outdir)
        rewrite(path, path.read_text(encoding="utf-8") + f"\n\n{PARAGRAPH}\n")
        edited = site_files(self.build(sources).outdir)
        clean_sources = copy_root_to(self.name, self.base / "clean")
        clean_path = clean_sources.srcdir / path.relative_to(sources.srcdir)
        clean_path.write_bytes(path.read_bytes())
        clean = site_files(self.build(clean_sources).outdir)
        return {"touched": touched, "edited": edited, "clean": clean}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    made: dict[tuple[str, str], RootBuilds] = {}

    def get(name: str, builder: str) -> RootBuilds:
        if (name, builder) not in made:
            base = tmp_path_factory.mktemp(f"{name}-{builder}")
            made[name, builder] = RootBuilds(name, builder, base)
        return made[name, builder]

    return get


def test_every_root_is_found():
    assert len(ROOT_NAMES) >= 20
    assert {"lesson", "blocks", "notes", *MEANT_TO_WARN, *SOURCE_FOLDERS} <= set(ROOT_NAMES)


@pytest.mark.parametrize(("name", "builder"), PARALLEL_CASES)
def test_parallel_build_equals_serial(builds, name, builder):
    run = builds(name, builder)
    assert run.serial
    assert differences(run.serial, run.parallel) == []
    assert run.serial.keys() == run.parallel.keys()


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_incremental_build_after_a_touch_equals_a_clean_build(builds, name):
    run = builds(name, "html")
    touched = run.incremental["touched"]
    clean = run.serial
    assert differences(incremental_comparable(clean), incremental_comparable(touched)) == []
    assert clean.keys() == touched.keys()


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_incremental_build_after_an_edit_equals_a_clean_build(builds, name):
    run = builds(name, "html")
    edited, clean = run.incremental["edited"], run.incremental["clean"]
    assert any(PARAGRAPH.encode() in data for data in clean.values())
    assert differences(incremental_comparable(clean), incremental_comparable(edited)) == []
    assert clean.keys() == edited.keys()
