"""Every domain, with what learners must not reach withheld.

Sphinx writes ``objects.inv`` and the search index's objects from each
domain's ``get_objects()``, whatever the domain (``py``, ``c``, ``cpp``,
``js``, ``rst``, ``std``, an extension's own).  :class:`WithholdingDomain` is
mixed into the class of every registered domain (:func:`use_withholding_domains`,
as :mod:`sphinx_refinery.outputs.views` does for the html builders); it
overrides documented ``Domain`` methods and calls ``super()``:

- ``get_objects()``, and ``generate()`` of the domain's indices (the Python
  module index, ...: :class:`WithholdingIndex`, set up in ``setup()``), leave
  out each object whose (document, anchor) is withheld now
  (:func:`.registries.withheld_ids`): inside a hidden solution always, inside
  an instructor note while a learner edition writes;
- ``resolve_xref()`` and ``resolve_any_xref()`` tag a reference that leads
  into a hidden solution, or from learner content into an instructor note,
  for :class:`.references.ReplaceWithheldReferences`.

A domain's data is never changed: the instructor view reads it all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.errors import NoUri

from ...blocks.nodes import for_instructors
from ..data import lesson_data
from .registries import learner_registries, withheld_ids

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Set

    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.domains import Index, IndexEntry
    from sphinx.environment import BuildEnvironment

    _Domain = Domain
    _Index = Index
else:
    _Domain = _Index = object

_T = TypeVar("_T")

#: The node attribute that tags a withheld reference: "hidden" or "instructor".
WITHHELD = "refinery_withheld"


class WithholdingDomain(_Domain):
    """A domain that lists no withheld object and tags references to one."""

    def setup(self) -> None:
        super().setup()
        withhold_indices(self)

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        withheld = withheld_ids(self.env)
        for entry in super().get_objects():
            if entry[4] not in withheld.get(entry[3], ()):
                yield entry

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        resolved = super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        if resolved is not None:
            tag_withheld(resolved, env, fromdocname, builder, node)
        return resolved

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = super().resolve_any_xref(env, fromdocname, builder, target, node, contnode)
        for _role, resolved in results:
            tag_withheld(resolved, env, fromdocname, builder, node)
        return results


class WithholdingIndex(_Index):
    """A domain index (the Python module index, ...) without withheld entries."""

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        content, collapse = super().generate(docnames)  # type: ignore[safe-super]
        return index_without(content, withheld_ids(self.domain.env)), collapse


def index_without(
    content: list[tuple[str, list[IndexEntry]]], withheld: Mapping[str, Set[str]]
) -> list[tuple[str, list[IndexEntry]]]:
    """A domain index's ``content`` without the entries whose (document,
    anchor) is ``withheld``, nor the letters left empty."""
    kept = [
        (
            letter,
            [entry for entry in entries if entry.anchor not in withheld.get(entry.docname, ())],
        )
        for letter, entries in content
    ]
    return [(letter, entries) for letter, entries in kept if entries]


def learner_index_content(
    env: BuildEnvironment, content: list[tuple[str, list[IndexEntry]]]
) -> list[tuple[str, list[IndexEntry]]]:
    """A domain index's ``content`` as the learner view lists it."""
    with learner_registries(env):
        return index_without(content, withheld_ids(env))


def withhold_indices(domain: Domain) -> None:
    """Make the domain's index classes withholding ones (they are the
    domain's own list, extensions' indices included, once it is set up)."""
    domain.indices = [  # type: ignore[misc]  # an instance list since Domain.__init__
        index if issubclass(index, WithholdingIndex) else _subclass(WithholdingIndex, index)
        for index in domain.indices
    ]


def tag_withheld(
    resolved: nodes.Element,
    env: BuildEnvironment,
    fromdocname: str,
    builder: Builder,
    xref: nodes.Element,
) -> None:
    """Tag ``resolved`` (a domain's answer to ``xref``) when it leads into a
    hidden solution, or from learner content into an instructor note."""
    reference = next(iter(resolved.findall(nodes.reference)), None)
    if reference is None or not reference.get("internal"):
        return
    documents = lesson_data(env).documents
    anchor = _anchor(reference)
    for docname in _target_documents(reference, fromdocname, builder, documents):
        document = documents[docname]
        if anchor in document.hidden_ids:
            resolved[WITHHELD] = "hidden"
        elif anchor in document.instructor_ids and not for_instructors(xref):
            resolved[WITHHELD] = "instructor"


def _anchor(reference: nodes.Element) -> str:
    return reference.get("refid") or _split(reference.get("refuri", ""))[1]


def _split(refuri: str) -> tuple[str, str]:
    """(page URI, anchor) of a ``refuri``; the anchor follows the last ``#``
    (a single page's URIs are ``#document-NAME#anchor``)."""
    uri, hash_sign, anchor = refuri.rpartition("#")
    return (uri, anchor) if hash_sign else (refuri, "")


def _target_documents(
    reference: nodes.Element, fromdocname: str, builder: Builder, documents: Mapping[str, Any]
) -> list[str]:
    """The documents with withheld ids that ``reference`` may lead into: its
    own for a ``refid``; for a ``refuri``, those the builder gives that URI
    (Sphinx's ``make_refnode``: the relative URI, ``#``, the anchor)."""
    if reference.get("refid"):
        return [fromdocname] if fromdocname in documents else []
    uri, anchor = _split(reference.get("refuri", ""))
    found = []
    for docname, document in documents.items():
        if anchor not in document.hidden_ids and anchor not in document.instructor_ids:
            continue
        try:
            if builder.get_relative_uri(fromdocname, docname) == uri:
                found.append(docname)
        except NoUri:
            continue
    return found


def _subclass(mixin: type, base: type[_T]) -> type[_T]:
    """``base`` with ``mixin``, in ``base``'s module: tools read a domain's
    module (MyST quietly passes over Sphinx's own domains that resolve no
    ``any`` reference, and warns about any other)."""
    return type(f"{base.__name__}Withholding", (mixin, base), {"__module__": base.__module__})


def withholding_domain_class(base: type[Domain]) -> type[Domain]:
    """``base`` with :class:`WithholdingDomain` mixed in."""
    return _subclass(WithholdingDomain, base)


def use_withholding_domains(app: Sphinx, config: Config) -> None:
    """Register every domain again with :class:`WithholdingDomain` mixed in
    (late at ``config-inited``: after every extension registered its domains,
    before Sphinx makes the environment's domain objects)."""
    for base in list(app.registry.domains.values()):
        if not issubclass(base, WithholdingDomain):
            app.add_domain(withholding_domain_class(base), override=True)


def adopt_running_domains(app: Sphinx) -> None:
    """When the theme alone loads the extension, the environment already made
    its domain objects: make them of the withholding classes."""
    domains = getattr(getattr(app, "env", None), "domains", None)
    for instance in list(domains.values()) if domains else ():
        if not isinstance(instance, WithholdingDomain):
            instance.__class__ = withholding_domain_class(type(instance))
            withhold_indices(instance)
