project = "A three-day workshop"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
