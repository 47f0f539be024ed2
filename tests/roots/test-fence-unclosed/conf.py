project = "Fences never closed"
copyright = "2026, sphinx_refinery developers"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build"]
