project = "Lesson in PDF"
author = "The refinery"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
