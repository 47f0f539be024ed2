"""The template's GitHub Pages workflow publishes the HTML only, never Sphinx's doctrees."""

from __future__ import annotations

import shlex
from pathlib import Path, PurePosixPath

import pytest
import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = [
    ROOT / "sphinx_refinery/cli/lesson_template/project/.github/workflows/pages.yml",
    ROOT / "example-lesson/.github/workflows/pages.yml",
]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.parts[-5])
def test_doctrees_stay_out_of_the_published_folder(workflow):
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    [build] = [shlex.split(s["run"]) for s in steps if "sphinx-build" in s.get("run", "")]
    [upload] = [s["with"]["path"] for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    published = PurePosixPath(upload)
    assert build[-1] == upload  # the HTML output folder is the one published
    assert "-d" in build, "without -d, Sphinx writes the doctrees into the output folder"
    doctrees = PurePosixPath(build[build.index("-d") + 1])
    assert not doctrees.is_relative_to(published)
