project = "Notebook outputs"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build", "drafts"]
copyright = "2026, The test authors"
# No nb_execution_mode: the lesson default ("off") shows notebooks as saved.
