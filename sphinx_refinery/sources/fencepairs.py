"""Which line closes a fence as its author evidently pairs the fence lines.

MyST closes a fence with the first closing line at least as long; authors pair
fence lines like brackets, by order and indentation, and often give a fence
inside a directive a fence as long as the directive's.  :func:`evident_closer`
reads the lines after an opening fence that way, so that a check can tell a
directive its author never closed (no line is left for it) from one whose
fence is merely too short (its own closing line comes later).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .mystparse import strip_quotes
from .scanner import Fence, fence_at, item_fence_at

if TYPE_CHECKING:
    from collections.abc import Sequence

#: An ATX heading: a directive's content holds none (MyST makes it a rubric).
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
#: Directives whose content is text, not Markdown: the fence lines in it are text.
LITERAL_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw"}
    | {"eval-rst", "eval-sphinx", "csv-table", "mermaid", "graphviz", "plantuml", "parsed-literal"}
)


def holds_fences(fence: Fence) -> bool:
    """Whether fence lines in the content of ``fence`` are fences: a directive's that
    is not known to hold text, or a colon ``div``'s (a code fence's are text)."""
    directive = fence.directive
    return directive not in LITERAL_DIRECTIVES if directive else fence.char == ":"


def evident_closer(lines: Sequence[str], opener: Fence, stop: int) -> Fence | None:
    """The line before line ``stop`` that closes ``opener`` as the author pairs fences;
    None if none does.

    The content of a fence that does not :func:`hold fences <holds_fences>` is
    skipped up to the line that closes it.  A closing line closes the innermost
    open fence of its character at its column and of its length, else the
    innermost at its column (authors line them up, whatever the lengths), else
    the innermost of its length, else the innermost not longer than it (the
    fences opened inside that one are closed with it).  If there is none it
    opens a fence, and so does a line that would close ``opener`` but starts an
    even run of closing lines (each pair is a fence without info string).  A
    heading ends the scan: a directive holds none.
    """
    stack = [opener]
    for index in range(opener.line + 1, stop):
        line = strip_quotes(lines[index])
        top = stack[-1]
        nesting = holds_fences(top)
        fence = fence_at(line, index)
        if fence is None:
            if nesting and _HEADING.match(line):
                return None  # a section: the directive's content has ended
            item = item_fence_at(line, index) if nesting else None
            if item is not None:
                stack.append(item)
        elif not nesting:
            if fence.closes(top, max_indent=None):
                stack.pop()
        elif not fence.bare:
            stack.append(fence)
        else:
            depth = _closed_by(stack, fence)
            if depth == 0 and _closes_a_run(lines, fence, stop):
                return fence
            if depth is None or depth == 0:
                stack.append(fence)
            else:
                del stack[depth:]
    return None


def _closes_a_run(lines: Sequence[str], closer: Fence, stop: int) -> bool:
    """Whether ``closer`` starts an odd run of closing lines of its character (up to
    the next fence of its character that opens something): in an even run each
    pair is a fence without info string (```` ``` ```` code), not a closing line
    and its fence."""
    run = 0
    for index in range(closer.line, stop):
        fence = fence_at(strip_quotes(lines[index]), index)
        if fence is None or fence.char != closer.char:
            continue
        if not fence.bare:
            break
        run += 1
    return run % 2 == 1


def _closed_by(stack: list[Fence], closer: Fence) -> int | None:
    """The index in ``stack`` of the open fence that ``closer`` evidently closes."""
    same = [i for i, fence in enumerate(stack) if fence.char == closer.char]
    in_place = [i for i in same if stack[i].column == closer.column]
    as_long = [i for i in same if stack[i].length == closer.length]
    fits = [i for i in same if stack[i].length <= closer.length]
    for found in ([i for i in in_place if i in as_long], in_place, as_long, fits):
        if found:
            return found[-1]
    return None
