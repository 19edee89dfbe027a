"""The import engine has one front door: services use only the names importing/__init__.py exports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import welcomedly_desktop.importing as importing

PACKAGE = Path(importing.__file__).resolve().parents[1]


def _importing_uses(path: Path) -> list[str]:
    """Every ``welcomedly_desktop.importing...`` import of a module, as "module: name"."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            uses += [f"{alias.name}:" for alias in node.names if alias.name.startswith("welcomedly_desktop.importing")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("welcomedly_desktop.importing"):
            uses += [f"{node.module}: {alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "welcomedly_desktop":
            uses += [f"welcomedly_desktop.{alias.name}:" for alias in node.names if alias.name == "importing"]
    return uses


def test_services_use_only_the_front_door():
    services = sorted((PACKAGE / "services").glob("*.py"))
    assert any(p.name == "imports.py" for p in services)  # the check below is not vacuous
    offenders = [f"{p.name}: {use}" for p in services for use in _importing_uses(p)
                 if not (use.startswith("welcomedly_desktop.importing: ") and use.split(": ")[1] in importing.__all__)
                 and use != "welcomedly_desktop.importing:"]
    assert offenders == [], f"services reach behind importing's front door: {offenders}"


def test_every_exported_name_exists():
    assert [name for name in importing.__all__ if not hasattr(importing, name)] == []


def test_the_options_do_not_load_the_engine():
    """A command line parses its options before it logs in; the engine (pyarrow, numpy) loads after."""
    code = (
        "import sys\n"
        "from welcomedly_desktop.importing import ImportOptions, parse_dedupe\n"
        "import welcomedly_desktop.importing.prefetch\n"
        "print(sorted(m for m in ('pyarrow', 'numpy', 'welcomedly_desktop.importing.loader') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
