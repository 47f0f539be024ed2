"""A solution inside another one (hints, then the answer, as Carpentries lessons
write them) builds without a warning, in every output and every placement."""

from __future__ import annotations

import pytest
from helpers import normalized_text

ROOT = "nested-solutions"
ANSWERS = {
    "pools": ("Start from the northern rocks", "There are seven pools"),
    "shells": ("Count the ridges of the largest shell", "Three piles: smooth shells"),
}


@pytest.mark.parametrize("placement", ["inline", "end", "page"])
def test_the_answer_stays_inside_its_hints(copy_root, placement):
    sources = copy_root(ROOT, dest=f"nested-{placement}")
    if placement == "page":
        (sources / "solutions.md").write_text("# Solutions\n\n```{solutionlist}\n```\n")
        index = sources / "index.md"
        index.write_text(index.read_text().replace("shells\n", "shells\nsolutions\n"))
    built = sources.build("html", confoverrides={"refinery_solutions_placement": placement})
    for docname, (hint, answer) in ANSWERS.items():
        where = built.page("solutions" if placement == "page" else docname)
        hints = [
            d
            for d in where.select("details.solution")
            if d.summary.get_text(strip=True) == "Hints" and hint in d.get_text()
        ]
        assert len(hints) == 1, docname
        inner = hints[0].select("details.solution")
        assert [d.summary.get_text(strip=True) for d in inner] == [
            f"Solution to Exercise {1 if docname == 'pools' else 2}"
        ]
        assert answer in inner[0].get_text()
        text = built.page(docname).get_text()
        assert "The walk continues" in text or "The shells go back" in text


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml", "epub", "man"])
def test_every_output_keeps_hints_and_answer(copy_root, builder):
    built = copy_root(ROOT, dest=f"nested-{builder}").build(builder)
    files = [
        p
        for p in built.outdir.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".html", ".xhtml", ".1"}
    ]
    text = normalized_text(" ".join(p.read_text(encoding="utf-8") for p in files))
    for hint, answer in ANSWERS.values():
        assert hint in text and answer in text, builder
