project = "Translated lesson"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
