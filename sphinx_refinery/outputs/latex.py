"""LaTeX/PDF output: lesson blocks as titled boxes, solutions at the end.

* Every lesson block becomes a box drawn by Sphinx's own admonition machinery
  (``sphinxadmonition``), coloured per kind; a block inside another box is a
  frameless titled section of it, so that it can still break across pages.
  Collapsible blocks (solutions, hints, dropdowns) are simply printed.  The
  LaTeX code is in ``texinputs/sphinxrefinery.sty`` (:mod:`.latex_defaults`).
* Every block gets a ``\\label`` for each of its ids, so that exercise
  references and the solutions' links back to their exercise are hyperlinks.
* ``refinery_latex_solutions = "end"`` moves the solutions into a "Solutions"
  appendix and leaves a link to them in their exercise.
* In-document links that point into the root document from another one are
  repaired for the single assembled LaTeX document (:class:`RepairLocalLinks`).
* A lesson compiles with no LaTeX settings in ``conf.py``: see
  :mod:`.latex_defaults`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import new_document

from ..blocks.custom import lesson_kinds
from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import ancestors, for_instructors, is_solution, kind_of, lesson_block
from ..compat import builder_of
from ..lesson.data import lesson_data
from ..lesson.naming import exercise_label_text, find_exercise
from . import latex_defaults

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

    from ..lesson.data import ExerciseNumber

_ = get_translation("sphinx_refinery")

# --- the LaTeX visitor ---------------------------------------------------------

#: Inside these, a block is drawn without a frame (frames inside frames cannot break).
_BOXES = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table)


#: Ancestors that LaTeX writes as a list environment (inner blocks, lists, quotes).
_LISTS: tuple[type[nodes.Element], ...] = (
    lesson_block,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.field_list,
    nodes.option_list,
    nodes.block_quote,
)
#: Inner blocks inside this many lists are flat: LaTeX allows six nested lists in all.
MAX_LIST_DEPTH = 3


def _environment(node: nodes.Element) -> str:
    parents = list(ancestors(node))
    boxes = [parent for parent in parents if isinstance(parent, _BOXES)]
    if not boxes:
        return "sphinxrefineryblock"
    # The outermost box is no list; every other block and list around this one is.
    depth = sum(isinstance(parent, _LISTS) for parent in parents if parent is not boxes[-1])
    return "sphinxrefineryinner" if depth < MAX_LIST_DEPTH else "sphinxrefineryflat"


def _ids_labelled_by_targets(node: nodes.Element) -> set[str]:
    """Ids that the target nodes right before ``node`` already label in LaTeX."""
    parent = node.parent
    labelled: set[str] = set()
    if parent is None:
        return labelled
    for sibling in reversed(parent.children[: parent.index(node)]):
        if not isinstance(sibling, nodes.target):
            break
        if sibling.get("refid"):
            labelled.add(sibling["refid"])
        labelled.update(sibling["ids"])
    return labelled


def visit_lesson_block(self: LaTeXTranslator, node: lesson_block) -> None:
    """``\\begin{<environment>}{<kind>}{<labels>}{<title>}``, the body, ``\\end``.

    The title is written here rather than by Sphinx's ``visit_title``, which
    drops links from titles before Sphinx 9: a solution's title is the link
    back to its exercise.
    """
    labelled = _ids_labelled_by_targets(node)
    anchors = "".join(self.hypertarget(id_) for id_ in node["ids"] if id_ not in labelled)
    environment = _environment(node)
    kind = node.get("kind", "")
    self.body.append(f"\n\\begin{{{environment}}}{{{kind}}}{{{anchors}}}{{")
    body = node.children
    if body and isinstance(body[0], nodes.title):
        title, body = body[0], body[1:]
        for child in title.children:
            child.walkabout(self)
    else:
        block_kind = KINDS_BY_NAME.get(kind)
        self.body.append(self.encode(block_kind.default_title() if block_kind else ""))
    self.body.append("}\n")
    self.no_latex_floats += 1
    for child in body:
        child.walkabout(self)
    self.no_latex_floats -= 1
    self.body.append(f"\\end{{{environment}}}\n")
    raise nodes.SkipNode


def depart_lesson_block(self: LaTeXTranslator, node: lesson_block) -> None:
    """Never called: :func:`visit_lesson_block` writes the whole block."""


# --- solutions at the end ------------------------------------------------------


def _outermost_solutions(document: nodes.Element) -> list[lesson_block]:
    return [
        node
        for node in document.findall(lesson_block)
        if is_solution(node) and not any(is_solution(a) for a in ancestors(node))
    ]


class SolutionsAtEnd(SphinxPostTransform):
    """With ``refinery_latex_solutions = "end"``, move solutions to a "Solutions" appendix.

    Runs on the single doctree the LaTeX builder assembles from the whole
    lesson, after exercises are numbered and solutions titled.  Each solution
    keeps its ids and is wrapped in a ``start_of_file`` node of its own
    document, so its labels and the references inside it stay what they were.
    Its exercise gets a link to it.  Copies of solutions (in exercise lists)
    are dropped: their exercise links to the one in the appendix.
    """

    default_priority = 7  # after ResolveLessonBlocks (6), before references (10)
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        if self.config.refinery_latex_solutions != "end":
            return
        moved: list[lesson_block] = []
        links: dict[tuple[str, str], list[nodes.Element]] = {}
        for solution in _outermost_solutions(self.document):
            if solution.get("refinery_copy"):  # a copy in an exercise list
                _remove_copy(solution)
                continue
            if for_instructors(solution):  # stays in its note, which learners never see
                continue
            exercise, by_label = find_exercise(self.env, solution)
            docname = solution.get("refinery_doc", "")
            link = self._link(docname, solution["ids"][0], _solution_title(exercise))
            if exercise is None:
                solution.replace_self(_see(link))
            else:
                self._name_exercise(solution, exercise, by_label)
                links.setdefault((exercise.docname, exercise.node_id), []).append(link)
                solution.parent.remove(solution)
            moved.append(solution)
        if not moved:
            return
        self._link_exercises(links)
        section = self._solutions_section(moved)
        if self._is_howto():
            # Sphinx's howto class has no chapters, hence no \appendix: a last section.
            sections = [n for n in self.document.children if isinstance(n, nodes.section)]
            (sections[0] if sections else self.document).append(section)
        else:
            # A document of its own, which the LaTeX writer makes an appendix.
            appendix = new_document("<solutions>", self.document.settings)
            appendix += section
            self.document += appendix

    def _is_howto(self) -> bool:
        """Is the LaTeX document being assembled of Sphinx's ``howto`` kind?"""
        builder = builder_of(self.env)
        docname = self.document.get("docname", self.env.docname)
        for entry in getattr(builder, "document_data", []):
            if entry[0] == docname and hasattr(builder, "themes"):
                return builder.themes.get(entry[4]).name == "howto"
        return False

    def _link(self, docname: str, target_id: str, text: str) -> nodes.Element:
        """A hyperlink to ``target_id`` of ``docname`` in the assembled document."""
        inline = nodes.inline("", text, classes=["xref", "std", "std-ref"])
        return self._reference(docname, target_id, inline)

    def _reference(self, docname: str, target_id: str, *children: nodes.Node) -> nodes.Element:
        try:
            uri = builder_of(self.env).get_relative_uri(self.env.docname, docname)
        except NoUri:
            return nodes.inline("", "", *children)
        return nodes.reference("", "", *children, internal=True, refuri=f"{uri}#{target_id}")

    def _name_exercise(
        self, solution: lesson_block, exercise: ExerciseNumber, by_label: bool
    ) -> None:
        """Away from its exercise, a solution's title must name it and link back to it."""
        if not solution.children or not isinstance(solution[0], nodes.title):
            return
        title = solution[0]
        if not by_label and solution.get("custom_title"):
            title.insert(0, nodes.Text(": "))
            link = self._link(exercise.docname, exercise.node_id, _solution_title(exercise))
            title.insert(0, link)
        elif not _links_to(solution, exercise.node_id):
            children = list(title.children)
            title.clear()
            title += self._reference(exercise.docname, exercise.node_id, *children)

    def _link_exercises(self, links: dict[tuple[str, str], list[nodes.Element]]) -> None:
        data = lesson_data(self.env)
        for node in list(self.document.findall(lesson_block)):
            kind = kind_of(node)
            if not (kind and kind.exercise):
                continue
            key = (node.get("refinery_doc", ""), node.get("exercise_index"))
            exercise = data.exercises.get(key)
            if exercise is None:
                continue
            for link in links.get((exercise.docname, exercise.node_id), []):
                node += _see(link.deepcopy())

    def _solutions_section(self, solutions: list[lesson_block]) -> nodes.section:
        """The "Solutions" section, each solution in the scope of its own document."""
        section = nodes.section(ids=["refinery-solutions"], classes=["refinery-solutions"])
        section += nodes.title("", _("Solutions"))
        file_node: addnodes.start_of_file | None = None
        for solution in solutions:
            docname = solution.get("refinery_doc", "")
            if file_node is None or file_node["docname"] != docname:
                file_node = addnodes.start_of_file(docname=docname)
                section += file_node
            file_node += solution
        return section


class RepairLocalLinks(SphinxPostTransform):
    """Point in-document links (``refid``) at the document that holds their target.

    In the single doctree the LaTeX builder assembles, a ``refid`` is read as
    a label of the document the link sits in.  A link made with
    ``make_refnode`` from the root document's name (the document being
    resolved) to a target in the root document gets a ``refid`` even when
    it sits in another document, and would point nowhere; it gets the
    target's document instead.
    """

    default_priority = 20  # after references are resolved (10)
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        root = self.document.get("docname", self.env.docname)
        ids_in: dict[str, set[str]] = {}
        links: list[tuple[nodes.reference, str]] = []
        stack: list[tuple[nodes.Node, str]] = [(self.document, root)]
        while stack:
            node, docname = stack.pop()
            if not isinstance(node, nodes.Element):
                continue
            if isinstance(node, addnodes.start_of_file):
                docname = node["docname"]
            elif isinstance(node, nodes.document) and node is not self.document:
                docname = node.get("docname", "")
            ids_in.setdefault(docname, set()).update(node["ids"])
            if isinstance(node, nodes.reference) and node.get("refid") and not node.get("refuri"):
                links.append((node, docname))
            stack.extend((child, docname) for child in node.children)
        for link, docname in links:
            refid = link["refid"]
            if refid in ids_in.get(docname, ()):
                continue
            holders = [doc for doc, ids in ids_in.items() if refid in ids]
            if len(holders) == 1:
                del link["refid"]
                link["refuri"] = f"{self._uri(holders[0])}#{refid}"

    def _uri(self, docname: str) -> str:
        try:
            return builder_of(self.env).get_relative_uri(docname, docname)
        except NoUri:
            return f"%{docname}"


#: Classes of the "View in context" paragraph that follows a copied block.
_SOURCE_LINK_CLASSES = frozenset({"refinery-aggregate-source", "refinery-exerciselist-source"})


def _remove_copy(block: lesson_block) -> None:
    """Remove a copied block and the "View in context" link that follows it."""
    parent = block.parent
    following = block.next_node(descend=False, siblings=True)
    if isinstance(following, nodes.paragraph) and _SOURCE_LINK_CLASSES.intersection(
        following["classes"]
    ):
        parent.remove(following)
    parent.remove(block)


def _links_to(tree: nodes.Element, target_id: str) -> bool:
    """Does ``tree`` hold a link to ``target_id``?"""
    return any(
        ref.get("refid") == target_id or ref.get("refuri", "").endswith(f"#{target_id}")
        for ref in tree.findall(nodes.reference)
    )


def _solution_title(exercise: ExerciseNumber | None) -> str:
    if exercise is None:
        return str(_("Solution"))
    return _("Solution to %s") % exercise_label_text(exercise)


def _see(link: nodes.Element) -> nodes.paragraph:
    """'See <link>.' as a paragraph of its own."""
    before, _sep, after = _("See {solution}.").partition("{solution}")
    paragraph = nodes.paragraph("", "", classes=["refinery-solution-link"])
    paragraph += [nodes.Text(before), link, nodes.Text(after)]
    return paragraph


def style_lesson_kinds(app: Sphinx) -> None:
    """The LaTeX style of the lesson's own kinds (the package has the built-in ones)."""
    context = getattr(app.builder, "context", None)
    if app.builder.format != "latex" or context is None:
        return
    context["preamble"] = context.get("preamble", "") + "".join(
        f"\\sphinxrefinerysetkind{{{kind.name}}}{{{kind.latex_notice}}}{{{kind.latex_colour}}}\n"
        for kind in lesson_kinds(app)
    )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", style_lesson_kinds)
    app.add_node(lesson_block, override=True, latex=(visit_lesson_block, depart_lesson_block))
    app.add_post_transform(SolutionsAtEnd)
    app.add_post_transform(RepairLocalLinks)
    latex_defaults.setup(app)
