"""A legacy Carpentries (Jekyll) lesson as Jekyll publishes it: its pages, the
address each one gets on the web site, and the link targets those addresses
resolve to, so links written for the site become links between files.

Jekyll writes an episode ``_episodes/NAME.md`` (and an extra page of
``_extras/``) to ``/NAME/index.html``, a page at the root to ``/NAME.html``
or to its front matter ``permalink``; every relative link of a page is read
from that address.  :meth:`Site.resolve` turns such a link into a path
relative to the page's file in the imported lesson: a page (``.md``, anchor
kept) or a file of the lesson (a figure, a download).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Folders whose pages Jekyll writes at ``/NAME/`` (the styles template's collections).
COLLECTIONS = ("_episodes", "_episodes_rmd", "_extras")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Page:
    """One page: its file in SRC and in DEST, and its address on the Jekyll site."""

    #: Path in SRC, e.g. ``_episodes/01-intro.md``.
    source: str
    #: Path in DEST (always ``.md``).
    target: str
    #: The folder of its web address, e.g. ``/01-intro/`` (always ends with ``/``).
    url_folder: str
    #: The relative path from its web address to the site root (``page.root``).
    root: str

    @property
    def docname(self) -> str:
        return self.target.removesuffix(".md")


def page_of(source: str, front: dict[str, object]) -> Page:
    """The :class:`Page` of the file ``source`` (relative to SRC) with this front matter."""
    path = Path(source)
    target = path.with_suffix(".md").as_posix()
    permalink = front.get("permalink")
    if isinstance(permalink, str) and permalink.startswith("/"):
        folder = permalink if permalink.endswith("/") else posixpath.dirname(permalink) + "/"
    elif path.parts[0] in COLLECTIONS:
        folder = f"/{path.with_suffix('').name}/"
    else:
        folder = "/" + (path.parent.as_posix() + "/" if path.parent.as_posix() != "." else "")
    depth = folder.strip("/").count("/") + 1 if folder.strip("/") else 0
    default_root = "/".join([".."] * depth) or "."
    root = front.get("root")
    return Page(source, target, folder, root if isinstance(root, str) and root else default_root)


def _address_key(path: str) -> str:
    """The web address without ``index.html``, ``.html`` or a trailing slash."""
    path = path.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return path or "/"


@dataclass
class Site:
    """The pages of a lesson by web address, and the files of SRC."""

    source: Path
    pages: dict[str, Page] = field(default_factory=dict)
    by_address: dict[str, Page] = field(default_factory=dict)
    #: Files of SRC (not pages) that links point to: to be copied.
    linked_files: set[str] = field(default_factory=set)
    #: Anchors (``#name``) that links of any page point at.
    anchors: set[str] = field(default_factory=set)

    def add(self, page: Page) -> None:
        """Register ``page`` under its web address and under its file's path."""
        self.pages[page.source] = page
        stem = Path(page.source).with_suffix("").as_posix()
        name = Path(stem).name
        collection = Path(page.source).parts[0] in COLLECTIONS
        custom = page.url_folder not in ("/", f"/{name}/") and not collection
        address = page.url_folder if collection or custom or name == "index" else "/" + stem
        for key in (_address_key(address), _address_key("/" + stem)):
            self.by_address.setdefault(key, page)

    def resolve(self, target: str, page: Page) -> str | None:
        """``target`` (a link of ``page`` as written for the site) relative to its file in
        DEST; the same text if it is not local; None if nothing in the lesson is there."""
        if not target or target.startswith(("#", "//", "<")) or _SCHEME.match(target):
            return target
        path, hash_mark, anchor = target.partition("#")
        path, _, _query = path.partition("?")
        if not path:
            return target
        address = posixpath.normpath(posixpath.join(page.url_folder, path))
        if path.endswith("/") and not address.endswith("/"):
            address += "/"
        here = posixpath.dirname(page.target) or "."
        found = self.by_address.get(_address_key(address))
        if found is None and address.endswith((".md", ".Rmd", ".rmd")):
            found = self.pages.get(address.lstrip("/"))
        if found is not None:
            return posixpath.relpath(found.target, here) + (hash_mark + anchor)
        file = address.lstrip("/")
        candidate = self.source / file
        if file and candidate.is_file() and _inside(candidate, self.source):
            self.linked_files.add(file)
            return posixpath.relpath(file, here) + (hash_mark + anchor)
        return None

    def pages_in(self, folder: str) -> Iterable[Page]:
        return (
            page for page in self.pages.values() if Path(page.source).parent.as_posix() == folder
        )


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())
