"""psycopg's COPY text formatter, a private API (``psycopg._copy_base.format_row_text``).

Why: it writes a row in COPY's text format into a buffer, in C, the way ``Copy.write_row`` does,
without a COPY open; the import builds its COPY data a chunk at a time with it.  psycopg is pinned
to 3.3.x (pyproject); tests/importing/test_adapters.py checks it on every run.
"""

from __future__ import annotations

import psycopg

try:
    from psycopg._copy_base import format_row_text
except ImportError as exc:  # a psycopg that moved or renamed it
    raise ImportError(
        f"psycopg {psycopg.__version__} has no psycopg._copy_base.format_row_text, which the import "
        "uses to write COPY text (importing/adapters/psycopg_copy.py); pin psycopg to a version that has it"
    ) from exc

__all__ = ["format_row_text"]
