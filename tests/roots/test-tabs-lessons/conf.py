project = "Tabs as lessons write them"
copyright = "2026, sphinx_refinery developers"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
