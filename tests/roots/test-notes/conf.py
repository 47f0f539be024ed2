project = "Data & Plots"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
