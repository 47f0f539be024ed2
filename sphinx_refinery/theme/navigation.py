"""The site navigation: the lesson's toctree, resolved once per build.

Sphinx's ``toctree()`` template helper copies, resolves and renders the
whole toctree for every page it is called on: O(pages) per page, O(pages²)
per build, and every page carries every entry.  Here the toctree is resolved
and rendered once per build (and writer process) into plain items with
root-relative targets; each page then only makes the links relative, marks
its own entry and opens its own branch.

A list longer than ``4 * window + 3`` entries (theme option
``navigation_window``, 0 for no limit) is cut to its first and last entries
and the ``window`` neighbours on each side of the current one; each run of
left-out entries becomes one link to the page that lists them all.  So the
navigation a page carries stays the same size however long the lesson grows.

The markup is Sphinx's (``toctree-lN`` and ``current`` classes, captions
with ``role="heading"``), so stylesheets written for it keep working.  Each
view has its own: the learner view's tables of contents list no object of a
note (:mod:`sphinx_refinery.lesson.withheld.toc`), and it leaves out the root
page's toctrees inside notes.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import TocTree
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

from ..blocks.nodes import for_instructors
from ..lesson.withheld import learner_tocs_shown
from .options import as_bool

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinx_refinery")

DEFAULT_WINDOW = 5
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_TITLE = re.compile(r'<p class="refinery-nav-title">(<a [^>]*>)(.*?)</a></p>', re.DOTALL)
_HREF = re.compile(r'\shref="[^"]*"')
_CLASS = re.compile(r'\sclass="([^"]*)"')


@dataclass
class NavItem:
    """One entry: a link and the entries below it."""

    level: int
    #: Root-relative URI of the page, without anchor; ``None`` for external links.
    target: str | None
    anchor: str
    #: The ``<a ...>`` tag as Sphinx renders it, without ``href``.
    tag: str
    href: str
    title: str
    children: list[NavItem] = field(default_factory=list)
    #: Targets of this entry and every entry below it (sections included).
    targets: frozenset[str] = frozenset()
    #: Pages (links without an anchor) of this entry and every entry below it.
    pages: frozenset[str] = frozenset()


@dataclass
class NavGroup:
    """One toctree of the root document: a caption and its entries."""

    caption: str
    items: list[NavItem]
    #: Deepest level shown (0 or less: all).
    maxdepth: int
    #: Where the whole list is shown (the root document, unless the toctree is hidden).
    listed_at: str | None


@dataclass
class SiteNavigation:
    groups: list[NavGroup]


@dataclass(frozen=True)
class NavOptions:
    maxdepth: int = 3
    collapse: bool = True
    titles_only: bool = True
    includehidden: bool = True
    window: int = DEFAULT_WINDOW


# --- once per build ---------------------------------------------------------


def site_navigation(builder: StandaloneHTMLBuilder, options: NavOptions) -> SiteNavigation:
    """The resolved navigation, cached on the builder until the next build
    (one for each view's tables of contents: :mod:`~sphinx_refinery.lesson.withheld.toc`)."""
    key = (options, learner_tocs_shown(builder.env))
    cached = getattr(builder, "_refinery_site_nav", None) or {}
    if key in cached:
        return cached[key]
    navigation = _resolve(builder, options)
    builder._refinery_site_nav = {**cached, key: navigation}  # type: ignore[attr-defined]  # our cache
    return navigation


def forget(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A new build may have new titles and toctrees (``env-updated``)."""
    if hasattr(app.builder, "_refinery_site_nav"):
        del app.builder._refinery_site_nav
    return []


def _resolve(builder: StandaloneHTMLBuilder, options: NavOptions) -> SiteNavigation:
    env = builder.env
    root = env.config.root_doc
    root_uri = builder.get_target_uri(root)
    adapter = TocTree(env)
    resolved: list[tuple[addnodes.toctree, nodes.Element]] = []
    learners = learner_tocs_shown(env)
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if learners and for_instructors(toctree):  # its caption is a note's text
            continue
        tree = adapter.resolve(
            root,
            builder,
            toctree,
            prune=False,  # cut at render time, after marking the current branch
            titles_only=options.titles_only,
            collapse=False,
            includehidden=options.includehidden,
        )
        if tree is not None:
            resolved.append((toctree, tree))
    references = [ref for _toctree, tree in resolved for ref in tree.findall(nodes.reference)]
    titles = _render_titles(builder, references)
    title_of = dict(zip(map(id, references), titles, strict=True))
    groups = []
    for toctree, tree in resolved:
        caption = ""
        items: list[NavItem] = []
        for child in tree.children:
            if isinstance(child, nodes.title):
                caption = html.escape(child.astext())
            elif isinstance(child, nodes.bullet_list):
                items += _items(child, 1, root_uri, title_of)
        listed_at = None if toctree.get("hidden") else root_uri
        maxdepth = options.maxdepth or toctree.get("maxdepth", -1)
        groups.append(NavGroup(caption, items, maxdepth, listed_at))
    return SiteNavigation(groups)


def _render_titles(builder: StandaloneHTMLBuilder, references: list[nodes.reference]) -> list:
    """Each reference as Sphinx renders it, in one pass: (``<a>`` tag, inner HTML)."""
    container = nodes.container()
    for ref in references:
        copy = ref.deepcopy()
        copy["classes"] = [name for name in copy["classes"] if name != "current"]
        container += nodes.paragraph("", "", copy, classes=["refinery-nav-title"])
    rendered = _TITLE.findall(builder.render_partial(container)["fragment"])
    if len(rendered) != len(references):  # pragma: no cover - Sphinx changed its markup
        return [('<a class="reference internal">', html.escape(r.astext())) for r in references]
    return [(_HREF.sub("", tag), inner) for tag, inner in rendered]


def _items(
    bullet_list: nodes.bullet_list, level: int, root_uri: str, title_of: dict
) -> list[NavItem]:
    items = []
    for list_item in bullet_list.children:
        if not isinstance(list_item, nodes.list_item):
            continue
        ref = next(iter(list_item.findall(nodes.reference)), None)
        if ref is None:
            continue
        tag, title = title_of[id(ref)]
        refuri = ref.get("refuri", "")
        target: str | None
        if _URL.match(refuri) or refuri.startswith("/"):
            target, anchor, href = None, "", refuri
        else:
            path, _hash, anchor = refuri.partition("#")
            target = _from_root(root_uri, path)
            href = ""
        item = NavItem(level, target, anchor, tag, href, title)
        for child in list_item.children:
            if isinstance(child, nodes.bullet_list):
                item.children += _items(child, level + 1, root_uri, title_of)
        own = frozenset([target] if target is not None else [])
        item.targets = own.union(*(c.targets for c in item.children))
        item.pages = (own if not anchor else frozenset()).union(*(c.pages for c in item.children))
        items.append(item)
    return items


def _from_root(root_uri: str, path: str) -> str:
    """A URI relative to the root document as a URI relative to the output root."""
    if not path:
        return root_uri
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(root_uri), path))
    if joined == ".":
        joined = ""
    return joined + ("/" if path.endswith("/") and joined else "")


# --- once per page ----------------------------------------------------------


def render(navigation: SiteNavigation, page_uri: str, options: NavOptions) -> str:
    """The navigation of the page at ``page_uri``, as HTML."""
    parts = []
    for group in navigation.groups:
        if not group.items:
            continue
        if group.caption:
            parts.append(
                f'<p class="caption" role="heading"><span class="caption-text">'
                f"{group.caption}</span></p>"
            )
        parts.append(_render_list(group.items, page_uri, options, group, group.listed_at))
    return "\n".join(parts)


def _render_list(
    items: list[NavItem],
    page_uri: str,
    options: NavOptions,
    group: NavGroup,
    listed_at: str | None,
) -> str:
    current = next((i for i, item in enumerate(items) if page_uri in item.targets), None)
    lines = []
    for entry in _window(items, current, options.window):
        if isinstance(entry, NavItem):
            lines.append(_render_item(entry, page_uri, options, group))
        else:
            first, count = entry
            lines.append(_render_more(items[first], count, page_uri, listed_at))
    on_branch = any(page_uri in item.pages for item in items)
    opening = '<ul class="current">' if on_branch else "<ul>"
    return opening + "\n" + "\n".join(lines) + "\n</ul>"


def _window(items: list[NavItem], current: int | None, window: int) -> list:
    """The entries to show: items, and ``(first index, count)`` for each run left out."""
    count = len(items)
    if window <= 0 or count <= 4 * window + 3:
        return list(items)
    centre = current if current is not None else window
    start = max(0, min(centre - window, count - 2 * window - 1))
    shown = {0, count - 1, *range(start, start + 2 * window + 1)}
    entries: list = []
    index = 0
    while index < count:
        if index in shown:
            entries.append(items[index])
            index += 1
            continue
        end = index
        while end < count and end not in shown:
            end += 1
        if end - index == 1:
            entries.append(items[index])
        else:
            entries.append((index, end - index))
        index = end
    return entries


def _href(item: NavItem, page_uri: str) -> str:
    if item.target is None:
        return item.href
    relative = relative_uri(page_uri, item.target)
    if item.anchor:
        return f"{relative}#{item.anchor}"
    return relative or "#"


def _render_item(item: NavItem, page_uri: str, options: NavOptions, group: NavGroup) -> str:
    here = item.target == page_uri and not item.anchor
    tag = item.tag
    if here:
        tag = _CLASS.sub(lambda m: f' class="current {m[1]}" aria-current="page"', tag, count=1)
    tag = f'{tag[:-1]} href="{html.escape(_href(item, page_uri))}">'
    classes = f"toctree-l{item.level}" + (" current" if page_uri in item.pages else "")
    children = ""
    opened = not options.collapse or page_uri in item.targets
    deep_enough = group.maxdepth <= 0 or item.level < group.maxdepth
    if item.children and opened and deep_enough:
        children = _render_list(item.children, page_uri, options, group, item.target) + "\n"
    return f'<li class="{classes}">{tag}{item.title}</a>{children}</li>'


def _render_more(first: NavItem, count: int, page_uri: str, listed_at: str | None) -> str:
    target = listed_at if listed_at is not None else first.target
    href = relative_uri(page_uri, target) if target is not None else first.href
    text = _("%(count)d more pages") % {"count": count}
    return (
        f'<li class="toctree-l{first.level} nav-more">'
        f'<a class="reference internal" href="{html.escape(href or "#")}">{text}</a></li>'
    )


def options_from_context(context: dict[str, Any]) -> NavOptions:
    """The navigation options of ``html_theme_options`` (rtd-style names)."""

    def number(name: str, default: int) -> int:
        value = context.get(f"theme_{name}")
        try:
            return default if value in (None, "") else int(value)
        except (TypeError, ValueError):
            return default

    return NavOptions(
        maxdepth=number("navigation_depth", 3),
        collapse=as_bool(context.get("theme_collapse_navigation", True)),
        titles_only=as_bool(context.get("theme_titles_only", True)),
        includehidden=as_bool(context.get("theme_includehidden", True)),
        window=number("navigation_window", DEFAULT_WINDOW),
    )


def page_navigation(builder: StandaloneHTMLBuilder, pagename: str, context: dict) -> str:
    options = options_from_context(context)
    navigation = site_navigation(builder, options)
    return render(navigation, builder.get_target_uri(pagename), options)
