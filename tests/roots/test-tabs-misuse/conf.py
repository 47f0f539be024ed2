project = "Tabs misused"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
