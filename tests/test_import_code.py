"""Imported code blocks Pygments cannot read strictly are highlighted leniently
(``:force:``), so that the import adds no highlighting warning."""

from __future__ import annotations

import pytest

from sphinx_refinery.sources.import_code import lenient_code_blocks


def test_ipython_help_and_typos_are_forced_where_they_stand():
    text = (
        "# T\n\n```python\npd.read_csv?\n```\n\n:::{challenge}\n  ```python\n  one?\n  ```\n:::\n"
        "\n~~~python\nrows.rename(columns={'a': 'b'})`)\n~~~\n"
    )
    fixed, forced = lenient_code_blocks(text)
    assert forced == [(3, "python"), (9, "python"), (15, "python")]
    assert fixed.split("\n")[2:5] == ["```{code-block} python", ":force:", "pd.read_csv?"]
    assert fixed.split("\n")[8:11] == ["  ```{code-block} python", "  :force:", "  one?"]
    assert fixed.split("\n")[14:16] == ["~~~{code-block} python", ":force:"]
    assert lenient_code_blocks(fixed) == (fixed, [])  # a second import changes nothing


@pytest.mark.parametrize(
    "text",
    [
        "```python\nx = 1\n```\n",
        "```python\n>>> 1 + 1\n2\n```\n",  # a session: Sphinx reads it as pycon
        "```r\nx <- c(1, 2)\n```\n",
        "```nosuchlanguage\n?\n```\n",  # Sphinx's own warning is the author's to see
        "```python title\nx?\n```\n",  # more than a language: left as written
        "```python\n:option-like?\n```\n",  # would be read as a directive option
        "```\nx?\n```\n",
        "1. ~~~\n   x?\n   ~~~\n",  # after a list marker
        "> ```python\n> x?\n> ```\n",
        "```python\nx?\n",  # never closed
    ],
)
def test_blocks_read_strictly_or_not_rewritable_stay(text):
    assert lenient_code_blocks(text) == (text, [])
