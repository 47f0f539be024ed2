project = "Old Carpentries lists and divs read in place"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
