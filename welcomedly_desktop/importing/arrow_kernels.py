"""The Arrow compute functions the importer uses, called by name (in place of ``pyarrow.compute``).

Why not ``pyarrow.compute`` itself: importing it builds a Python wrapper, with its docstring, for
each of Arrow's ~300 compute functions -- 57 ms of CPU on every ``welcomedly import`` here, with
the GIL held while the workbook's parsing thread waits for it (measured) -- and the importer calls
twenty of them.  Each function below calls the same kernel with the options the wrapper of the
same name would pass for the same arguments (tests/importing/test_arrow_kernels.py compares
their results with ``pyarrow.compute``'s); ``call_function`` and the options classes are what
``pyarrow.compute`` itself re-exports from this module.  pyarrow is pinned to 26.x (pyproject).

Arrays' own ``cast``/``filter``/``take``/``fill_null`` methods import ``pyarrow.compute`` on
their first call, so the import modules call the functions here instead.
"""

from __future__ import annotations

import pyarrow as pa
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
)
from pyarrow._compute import call_function as _call

_AGGREGATE = ScalarAggregateOptions(skip_nulls=True, min_count=1)  # the wrappers' default
_FILTER = FilterOptions("drop")
_TAKE = TakeOptions(boundscheck=True)


def cast(values, target_type: pa.DataType):  # noqa: ANN001, ANN201
    return _call("cast", [values], CastOptions.safe(target_type))


def max(values):  # noqa: A001, ANN001, ANN201 - pyarrow.compute's name
    return _call("max", [values], _AGGREGATE)


def any(values):  # noqa: A001, ANN001, ANN201 - pyarrow.compute's name
    return _call("any", [values], _AGGREGATE)


def filter(values, mask):  # noqa: A001, ANN001, ANN201 - pyarrow.compute's name (also Array.filter's)
    return _call("filter", [values, mask], _FILTER)


def take(values, indices):  # noqa: ANN001, ANN201 - also Array.take's
    return _call("take", [values, indices], _TAKE)


def fill_null(values, fill_value):  # noqa: ANN001, ANN201
    if not isinstance(fill_value, (pa.Array, pa.ChunkedArray, pa.Scalar)):
        fill_value = pa.scalar(fill_value, type=values.type)
    elif fill_value.type != values.type:
        fill_value = pa.scalar(fill_value.as_py(), type=values.type)
    return _call("coalesce", [values, fill_value])


def utf8_trim(strings, characters: str):  # noqa: ANN001, ANN201
    return _call("utf8_trim", [strings], TrimOptions(characters))


def utf8_slice_codeunits(strings, start: int, stop: int | None = None):  # noqa: ANN001, ANN201
    return _call("utf8_slice_codeunits", [strings], SliceOptions(start, stop))


def starts_with(strings, pattern: str):  # noqa: ANN001, ANN201
    return _call("starts_with", [strings], MatchSubstringOptions(pattern))


def match_substring_regex(strings, pattern: str):  # noqa: ANN001, ANN201
    return _call("match_substring_regex", [strings], MatchSubstringOptions(pattern))


def replace_substring_regex(strings, pattern: str, replacement: str):  # noqa: ANN001, ANN201
    return _call("replace_substring_regex", [strings], ReplaceSubstringOptions(pattern, replacement))


def binary_join_element_wise(*strings):  # noqa: ANN002, ANN201 - the last one is the separator
    return _call("binary_join_element_wise", list(strings), JoinOptions())


def _plain(name: str):  # noqa: ANN202
    """A function without options, under its Arrow name."""

    def function(*args):  # noqa: ANN002, ANN202
        return _call(name, list(args))

    function.__name__ = function.__qualname__ = name
    return function


if_else = _plain("if_else")
replace_with_mask = _plain("replace_with_mask")
and_ = _plain("and")
or_ = _plain("or")
invert = _plain("invert")
equal = _plain("equal")
greater = _plain("greater")
greater_equal = _plain("greater_equal")
less_equal = _plain("less_equal")
binary_length = _plain("binary_length")
utf8_length = _plain("utf8_length")
utf8_lower = _plain("utf8_lower")
ascii_is_decimal = _plain("ascii_is_decimal")
