"""Code blocks of an imported page that Pygments cannot read strictly, highlighted
leniently (``:force:``) as the Carpentries' own tools highlight them.

IPython's help syntax (``pd.read_csv?``) or a stray character in a ``python``
block is an error token for Pygments: Sphinx then warns
(``misc.highlighting_failure``) and highlights the block leniently anyway.
pandoc and Jekyll never warn, so an imported lesson would gain warnings it did
not have.  Such a block becomes a ``{code-block}`` directive with ``:force:``:
the same highlighted code, no warning, and the import report names each one
(the author may want to fix a typo).  Blocks in an unknown language are left
alone (Sphinx's warning about them is the author's to see).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from pygments.filters import ErrorToken
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from .fences import is_markdown_container
from .mystparse import FenceReader, imported_lesson_parser

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .import_report import ImportReport
    from .mystparse import ParsedFence

#: Sphinx's names for Python: a session (``>>>``) is read as a console.
_PYTHON = frozenset({"py", "python", "py3", "python3", "default"})


def lenient_code_blocks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with each code block Pygments cannot read strictly made a
    ``{code-block}`` with ``:force:``; and for each, its (1-based) line in the new
    text and its language."""
    lines = text.split("\n")
    found = [
        (fenced, column)
        for fenced, column, code in _code_blocks(text, lines)
        if not _lexes_strictly(fenced.opener.language, code)
    ]
    for fenced, column in reversed(found):  # lines added below leave those above in place
        opener = fenced.opener
        line = lines[opener.line]
        lines[opener.line] = f"{line[:column]}{opener.marker}{{code-block}} {opener.language}"
        lines.insert(opener.line + 1, line[:column] + ":force:")
    return "\n".join(lines), [
        (fenced.opener.line + 1 + index, fenced.opener.language)
        for index, (fenced, _column) in enumerate(found)
    ]


def _code_blocks(text: str, lines: list[str]) -> Iterator[tuple[ParsedFence, int, str]]:
    """The closed code fences of a single-word language, on the page and inside
    Markdown directives, as MyST reads them, each with the column of its fence on a
    line of its own (not after a list marker or ``>``) and its code; none whose code
    could be taken for directive options."""
    reader = FenceReader(imported_lesson_parser(), is_markdown_container)
    for top in reader.read(text):
        for fenced in top.walk():
            opener = fenced.opener
            line = lines[opener.line]
            column = len(line) - len(line.lstrip(" "))
            if not (
                opener.code
                and fenced.closer is not None
                and opener.language
                and opener.info.strip() == opener.language
                and line[column:].startswith(opener.marker)
            ):
                continue
            code = _content(lines, fenced)
            if not code.startswith(":"):
                yield fenced, column, code


def _content(lines: list[str], fenced: ParsedFence) -> str:
    """The code of a closed fence, without its common indentation."""
    return textwrap.dedent("\n".join(lines[fenced.opener.line + 1 : fenced.end]))


def _lexes_strictly(language: str, code: str) -> bool:
    """Whether Pygments reads ``code`` as ``language`` without an error token, as
    Sphinx first tries (True for a language Pygments does not know)."""
    if language in _PYTHON:
        language = "pycon" if code.startswith(">>>") else "python"
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        return True
    lexer.add_filter("raiseonerror")
    try:
        for _token in lexer.get_tokens(code):
            pass
    except ErrorToken:
        return False
    return True


def lenient_code_in_page(text: str, page: str, report: ImportReport) -> str:
    """:func:`lenient_code_blocks` for the imported page ``page`` (its path in the
    new lesson), each block named in the report's notes."""
    text, forced = lenient_code_blocks(text)
    for line, language in forced:
        report.notes.append(
            f"{page}:{line}: {language} code that Pygments cannot read strictly "
            "(a typo, or IPython syntax such as `name?`): highlighted leniently (:force:)"
        )
    return text
