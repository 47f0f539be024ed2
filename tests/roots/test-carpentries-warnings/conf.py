project = "Carpentries warnings"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
