"""Python's cyclic garbage collector in a build process.

An incremental build starts by loading the environment of the previous
build: hundreds of thousands of objects that live until the process ends.
Every full collection walks them all, and so does the one Python runs when
the process exits; at 500 episodes that was a fifth of the time of
rebuilding one touched episode.  Once the builder is ready they are moved
out of the collector's sight (``gc.freeze()``), which also keeps the forked
processes of a ``-j`` build from copying the pages the collector would touch.

When Sphinx runs as its own program (``sphinx-build``, ``python -m sphinx``)
everything is frozen again when the build is finished, as the process ends
right after.  In any other process (tests, tools that build in-process) the
objects go back to the collector then, so that nothing is kept past its
build.  ``refinery_gc_freeze = False`` turns all of this off.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: ``__main__`` of ``python -m sphinx`` and of ``python -m sphinx.cmd.build``.
_SPHINX_MAIN_MODULES = frozenset({"sphinx.__main__", "sphinx.cmd.build"})
_SPHINX_SCRIPTS = frozenset({"sphinx-build", "sphinx-build.exe"})


def runs_as_sphinx_build() -> bool:
    """Is this process the ``sphinx-build`` program, ending with the build?"""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    if spec is not None and spec.name in _SPHINX_MAIN_MODULES:
        return True
    return bool(sys.argv) and Path(sys.argv[0]).name in _SPHINX_SCRIPTS


def freeze_what_is_loaded(app: Sphinx) -> None:
    if app.config.refinery_gc_freeze:
        gc.freeze()


def release_or_keep(app: Sphinx, exception: BaseException | None) -> None:
    if not app.config.refinery_gc_freeze:
        return
    if runs_as_sphinx_build():
        gc.freeze()  # the process exits next: nothing left for the collector to walk
    else:
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", freeze_what_is_loaded)
    app.connect("build-finished", release_or_keep, priority=900)
