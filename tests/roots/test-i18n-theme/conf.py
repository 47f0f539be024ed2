from sphinx_refinery.locale import install_template_translations

project = "Translated theme"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"


def setup(app):
    # Until the extension does this itself (then this is a no-op).
    app.connect("builder-inited", install_template_translations)
