project = "Withheld navigation"
copyright = "2026, sphinx_refinery developers"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
myst_enable_extensions = ["colon_fence"]
