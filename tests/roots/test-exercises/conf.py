project = "Exercises"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
