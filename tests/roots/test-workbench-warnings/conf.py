project = "Workbench warnings"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
refinery_workbench = True
