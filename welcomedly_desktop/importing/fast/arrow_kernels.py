"""The Arrow compute functions the importer uses, called by name (in place of ``pyarrow.compute``).

Why not ``pyarrow.compute`` itself: importing it builds a Python wrapper, with its docstring, for
each of Arrow's ~300 compute functions, with the GIL held while the workbook's parsing thread waits
for it, and the importer calls twenty of them.  Each function below calls the same kernel with the
options the wrapper of the same name would pass for the same arguments
(tests/importing/test_arrow_kernels.py compares their results with ``pyarrow.compute``'s); the
kernels are reached through :mod:`..adapters.arrow_compute`.

Arrays' own ``cast``/``filter``/``take``/``fill_null`` methods import ``pyarrow.compute`` on
their first call, so the import modules call the functions here instead.
"""

from __future__ import annotations

import pyarrow as pa

from welcomedly_desktop.importing.adapters import arrow_compute as _ac

_call = _ac.call_function

_AGGREGATE = _ac.ScalarAggregateOptions(skip_nulls=True, min_count=1)  # the wrappers' default
_FILTER = _ac.FilterOptions("drop")
_TAKE = _ac.TakeOptions(boundscheck=True)


def cast(values, target_type: pa.DataType):  # noqa: ANN001, ANN201
    return _call("cast", [values], _ac.CastOptions.safe(target_type))


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


def binary_join_element_wise(*strings):  # noqa: ANN002, ANN201 - the last one is the separator
    return _call("binary_join_element_wise", list(strings), _ac.JoinOptions())


def _kernel(name: str, options: type | None = None):  # noqa: ANN202
    """The function of that Arrow name: without ``options``, every argument is an input; with them,
    ``f(strings, *option_args)`` as the wrapper of that name takes it (``utf8_trim(s, " ")``,
    ``utf8_slice_codeunits(s, 0, -1)``)."""
    if options is None:
        def function(*args):  # noqa: ANN002, ANN202
            return _call(name, list(args))
    else:
        def function(strings, *option_args):  # noqa: ANN001, ANN002, ANN202
            return _call(name, [strings], options(*option_args))

    function.__name__ = function.__qualname__ = name
    return function


utf8_trim = _kernel("utf8_trim", _ac.TrimOptions)
utf8_slice_codeunits = _kernel("utf8_slice_codeunits", _ac.SliceOptions)
starts_with = _kernel("starts_with", _ac.MatchSubstringOptions)
match_substring_regex = _kernel("match_substring_regex", _ac.MatchSubstringOptions)
replace_substring_regex = _kernel("replace_substring_regex", _ac.ReplaceSubstringOptions)
if_else = _kernel("if_else")
replace_with_mask = _kernel("replace_with_mask")
and_ = _kernel("and")
or_ = _kernel("or")
invert = _kernel("invert")
equal = _kernel("equal")
greater = _kernel("greater")
greater_equal = _kernel("greater_equal")
less_equal = _kernel("less_equal")
binary_length = _kernel("binary_length")
utf8_length = _kernel("utf8_length")
utf8_lower = _kernel("utf8_lower")
ascii_is_decimal = _kernel("ascii_is_decimal")
