"""Each view's own search index.

Sphinx feeds one search index (``searchindex.js`` at the site's root) with
the pages as the root view shows them.  The second view gets an index of its
own, :class:`ViewIndex`, fed with the same pages as that view shows them and
written into its folder, where its search page reads it (the copy's link to
``searchindex.js`` stays in the view, :mod:`.links`).  So the learner view's
index never holds a word of an instructor note, whichever view is at the
root, and the instructor view's index finds the notes.

The second index is Sphinx's own ``IndexBuilder``, fed and dumped the way
the builder feeds and dumps the first one (``index_page``,
``load_indexer``, ``dump_search_index``).  Sphinx 8.2 and 9 keep an
indexer's tables on the environment: the second one gets tables of its own
(:class:`_OwnTables`), never the first one's.  Everything happens in the
main process (``write_doc_serialized``), as for the first index, so ``-j``
changes nothing.

Most pages read the same in both views (no instructor content): indexing
them twice would cost as much as the first index.  They are *mirrored*
instead (:meth:`ViewIndex.mirror`): when the index is written, it takes
their entries from the root view's index.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.search import IndexBuilder
from sphinx.util import logging
from sphinx.util.docutils import new_document

from ...warnings import TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

#: The tables an ``IndexBuilder`` keeps on the environment (Sphinx 8.2, 9).
_TABLES = (
    "titles",
    "filenames",
    "mapping",
    "title_mapping",
    "all_titles",
    "index_entries",
    "objtypes",
    "objnames",
)


class _OwnTables:
    """The environment as a second ``IndexBuilder`` sees it: its own empty
    ``_search_index_*`` tables, everything else the environment's."""

    def __init__(self, env: BuildEnvironment) -> None:
        self._env = env
        for table in _TABLES:
            setattr(self, f"_search_index_{table}", {})

    def __getattr__(self, name: str) -> Any:
        if name == "_env":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self._env, name)


class ViewIndex:
    """The search index of the second view, in its folder."""

    def __init__(self, builder: StandaloneHTMLBuilder, view: str, folder: str) -> None:
        config = builder.config
        self.view = view
        self.path = Path(builder.outdir, folder, builder.searchindex_filename)
        #: Pages written now that read the same in both views.
        self.mirrored: set[str] = set()
        self.indexer = IndexBuilder(
            _OwnTables(builder.env),  # type: ignore[arg-type]
            config.html_search_language or config.language,
            config.html_search_options,
            config.html_search_scorer,
        )

    def load(self, builder: StandaloneHTMLBuilder, docnames: Set[str]) -> None:
        """Read the index of the last build, less the pages written now."""
        keep = set(builder.env.all_docs).difference(docnames)
        try:
            if builder.indexer_dumps_unicode:
                with open(self.path, encoding="utf-8") as stream:
                    self.indexer.load(stream, builder.indexer_format)
            else:
                with open(self.path, "rb") as binary:
                    self.indexer.load(binary, builder.indexer_format)
        except (OSError, ValueError):
            if keep:
                logger.warning(
                    __(
                        "the %s view's search index could not be read (%s): it "
                        "will lack the pages not written again; build with -E "
                        "to complete it"
                    ),
                    self.view,
                    self.path.relative_to(builder.outdir).as_posix(),
                    type=TYPE,
                    subtype=Subtype.VIEWS,
                )
        self.indexer.prune(keep)

    def mirror(self, docname: str) -> None:
        """Index ``docname`` as the root view's index does (the page is the same)."""
        self.mirrored.add(docname)

    def feed(self, builder: StandaloneHTMLBuilder, docname: str, doctree: nodes.document) -> None:
        """Index ``doctree`` as the view shows it, as ``index_page`` does."""
        self.mirrored.discard(docname)
        env = builder.env
        title_node = env.longtitles.get(docname)
        title = title_node.astext() if title_node else ""
        if not title:  # Sphinx indexes only pages with a title
            return
        filename = env.doc2path(docname, base=False)
        metadata = env.metadata.get(docname, {})
        if "no-search" in metadata or "nosearch" in metadata:
            self.indexer.feed(docname, filename, "", new_document(""))
        else:
            self.indexer.feed(docname, filename, title, doctree)

    def dump(self, builder: StandaloneHTMLBuilder) -> None:
        """Write the index, through a temporary file as Sphinx does."""
        if builder.indexer is not None:
            _copy_entries(builder.indexer, self.indexer, self.mirrored)
        self.indexer.prune(builder.env.all_docs)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.tmp")
        if builder.indexer_dumps_unicode:
            with open(temporary, "w", encoding="utf-8") as stream:
                self.indexer.dump(stream, builder.indexer_format)
        else:
            with open(temporary, "wb") as binary:
                self.indexer.dump(binary, builder.indexer_format)
        temporary.replace(self.path)


def _copy_entries(source: IndexBuilder, target: IndexBuilder, docnames: Set[str]) -> None:
    """Give ``target`` the entries ``source`` holds for ``docnames``."""
    if not docnames:
        return
    for table in ("_titles", "_filenames", "_all_titles", "_index_entries"):
        source_table, target_table = getattr(source, table), getattr(target, table)
        for docname in docnames & source_table.keys():
            target_table[docname] = source_table[docname]
    for table in ("_mapping", "_title_mapping"):
        target_table = getattr(target, table)
        for word, pages in getattr(source, table).items():
            if common := docnames & pages:
                target_table.setdefault(word, set()).update(common)
