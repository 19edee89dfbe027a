"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every Qt method returning void; after
a few thousand calls (one chart redraw) the process aborts with "Fatal Python error: none_dealloc".
pyproject.toml pins 6.11.x for that reason; this test fails on a binding with the bug.
"""

from __future__ import annotations

import subprocess
import sys


def test_void_qt_calls_leave_none_refcount_alone():
    code = (
        "import sys\n"
        "from PySide6.QtGui import QColor\n"
        "c = QColor()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(10_000):\n"
        "    c.setRed(1)\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    # A handful of references may come and go with the loop itself; the bug loses 10,000.
    assert abs(int(result.stdout.strip())) < 100
