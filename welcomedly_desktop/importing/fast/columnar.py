"""Records' COPY lines built for a whole batch of rows at once, with Arrow's compute kernels (C++).

The per-row builder (:func:`normalize.make_line_processor`) costs microseconds a row in Python; the
same rules applied column by column cost a fraction of that, which is what lets a million-row import
keep up with the server.  The rules are not restated differently here: a batch is split into rows
this module can judge *exactly* like the per-row builder -- every cell made only of
:data:`PLAIN_CHARS`, a phone of the usual shapes -- and the rest, which the caller hands to the
per-row functions (a test checks, on random rows, that both give the same phone and line).

Why the character set is narrower than the per-row builder's "printable": it is where the two
libraries agree (checked character by character in the tests) -- Python's ``str.strip``/``str.lower``/``\\s`` and Arrow's
``utf8_trim``/``utf8_lower``/RE2's ``\\s`` (the only whitespace in it is the space; no character
in it lower-cases differently; no character in it needs an escape in COPY text or JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pyarrow as pa

from welcomedly_desktop.importing.fast import arrow_kernels as pc
from welcomedly_desktop.importing.fast import phone_columns
from welcomedly_desktop.importing.normalize import EMAIL_PATTERN, MAX_EMAIL, RowLayout
from welcomedly_desktop.importing.phones import rules_for

#: Characters of a cell the batch builder judges itself (RE2 class syntax): printable ASCII but the
#: double quote and backslash, Latin-1 and Latin Extended A/B letters and signs (not the no-break
#: space, the soft hyphen, or the dotted capital I, whose lower case is two characters in Python),
#: Cyrillic, the common typographic dashes, quotes and ellipsis, and the euro sign.
PLAIN_CHARS = (
    r"\x20\x21\x23-\x5b\x5d-\x7e\x{a1}-\x{ac}\x{ae}-\x{12f}\x{131}-\x{24f}"
    r"\x{400}-\x{4ff}\x{2013}-\x{2026}\x{20ac}"
)
_ALL_PLAIN = f"^[{PLAIN_CHARS}]*$"
_FLOAT_ARTEFACT = r"^([0-9]+)\.0+$"
_SEPARATORS = r"[ ()\-./]"  # normalize._SEPARATORS without the tab and no-break space (not plain)
_EMAIL = EMAIL_PATTERN  # on plain text \s is the space in both Python and RE2


# Python values given to pyarrow (``pa.scalar``, ``pa.array``, ``to_numpy``) make it import pandas
# (a long import) to check whether they are pandas objects: the values here are built from buffers.
def _text(value: str) -> pa.Scalar:
    data = value.encode()
    offsets = np.array([0, len(data)], dtype=np.int32)
    return pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)])[0]


def int32_scalar(value: int) -> pa.Scalar:
    return pa.Array.from_buffers(pa.int32(), 1, [None, pa.py_buffer(np.array([value], dtype=np.int32))])[0]


def int64_array(values: np.ndarray) -> pa.Array:
    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def text_array(values: list[str]) -> pa.Array:
    """A string array of Python strings."""
    data = [v.encode() for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])


def bools(mask: pa.Array) -> np.ndarray:
    """A boolean array without nulls as numpy booleans (its bits unpacked)."""
    bits = np.frombuffer(mask.buffers()[1], dtype=np.uint8)
    return np.unpackbits(bits, bitorder="little")[mask.offset:mask.offset + len(mask)].view(bool)


def bool_array(mask: np.ndarray) -> pa.Array:
    """Numpy booleans as an Arrow boolean array (its bits packed; the inverse of :func:`bools`)."""
    return pa.Array.from_buffers(pa.bool_(), len(mask), [None, pa.py_buffer(np.packbits(mask, bitorder="little"))])


def int64s(values: pa.Array) -> np.ndarray:
    """An int64 array without nulls as a numpy array (no copy)."""
    return np.frombuffer(values.buffers()[1], dtype=np.int64, count=len(values), offset=values.offset * 8)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-D array of numbers.  Why not ``np.unique`` itself: its first call
    imports ``numpy.ma`` (CPU with the GIL held, on every command that imports)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    first = np.empty(len(values), dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _memory_pool() -> None:
    """jemalloc with freed memory handed back at once, where pyarrow has it (Linux, macOS).

    Why: the default pool (mimalloc) kept far more resident than it had allocated during a big
    import (the reading thread and Arrow's I/O thread each with their own heaps)."""
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    except NotImplementedError:  # a build without jemalloc (Windows)
        pass


def keep_freed_memory(ms: int) -> None:
    """How long jemalloc keeps memory Arrow freed before handing it back (0: at once, the default
    set above).  A workbook import, whose peak is far below its budget, keeps it a while: every
    fresh page is a page fault (xlsx_batches)."""
    try:
        pa.jemalloc_set_decay_ms(ms)
    except NotImplementedError:
        pass


_memory_pool()
_EMPTY = _text("")
_NULL = _text("\\N")
_SPACE = _text(" ")
_COMMA_QUOTE = _text('",')
_TAB = _text("\t")
_OPEN, _CLOSE = _text("{"), _text("}")
_MAX_EMAIL = int32_scalar(MAX_EMAIL)
_FALSE = bool_array(np.zeros(1, dtype=bool))[0]


def _phones(raw: pa.Array, country_code: str) -> tuple[pa.Array, pa.Array, pa.Array]:
    """(normalised phone, judged here and valid, line type) for each cell, as
    :func:`normalize.judge_phone` gives it for a plain cell; rows with False go to the per-row
    function (invalid, unusual, or for the numbering-plan library)."""
    text = pc.utf8_trim(raw, " ")
    plain_digits = pc.ascii_is_decimal(text)
    other = pc.invert(plain_digits)
    intl = pc.starts_with(text, "+")
    digits = text
    if pc.any(other).as_py():
        # Only the formatted ones pay for the artefact and separator rules.
        sub = pc.filter(text, other)
        sub = pc.replace_substring_regex(sub, _FLOAT_ARTEFACT, r"\1")
        sub_intl = pc.starts_with(sub, "+")
        sub = pc.if_else(sub_intl, pc.utf8_slice_codeunits(sub, 1), sub)
        sub = pc.replace_substring_regex(sub, _SEPARATORS, "")
        digits = pc.replace_with_mask(text, other, sub)
    valid = pc.ascii_is_decimal(digits)
    double_zero = pc.and_(pc.invert(intl), pc.starts_with(digits, "00"))
    intl = pc.or_(intl, double_zero)
    digits = pc.if_else(double_zero, pc.utf8_slice_codeunits(digits, 2), digits)
    # The numbering plan's rules, a column at a time (importing/phones.py, fast/phone_columns.py).
    phone, decided, kind = phone_columns.judge(rules_for(country_code), digits, intl)
    return phone, pc.and_(valid, decided), kind


def _trimmed_or_null(raw: pa.Array) -> pa.Array:
    text = pc.utf8_trim(raw, " ")
    return pc.if_else(pc.equal(text, _EMPTY), _NULL, text)


def make_batch_processor(
    layout: RowLayout, country_code: str, campaign_id: int, upload_id: int
) -> Callable[[list[pa.Array], np.ndarray], tuple[np.ndarray, pa.Array, pa.Array]]:
    """A function of (the batch's columns as string arrays, its source row numbers) returning
    (which rows it judged valid and plain, their phones, their COPY lines) -- the lines exactly as
    :func:`normalize.make_line_processor` builds them, in ``RECORD_COPY_COLUMNS`` order."""
    phone_i, name_i, alt_i, email_i, ext_i = layout.phone, layout.name, layout.alt_phone, layout.email, layout.external_id
    quote = json.encoder.encode_basestring
    extras = [(_text(quote(name) + ':"'), i) for name, i in layout.extras]  # '"column":"' then the value
    tail = _text(f"{int(campaign_id)}\t{int(upload_id)}\n")

    def process(columns: list[pa.Array], rows: np.ndarray) -> tuple[np.ndarray, pa.Array, pa.Array]:
        cols = [pc.fill_null(c, _EMPTY) if c.null_count else c for c in columns]
        joined = pc.binary_join_element_wise(*cols, _SPACE) if len(cols) > 1 else cols[0]
        ok = pc.match_substring_regex(joined, _ALL_PLAIN)
        phone, valid, kind = _phones(cols[phone_i], country_code)
        ok = pc.and_(ok, valid)
        alt = _NULL
        if alt_i is not None:
            raw = cols[alt_i]
            empty = pc.equal(raw, _EMPTY)
            alt_phone, valid, _ = _phones(raw, country_code)
            ok = pc.and_(ok, pc.or_(empty, valid))
            alt = pc.if_else(empty, _NULL, alt_phone)
        email = _NULL
        if email_i is not None:
            text = pc.utf8_trim(cols[email_i], " ")
            empty = pc.equal(text, _EMPTY)
            valid = pc.and_(pc.less_equal(pc.utf8_length(text), _MAX_EMAIL), pc.match_substring_regex(text, _EMAIL))
            ok = pc.and_(ok, pc.or_(empty, valid))
            email = pc.if_else(empty, _NULL, pc.utf8_lower(text))
        name = _trimmed_or_null(cols[name_i]) if name_i is not None else _NULL
        external_id = _trimmed_or_null(cols[ext_i]) if ext_i is not None else _NULL
        if extras:
            # Each non-empty value as '"column":"value",'; the last comma cut.  (Not nulls skipped by
            # the join: pyarrow 26 returns an empty array when every input of that join is null.)
            parts = [pc.if_else(pc.equal(cols[i], _EMPTY), _EMPTY, pc.binary_join_element_wise(key, cols[i], _COMMA_QUOTE, _EMPTY))
                     for key, i in extras]
            inner = pc.binary_join_element_wise(*parts, _EMPTY) if len(parts) > 1 else parts[0]
            inner = pc.utf8_slice_codeunits(inner, 0, -1)
            extra = pc.binary_join_element_wise(_OPEN, inner, _CLOSE, _EMPTY)
        else:
            extra = _text("{}")
        source_row = pc.cast(int64_array(rows), pa.string())
        line = pc.binary_join_element_wise(phone, source_row, name, alt, email, external_id, extra, kind, tail, _TAB)
        ok = pc.fill_null(ok, _FALSE)
        return bools(ok), pc.filter(phone, ok), pc.filter(line, ok)

    return process


def joined_bytes(lines: pa.Array) -> memoryview:
    """The values of a string array one after the other, without a copy (its data buffer)."""
    lines = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
    if not len(lines):
        return memoryview(b"")
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32, count=len(lines) + 1, offset=lines.offset * 4)
    return memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]]
