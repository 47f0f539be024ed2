project = "Aggregate rewrites"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
