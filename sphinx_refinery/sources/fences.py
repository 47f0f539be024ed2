"""MyST fences that do not nest as the author meant, found in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from ..blocks.kinds import BLOCK_KINDS
from ..compat import is_markdown_source
from ..warnings import TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__ = get_translation("sphinx_refinery", "console")
logger = logging.getLogger(__name__)

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"\{(?P<name>[^}\s]+)\}")
#: Directives whose content MyST parses as Markdown, so that fences inside nest.
MARKDOWN_CONTAINERS = frozenset(
    {name for kind in BLOCK_KINDS for name in kind.directive_names}
    | {"tabs", "tab", "group-tab", "admonition", "attention", "danger", "error", "important"}
    | {"note", "seealso", "tip", "warning", "topic", "sidebar", "margin", "dropdown", "div"}
)


@dataclass(frozen=True)
class Fence:
    """An opening fence: its characters (```````), directive name ("" for code), line."""

    chars: str
    name: str
    line: int
    #: The language of a code fence.
    language: str = ""

    @property
    def markdown(self) -> bool:
        """Whether MyST parses the content as Markdown (fences inside it nest)."""
        return self.name in MARKDOWN_CONTAINERS

    def __str__(self) -> str:
        return f"{self.chars}{{{self.name}}}" if self.name else self.chars + self.language


@dataclass(frozen=True)
class FenceProblem:
    """A fence that closes its enclosing directive (``outer`` set) or is never closed."""

    fence: Fence
    outer: Fence | None = None


def fence_problems(text: str, colon_fences: bool = True) -> list[FenceProblem]:
    """Fences of a MyST text that do not nest as meant.

    A fence inside a directive whose content is Markdown, of the same
    character and at least as long as the directive's fence: its closing line
    closes the directive.  And directives never closed.  The scan follows the
    nesting the author meant, so that each mistake is reported once.
    """
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    stack: list[Fence] = []
    problems = []
    for number, line in enumerate(lines[start:], start + 1):
        match = _FENCE.match(line)
        if not match or (match["fence"][0] == ":" and not colon_fences):
            continue
        chars, info = match["fence"], match["info"].strip()
        if chars[0] == "`" and "`" in info:
            continue  # inline code at the start of a line
        outer = stack[-1] if stack else None
        same = outer is not None and outer.chars[0] == chars[0] and len(chars) >= len(outer.chars)
        if same and not info:
            stack.pop()
            continue
        if outer is not None and not outer.markdown:
            continue  # literal content
        directive = _DIRECTIVE.match(info)
        if directive:
            fence = Fence(chars, directive["name"], number)
        else:
            fence = Fence(chars, "", number, info.split(" ")[0])
        if same:
            problems.append(FenceProblem(fence, outer))
        stack.append(fence)
    return problems + [FenceProblem(fence) for fence in stack if fence.name]


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about MyST fences that close the wrong directive."""
    if not is_markdown_source(app, docname):
        return
    extensions = getattr(app.config, "myst_enable_extensions", None) or ()
    for problem in fence_problems(source[0], colon_fences="colon_fence" in extensions):
        fence, outer = problem.fence, problem.outer
        if outer is not None:
            longer = Fence(outer.chars[0] * (len(outer.chars) + 1), outer.name, outer.line)
            message = __(
                "%s is inside %s (line %d) and its fence is at least as long, so its "
                "closing line closes %s instead: make the outer fence longer, e.g. %s"
            ) % (fence, outer, outer.line, outer, longer)
        else:
            message = __(
                "%s is never closed, so the rest of the file is inside it: close it with "
                "a line of %s"
            ) % (fence, fence.chars)
        logger.warning(message, location=(docname, fence.line), type=TYPE, subtype=Subtype.FENCE)


def setup(app: Sphinx) -> None:
    # After the Carpentries and Workbench rewrites (450, 500), which write MyST.
    app.connect("source-read", check_fences, priority=800)
