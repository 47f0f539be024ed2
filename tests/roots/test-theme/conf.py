# A small lesson for the theme tests: several episodes, every block kind,
# a long code line, a wide table, an external link and images.
project = "Theme test lesson"
copyright = "2026, The test authors"
author = "The test authors"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
html_theme_options = {
    "style_external_links": True,
    "license": "CC BY 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}
# sphinx-lesson's keys for the "Edit on GitHub" link.
html_context = {
    "display_github": True,
    "github_user": "example-org",
    "github_repo": "theme-lesson",
    "github_version": "main",
    "conf_py_path": "/content/",
}
version = "1.0"
