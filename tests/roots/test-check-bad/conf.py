project = "A lesson with problems"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
