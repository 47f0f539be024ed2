import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Collected pages in both views"
extensions = ["sphinx_refinery", "sphinx.ext.autodoc", "sphinx.ext.viewcode", "odd_pages"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
