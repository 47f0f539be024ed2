project = "Lesson features"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
