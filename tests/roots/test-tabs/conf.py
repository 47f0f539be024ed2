project = "Tabs"
copyright = "2026, sphinx_refinery developers"
version = "1.0"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
# A theme other than sphinx_refinery, so that the extension's own files are linked.
html_theme = "alabaster"
