"""The package's import arrows point one way: no cycle, and the core never reaches `render`.

The graph is read from the source with `ast`, so it holds every import: at the top of a module,
inside a function (the NumPy engine, imported when a batch needs it) and under
`if TYPE_CHECKING:` (which mypy follows even though Python does not). An arrow goes to the module
named; `from backprop_steps import scalar` is an arrow to `backprop_steps.scalar`. The import of
a module's parent package, which Python makes first, is not an arrow: `backprop_steps/__init__.py`
re-exports the public API, so it imports many modules, and every module "imports" it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "backprop_steps"

PRESENTATION = "backprop_steps.render"
"""The presentation package: it may import the core, the core never imports it."""

MAY_RENDER = {"backprop_steps.cli", "backprop_steps.__main__"}
"""The core modules that write for a reader, and so may import the renderers: the command line
prints the tables of `render.tables`."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> Iterator[str]:
    """The package's modules that a module imports, wherever in it the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from .y import z
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


GRAPH = {
    name: sorted({m for m in imported(name, path) if m in MODULES and m != name})
    for name, path in MODULES.items()
}


def reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in GRAPH[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_graph_sees_imports_in_functions_and_for_type_checking() -> None:
    assert "backprop_steps.vectorized" in GRAPH["backprop_steps.training"]  # in a function
    assert "backprop_steps.vectorized" in GRAPH["backprop_steps.render.tables"]  # TYPE_CHECKING
    assert "backprop_steps.render.latex" in GRAPH["backprop_steps.render.diagram"]
    assert len(MODULES) > 25


def test_the_package_has_no_import_cycle() -> None:
    cycles = sorted(name for name in GRAPH if name in reachable(name))
    assert cycles == [], "modules that import themselves through others: " + ", ".join(cycles)


@pytest.mark.parametrize(
    "name", [n for n in MODULES if not n.startswith(PRESENTATION) and n not in MAY_RENDER]
)
def test_the_core_never_reaches_the_renderers(name: str) -> None:
    assert not {m for m in reachable(name) if m.startswith(PRESENTATION)}, name


def test_the_renderers_import_no_command_line() -> None:
    for name in (n for n in MODULES if n.startswith(PRESENTATION)):
        assert not reachable(name) & MAY_RENDER, name
