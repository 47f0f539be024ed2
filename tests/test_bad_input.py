"""Bad input gets one located, helpful warning; the rest of the page still builds."""

from __future__ import annotations

import pytest
from conftest import warnings_of
from helpers import page

CONF = 'extensions = ["sphinx_refinery"]\nexclude_patterns = ["_build"]\n'
INDEX = "# Index\n\n```{toctree}\npage\n```\n"
AFTER = "\n\nThe text after the mistake survives.\n"

#: (id, page source, expected line, words the warning must contain)
CASES = [
    (
        "solution-in-solution",
        "# P\n\n::::{exercise}\nE.\n\n:::{solution}\nS.\n\n```{solution}\nInner.\n```\n:::\n::::",
        9,
        "a solution inside another solution",
    ),
    (
        "orphan-solution",
        "# P\n\nIntro.\n\n:::{solution}\nNo exercise.\n:::",
        5,
        "a solution with no exercise before it",
    ),
    (
        "orphan-solution-unknown-label",
        "# P\n\n:::{solution} ex-nowhere\nNo exercise.\n:::",
        3,
        "'ex-nowhere' is not the label of any exercise",
    ),
    (
        "nonumber-on-note",
        "# P\n\n:::{callout}\n:nonumber:\nC.\n:::",
        3,
        ":nonumber: has no effect on a callout",
    ),
    (
        "unknown-option",
        "# P\n\n:::{exercise}\n:colour: red\nE.\n:::",
        4,
        "Unknown option key: 'colour'",
    ),
    (
        "duplicate-exercise-label",
        "# P\n\n:::{exercise}\n:label: twice\nA.\n:::\n\n:::{exercise}\n:label: twice\nB.\n:::",
        8,
        "twice",
    ),
]


@pytest.mark.parametrize(
    ("source", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_warns_with_location(make_app, tmp_path, source, line, message):
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF)
    (srcdir / "index.md").write_text(INDEX)
    (srcdir / "page.md").write_text(source + AFTER)
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    warnings = warnings_of(app)
    assert f"page.md:{line}" in warnings, warnings
    assert message in warnings, warnings
    assert "Traceback" not in warnings
    assert "The text after the mistake survives." in page(app, "page").get_text()
