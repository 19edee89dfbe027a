"""Build the bundle where there is no ``make`` (Windows): ``python packaging/build.py``.

Does what ``make ui`` and ``make bundle`` do: compiles ``ui/*.ui`` into
``welcomedly_desktop/gui/generated/`` when they changed, then runs PyInstaller on ``build.spec``
(output in ``dist/<APP_ID>/``, work files in ``build/``).  Run it with the Python of the project's
virtual environment, after ``pip install -e ".[test]"``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "welcomedly_desktop" / "gui" / "generated"
GENERATED_INIT = '"""Generated from ui/*.ui by pyside6-uic (make ui); do not edit."""\n'


def _uic() -> list[str]:
    scripts = Path(sys.executable).parent
    for name in ("pyside6-uic.exe", "pyside6-uic"):
        if (scripts / name).is_file():
            return [str(scripts / name)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise SystemExit("packaging/build.py: pyside6-uic not found; install the project first: pip install -e \".[test]\"")


def compile_ui() -> None:
    GENERATED.mkdir(parents=True, exist_ok=True)
    init = GENERATED / "__init__.py"
    if not init.exists():
        init.write_text(GENERATED_INIT, encoding="utf-8")
    uic = None
    for form in sorted((ROOT / "ui").glob("*.ui")):
        target = GENERATED / f"ui_{form.stem}.py"
        if target.exists() and target.stat().st_mtime >= form.stat().st_mtime:
            continue
        uic = uic or _uic()
        print(f"pyside6-uic {form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
        subprocess.run([*uic, "--from-imports", "-o", str(target), str(form)], check=True)


def main() -> int:
    compile_ui()
    import PyInstaller.__main__

    started = time.perf_counter()
    PyInstaller.__main__.run(
        [
            "--noconfirm",
            "--clean",
            "--distpath", str(ROOT / "dist"),
            "--workpath", str(ROOT / "build"),
            str(ROOT / "build.spec"),
        ]
    )
    sys.path.insert(0, str(ROOT / "packaging"))
    from bundle_config import read_app_metadata

    bundle = ROOT / "dist" / read_app_metadata(ROOT).app_id
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"Bundle {bundle} built in {time.perf_counter() - started:.0f} s, {size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
