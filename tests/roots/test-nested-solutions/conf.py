project = "Nested solutions"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
copyright = "2026, the sphinx_refinery authors"
version = "1.0"
