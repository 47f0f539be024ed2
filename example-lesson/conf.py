# Configuration of the example lesson (`sphinx-refinery new --example` makes a copy;
# `sphinx-refinery new` starts a smaller, commented lesson).
# Every setting below is optional except `extensions` and `html_theme`.

project = "Shell scripts for research"
author = "The sphinx_refinery authors"
copyright = "2026, The sphinx_refinery authors. Text: CC BY 4.0"
version = "2026.11"
language = "en"

# One extension gives the lesson directives (exercise, solution, ...), MyST
# Markdown and copy buttons on code blocks.
extensions = ["sphinx_refinery"]

html_theme = "sphinx_refinery"
html_title = project

# Exercises are numbered across the lesson ("Exercise 3"); "episode" gives
# "Exercise 2.1" and "none" turns numbers off.
refinery_exercise_numbering = "lesson"

exclude_patterns = ["_build", ".venv", "README.md", "CONTRIBUTING.md", "LICENSE", "Thumbs.db", ".DS_Store", ".github"]
