project = "Carpentries episode"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
