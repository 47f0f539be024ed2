project = "Kramdown classes"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build"]
copyright = "2026, The test authors"
