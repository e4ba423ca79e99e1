"""The layout is the map: no import cycles, one package per stage, knowledge files beside their stage.

Imports are read from the source (ast), function-level ones included (a lazy
import still makes two modules depend on each other); imports under
`if TYPE_CHECKING:` are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dossier"
STAGES = ("read", "parse", "actors", "quotes", "events", "stance", "link", "store", "export", "serve", "spark", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(path: Path) -> Iterator[str]:
    """The dossier modules one file imports (the deepest module each import statement names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for node in _type_checking_blocks(tree)}
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("dossier"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            if not base.startswith("dossier"):
                continue
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def _type_checking_blocks(tree: ast.AST) -> Iterator[ast.AST]:
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                yield from ast.walk(child)


def import_graph(level: int | None = None) -> dict[str, set[str]]:
    """Module -> modules it imports; with `level=2`, collapsed to dossier.<package> nodes."""

    def node(name: str) -> str:
        return ".".join(name.split(".")[:level]) if level else name

    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {node(target) for target in imported_modules(path) if target in MODULES}
        graph.setdefault(node(name), set()).update(targets - {node(name)})
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path of nodes, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return trail[trail.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        trail.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_module_imports_itself_back() -> None:
    graph = import_graph()
    # A package __init__ re-exports its modules, which import siblings by their full name: not a cycle of design.
    for name in list(graph):
        graph[name] = {target for target in graph[name] if not name.startswith(target + ".")}
    assert find_cycle(graph) is None


def test_no_stage_package_imports_another_that_imports_it_back() -> None:
    assert find_cycle(import_graph(level=2)) is None


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_is_a_package(stage: str) -> None:
    assert (PACKAGE / stage / "__init__.py").is_file()


def test_knowledge_files_live_beside_their_stage() -> None:
    assert not (PACKAGE / "data").exists()
    for stage in ("actors", "quotes", "events", "stance", "link"):
        assert any((PACKAGE / stage / "data").iterdir()), stage


def test_no_module_is_over_1000_lines() -> None:
    long = {name: lines for name, path in MODULES.items() if (lines := len(path.read_text().splitlines())) > 1000}
    assert not long


def test_test_folders_mirror_the_packages() -> None:
    tests = Path(__file__).resolve().parent
    folders = {path.name for path in tests.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert folders, "the tests are grouped by package"
    assert all((PACKAGE / folder / "__init__.py").exists() for folder in folders), folders
