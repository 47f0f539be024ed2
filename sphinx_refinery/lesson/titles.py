"""Exercise titles that carry their own scheme, read so that no title shows the
kind's word twice or two numbers.

* A leading kind word, with or without a number, followed by ``:``, ``.``,
  ``)`` or a dash ("Exercise: Sort", "Challenge 2: Sort", "Übung 3. Sort") is
  dropped: the lesson's own number takes its place ("Exercise 5: Sort").
  The kind's words are its directive names and its title, in English and in
  the project's language.
* A title that names itself ("Topic-1: Sort", "Exercise Branch-3: Sort",
  "(optional) Licensing-2: Sort", "1.2: Sort": before the first colon, after an
  optional bracketed note and kind word, a word joined to a number by ``-`` or
  ``.``, or a number alone) keeps it and gets no number.
* A title that is only the kind's word ("Exercise", "Challenge 4") is no title.

A solution of an exercise whose title names itself is titled "Solution to
Topic-1: …" (not "Solution to Exercise: Topic-1: …").

With numbering off (``"none"`` or ``:nonumber:``) titles are kept as written.
"""

from __future__ import annotations

import re
from functools import cache

from docutils import nodes
from sphinx.locale import get_translation

from ..blocks.kinds import BLOCK_KINDS

_ = get_translation("sphinx_refinery")

_NUMBER = r"\d+(?:\.\d+)*"
#: What follows a written kind word and number: the separator of the rest.
_SEPARATOR = r"\s*[:.)\u2013\u2014-]\s*"


def kind_words() -> tuple[str, ...]:
    """The words of the exercise kinds, in English and in the current language."""
    words = {
        word.lower()
        for kind in BLOCK_KINDS
        if kind.exercise
        for word in (*kind.directive_names, kind.title, kind.default_title())
    }
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    kind = "|".join(re.escape(word) for word in words)
    written = re.compile(rf"\s*(?:{kind})(?:\s+{_NUMBER})?{_SEPARATOR}(?!\d)", re.I)
    own = re.compile(
        rf"\s*(?:\([^()]*\)\s*)?(?:(?:{kind})\s+)?"
        rf"(?:[^\W\d_][\w]*[-.]{_NUMBER}[a-z]?|{_NUMBER})\s*:",
        re.I,
    )
    bare = re.compile(rf"\s*(?:{kind})(?:\s+{_NUMBER})?\s*[:.]?\s*", re.I)
    return written, own, bare


def names_itself(text: str) -> bool:
    """Whether a title names its exercise itself ("Topic-1: …", "Exercise Branch-3: …")."""
    return bool(_patterns(kind_words())[1].match(text))


def read_title_scheme(node: nodes.Element) -> bool:
    """Apply the rules above to an exercise's written title, in place; return whether
    the title names the exercise itself (it then gets no number)."""
    if not node.get("custom_title") or not node.children:
        return False
    title = node[0]
    first = title.children[0] if title.children else None
    if not isinstance(title, nodes.title) or not isinstance(first, nodes.Text):
        return False
    text = str(first)
    written, own, bare = _patterns(kind_words())
    if len(title.children) == 1 and bare.fullmatch(text):
        node["custom_title"] = False
        return False
    match = written.match(text)
    rest = text[match.end() :] if match else ""
    if match and (rest.strip() or len(title.children) > 1):
        title.replace(first, nodes.Text(rest))
        return False
    return bool(own.match(text))
