"""What learners never reach, beyond the blocks themselves: the labels, index
entries, glossary terms and objects of every domain declared inside
instructor notes and hidden solutions.

Sphinx registers these in its domains for the whole build, and ``{ref}`` link
texts, ``genindex``, ``objects.inv``, the search index's objects and the
tables of contents are written from there, not from the page.

- Hidden solutions (``refinery_solutions = "hidden"``) are in no output:
  their ids are recorded, their ``std`` and index entries dropped
  (:func:`.registries.forget_ids`), their objects listed nowhere and
  references to them unlinked.
- Instructor notes are in the instructor view: their ids are recorded per
  document (:func:`.registries.record_instructor_ids`); a learner edition
  writes its general index, inventory and search index without them
  (:func:`.registries.learner_registries`); references from learner content
  to them are replaced by a note in learner outputs; only instructors'
  tables of contents list their objects (:mod:`.toc`); pages that reference
  an object that moved into or out of a note are written again
  (:mod:`.changes`); a label that ends a note labels nothing after it
  (:mod:`.targets`); a ``todolist`` lists a note's todo entries for
  instructors only (:mod:`.todos`).
- Every domain takes part through one mixin (:mod:`.domains`), whatever its
  data: its ``get_objects()`` and reference resolution are filtered, never its
  data; :mod:`.references` turns the tagged references into text or notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .changes import setup as setup_changes
from .domains import adopt_running_domains, learner_index_content, use_withholding_domains
from .references import setup as setup_references
from .registries import (
    forget_ids,
    ids_in,
    learner_registries,
    orphaned_footnotes,
    record_instructor_ids,
    write_for_learners,
)
from .registries import setup as setup_registries
from .targets import setup as setup_targets
from .toc import learner_tocs_shown, tocs_for
from .toc import setup as setup_toc
from .todos import setup as setup_todos

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "forget_ids",
    "ids_in",
    "learner_index_content",
    "learner_registries",
    "learner_tocs_shown",
    "orphaned_footnotes",
    "record_instructor_ids",
    "tocs_for",
    "write_for_learners",
]


def setup(app: Sphinx) -> None:
    setup_registries(app)
    setup_references(app)
    setup_toc(app)
    setup_targets(app)
    setup_todos(app)
    setup_changes(app)
    app.connect("config-inited", use_withholding_domains, priority=900)
    adopt_running_domains(app)
