"""Documentation of sphinx_refinery, built with its own extension and theme."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx_refinery"
author = "The sphinx_refinery authors"
copyright = "2026, The sphinx_refinery authors"
version = "0.1"

extensions = ["sphinx_refinery", "showcase"]
html_theme = "sphinx_refinery"
html_title = "sphinx_refinery"
html_theme_options = {
    "repository_url": "https://github.com/sphinx-refinery/sphinx-refinery",
    "repository_branch": "main",
    "repository_path": "docs",
    "description": "A Sphinx extension and theme for hands-on workshop lessons.",
}
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build", "_ext"]
# The docs show the instructor view in place: everything is visible here.
refinery_views = ["instructor"]
