"""Work around PySide6 6.12 over-releasing ``None`` on Python 3.11.

Measured on this stack (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that returns
``void`` (``setTitle``, ``setColor``, ``QLineSeries.append``...) decrements ``None``'s reference
count once without having incremented it — harmless on Python >= 3.12, where ``None`` is
immortal, but on 3.11 a few thousand such calls bring the count to zero and the interpreter
aborts with "Fatal Python error: none_dealloc" (seen when a test session drew several reports).

:func:`protect_none` gives ``None`` the same effective immortality 3.12 has, by raising its
reference count by 2**40 once per process.  It touches nothing else and is a no-op on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40


def protect_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is a PyObject's first field
    if refcount.value < _BOOST:
        refcount.value += _BOOST
