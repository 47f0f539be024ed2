"""An extension that warns while a page is rendered (``html-page-context``) warns
once per page, although the page's instructor copy is rendered from it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_build, warnings_of

CONF = """\
project = "Dunes"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"

from sphinx.util import logging

logger = logging.getLogger("dune_meta")


def _page(app, pagename, templatename, context, doctree):
    if doctree is None:
        return
    logger.warning("dune metadata file not found")
    logger.warning("no dune height for this page", location=pagename)


def setup(app):
    app.connect("html-page-context", _page)
"""

INDEX = """\
# Dunes

```{toctree}
wind
```

```{instructor-note}
Bring sand.
```
"""

WIND = "# Wind\n\nSand moves downwind.\n"


@pytest.mark.parametrize("parallel", [1, 2])
def test_each_page_warns_once_not_once_per_view(tmp_path: Path, make_app, parallel):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text(INDEX, encoding="utf-8")
    (tmp_path / "wind.md").write_text(WIND, encoding="utf-8")
    app = run_build(make_app("html", srcdir=tmp_path, parallel=parallel), strict=False)
    out = Path(app.outdir)
    assert (out / "instructor" / "wind.html").is_file()  # the copies are written
    assert "Bring sand." in (out / "instructor" / "index.html").read_text(encoding="utf-8")
    warnings = warnings_of(app).splitlines()
    assert sum("dune metadata file not found" in w for w in warnings) == 2  # two pages
    heights = [w for w in warnings if "no dune height" in w]
    assert len(heights) == 2
    assert any("index.md" in w for w in heights), heights
    assert any("wind.md" in w for w in heights), heights
