"""The package's architecture, read from the imports (ast) of every module.

Layers, from the top: the two faces ``gui`` and ``cli`` (never importing each other), then
``services``, then ``importing``, ``reports`` and ``printing``, then ``db``; the top-level modules
(config, errors, logging_setup, credentials) are shared by all.  Qt lives only in ``gui/`` and
``printing/``; no module-level import cycle; no file over 500 lines; no scaffolding.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "welcomedly_desktop"
ROOT = PACKAGE.name
GENERATED = PACKAGE / "gui" / "generated"  # compiled .ui forms: git-ignored, not written by hand
QT = ("PySide6", "shiboken6")
MAX_LINES = 500


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name, resolved to a module of the package when it is one
    line: int
    top_level: bool  # runs when the module is imported (not inside a function or TYPE_CHECKING)


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if GENERATED not in p.parents)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def package_modules() -> frozenset[str]:
    return frozenset(module_name(p) for p in source_files())


def layer(module: str) -> str:
    """``cli``, ``gui``, ``db``... for a module of the package; the top-level modules are ``core``, but
    ``__main__``, the composition root that starts either face."""
    parts = module.split(".")
    if parts[0] != ROOT:
        return "external"
    if parts[1:] == ["__main__"]:
        return "entry"
    if len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return "core"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports_of(path: Path) -> tuple[Import, ...]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, top_level: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, top_level) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # ``from pkg import submodule`` imports the submodule
                sub = f"{target}.{alias.name}"
                found.append(Import(sub if sub in package_modules() else target, node.lineno, top_level))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, False)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                visit(child, False)
            else:
                visit(child, top_level)

    visit(tree, True)
    return tuple(found)


def offenders(source_layers: set[str], forbidden: set[str]) -> list[str]:
    return [
        f"{module_name(p)}:{imp.line} imports {imp.module}"
        for p in source_files() if layer(module_name(p)) in source_layers
        for imp in imports_of(p) if layer(imp.module) in forbidden
    ]


# -- direction ------------------------------------------------------------------------------------
# layer -> the layers it must never import
DIRECTION = {
    "gui": {"cli"},
    "cli": {"gui"},
    "services": {"cli", "gui"},
    "db": {"services", "importing", "reports", "printing", "cli", "gui"},
    "importing": {"services", "cli", "gui"},
    "reports": {"services", "cli", "gui"},
    "printing": {"services", "cli", "gui"},
    "core": {"services", "importing", "reports", "printing", "cli", "gui"},
}
PENDING: dict[str, str] = {}  # layer -> why a rule is known to fail (xfail, strict)


def test_every_layer_has_modules_to_check():
    # Guards the guard: if the package moved, every rule below would pass vacuously.
    layers = {layer(module_name(p)) for p in source_files()}
    assert {"gui", "cli", "db", "services", "importing", "reports", "printing", "core"} <= layers
    names = {p.relative_to(PACKAGE).as_posix() for p in source_files()}
    assert {"config.py", "db/engine.py", "services/auth.py", "cli/__init__.py", "printing/report_document.py"} <= names


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=PENDING[name])) if name in PENDING else name
        for name in DIRECTION
    ],
)
def test_no_import_against_the_direction(source):
    found = offenders({source}, DIRECTION[source])
    assert found == [], f"{source} imports a layer it must not: {found}"


def test_the_checker_resolves_imports():
    """``from package import submodule`` and relative imports resolve to the package's own modules."""
    assert layer(f"{ROOT}.cli.reports") == "cli" and layer(f"{ROOT}.config") == "core"
    cli_imports = imports_of(PACKAGE / "cli" / "__init__.py")
    assert any(imp.module == f"{ROOT}.cli.common" and imp.top_level for imp in cli_imports)
    assert any(imp.module == f"{ROOT}.cli.db" for imp in cli_imports)
    assert any(imp.module == f"{ROOT}.db.models.base" for imp in imports_of(PACKAGE / "db" / "models" / "__init__.py"))


# -- cycles ---------------------------------------------------------------------------------------
def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in source_files():
        own = module_name(path)
        for imp in imports_of(path):
            if imp.top_level and imp.module in modules and imp.module != own:
                graph[own].add(imp.module)
    return graph


def strongly_connected_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module (or a self-loop)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        components.append(sorted(component))
    return components


def test_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}, "f": set()}
    assert sorted(strongly_connected_components(graph)) == [["a", "b", "c"], ["e"]]


def test_no_import_cycle():
    assert strongly_connected_components(import_graph()) == []


# -- Qt -------------------------------------------------------------------------------------------
def _qt_imports(path: Path) -> set[str]:
    return {imp.module for imp in imports_of(path) if imp.module.split(".")[0] in QT}


def core_modules() -> list[Path]:
    return [p for p in source_files() if layer(module_name(p)) not in {"gui", "printing"}]


def test_no_qt_import_outside_gui_and_printing():
    found = [str(p.relative_to(PACKAGE)) for p in core_modules() if _qt_imports(p)]
    assert found == [], f"Qt imported outside gui/ and printing/: {found}"


def test_printing_imports_no_qt_widgets():
    found = [
        f"{p.relative_to(PACKAGE)}: {name}"
        for p in source_files() if layer(module_name(p)) == "printing"
        for name in _qt_imports(p) if name.startswith("PySide6.QtWidgets")
    ]
    assert found == [], f"printing/ imports QtWidgets: {found}"


def test_printing_loads_no_qt_widgets_even_indirectly():
    """QtPrintSupport or QtCharts would bring QtWidgets in without naming it: check what loads."""
    modules = [module_name(p) for p in source_files() if layer(module_name(p)) == "printing"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.startswith('PySide6.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout
    assert "PySide6.QtGui" in loaded, "guards the guard: printing/ was imported"
    for name in ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "PySide6.QtCharts"):
        assert name not in loaded, f"printing/ loads {name}: {loaded}"


def test_importing_core_does_not_load_qt():
    """Importing every module outside gui/ and printing/ (as the CLI does) must not pull PySide6 in."""
    modules = [module_name(p) for p in core_modules() if p.name != "__main__.py"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "loaded = sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6')))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# -- size and scaffolding -------------------------------------------------------------------------
LAYERS = ("core", "entry", "db", "importing", "reports", "printing", "services", "cli", "gui")


def _per_layer(pending: dict[str, str]) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=pending[name])) if name in pending
            else name for name in LAYERS]


def _files_of(name: str) -> list[Path]:
    return [p for p in source_files() if layer(module_name(p)) == name]


LONG_PENDING: dict[str, str] = {}


@pytest.mark.parametrize("name", _per_layer(LONG_PENDING))
def test_no_file_over_the_line_limit(name):
    long = {str(p.relative_to(PACKAGE)): n for p in _files_of(name)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"files over {MAX_LINES} lines: {long}"


SCAFFOLDING = re.compile(r"__import__|optional_attr|PlaceholderPage")


@pytest.mark.parametrize("name", _per_layer({}))
def test_no_scaffolding(name):
    found = [
        f"{p.relative_to(PACKAGE)}:{n}"
        for p in _files_of(name)
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if SCAFFOLDING.search(line)
    ]
    assert found == [], f"dynamic imports or staged-delivery scaffolding: {found}"


def test_every_file_is_in_a_layer():
    assert sorted(p for p in source_files() if layer(module_name(p)) not in LAYERS) == []
