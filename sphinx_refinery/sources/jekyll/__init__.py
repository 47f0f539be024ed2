"""Import a legacy Carpentries lesson (the Jekyll "styles" template) into a
sphinx_refinery lesson folder.

``sphinx-refinery import-carpentries SRC DEST`` reads a Workbench lesson
(``config.yaml``) with :mod:`sphinx_refinery.sources.importer` and a legacy
one (:func:`is_legacy_lesson`) with :func:`import_legacy_lesson`.  A legacy
lesson is::

    _config.yml          title, repository, the site.* values pages use
    index.md, setup.md, reference.md (the glossary), LICENSE.md, CODE_OF_CONDUCT.md
    _episodes/NN-x.md    episodes, in file name order (_episodes_rmd/: R sources)
    _extras/*.md         extra pages (guide.md: instructor notes)
    _includes/           links.md (reference links) and snippets pages include
    fig/ files/ data/ code/

The result keeps that layout (so every relative path still works) and adds
``conf.py`` and an ``index.md`` (the lesson's home page with the toctrees and,
when every episode has its minutes, a schedule).  Each page goes through
:func:`.pages.convert_page`: Liquid rendered as Jekyll would (``_config.yml``
values, ``{% include %}`` of ``_includes/``, ``{{ page.root }}`` and friends
as relative paths, conditions), links and images pointing at the site's
addresses (``../NAME/``, ``setup.html``) made links to pages and files, the
``{:auto_ids}`` glossary made link targets, kramdown blocks converted by the
Carpentries rewriter, Mermaid diagrams (``<div class="mermaid">``) made
diagrams or code blocks (:mod:`..import_diagrams`), and the front matter
title made the page's heading.
The front matter itself stays: ``teaching``/``exercises`` feed the schedule,
``questions``/``objectives``/``keypoints`` become their blocks.

Everything that is not converted is in the report as ``file:line: what``:
Liquid that has no value here, includes of the Jekyll theme, links to
nothing in the lesson, pages Jekyll generates (``aio.md``, the figures
page), repository files.  It reads only inside SRC and writes only inside DEST.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..scanner import front_matter
from .lesson import import_legacy_lesson

__all__ = ["import_legacy_lesson", "is_legacy_lesson"]

_EPISODE_KEYS = re.compile(r"^(teaching|exercises|questions|objectives|keypoints)\s*:", re.M)


def is_legacy_lesson(source: Path | str) -> bool:
    """Whether ``source`` holds a legacy (Jekyll) Carpentries lesson and no ``config.yaml``."""
    source = Path(source)
    if (source / "config.yaml").is_file():
        return False
    if (
        (source / "_config.yml").is_file()
        or (source / "_episodes").is_dir()
        or (source / "_extras").is_dir()
    ):
        return True
    folder = source / "episodes"
    for path in sorted(folder.glob("*.md"))[:50] if folder.is_dir() else []:
        found = front_matter(path.read_text(encoding="utf-8", errors="replace").split("\n"))
        if found and _EPISODE_KEYS.search("\n".join(found.yaml)):
            return True
    return False
