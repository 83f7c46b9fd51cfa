"""The package stands in layers: a module imports only from its own layer or the layers before it, and no
import circle ties modules together (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# The order data flows; the modules at the top of the package that are not layers of their own are placed here.
LAYERS = ("base", "load", "model", "checks", "render", "pipeline", "workflows", "cli")
PLACED = {"generator": "base", "generator.findings": "base", "generator.money": "base", "generator.writer": "base",
          "generator.confined_fs": "base", "generator.child_process": "base",
          "generator.pipeline": "pipeline"}


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package under root, by dotted name."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that module `name` imports, at its top or inside a function."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known}
    return {m for m in found if m in known and m != name}


def layer(name: str) -> str:
    if name in PLACED:
        return PLACED[name]
    return name.split(".")[1]


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Imports from a later layer than the importer's own, as 'a -> b' lines."""
    return sorted(f"{a} ({layer(a)}) -> {b} ({layer(b)})" for a, targets in edges.items() for b in targets
                  if LAYERS.index(layer(b)) > LAYERS.index(layer(a)))


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_belongs_to_a_layer():
    assert [m for m in modules(PACKAGE) if layer(m) not in LAYERS] == []


def test_no_module_imports_from_a_later_layer():
    assert upward(graph(PACKAGE)) == []


def test_no_import_circle():
    assert circles(graph(PACKAGE)) == []


def test_a_package_is_not_tied_back_by_its_modules():
    """A package's __init__ that lists its modules (checks, cli) is not tied back by them."""
    edges = graph(PACKAGE)
    for package in ("generator.checks", "generator.cli"):
        assert [m for m in edges if m.startswith(package + ".") and package in edges[m]] == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "generator" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "generator"


@pytest.mark.parametrize("files, problem", [
    ({"__init__.py": "", "load/__init__.py": "", "load/source.py": "from ..render.text import x\n",
      "render/__init__.py": "", "render/text.py": "x = 1\n"}, "upward"),
    ({"__init__.py": "", "model/__init__.py": "", "model/a.py": "def f():\n    from .b import y\n",
      "model/b.py": "from . import a\ny = 1\n"}, "circle"),
])
def test_the_walk_finds_what_it_guards_against(tmp_path, files, problem):
    edges = graph(_write(tmp_path, files))
    if problem == "upward":
        assert upward(edges) == ["generator.load.source (load) -> generator.render.text (render)"]
    else:
        assert circles(edges) == [["generator.model.a", "generator.model.b"]]
