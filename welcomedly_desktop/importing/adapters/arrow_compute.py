"""Arrow's compute entry point and options classes, a private module (``pyarrow._compute``).

Why: ``pyarrow.compute`` re-exports them, but importing it builds a wrapper for each of Arrow's
compute functions, which the import does not need (see fast/arrow_kernels.py).  pyarrow is pinned
to 26.x (pyproject); tests/importing/test_adapters.py checks these names on every run.
"""

from __future__ import annotations

import pyarrow

try:
    from pyarrow._compute import (
        CastOptions,
        FilterOptions,
        JoinOptions,
        MatchSubstringOptions,
        ReplaceSubstringOptions,
        ScalarAggregateOptions,
        SliceOptions,
        TakeOptions,
        TrimOptions,
        call_function,
    )
except ImportError as exc:  # a pyarrow that moved or renamed one of them
    raise ImportError(
        f"pyarrow {pyarrow.__version__} lacks a name the import takes from pyarrow._compute ({exc}); "
        "see importing/adapters/arrow_compute.py, or pin pyarrow to a version that has it"
    ) from exc

__all__ = [
    "CastOptions",
    "FilterOptions",
    "JoinOptions",
    "MatchSubstringOptions",
    "ReplaceSubstringOptions",
    "ScalarAggregateOptions",
    "SliceOptions",
    "TakeOptions",
    "TrimOptions",
    "call_function",
]
