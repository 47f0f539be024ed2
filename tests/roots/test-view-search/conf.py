project = "View search"
copyright = "2026, sphinx_refinery developers"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
myst_enable_extensions = ["colon_fence"]
# The instructor view at the site's root, the learner view under learner/.
refinery_views = ["instructor", "learner"]
