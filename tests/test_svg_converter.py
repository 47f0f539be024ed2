"""The SVG converter of the LaTeX output looks at SVG images only
(sphinx_refinery.outputs.latex_defaults.SvgConverter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# A 1x1 WebP image: a format the HTML builder does not list as one it shows.
WEBP = bytes.fromhex("524946461a000000574542505650384c0d0000002f00000010071011118888080000")
REPORT_AT_END = """\
import sys


def report(app, exception):
    print("cairosvg loaded:", "cairosvg" in sys.modules)


def setup(app):
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


@pytest.mark.parametrize(("image", "loaded"), [("photo.webp", False), ("diagram.svg", True)])
def test_cairosvg_is_loaded_only_for_svg_images(tmp_path, image, loaded):
    """Sphinx asks a converter whether it can run at the first image the builder
    cannot show; for CairoSVG that means importing it, which only an SVG
    image in a LaTeX build needs."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "report_modules.py").write_text(REPORT_AT_END, encoding="utf-8")
    (src / "conf.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'project = "Images"\nextensions = ["sphinx_refinery", "report_modules"]\n',
        encoding="utf-8",
    )
    (src / "photo.webp").write_bytes(WEBP)
    (src / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" '
        'height="4"/></svg>\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(f"# Images\n\n![A picture]({image})\n", encoding="utf-8")
    builder = "latex" if loaded else "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-W",
            "-q",
            str(src),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"cairosvg loaded: {loaded}" in result.stdout
