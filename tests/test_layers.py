"""The layers of the package, written down and enforced over its import graph.

Every module of ``src/rectext`` is read with :mod:`ast` (no import), and every import in it
counts: at module level, inside a function (a lazy import) or under ``TYPE_CHECKING``. A module
may import a module of its own layer or of a lower one; two layers on the same rank (the
readers and the facts; the outputs and the corpus) do not import each other; and there is no
circle anywhere. docs/architecture.md draws the same layers.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import rectext

SRC = Path(rectext.__file__).parent

# layer → (rank, the modules or subpackages in it); a lower rank never imports a higher one
LAYERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "base": (0, ("rectext.models", "rectext.vocab", "rectext.messages", "rectext.records", "rectext._moved",
                  "rectext.rx")),
    "text": (1, ("rectext.text",)),
    "structure": (2, ("rectext.structure",)),
    "read": (3, ("rectext.read",)),
    "facts": (3, ("rectext.facts",)),
    "pipeline": (4, ("rectext.parser", "rectext.api")),
    "outputs": (5, ("rectext.outputs",)),
    "corpus": (5, ("rectext.corpus",)),
    "program": (6, ("rectext", "rectext.__main__", "rectext.cli", "rectext.evaluate", "rectext.bench",
                 "rectext.benchscale")),
}
MAX_MODULES = 12  # in one subpackage, its __init__ included
MAX_LINES = 400  # in one module


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package at ``root`` → the package's modules it imports (any import, anywhere)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # from package import module: the module; from module import name: the module
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in files else source for a in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def layer_of(module: str) -> str:
    """The layer of a module: the longest module or subpackage name of :data:`LAYERS` it is or is in."""
    best = ("", "")
    for layer, (_, members) in LAYERS.items():
        for member in members:
            if (module == member or module.startswith(member + ".")) and len(member) > len(best[1]):
                best = (layer, member)
    if not best[0]:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS (tests/test_layers.py) and "
                             "docs/architecture.md")
    return best[0]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports against the layers: of a higher rank, or of another layer of the same rank."""
    found = []
    for module, imported in sorted(graph.items()):
        mine = layer_of(module)
        for target in sorted(imported):
            theirs = layer_of(target)
            if theirs != mine and LAYERS[theirs][0] >= LAYERS[mine][0]:
                found.append(f"{module} ({mine}) imports {target} ({theirs})")
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: every strongly connected set of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_in_a_layer():
    for module in import_graph(SRC):
        layer_of(module)


def test_no_import_goes_against_the_layers():
    assert layer_violations(import_graph(SRC)) == []


def test_no_import_circles():
    assert circles(import_graph(SRC)) == []


def test_subpackages_and_modules_stay_small():
    packages = {p.parent for p in SRC.rglob("__init__.py") if p.parent != SRC}
    assert {p.name: n for p in packages if (n := len(list(p.glob("*.py")))) > MAX_MODULES} == {}
    assert {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES} == {}


def test_the_checks_fail_on_a_deliberate_violation():
    graph = {"rectext.text.fold": {"rectext.facts.dates"}, "rectext.facts.dates": {"rectext.text.fold"},
             "rectext.read.reader": {"rectext.facts.genre"}, "rectext.facts.genre": set(),
             "rectext.models": set()}
    assert layer_violations(graph) == [
        "rectext.read.reader (read) imports rectext.facts.genre (facts)",  # a peer on the same rank
        "rectext.text.fold (text) imports rectext.facts.dates (facts)",  # a higher rank
    ]
    assert circles(graph) == [["rectext.facts.dates", "rectext.text.fold"]]


def test_a_lazy_import_in_a_copy_of_the_package_is_caught(tmp_path):
    copy = tmp_path / "rectext"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    fold = copy / "text" / "fold.py"
    fold.write_text(fold.read_text(encoding="utf-8") + "\n\ndef _late():\n    from ..cli import main\n",
                    encoding="utf-8")
    assert layer_violations(import_graph(copy)) == ["rectext.text.fold (text) imports rectext.cli (program)"]
