#!/usr/bin/env bash
# Build the sdist and wheel, check them with twine, install the wheel ALONE
# into a fresh virtual environment (its dependencies from the package index,
# nothing from this checkout) and make, build and check a new lesson with it.
# Used by .ci/run and by the release workflow; `make release-check` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m venv "$work/tools"
"$work/tools/bin/python" -m pip install --quiet --upgrade pip build twine
rm -rf dist
"$work/tools/bin/python" -m build --outdir dist . >/dev/null
"$work/tools/bin/python" -m twine check --strict dist/*

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet dist/*.whl
dist=$PWD/dist
cd "$work"
# Everything the package needs at run time is inside the wheel.
"$work/venv/bin/python" - <<'PY'
import sphinx_refinery, pathlib
root = pathlib.Path(sphinx_refinery.__file__).parent
needed = [
    "theme/sphinx_refinery/theme.toml",
    "theme/sphinx_refinery/layout.html",
    "locale/fi/LC_MESSAGES/sphinx_refinery.mo",
    "outputs/texinputs/sphinxrefinery.sty",
    "cli/lesson_template/copier.yml",
    "cli/lesson_template/project/.github/workflows/pages.yml",
    "cli/lesson_template/skeleton/episodes/01-introduction.md",
]
missing = [name for name in needed if not (root / name).is_file()]
assert not missing, f"not in the wheel: {missing}"
assert "site-packages" in str(root), f"imported from the checkout: {root}"
PY
# A fresh shell: only the venv's programs by their full path, nothing activated.
# The skeleton (what `new` gives) and the example lesson (`new --example`).
fresh() { env -i PATH=/usr/bin:/bin HOME="$work" "$work/venv/bin/sphinx-refinery" "$@"; }
fresh new lesson --title "Release check" --author "CI" </dev/null
fresh build lesson -W
fresh check lesson | tee "$work/check.txt"
grep -qx "3 pages, 1 exercise: no problems found" "$work/check.txt"
fresh new example --example --title "Release check" --author "CI" </dev/null
fresh build example -W
fresh check example
echo "release check passed:" "$dist"/*
