project = "Notebooks"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build", "drafts"]
copyright = "2026, The test authors"
# The name myst-nb had before 0.14: mapped to nb_execution_mode without a warning.
jupyter_execute_notebooks = "off"
