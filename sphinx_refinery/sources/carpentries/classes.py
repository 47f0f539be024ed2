"""The kramdown classes of old Carpentries lessons and the directives they become."""

from __future__ import annotations

from ...blocks.kinds import BLOCK_KINDS

#: Class (kramdown attribute) → lesson block directive name.
KIND_CLASSES: dict[str, str] = {
    name: name for kind in BLOCK_KINDS for name in kind.directive_names
} | {name: kind.name for kind in BLOCK_KINDS for name in kind.carpentries_classes}
#: Blockquote classes that only style a real quotation: keep a plain quote.
QUOTE_CLASSES = frozenset({"quotation", "quote", "blockquote"})
#: Colon-fenced directives whose content is Markdown, converted like the page.
MARKDOWN_DIRECTIVES = frozenset(KIND_CLASSES.values()) | {
    "admonition", "attention", "caution", "danger", "error", "hint", "important",
    "note", "seealso", "tip", "todo", "warning", "topic", "sidebar", "margin",
    "div", "container", "dropdown", "tab-set", "tab-item", "tabs", "tab",
    "group-tab", "card", "grid", "grid-item", "grid-item-card", "only",
    "versionadded", "versionchanged", "deprecated", "epigraph", "pull-quote",
}  # fmt: skip


def kind_of(classes: list[str]) -> str | None:
    """The lesson block directive of the first class that names one."""
    return next((KIND_CLASSES[name] for name in classes if name in KIND_CLASSES), None)
