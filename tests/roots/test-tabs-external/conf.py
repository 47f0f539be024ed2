import sys
from pathlib import Path

# A stand-in for sphinx-tabs (not installed in the test environment).
sys.path.insert(0, str(Path(__file__).parent))

project = "Tabs with sphinx-tabs"
# sphinx_refinery first: the decision must not depend on the order.
extensions = ["sphinx_refinery", "sphinx_tabs.tabs"]
exclude_patterns = ["_build"]
