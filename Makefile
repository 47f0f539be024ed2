# The two commands of the README, and what they need.
#   make example   installs into .venv and builds example-lesson/ (HTML, warnings are errors)
#   make test      installs into .venv and runs the test suite
#   make release-check  builds the wheel and tries it alone in a fresh venv
# SPHINX picks the Sphinx release to test against; VENV where to install.

PYTHON ?= python3
VENV ?= .venv
SPHINX ?= sphinx>=9,<10
PYTEST_ARGS ?=
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell echo '$(SPHINX)' | tr -c 'a-zA-Z0-9.\n' '_')

.PHONY: example test install browser-deps release-check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" "$(SPHINX)"
	touch $@

example: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html example-lesson example-lesson/_build/html
	@echo "Open example-lesson/_build/html/index.html in a browser."

# axe-core for the browser tests, pinned by tests/browser/package-lock.json.
browser-deps:
	@if command -v npm >/dev/null 2>&1 && [ -f tests/browser/package-lock.json ]; then \
		npm ci --silent --no-audit --no-fund --prefix tests/browser; \
	else echo "npm or tests/browser/package-lock.json missing: browser tests will be skipped"; fi

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# sdist + wheel, twine check, the wheel alone in a fresh venv builds a new lesson.
release-check:
	PYTHON=$(PYTHON) bash dev/release-check.sh

clean:
	rm -rf example-lesson/_build docs/_build .pytest_cache dist
