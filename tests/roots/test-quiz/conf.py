project = "Quizzes"
extensions = ["sphinx_refinery"]
exclude_patterns = ["_build"]
html_theme = "sphinx_refinery"
copyright = "2026, sphinx_refinery developers"
version = "1.0"
