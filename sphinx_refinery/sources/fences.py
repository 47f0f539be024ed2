"""MyST fences that do not nest as the author meant, found in the source."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..blocks.kinds import BLOCK_KINDS
from ..compat import is_markdown_source
from ..warnings import Subtype
from .hooks import warn_problems
from .scanner import Fence, Problem, fence_at, front_matter_end

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__ = get_translation("sphinx_refinery", "console")

#: Directives whose content MyST parses as Markdown, so that fences inside nest.
MARKDOWN_CONTAINERS = frozenset(
    {name for kind in BLOCK_KINDS for name in kind.directive_names}
    | {"tabs", "tab", "group-tab", "admonition", "attention", "danger", "error", "important"}
    | {"note", "seealso", "tip", "warning", "topic", "sidebar", "margin", "dropdown", "div"}
)


def is_markdown_container(fence: Fence) -> bool:
    """Whether MyST parses the content of ``fence`` as Markdown (fences inside it nest)."""
    return fence.directive in MARKDOWN_CONTAINERS


def fence_problems(text: str, colon_fences: bool = True) -> list[Problem]:
    """Fences of a MyST text that do not nest as meant.

    A fence inside a directive whose content is Markdown, of the same
    character and at least as long as the directive's fence: its closing line
    closes the directive.  And directives never closed.  The scan follows the
    nesting the author meant, so that each mistake is reported once; a fence
    counts at any indentation.
    """
    lines = text.split("\n")
    stack: list[Fence] = []
    problems = []
    for index in range(front_matter_end(lines), len(lines)):
        fence = fence_at(lines[index], index)
        if fence is None or (fence.char == ":" and not colon_fences):
            continue
        outer = stack[-1] if stack else None
        if outer is not None and fence.closes(outer, max_indent=None):
            stack.pop()
            continue
        if outer is not None and not is_markdown_container(outer):
            continue  # literal content
        if outer is not None and fence.char == outer.char and fence.length >= outer.length:
            longer = replace(outer, length=outer.length + 1)
            message = __(
                "%s is inside %s (line %d) and its fence is at least as long, so its "
                "closing line closes %s instead: make the outer fence longer, e.g. %s"
            ) % (fence, outer, outer.line + 1, outer, longer)
            problems.append(Problem(index + 1, message))
        stack.append(fence)
    for fence in stack:
        if fence.directive:
            message = __(
                "%s is never closed, so the rest of the file is inside it: close it with "
                "a line of %s"
            ) % (fence, fence.marker)
            problems.append(Problem(fence.line + 1, message))
    return problems


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about MyST fences that close the wrong directive."""
    if not is_markdown_source(app, docname):
        return
    extensions = getattr(app.config, "myst_enable_extensions", None) or ()
    problems = fence_problems(source[0], colon_fences="colon_fence" in extensions)
    warn_problems(docname, problems, Subtype.FENCE)


def setup(app: Sphinx) -> None:
    # After the Carpentries and Workbench rewrites (450, 500), which write MyST.
    app.connect("source-read", check_fences, priority=800)
