"""Learner and instructor views from one ``sphinx-build`` run.

``refinery_views = ["learner", "instructor"]`` (the default) makes the
learner view the site's root and writes an instructor copy under
``instructor/``.  Only pages that have instructor-only content (instructor
notes, the instructor guide) get a second copy; every other page serves both
views.  Instructor-only content is removed from the learner doctree before
the page is written and indexed, so it is neither in the learner HTML nor in
its search index.

The page is translated to HTML once for both views: the content only one view
shows is put back into the doctree inside :class:`view_only` markers, the
translator writes a marker string at their edges, and each view's body is cut
from that one translation (:func:`body_for_view`).  The second view's page is
then rendered from the same context with its own body, its output path moved
under ``instructor/`` and its links moved one level up, except links to pages
that have an instructor copy themselves, which stay inside the instructor tree.

Where the work happens matters for parallel builds (``-j``): Sphinx resolves
every doctree and feeds the search index in the main process, and only
``write_doc`` runs in the workers.  So the main process only takes the
instructor content out of the page (keeping the removed nodes aside, see
:class:`Removed`); ``write_doc`` puts it back, marked, to write both views.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

from ..blocks.kinds import KINDS_BY_NAME
from ..blocks.nodes import lesson_block
from ..compat import writes_linked_pages
from ..lesson.data import lesson_data

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")
__ = get_translation("sphinx_refinery", "console")

#: Aggregated content that only instructors see.
INSTRUCTOR_CLASSES = frozenset({"refinery-instructor-guide"})


def is_instructor_only(node: nodes.Node) -> bool:
    if isinstance(node, lesson_block):
        kind = KINDS_BY_NAME.get(node.get("kind", ""))
        return bool(kind and kind.audience == "instructor")
    return isinstance(node, nodes.Element) and not INSTRUCTOR_CLASSES.isdisjoint(node["classes"])


class Removed:
    """The instructor-only content taken out of a doctree, kept to put it back.

    :meth:`take_from` drops every instructor-only node; references to
    exercises that only instructors see become a plain note, so that neither
    their title nor a dead link reaches learners.  ``blocks`` are the
    outermost instructor-only nodes, each with its parent, its index there and
    the sibling that followed it; ``notes`` the references to instructor-only
    exercises, each with the note that replaced it.
    """

    __slots__ = ("blocks", "notes")

    def __init__(self) -> None:
        self.blocks: list[tuple[nodes.Element, int, nodes.Node | None, nodes.Element]] = []
        self.notes: list[tuple[nodes.Element, nodes.Element]] = []

    @classmethod
    def take_from(cls, tree: nodes.Node) -> Removed:
        removed = cls()
        blocks: list[nodes.Element] = []
        references: list[nodes.Element] = []
        _find_instructor_content(tree, blocks, references)
        for reference in references:
            note = nodes.inline("", _("(an exercise in the instructor view)"))
            reference.replace_self(note)
            removed.notes.append((reference, note))
        for block in blocks:
            parent = block.parent
            index = parent.index(block)
            del parent[index]
            after = parent.children[index] if index < len(parent.children) else None
            removed.blocks.append((parent, index, after, block))
        return removed

    def put_back(self) -> None:
        """Make the doctree what it was before the content was taken out."""
        for parent, index, after, block in reversed(self.blocks):
            parent.insert(_position(parent, after, index), block)
        for reference, note in reversed(self.notes):
            note.parent.replace(note, reference)

    def take_again(self) -> None:
        """Undo :meth:`put_back`."""
        for reference, note in self.notes:
            reference.parent.replace(reference, note)
        for parent, _index, _after, block in self.blocks:
            parent.remove(block)


def _find_instructor_content(
    node: nodes.Node, blocks: list[nodes.Element], references: list[nodes.Element]
) -> None:
    """The outermost instructor-only nodes under ``node`` and the references to
    instructor-only exercises outside them, in document order (one walk)."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        if is_instructor_only(child):
            blocks.append(child)
        elif child.get("refinery_instructor_ref"):
            references.append(child)
        else:
            _find_instructor_content(child, blocks, references)


def _position(parent: nodes.Element, after: nodes.Node | None, index: int) -> int:
    """Where a node removed at ``index`` of ``parent``, before ``after``, goes back."""
    if after is not None:
        for position, child in enumerate(parent.children):
            if child is after:
                return position
    return min(index, len(parent.children))


def root_view(config: Config) -> str:
    return config.refinery_views[0] if config.refinery_views else "instructor"


def second_view(config: Config) -> str | None:
    views = config.refinery_views
    return views[1] if len(views) > 1 else None


def _writes_second_view(builder) -> bool:
    return (
        writes_linked_pages(builder)
        and builder.name in ("html", "dirhtml")
        and second_view(builder.config) is not None
    )


def note_instructor_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Which pages get an instructor copy; all pages are rewritten when that changes."""
    data = lesson_data(env)
    with_notes = {
        docname
        for docname, document in data.documents.items()
        if any(KINDS_BY_NAME[b.kind].audience == "instructor" for b in document.blocks)
    }
    pages = set(with_notes)
    if with_notes:
        pages |= data.aggregate_pages()
    pages &= set(env.all_docs)
    previous = data.instructor_pages
    data.instructor_pages = pages
    if previous is not None and previous != pages:
        return sorted(env.all_docs)
    return []


#: Attribute of a resolved doctree that has a second-view copy: the
#: :class:`Removed` content of a learner page, or ``True`` (instructor root view).
SPLIT = "refinery_split"


def split_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make the page the root view's; mark it when it gets a second-view copy.

    Runs in the main process (``doctree-resolved``), before the page is
    indexed: learners' pages lose their instructor content here, kept aside
    for the instructor copy, which ``write_doc`` makes (see
    :func:`install_second_view_writer`).
    """
    builder = app.builder
    if builder.format != "html":
        return
    has_copy = docname in (lesson_data(app.env).instructor_pages or ())
    second = has_copy and _writes_second_view(builder)
    if root_view(app.config) == "learner":
        removed = Removed.take_from(doctree)
        if second:
            setattr(doctree, SPLIT, removed)
    elif second:
        setattr(doctree, SPLIT, True)


# --- one translation, two bodies ---------------------------------------------


class view_only(nodes.Element):
    """Wraps content that only one view shows, while the page is translated
    (``view`` = its name); it never stays in a doctree."""


class view_only_inline(nodes.Inline, nodes.TextElement):
    """:class:`view_only` inside a paragraph."""


#: Begins every marker: random per process, so no page text can forge one.
_MARKER = f"\x00refinery-view-{secrets.token_hex(8)}"


def _marker(view: str, edge: str) -> str:
    return f"{_MARKER}{edge}{view}\x00"


def visit_view_only(translator, node: nodes.Element) -> None:
    translator.body.append(_marker(node["view"], "<"))


def depart_view_only(translator, node: nodes.Element) -> None:
    translator.body.append(_marker(node["view"], ">"))


def body_for_view(body: str, view: str) -> str:
    """``body`` as ``view`` shows it: other views' marked content cut out,
    the markers of its own content dropped."""
    cut = re.compile(
        re.escape(_MARKER)
        + r"<(?!"
        + re.escape(view)
        + r"\x00)([^\x00]*)\x00.*?"
        + re.escape(_MARKER)
        + r">\1\x00",
        re.DOTALL,
    )
    body = cut.sub("", body)
    return body.replace(_marker(view, "<"), "").replace(_marker(view, ">"), "")


class _Marked:
    """The page with both views' content in place, each view's own part wrapped
    in :class:`view_only`: instructor blocks, and the learner's note and the
    instructor's link where a reference names an instructor-only exercise."""

    __slots__ = ("removed", "wrappers")

    def __init__(self, removed: Removed) -> None:
        self.removed = removed
        self.wrappers: list[tuple[nodes.Element, list[nodes.Node]]] = []
        for parent, index, after, block in removed.blocks:
            wrapper = view_only("", view="instructor")
            parent.insert(_position(parent, after, index), wrapper)
            wrapper.append(block)
            self.wrappers.append((wrapper, [block]))
        for reference, note in removed.notes:
            learner = view_only_inline("", view="learner")
            instructor = view_only_inline("", view="instructor")
            note.parent.replace(note, [learner, instructor])
            learner.append(note)
            instructor.append(reference)
            self.wrappers.append((learner, [note]))
            self.wrappers.append((instructor, []))

    def unmark(self) -> None:
        """Back to the page without the instructor content (as ``removed`` left it)."""
        for wrapper, keep in reversed(self.wrappers):
            wrapper.parent.replace(wrapper, keep)


class _PageInViews:
    """The page being written in two views: filled in by ``get_doc_context``."""

    __slots__ = ("docname", "marked", "root_context", "root_view", "second_context", "second_view")

    def __init__(self, docname: str, marked: _Marked, root: str, second: str) -> None:
        self.docname = docname
        self.marked = marked
        self.root_view = root
        self.second_view = second
        self.root_context: dict[str, Any] | None = None
        self.second_context: dict[str, Any] | None = None


def install_second_view_writer(app: Sphinx) -> None:
    """Make the builder write each page's second-view copy with the page itself."""
    builder = app.builder
    if not _writes_second_view(builder):
        return
    write_page = builder.write_doc
    serialize = builder.write_doc_serialized
    doc_context = builder.get_doc_context
    root = root_view(app.config)
    view_dir = second_view(app.config)
    page: _PageInViews | None = None

    def write_doc_serialized(docname: str, doctree: nodes.document) -> None:
        """Index the page (main process), and register the images only the
        instructor copy shows: Sphinx picks their files and collects them for
        ``_images/`` here, only from the doctree it indexes."""
        serialize(docname, doctree)
        split = getattr(doctree, SPLIT, None)
        if isinstance(split, Removed):
            for *_where, block in split.blocks:
                for child in block.children:
                    if isinstance(child, nodes.Element):
                        builder.post_process_images(child)

    def get_doc_context(docname: str, body: str, metatags: str) -> dict[str, Any]:
        if page is None or page.docname != docname or page.second_context is not None:
            return doc_context(docname, body, metatags)
        context = doc_context(docname, body_for_view(body, page.root_view), metatags)
        # Taken before html-page-context handlers change the context.
        second = {key: value for key, value in context.items() if key not in ("body", "metatags")}
        page.second_context = {
            **deepcopy(second),
            "body": body_for_view(body, page.second_view),
            "metatags": metatags,
        }
        page.root_context = context
        # html-page-context handlers of the root page see the root view's doctree.
        page.marked.unmark()
        if page.root_view == "instructor":
            page.marked.removed.put_back()
        return context

    def write_doc(docname: str, doctree: nodes.document) -> None:
        nonlocal page
        split = getattr(doctree, SPLIT, None)
        if split is None:
            write_page(docname, doctree)
            return
        removed = split if isinstance(split, Removed) else Removed.take_from(doctree)
        marked = _Marked(removed)
        page = written = _PageInViews(docname, marked, root, view_dir)
        try:
            write_page(docname, doctree)
        finally:
            page = None
        context = written.second_context
        if context is None:  # the builder wrote the page without asking for its context
            marked.unmark()
            return
        # Sphinx adds this to the context after get_doc_context.
        context["has_maths_elements"] = written.root_context.get("has_maths_elements", False)
        _write_second_view(builder, docname, doctree, removed, context, view_dir)

    builder.write_doc_serialized = write_doc_serialized
    builder.get_doc_context = get_doc_context
    builder.write_doc = write_doc


def _write_second_view(
    builder, docname: str, doctree: nodes.document, removed: Removed, context: dict, view_dir: str
) -> None:
    """Render the second view of a page under ``view_dir``, links moved there."""
    rewrite = link_rewriter(
        posixpath.dirname(_relative_output(builder, docname)), view_dir, _copied_outputs(builder)
    )
    output_path = builder.get_output_path
    templates = builder.templates
    render = templates.render
    instructor = view_dir == "instructor"
    if instructor:
        removed.put_back()
    else:
        removed.take_again()
    builder.get_output_path = lambda name: output_path(f"{view_dir}/{name}")
    builder.refinery_rendering_view = view_dir
    templates.render = lambda name, ctx: shift_urls(render(name, ctx), rewrite)
    try:
        builder.handle_page(docname, context, event_arg=doctree)
    finally:
        templates.render = render
        builder.get_output_path = output_path
        builder.refinery_rendering_view = None
        if instructor:
            removed.take_again()
        else:
            removed.put_back()


# --- links ------------------------------------------------------------------

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_URL_ATTRIBUTE = re.compile(r'(\s(href|src|action|data-content_root)=")([^"]*)(")')
KEEP_MARKER = "data-refinery-view-link"


def shift_urls(html: str, rewrite: Callable[[str, bool], str]) -> str:
    """Apply ``rewrite`` to every relative URL in the tags of ``html``.

    ``data-content_root`` (where Sphinx's scripts find ``_static``) always
    points to the real root, so it is rewritten with ``to_original=True``.
    """

    def attribute(m: re.Match[str]) -> str:
        url = m[3]
        if url.startswith(("#", "/", "?")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
            return m[0]
        if not url and m[2] != "data-content_root":
            return m[0]
        return m[1] + rewrite(url or "./", m[2] == "data-content_root") + m[4]

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        return text if KEEP_MARKER in text else _URL_ATTRIBUTE.sub(attribute, text)

    return _TAG.sub(tag, html)


def link_rewriter(page_dir: str, view_dir: str, copies: set[str]) -> Callable[[str, bool], str]:
    """For a page copied from ``page_dir`` into ``view_dir``: keep links to other
    copied pages inside the view, point every other link at the original."""

    def rewrite(url: str, to_original: bool = False) -> str:
        cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        is_dir = path.endswith("/") or path in (".", "..")
        target = posixpath.join(resolved, "index.html") if is_dir else resolved
        if not to_original and target.removeprefix("./") in copies:
            return url
        new = posixpath.relpath(resolved, posixpath.join(view_dir, page_dir))
        return new + ("/" if is_dir and new != "." else "") + rest

    return rewrite


def _relative_output(builder, name: str) -> str:
    return Path(builder.get_output_path(name)).relative_to(Path(builder.outdir)).as_posix()


def _copied_outputs(builder) -> set[str]:
    """Output paths of the pages that have a second-view copy.

    Computed once per build (per writer process), not once per page: the
    set has a path per page with a copy, so doing it per page is pages x pages.
    """
    pages = lesson_data(builder.env).instructor_pages or set()
    cached = getattr(builder, "_refinery_copied_outputs", None)
    if cached is None or cached[0] is not pages:
        cached = (pages, {_relative_output(builder, name) for name in pages})
        builder._refinery_copied_outputs = cached
    return cached[1]


def add_view_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.Node | None
) -> None:
    """Tell the templates which view a page is in and where the other one is."""
    builder = app.builder
    if builder.format != "html" or doctree is None:
        return
    config = app.config
    rendering = getattr(builder, "refinery_rendering_view", None)
    view = rendering or root_view(config)
    other = second_view(config) if view == root_view(config) else root_view(config)
    context["refinery_view"] = view
    context["refinery_other_view"] = other
    if other is None or not _writes_second_view(builder):
        context["refinery_other_view_url"] = None
        return
    here = builder.get_target_uri(pagename)
    copies = lesson_data(app.env).instructor_pages or set()
    has_copy = pagename in copies
    root = config.root_doc
    if rendering:
        url = relative_uri(builder.get_target_uri(f"{rendering}/{pagename}"), here)
    elif has_copy:
        url = relative_uri(here, builder.get_target_uri(f"{other}/{pagename}"))
    elif root in copies:
        # The page is the same in both views: lead to the other view's home page.
        url = relative_uri(here, builder.get_target_uri(f"{other}/{root}"))
    else:
        url = None
    context["refinery_other_view_url"] = url
    context["refinery_view_shared"] = not has_copy
    context["refinery_view_link_marker"] = KEEP_MARKER
    if has_copy:
        _share_navigation(builder, pagename, context)


def _share_navigation(builder, pagename: str, context: dict) -> None:
    """Render a page's navigation once for both of its views.

    ``toctree()`` (the site navigation in the templates) walks the whole
    lesson's toctree for every page; the copy in the second view gets exactly
    the same markup (its links are moved afterwards by :func:`shift_urls`), so
    it reuses what the first view of the same page rendered.
    """
    toctree = context.get("toctree")
    if not callable(toctree):
        return
    memo = getattr(builder, "_refinery_navigation", None)
    if memo is None or memo[0] != pagename:
        memo = (pagename, {})
        builder._refinery_navigation = memo
    rendered = memo[1]

    def shared_toctree(*args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        if key not in rendered:
            rendered[key] = toctree(*args, **kwargs)
        return rendered[key]

    context["toctree"] = shared_toctree


def setup(app: Sphinx) -> None:
    for node in (view_only, view_only_inline):
        app.add_node(node, html=(visit_view_only, depart_view_only))
    app.connect("env-updated", note_instructor_pages)
    app.connect("doctree-resolved", split_views)
    app.connect("builder-inited", install_second_view_writer)
    app.connect("html-page-context", add_view_context)
