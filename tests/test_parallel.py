"""Parallel writes: every process writes, and a lesson whose pages have instructor content.

With ``-j``, Sphinx resolves every page in the main process and keeps the
resolved doctrees until a forked worker has written them; each worker
inherits all of it.  So a resolved page must not keep another document alive
(the instructor copy is made in ``write_doc``, page by page; the blocks copied
onto the exercise list and the instructor guide do not refer to their
episodes' doctrees), and the pages that the workers write must be the ones a
serial build writes, here with enough pages for several chunks of work.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from docutils import nodes
from helpers import site_files, soup

EPISODES = 40
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


def episode(number: int) -> str:
    other = EPISODES + 1 - number
    return f"""\
---
teaching: 5
exercises: 5
---

# Episode {number}

Learner text {number}. See {{ref}}`secret-{other}` and {{ref}}`ex-{other}`.

:::{{exercise}} Exercise {number}
:label: ex-{number}
Do {number}.
:::

```{{image}} ../fig/plot.*
:width: 50px
```

::::{{instructor-note}}
Note {number}.

```{{image}} ../fig/secret-{number % 3}.svg
```

:::{{exercise}} Secret {number}
:label: secret-{number}
Only for instructors.
:::
::::
"""


def make_lesson(src: Path) -> Path:
    (src / "episodes").mkdir(parents=True)
    (src / "fig").mkdir()
    (src / "fig" / "plot.svg").write_text(SVG)
    for n in range(3):
        (src / "fig" / f"secret-{n}.svg").write_text(SVG)
    (src / "conf.py").write_text(
        'project = "Parallel"\nextensions = ["sphinx_refinery"]\n'
        'html_theme = "sphinx_refinery"\nexclude_patterns = ["_build"]\n'
    )
    entries = "\n".join(f"episodes/ep-{n:02d}" for n in range(1, EPISODES + 1))
    (src / "index.md").write_text(
        f"# Parallel\n\n```{{toctree}}\n{entries}\nexercises\nguide\n```\n"
    )
    # Pages with copies of the blocks of every episode.
    (src / "exercises.md").write_text("# Exercises\n\n```{exerciselist}\n```\n")
    (src / "guide.md").write_text("# Guide\n\n```{instructor-guide}\n```\n")
    for n in range(1, EPISODES + 1):
        (src / "episodes" / f"ep-{n:02d}.md").write_text(episode(n))
    return src


def other_documents(doctree: nodes.document) -> list[str]:
    """Documents other than ``doctree`` that the resolved page keeps alive
    through its nodes, their attributes and the extension's objects on it."""
    found = []
    seen = {id(doctree)}
    todo: list[object] = [doctree]
    while todo:
        for referent in gc.get_referents(todo.pop()):
            if id(referent) in seen:
                continue
            seen.add(id(referent))
            if isinstance(referent, nodes.document):
                found.append(referent.get("source", "?"))
            elif isinstance(referent, (nodes.Node, list, tuple, dict, set)) or (
                type(referent).__module__.startswith("sphinx_refinery")
            ):
                todo.append(referent)
    return found


def test_parallel_write_of_pages_with_instructor_content(make_app, strict_build, tmp_path):
    serial = strict_build(make_app("html", srcdir=make_lesson(tmp_path / "serial")))
    parallel_app = make_app("html", srcdir=make_lesson(tmp_path / "parallel"), parallel=2)
    kept: dict[str, list[str]] = {}

    def check(app, doctree: nodes.document, docname: str) -> None:
        kept[docname] = other_documents(doctree)

    writers = tmp_path / "writers"

    def note_writer(app, pagename: str, *args) -> None:
        with writers.open("a") as file:  # pages written by forked workers too
            file.write(f"{os.getpid()}\n")

    # After every other handler (views.split_views among them), in the main process.
    parallel_app.connect("doctree-resolved", check, priority=900)
    parallel_app.connect("html-page-context", note_writer)
    parallel = strict_build(parallel_app)
    assert len(set(writers.read_text().split())) > 2  # the main process and two workers at least

    assert len(kept) == EPISODES + 3
    assert {name: docs for name, docs in kept.items() if docs} == {}

    out = Path(parallel.outdir)
    files = site_files(out)
    # every document has its copy, and so do the search page and the index;
    # the instructor view has its own search index
    copies = [name for name in files if name.startswith("instructor/") and name.endswith(".html")]
    assert len(copies) == EPISODES + 3 + 2
    assert "instructor/searchindex.js" in files
    expected = site_files(Path(serial.outdir))
    assert [name for name, data in expected.items() if files.get(name) != data] == []
    assert files.keys() == expected.keys()
    images = sorted(p.name for p in (out / "_images").iterdir())
    assert images == ["plot.svg", "secret-0.svg", "secret-1.svg", "secret-2.svg"]
    learner = soup(out / "episodes" / "ep-07.html")
    assert "Note 7." not in learner.get_text()
    assert "Secret 34" not in learner.get_text()
    instructor = soup(out / "instructor" / "episodes" / "ep-07.html")
    assert "Note 7." in instructor.get_text()
    sources = [img["src"] for img in instructor.select("img")]
    assert sources == ["../../_images/plot.svg", "../../_images/secret-1.svg"]
    link = next(a for a in instructor.select("a") if "Secret 34" in a.get_text())
    assert link["href"] == "ep-34.html#secret-34"


@pytest.mark.parametrize(("write_all", "writers"), [(True, 2), (False, 1)])
def test_the_parallel_write_uses_every_process(copy_root, monkeypatch, write_all, writers):
    """``-j 2`` writes pages in two processes (Sphinx alone forks one writer and
    keeps the main process for resolving); ``refinery_parallel_write_all =
    False`` leaves Sphinx's choice."""
    from sphinx.util import parallel

    sizes: list[int] = []
    real_init = parallel.ParallelTasks.__init__

    def spy(self, nproc: int) -> None:
        sizes.append(nproc)
        real_init(self, nproc)

    monkeypatch.setattr(parallel.ParallelTasks, "__init__", spy)
    app = copy_root("lesson").build(
        parallel=2, confoverrides={"refinery_parallel_write_all": write_all}
    )
    # the read (two readers), then the write
    assert sizes[-1] == writers, sizes
    assert (app.outdir / "instructor" / "episodes" / "one.html").exists()
