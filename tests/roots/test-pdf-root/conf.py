project = "Exercises on the root page"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
