"""Small shims over Sphinx APIs that differ between Sphinx 8.2 and 9, and helpers
that several modules share."""

from __future__ import annotations

import codecs
import os
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, TypeGuard

import sphinx
from sphinx.errors import FiletypeNotFoundError
from sphinx.locale import get_translation
from sphinx.util import get_filetype, logging

from .warnings import TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)


def app_of(owner: BuildEnvironment | Builder) -> Sphinx:
    """The application of an environment or a builder (Sphinx 9 made ``.app``
    private and deprecated it)."""
    return getattr(owner, "_app", None) or owner.app


def builder_of(env: BuildEnvironment) -> Builder:
    """The running builder (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    return app_of(env).builder


# --- sources that are not valid in the source encoding (Sphinx 9) -------------
#
# Sphinx 8.2 reads sources with an error handler that warns and replaces bytes
# it cannot decode; Sphinx 9 reads them strictly and stops with a traceback.
# On Sphinx 9 the sources are read through a codec that replaces such bytes
# (U+FFFD), and each file with such bytes gets one located warning.

_REPLACING = "refinery_replace_"


def _replacing_codec(name: str) -> codecs.CodecInfo | None:
    """``refinery-replace-ENCODING``: ENCODING, decoding bad bytes as U+FFFD."""
    if not name.startswith(_REPLACING):
        return None
    base = codecs.lookup(name.removeprefix(_REPLACING))

    def decode(data: Buffer, errors: str = "strict") -> tuple[str, int]:
        return base.decode(data, "replace")

    def incremental_decoder(errors: str = "strict") -> codecs.IncrementalDecoder:
        return base.incrementaldecoder("replace")

    return codecs.CodecInfo(
        base.encode,
        decode,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=incremental_decoder,
        name=name,
    )


def warn_undecodable_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn about each source that is not valid in the source encoding, at its first bad line."""
    encoding = str(env.settings.get("input_encoding") or "utf-8-sig")
    base = encoding.removeprefix("refinery-replace-")
    shown = base.removesuffix("-sig").upper()
    for docname in docnames:
        try:
            data = env.doc2path(docname).read_bytes()
            data.decode(base)
        except UnicodeDecodeError as error:
            logger.warning(
                __(
                    "this file is not valid %s text (byte 0x%02x on this line cannot be "
                    "read): save it with the %s encoding; until then such characters are "
                    "shown as \ufffd"
                ),
                shown,
                data[error.start],
                shown,
                location=(docname, data.count(b"\n", 0, error.start) + 1),
                type=TYPE,
                subtype=Subtype.ENCODING,
            )
        except (OSError, LookupError):
            continue
    env.settings["input_encoding"] = "refinery-replace-" + base


@cache
def _register_codec() -> None:
    codecs.register(_replacing_codec)


# --- extensions written for Sphinx 8 (Sphinx 9) ---------------------------------
#
# Sphinx 8 let ``app.config.values[name]`` be read as a tuple
# ``(default, rebuild, types)`` (deprecated); Sphinx 9 removed that, and
# extensions lessons list (sphinx-hoverxref 1.4) stop the build with a
# traceback at ``config-inited``.  The read-only tuple view is given back.


def _option_as_tuple(option: object, item: int | slice) -> object:
    """``values[name][i]``: Sphinx 8's read-only tuple view of a setting."""
    return (option.default, option.rebuild, option.valid_types)[item]  # type: ignore[attr-defined]


def restore_option_tuples() -> None:
    """Let Sphinx 8 extensions unpack a setting's ``(default, rebuild, types)``."""
    from sphinx import config

    option = getattr(config, "_Opt", None)
    if option is not None and not hasattr(option, "__getitem__"):
        option.__getitem__ = _option_as_tuple  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    """On Sphinx 9, read sources that are not valid in their encoding without a
    traceback, and let extensions written for Sphinx 8 read settings as tuples."""
    if sphinx.version_info[0] >= 9:
        _register_codec()
        restore_option_tuples()
        app.connect("env-before-read-docs", warn_undecodable_sources)


# --- which parser reads a document ------------------------------------------

#: Suffixes read as Markdown even when a lesson maps them oddly.
MARKDOWN_SUFFIXES = (".md", ".markdown")


def writes_linked_pages(builder: object) -> TypeGuard[StandaloneHTMLBuilder]:
    """An HTML builder that writes one file per page, linked by relative paths
    (html, dirhtml and their subclasses; not singlehtml)."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, SingleFileHTMLBuilder
    )


def is_markdown_source(app: Sphinx, docname: str) -> bool:
    """Whether ``docname`` is read by a Markdown (MyST) parser."""
    path = os.fspath(app.env.doc2path(docname))
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return True
    try:
        filetype = get_filetype(app.config.source_suffix, path)
    except FiletypeNotFoundError:
        return False
    # myst-nb reads Markdown too, and notebooks, which are JSON.
    return filetype == "markdown" or (filetype == "myst-nb" and not path.endswith(".ipynb"))


# --- setting up a subpackage ------------------------------------------------------


def setup_in_order(app: Sphinx, *modules: ModuleType) -> None:
    """Call each module's ``setup(app)``, in the order given (the order in which
    their event handlers of the same priority run)."""
    for module in modules:
        module.setup(app)


# --- what declarations leave for the content after them ----------------------

#: The current C and C++ scope (Sphinx 8.2: keys of ``env.temp_data``;
#: Sphinx 9 maps them to attributes of ``env.current_document``).
_DECLARATION_SCOPE = (
    "c:parent_symbol",
    "c:namespace_stack",
    "c:last_symbol",
    "cpp:parent_symbol",
    "cpp:namespace_stack",
    "cpp:last_symbol",
)


@contextmanager
def declarations_kept_inside(env: BuildEnvironment) -> Iterator[None]:
    """While in the block, declarations (``py:module``, ``program``, a C++
    namespace, ...) set the current scope only for the block's own content:
    afterwards it is what it was before."""
    store = getattr(env, "current_document", None) or env.temp_data
    references = dict(env.ref_context)
    scope = {
        key: value[:] if isinstance(value, list) else value
        for key in _DECLARATION_SCOPE
        if key in store
        for value in (store[key],)
    }
    try:
        yield
    finally:
        env.ref_context.clear()
        env.ref_context.update(references)
        for key in _DECLARATION_SCOPE:
            if key in scope:
                store[key] = scope[key]
            elif key in store:
                store.pop(key, None)
