project = "Lesson without exercises"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
