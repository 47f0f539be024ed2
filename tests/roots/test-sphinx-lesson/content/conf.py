# Configuration of a lesson written for CodeRefinery's sphinx-lesson, in the
# layout of sphinx-lesson-template.  Only `extensions` and `html_theme` were
# changed to switch it to sphinx_refinery; everything else is as it was.

import os

project = "Version control with a twist"
copyright = "2026, The lesson authors and contributors"
author = "The lesson authors and contributors"
github_user = "example-org"
github_repo_name = ""  # auto-detected from dirname if blank
github_version = "main"
conf_py_path = "/content/"  # with leading and trailing slash

extensions = [
    # githubpages just adds a .nojekyll file
    "sphinx.ext.githubpages",
    "sphinx_refinery",  # was: "sphinx_lesson"
    # "sphinx_rtd_theme_ext_color_contrast",  (dropped with the rtd theme)
]

# Settings for myst_nb:
# https://myst-nb.readthedocs.io/en/latest/use/execute.html#triggering-notebook-execution
nb_execution_mode = "cache"

# Settings for myst_parser
myst_enable_extensions = [
    "colon_fence",
]

# Settings for sphinx-copybutton
copybutton_exclude = ".linenos, .gp"

templates_path = ["_templates"]
exclude_patterns = [
    "README*",
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "jupyter_execute",
    "*venv*",
]

html_theme = "sphinx_refinery"  # was: "sphinx_rtd_theme"
html_static_path = ["_static"]
html_theme_options = {"style_external_links": True}

# HTML context:
from os.path import basename, dirname, realpath  # noqa: E402

html_context = {
    "display_github": True,
    "github_user": github_user,
    # Auto-detect directory name.  This can break, but
    # useful as a default.
    "github_repo": github_repo_name or basename(dirname(realpath(__file__))),
    "github_version": github_version,
    "conf_py_path": conf_py_path,
}

epub_show_urls = "footnote"
version = "2026"

if os.environ.get("GITHUB_REF", "").startswith("refs/heads/"):
    html_context["current_branch"] = os.environ["GITHUB_REF"][11:]
