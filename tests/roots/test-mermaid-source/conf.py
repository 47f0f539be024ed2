project = "Mermaid sources"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build"]
copyright = "2026, the test authors"
version = "1.0"
