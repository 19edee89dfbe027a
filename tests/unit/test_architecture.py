"""Qt stays out of the core: nothing outside welcomedly_desktop/gui/ may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "welcomedly_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts[:1]]


def test_core_has_modules_to_check():
    # Guards the guard: if the package moved, the check below would pass vacuously.
    names = {p.relative_to(PACKAGE).as_posix() for p in core_modules()}
    assert {"config.py", "db/engine.py", "services/auth.py", "cli.py"} <= names


def test_no_qt_import_outside_gui():
    offenders = [str(p.relative_to(PACKAGE)) for p in core_modules() if {"PySide6", "shiboken6"} & _imports(p)]
    assert offenders == [], f"Qt imported outside gui/: {offenders}"


def test_importing_core_does_not_load_qt():
    """Importing every core module (as the CLI does) must not pull PySide6 in transitively."""
    modules = []
    for path in core_modules():
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(parts))
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
