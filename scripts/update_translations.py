"""Extract the translatable strings into resources/i18n/*.ts with pyside6-lupdate (make translations-update).

Sources: the package's Python files (generated UI modules excluded: their .ui forms are read
instead).  Line numbers are left out of the .ts so that moving code does not change it.
Usage: python scripts/update_translations.py [TS_FILE ...]   (default: every resources/i18n/*.ts)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources(root: Path = ROOT) -> list[Path]:
    package = root / "welcomedly_desktop"
    python = [p for p in sorted(package.rglob("*.py")) if "generated" not in p.relative_to(package).parts]
    return python + sorted((root / "ui").glob("*.ui"))


def lupdate_tool() -> str:
    here = Path(sys.executable).parent / "pyside6-lupdate"
    return str(here) if here.exists() else (shutil.which("pyside6-lupdate") or "pyside6-lupdate")


def lupdate(ts_files: list[Path], root: Path = ROOT) -> None:
    """Write (or update) ``ts_files`` from the sources; obsolete entries are dropped."""
    files = [str(p) for p in sources(root)]
    command = [lupdate_tool(), "-silent", "-locations", "none", "-no-obsolete", *files, "-ts", *map(str, ts_files)]
    subprocess.run(command, check=True, cwd=root)


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or sorted((ROOT / "resources" / "i18n").glob("welcomedly_*.ts"))
    lupdate(targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
