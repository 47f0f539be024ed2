project = "Old Carpentries markdown read in place"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
