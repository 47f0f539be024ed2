import html
import re

project = "Withheld todo entries"
copyright = "2026, sphinx_refinery developers"
extensions = ["sphinx_refinery", "sphinx.ext.todo"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
myst_enable_extensions = ["colon_fence"]
todo_include_todos = True
todo_link_only = True  # no source path: the same pages wherever the lesson is built


def show_doctree_words(app, pagename, templatename, context, doctree):
    """What an ``html-page-context`` handler reads of the page's doctree, in
    a meta tag (as extensions that describe a page from it write theirs)."""
    if doctree is not None:
        words = sorted(set(re.findall(r"zqxi\w*k", doctree.astext(), re.IGNORECASE)))
        tag = f'<meta name="doctree-words" content="{html.escape(" ".join(words))}">'
        context["metatags"] = context.get("metatags", "") + tag


def setup(app):
    app.connect("html-page-context", show_doctree_words)
