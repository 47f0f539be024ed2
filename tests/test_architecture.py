"""The package's layout keeps its promises (ARCHITECTURE.md): imports point
down the layers, with no cycle, and no module grows past what a reader takes
in at once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_refinery"
#: A module longer than this is doing more than one job.
MAX_LINES = 450
#: The layers, lowest first: a module may import from its own layer and below.
LAYERS = (
    #: ``sources.scanner`` reads Markdown lines and needs nothing else.
    {"compat", "config", "warnings", "locale", "integrations", "_perf", "sources.scanner"},
    {"blocks"},
    {"lesson"},
    {"sources"},
    {"outputs"},
    {"theme"},
    {"cli", "__main__"},
    #: Development tools that read the tables of every layer.
    {"locale.update", "_generate"},
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, at any depth of its code
    (imports inside functions count: they still make a cycle)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names]
            chosen = [sub for sub in submodules if sub in known] or [target]
            found.update(module for module in chosen if module in known)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package's own __init__ wires everything
    for key in (".".join(parts[1:3]), parts[1]):  # the most specific name first
        for level, names in enumerate(LAYERS):
            if key in names:
                return level
    return None


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_imports_point_down_the_layers():
    upward = []
    for module, imported in import_graph().items():
        level = layer_of(module)
        if level is None:
            continue
        for other in imported:
            other_level = layer_of(other)
            if other_level is not None and other_level > level:
                upward.append(f"{module} -> {other}")
    assert upward == [], "imports up the layers (see LAYERS):\n" + "\n".join(sorted(upward))


def test_every_module_has_a_layer():
    assert [m for m in modules() if "." in m and layer_of(m) is None] == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_short(name: str):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by concern"
