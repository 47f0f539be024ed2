extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
project = "Navigation"
