"""How solutions are shown: collapsed, expanded or left out; in place or at the end.

``refinery_solutions``:
  ``"collapsed"`` (default) a closed ``<details>``; ``"expanded"`` an open one;
  ``"hidden"`` left out of every output, search index included (an exam, an
  in-class run).
``refinery_solutions_placement``:
  ``"inline"`` (default) where the author wrote them; ``"end"`` gathered in a
  "Solutions" section at the end of each episode; ``"page"`` only on the page
  that has the ``solutionlist`` directive.  In both cases a link stays where
  each solution stood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..blocks.nodes import ancestors, anchor_of, for_instructors, is_solution, lesson_block
from ..warnings import TYPE, Subtype
from .aggregates import copy_id
from .data import lesson_data
from .links import link
from .withheld import forget_ids, ids_in, orphaned_footnotes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


def apply_solution_display(app: Sphinx, doctree: nodes.document) -> None:
    """Leave solutions out or open them, before anything else sees them."""
    show = app.config.refinery_solutions
    if show == "collapsed":
        return
    gone: set[str] = set()
    for node in list(doctree.findall(lesson_block)):
        if not is_solution(node):
            continue
        if show == "hidden":
            gone |= ids_in(node)
            node.parent.remove(node)
        else:
            node["collapsible"] = "open"
    if gone:
        for footnote in orphaned_footnotes(doctree, gone):
            gone |= ids_in(footnote)
            footnote.parent.remove(footnote)
        forget_ids(app.env, app.env.docname, gone)
        lesson_data(app.env).document(app.env.docname).hidden_solutions = True


class MoveSolutions(SphinxPostTransform):
    """Move each page's solutions to its end or to the solutions page, linked from their places."""

    default_priority = 7  # after solutions got their titles (6)

    def run(self, **kwargs) -> None:
        placement = self.config.refinery_solutions_placement
        if placement == "inline":
            return
        here = self.env.docname
        solutions = [
            node
            for node in self.document.findall(lesson_block)
            if is_solution(node)
            and node.get("refinery_doc") == here
            and node["ids"]
            and not node.get("refinery_copy")  # on a list page (LaTeX, single page)
            and not any(is_solution(a) for a in ancestors(node))
            # A solution in an instructor note stays there: learners never see it.
            and not for_instructors(node)
        ]
        if not solutions:
            return
        if placement == "page":
            self._link_to_solutions_page(solutions)
        else:
            self._move_to_end(solutions)

    def _link_to_solutions_page(self, solutions: list[lesson_block]) -> None:
        pages = sorted(lesson_data(self.env).aggregate_pages("solutions"))
        if not pages:
            return  # warned about once, after reading; the solutions stay in place
        for solution in solutions:
            pointer = nodes.paragraph(classes=["refinery-solution-link"])
            pointer += link(
                self.env,
                solution,
                pages[0],
                copy_id(solution.get("refinery_doc", self.env.docname), anchor_of(solution)),
                nodes.inline("", "", *_title_copy(solution)),
            )
            solution.replace_self(pointer)

    def _move_to_end(self, solutions: list[lesson_block]) -> None:
        section = nodes.section(ids=["refinery-solutions"], classes=["refinery-solutions"])
        section += nodes.title("", _("Solutions"))
        for solution in solutions:
            pointer = nodes.paragraph(classes=["refinery-solution-link"])
            pointer += nodes.reference(
                "", "", *_title_copy(solution), internal=True, refid=anchor_of(solution)
            )
            solution.replace_self(pointer)
            section += solution
        top = next(iter(self.document.findall(nodes.section)), self.document)
        top.append(section)


def _title_copy(solution: lesson_block) -> list[nodes.Node]:
    """The solution's title as a link's text: plain text, but for what only one
    view shows, which stays marked as it is (``exercises._title_solution``)."""
    return [
        child.deepcopy()
        if isinstance(child, nodes.Element) and child.get("refinery_instructor_ref")
        else nodes.Text(child.astext())
        for child in solution[0].children
    ]


def check_solutions_page(app: Sphinx, env) -> None:
    """``"page"`` placement needs a page that lists the solutions."""
    if app.config.refinery_solutions_placement == "page" and not lesson_data(env).aggregate_pages(
        "solutions"
    ):
        logger.warning(
            __(
                "refinery_solutions_placement = 'page' needs a page with the solutionlist "
                "directive; the solutions stay where they are"
            ),
            type=TYPE,
            subtype=Subtype.CONFIG,
        )


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", apply_solution_display, priority=450)
    app.connect("env-updated", check_solutions_page)
    app.add_post_transform(MoveSolutions)
