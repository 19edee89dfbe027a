"""The per-country phone rules (:mod:`..phones`) applied a column at a time, with Arrow's RE2.

Given a batch's phone digits (separators already dropped) and which were written as international,
:func:`judge` returns each row's E.164 digits and line type where it can decide *exactly* as
``CountryRules.judge`` does row by row -- a number of the right length, nothing to strip, a
decidable plan -- and leaves every other row (rejected, unusual, or one for the library) to the
per-row functions.  A pattern pass costs ~0.1 us a row, so each pass runs only on the rows still
in question.  Tests compare both on random numbers.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from welcomedly_desktop.importing import phones
from welcomedly_desktop.importing.fast import arrow_kernels as pc


def _bools(mask: pa.Array) -> np.ndarray:
    """A boolean array (nulls as False) as numpy booleans."""
    values = np.unpackbits(np.frombuffer(mask.buffers()[1], dtype=np.uint8), bitorder="little")
    values = values[mask.offset:mask.offset + len(mask)].view(bool)
    if mask.null_count:
        valid = np.unpackbits(np.frombuffer(mask.buffers()[0], dtype=np.uint8), bitorder="little")
        values = values & valid[mask.offset:mask.offset + len(mask)].view(bool)
    return values


def _mask(values: np.ndarray) -> pa.Array:
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(np.packbits(values, bitorder="little"))])


def _lengths(strings: pa.Array) -> np.ndarray:
    n = pc.binary_length(strings)
    return np.frombuffer(n.buffers()[1], dtype=np.int32, count=len(n), offset=n.offset * 4)


def _matches(strings: pa.Array, rows: np.ndarray, pattern: str) -> np.ndarray:
    """Full matches of ``pattern`` among ``rows`` (positions), as a mask over all strings."""
    out = np.zeros(len(strings), dtype=bool)
    if len(rows) == len(strings):
        out[:] = _bools(pc.match_substring_regex(strings, f"^(?:{pattern})$"))
    elif len(rows):
        chosen = np.zeros(len(strings), dtype=bool)
        chosen[rows] = True
        out[rows] = _bools(pc.match_substring_regex(pc.filter(strings, _mask(chosen)), f"^(?:{pattern})$"))
    return out


def _among(lengths: np.ndarray, allowed: frozenset[int]) -> np.ndarray:
    """Which lengths are allowed (a lookup table: np.isin sorts)."""
    table = np.zeros(max(allowed, default=0) + 2, dtype=bool)
    table[list(allowed)] = True
    return table[np.minimum(lengths, len(table) - 1)]


#: Line types by index (0: not decided here).
_KINDS = ["", phones.MOBILE, phones.FIXED, phones.FIXED_OR_MOBILE, phones.UNKNOWN]


def _text(value: str) -> pa.Scalar:
    """A string scalar built from buffers (``pa.scalar`` of a Python value imports pandas)."""
    data = value.encode()
    offsets = np.array([0, len(data)], dtype=np.int32)
    return pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)])[0]


def _strings(values: list[str]) -> pa.Array:
    data = [v.encode() for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])


_KIND_DICTIONARY = _strings(_KINDS)
_EMPTY = _text("")


def _starts(strings: pa.Array, patterns: tuple[str, ...]) -> np.ndarray:
    """Which strings start like one of the patterns (literal digits by ``starts_with``)."""
    out = np.zeros(len(strings), dtype=bool)
    for pattern in patterns:
        if pattern.isdigit():
            out |= _bools(pc.starts_with(strings, pattern))
        else:
            out |= _bools(pc.match_substring_regex(strings, f"^(?:{pattern})"))
    return out


def _plan_kinds(nsn: pa.Array, rules: phones.PlanRules) -> tuple[np.ndarray, np.ndarray]:
    """(decided, kind index into _KINDS) for national significant numbers of one plan."""
    size = len(nsn)
    decided = np.zeros(size, dtype=bool)
    kinds = np.zeros(size, dtype=np.int8)
    if not rules.decidable or not size:
        return decided, kinds
    lengths = _lengths(nsn)
    plain = ~_bools(pc.starts_with(nsn, "0")) & _among(lengths, rules.lengths)
    plain &= ~_starts(nsn, phones.beyond_zero((rules.prefix,) if rules.prefix else ()))
    rows = np.flatnonzero(plain)
    general = _matches(nsn, rows, rules.general.pattern) & _length_ok(lengths, rules.general)
    typed = np.flatnonzero(general)
    # One pass for "another type or a fixed line" (few rows in a list of mobiles), then each of
    # them only on the rows that passed it.
    some = [d.pattern for d in rules.others] + ([rules.fixed.pattern] if rules.fixed else [])
    either = np.flatnonzero(_matches(nsn, typed, "|".join(f"(?:{p})" for p in some))) if some else typed[:0]
    other = _matches(nsn, either, "|".join(f"(?:{d.pattern})" for d in rules.others)) if rules.others else general & False
    fixed = _desc_matches(nsn, either, lengths, rules.fixed)
    mobile = (np.zeros(size, dtype=np.int8) if rules.same_fixed_mobile
              else _desc_matches(nsn, typed, lengths, rules.mobile))
    unsure = other | (fixed == 2) | (mobile == 2)  # a pattern matched but its lengths do not
    fixed, mobile = fixed == 1, mobile == 1
    kind = np.where(fixed & (mobile | rules.same_fixed_mobile), 3, np.where(fixed, 2, np.where(mobile, 1, 4)))
    decided = plain & ~unsure & ((kind != 4) | rules.final_invalid)
    kinds[:] = kind
    return decided, kinds


def _length_ok(lengths: np.ndarray, desc: phones._Desc) -> np.ndarray:  # noqa: SLF001
    return _among(lengths, desc.lengths) if desc.lengths else np.ones(len(lengths), dtype=bool)


def _desc_matches(nsn: pa.Array, rows: np.ndarray, lengths: np.ndarray, desc: phones._Desc | None) -> np.ndarray:  # noqa: SLF001
    """0 no match, 1 a match of the right length, 2 a pattern match of a length the type lacks."""
    if desc is None:
        return np.zeros(len(nsn), dtype=np.int8)
    hit = _matches(nsn, rows, desc.pattern)
    return np.where(hit, np.where(_length_ok(lengths, desc), 1, 2), 0).astype(np.int8)


def judge(rules: phones.CountryRules, digits: pa.Array, international: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """(E.164 digits, decided here and kept, line type) for each row's digits; rows with False go
    to the per-row functions (which reject, or ask the library)."""
    size = len(digits)
    intl = _bools(international)
    decided = np.zeros(size, dtype=bool)
    kinds = np.zeros(size, dtype=np.int8)
    # National numbers: the country's own plan, unless they start like a prefix or the calling code
    # (a leading 0 is left to the plan's own check).
    national = ~intl & ~_bools(pc.starts_with(digits, rules.calling_code))
    national &= ~_starts(digits, phones.beyond_zero(tuple(rules.lead_patterns)))
    groups: list[tuple[np.ndarray, phones.PlanRules, str, int]] = [(national, rules.plan, rules.calling_code, 0)]
    # International numbers: grouped by calling code (a batch has one or two).
    if intl.any():
        for code in sorted(_calling_codes(digits, intl)):
            rows = intl & _bools(pc.starts_with(digits, code))
            groups.append((rows, phones.plan(int(code)), code, len(code)))
    for rows, plan, _code, cut in groups:
        at = np.flatnonzero(rows)
        if not len(at):
            continue
        subset = pc.filter(digits, _mask(rows))
        nsn = pc.utf8_slice_codeunits(subset, cut) if cut else subset
        ok, kind = _plan_kinds(nsn, plan)
        decided[at] = ok
        kinds[at] = kind
    phone = pc.if_else(_mask(intl), digits, pc.binary_join_element_wise(_text(rules.calling_code), digits, _EMPTY))
    indices = pa.Array.from_buffers(pa.int8(), size, [None, pa.py_buffer(kinds)])
    kind = pc.cast(pa.DictionaryArray.from_arrays(indices, _KIND_DICTIONARY), pa.string())
    return phone, _mask(decided), kind


def _calling_codes(digits: pa.Array, intl: np.ndarray) -> set[str]:
    """The calling codes the international numbers start with (as ``phones.split_calling_code``)."""
    found: set[str] = set()
    for value in set(pc.utf8_slice_codeunits(pc.filter(digits, _mask(intl)), 0, 3).to_pylist()):
        split = phones.split_calling_code(value + "000")  # a 1-3 digit start is enough to tell the code
        if split is not None:
            found.add(split[0])
    return found
