project = "Every block"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
copyright = "2026, The test authors"
version = "1.0"
