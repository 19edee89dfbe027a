"""The private third-party APIs the import uses (importing/adapters/): when a new psycopg or pyarrow
changes them, these tests fail with the library's version in the message, before an import does."""

from __future__ import annotations

import datetime as dt
import importlib
import pathlib
import re

import psycopg
import pyarrow as pa
from psycopg.adapt import Transformer

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "welcomedly_desktop"


def test_psycopg_format_row_text_writes_copy_text() -> None:
    try:
        from welcomedly_desktop.importing.adapters.psycopg_copy import format_row_text
    except ImportError as exc:
        raise AssertionError(str(exc)) from exc
    buf = bytearray()
    try:
        format_row_text((7, "a\tb", None, 'x"\\y\n', dt.date(2024, 1, 2)), Transformer(), buf)
    except Exception as exc:  # noqa: BLE001 - any change of signature or behaviour
        raise AssertionError(f"psycopg {psycopg.__version__}: _copy_base.format_row_text changed ({exc!r})") from exc
    assert bytes(buf) == b'7\ta\\tb\t\\N\tx"\\\\y\\n\t2024-01-02\n', (
        f"psycopg {psycopg.__version__}: _copy_base.format_row_text writes {bytes(buf)!r}, not COPY text as before")
    buf2 = bytearray(b"kept")
    format_row_text(("z",), Transformer(), buf2)
    assert bytes(buf2) == b"kept" + b"z\n", f"psycopg {psycopg.__version__}: format_row_text no longer appends"


def test_pyarrow_compute_private_names_work() -> None:
    try:
        ac = importlib.import_module("welcomedly_desktop.importing.adapters.arrow_compute")
    except ImportError as exc:
        raise AssertionError(str(exc)) from exc
    version = f"pyarrow {pa.__version__}: pyarrow._compute"
    strings = pa.array([" Ab ", "cd", None])
    checks = {
        "call_function + TrimOptions": (ac.call_function("utf8_trim", [strings], ac.TrimOptions(" ")), ["Ab", "cd", None]),
        "CastOptions.safe": (ac.call_function("cast", [pa.array([1, 2])], ac.CastOptions.safe(pa.string())), ["1", "2"]),
        "FilterOptions": (ac.call_function("filter", [strings, pa.array([True, False, True])], ac.FilterOptions("drop")),
                          [" Ab ", None]),
        "TakeOptions": (ac.call_function("take", [strings, pa.array([1])], ac.TakeOptions(boundscheck=True)), ["cd"]),
        "JoinOptions": (ac.call_function("binary_join_element_wise", [strings, strings, pa.array(["-"] * 3)],
                                         ac.JoinOptions()), [" Ab - Ab ", "cd-cd", None]),
        "MatchSubstringOptions": (ac.call_function("starts_with", [strings], ac.MatchSubstringOptions("c")),
                                  [False, True, None]),
        "ReplaceSubstringOptions": (ac.call_function("replace_substring_regex", [strings],
                                                     ac.ReplaceSubstringOptions("[a-z]", "")), [" A ", "", None]),
        "SliceOptions": (ac.call_function("utf8_slice_codeunits", [strings], ac.SliceOptions(0, 1)), [" ", "c", None]),
    }
    for what, (got, expected) in checks.items():
        assert got.to_pylist() == expected, f"{version}: {what} gives {got.to_pylist()}, not {expected}"
    total = ac.call_function("max", [pa.array([3, 9])], ac.ScalarAggregateOptions(skip_nulls=True, min_count=1))
    assert total.as_py() == 9, f"{version}: ScalarAggregateOptions changed"


def test_no_other_module_imports_the_private_apis() -> None:
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "adapters":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"psycopg\._copy_base|pyarrow\._compute|pyarrow import _compute|psycopg import _copy_base", text):
            found.append(str(path.relative_to(PACKAGE)))
    assert found == [], "private third-party APIs belong in importing/adapters/"
