project = "Learner edition"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
