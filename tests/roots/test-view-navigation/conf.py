project = "Views navigation"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
