"""The cells of a worksheet's XML located with numpy, a piece of whole ``<row>`` elements at a time
(no Python per cell); what calamine would read otherwise raises :class:`FastPathUnsuitable`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from welcomedly_desktop.importing.fast import arrow_kernels as pc
from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.fast.xlsx_values import (
    STYLE_DATE,
    STYLE_NUMBER,
    STYLE_OTHER,
    date_texts,
    number_texts,
    xml_text,
)

PAD = b"\0" * 64  # after each piece: fixed-width reads past a cell's last bytes stay in the buffer
_BOOLS = b"FALSETRUE"  # the start of every piece's buffer of computed texts

# What an element is, from the two bytes after its "<" (only these may appear inside <sheetData>).
_OTHER, _C, _CLOSE, _V, _V_EMPTY, _T, _T_ATTR, _T_EMPTY, _ROW, _IS, _F = range(11)
_KINDS = np.zeros(1 << 16, dtype=np.uint8)
for _kind, _pairs in ((_C, ["c "]), (_CLOSE, ["/c", "/v", "/t", "/i", "/f", "/r"]), (_V, ["v>"]),
                      (_V_EMPTY, ["v/"]), (_T, ["t>"]), (_T_ATTR, ["t "]), (_T_EMPTY, ["t/"]), (_ROW, ["ro"]),
                      (_IS, ["is"]), (_F, ["f>", "f ", "f/"])):
    for _pair in _pairs:
        _KINDS[ord(_pair[0]) | ord(_pair[1]) << 8] = _kind
_PRESERVE = np.frombuffer(b' xml:space="preserve">', dtype=np.uint8)

# Cell types (the t attribute).
_TYPE_N, _TYPE_S, _TYPE_STR, _TYPE_INLINE, _TYPE_B = range(5)

# A text segment starting or ending with XML white space is trimmed (unless preserved).
_XML_SPACE = np.zeros(256, dtype=bool)
_XML_SPACE[[0x20, 0x09, 0x0A, 0x0D]] = True


def t_segments(arr: np.ndarray, lt: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text of the <t> elements starting at ``lt[at]``: starts, ends, and whether to trim it."""
    b2 = arr[lt[at] + 2]
    empty = b2 == ord("/")
    attr = b2 == ord(" ")
    starts = lt[at] + 3
    if attr.any():
        where = lt[at[attr]]
        if not (arr[where[:, None] + 2 + np.arange(len(_PRESERVE))] == _PRESERVE).all():
            raise FastPathUnsuitable("a <t> element with other attributes")
        starts[attr] = where + 2 + len(_PRESERVE)
    ends = np.where(empty, starts, lt[np.minimum(at + 1, len(lt) - 1)])
    if (ends < starts).any():
        raise FastPathUnsuitable("a <t> element at the end of the text")
    return starts, ends, ~attr


def _special_positions(data: bytes, n: int) -> np.ndarray:
    """Where ``data[:n]`` holds "&", a carriage return or "_x" (memchr: fast when they are few)."""
    found = []
    for needle in (b"&", b"\r", b"_"):
        at = data.find(needle, 0, n)
        count = 0
        while at >= 0:
            count += 1
            if count > 2_000:  # many: one numpy pass instead
                arr = np.frombuffer(data, dtype=np.uint8, count=n)
                found = [p for p in found if data[p] != needle[0]]
                positions = np.flatnonzero(arr == needle[0])
                if needle == b"_":
                    positions = positions[arr[np.minimum(positions + 1, n - 1)] == ord("x")]
                found.extend(positions.tolist())
                break
            if needle != b"_" or data[at + 1:at + 2] == b"x":
                found.append(at)
            at = data.find(needle, at + 1, n)
    return np.sort(np.array(found, dtype=np.int64))


def special_segments(data: bytes, n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which segments (sorted, disjoint) hold an entity, a carriage return or "_x"."""
    marks = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return marks
    pos = _special_positions(data, n)
    if len(pos):
        k = np.searchsorted(starts, pos, side="right") - 1
        inside = (k >= 0) & (pos < ends[np.maximum(k, 0)])
        marks[k[inside]] = True
    return marks


def edge_space(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    filled = ends > starts
    return filled & (_XML_SPACE[arr[starts]] | _XML_SPACE[arr[np.maximum(ends - 1, 0)]])


@dataclass
class Cells:
    """The cells of a piece of rows: position, and text as Arrow string-view structs (16 bytes each)
    over the piece's buffers (0: the XML, 1: the shared strings, 2: computed texts)."""

    rows: np.ndarray  # int64 row numbers
    cols: np.ndarray  # int64, 0-based
    valued: np.ndarray  # bool: calamine has a value there
    views: np.ndarray  # (n, 16) uint8
    buffers: list[pa.Buffer]

    def texts(self, which: np.ndarray) -> list[str]:
        return view_array(np.ascontiguousarray(self.views[which]), self.buffers).to_pylist()


def view_array(views: np.ndarray, buffers: list[pa.Buffer]) -> pa.Array:
    array = pa.Array.from_buffers(pa.string_view(), len(views), [None, pa.py_buffer(views), *buffers])
    return pc.cast(array, pa.string())


class CellSources:
    """Where each cell's text is: a buffer (0: the XML, 1: the shared strings, 2: texts computed in
    Python, starting with "FALSETRUE"), an offset in it and a length."""

    def __init__(self, n: int) -> None:
        self.buffer = np.zeros(n, dtype=np.int32)
        self.offset = np.zeros(n, dtype=np.int64)
        self.length = np.zeros(n, dtype=np.int64)
        self._extra = [_BOOLS]
        self._extra_len = len(_BOOLS)

    def computed(self, cells: np.ndarray, texts: list[str]) -> None:
        encoded = [t.encode() for t in texts]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        ends = np.cumsum(lengths)
        self.buffer[cells] = 2
        self.offset[cells] = self._extra_len + ends - lengths
        self.length[cells] = lengths
        self._extra.extend(encoded)
        self._extra_len += int(ends[-1]) if len(ends) else 0

    def extra(self) -> bytes:
        return b"".join(self._extra) + PAD


def parse_cells(data: bytes, n: int, sst_offsets: np.ndarray | None, sst_data: np.ndarray, styles: np.ndarray) -> Cells:
    """The cells of ``data[:n]`` (whole ``<row>`` elements; ``data`` ends with :data:`PAD`)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(arr[:n] == 60)
    kind = _KINDS[arr[lt + 1].astype(np.uint16) | (arr[lt + 2].astype(np.uint16) << 8)]
    if not kind.all():
        raise FastPathUnsuitable("an element the fast reader does not read (rich text, comment, prefix...)")
    is_c = kind == _C
    c_at = lt[is_c]
    count = len(c_at)
    rows, cols, style, ctype = _cell_attributes(arr, c_at)
    owner = np.cumsum(is_c, dtype=np.int32) - 1  # for every element: the cell it belongs to
    v_at = np.flatnonzero((kind == _V) | (kind == _V_EMPTY))
    t_at = np.flatnonzero((kind == _T) | (kind == _T_ATTR) | (kind == _T_EMPTY))
    v_owner, t_owner = owner[v_at], owner[t_at]
    for owners in (v_owner, t_owner):
        if len(owners) and (owners[0] < 0 or (np.diff(owners) <= 0).any()):
            raise FastPathUnsuitable("a cell with two values")
    inline = ctype == _TYPE_INLINE
    if inline[v_owner].any() or (~inline[t_owner]).any():
        raise FastPathUnsuitable("a value of the wrong kind for its cell")
    v_start = lt[v_at] + 3
    v_end = np.where(kind[v_at] == _V, lt[np.minimum(v_at + 1, len(lt) - 1)], v_start)
    t_start, t_end, t_trim = t_segments(arr, lt, t_at) if len(t_at) else (v_start[:0], v_start[:0], v_start[:0] > 0)

    valued = np.zeros(count, dtype=bool)
    valued[v_owner] = True
    valued[t_owner] = True
    src = CellSources(count)
    # Text in the XML itself: inline strings (<t>) and formulas' text (<v> of t="str").
    str_v = ctype[v_owner] == _TYPE_STR
    seg_cell = np.concatenate([t_owner, v_owner[str_v]])
    seg_start = np.concatenate([t_start, v_start[str_v]])
    seg_end = np.concatenate([t_end, v_end[str_v]])
    seg_trim = np.concatenate([t_trim, np.zeros(int(str_v.sum()), dtype=bool)])
    if len(t_start) and str_v.any():
        order = np.argsort(seg_start, kind="stable")
        seg_cell, seg_start, seg_end, seg_trim = seg_cell[order], seg_start[order], seg_end[order], seg_trim[order]
    hard = special_segments(data, n, seg_start, seg_end) | (seg_trim & edge_space(arr, seg_start, seg_end))
    easy = ~hard
    src.offset[seg_cell[easy]] = seg_start[easy]
    src.length[seg_cell[easy]] = (seg_end - seg_start)[easy]
    if hard.any():
        src.computed(seg_cell[hard], [xml_text(data[s:e], t) for s, e, t in
                                  zip(seg_start[hard].tolist(), seg_end[hard].tolist(), seg_trim[hard].tolist())])

    # Shared strings: the index in <v>.
    is_s = ctype[v_owner] == _TYPE_S
    if is_s.any():
        if sst_offsets is None:
            raise FastPathUnsuitable("a shared string but no shared-string table")
        index, _ = _digits_to(arr, v_start[is_s], 9, ord("<"))
        if (index < 0).any() or (index >= len(sst_offsets) - 1).any():
            raise FastPathUnsuitable("a shared string that is not in the table")
        cells = v_owner[is_s]
        src.buffer[cells] = 1
        src.offset[cells] = sst_offsets[index]
        src.length[cells] = sst_offsets[index + 1] - sst_offsets[index]

    # Booleans: 0 or 1.
    is_b = ctype[v_owner] == _TYPE_B
    if is_b.any():
        value, _ = _digits_to(arr, v_start[is_b], 1, ord("<"))
        if ((value != 0) & (value != 1)).any():
            raise FastPathUnsuitable("a boolean that is not 0 or 1")
        cells = v_owner[is_b]
        src.buffer[cells] = 2
        src.offset[cells] = np.where(value == 1, 5, 0)
        src.length[cells] = np.where(value == 1, 4, 5)

    # Numbers: plain integers of up to 15 digits read as written; the others through cell_text.
    is_n = ctype[v_owner] == _TYPE_N
    if is_n.any():
        cells = v_owner[is_n]
        if (style[cells] >= max(len(styles), 1)).any():
            raise FastPathUnsuitable("a number in a style that is not in the style table")
        kind = styles[style[cells]] if len(styles) else np.zeros(len(cells), dtype=np.int8)
        # A cell without a style is read as style 0 here; calamine may give it no format at all.
        if (kind == STYLE_OTHER).any() or (len(styles) and styles[0] != STYLE_NUMBER and (style[cells] == 0).any()):
            raise FastPathUnsuitable("a number in a format this reader leaves to calamine (a duration...)")
        start, end = v_start[is_n], v_end[is_n]
        dates = kind == STYLE_DATE
        if dates.any():
            src.computed(cells[dates], date_texts([data[s:e] for s, e in zip(start[dates].tolist(), end[dates].tolist())]))
            cells, start, end = cells[~dates], start[~dates], end[~dates]
        plain = _plain_integers(arr, start, end)
        src.offset[cells[plain]] = start[plain]
        src.length[cells[plain]] = (end - start)[plain]
        other = ~plain
        if other.any():
            src.computed(cells[other], number_texts([data[s:e] for s, e in zip(start[other].tolist(), end[other].tolist())]))

    extra = src.extra()
    buffers = [pa.py_buffer(data), pa.py_buffer(sst_data), pa.py_buffer(extra)]
    views = cell_views(src, [arr, sst_data, np.frombuffer(extra, dtype=np.uint8)])
    return Cells(rows, cols, valued, views, buffers)


def _cell_attributes(arr: np.ndarray, c_at: np.ndarray) -> tuple[np.ndarray, ...]:
    """Row, column, style and type of the cells whose "<c " starts at ``c_at``.

    Read a byte position at a time for all cells at once (numpy over whole columns of bytes: 2-D
    windows of a cell's bytes measured slower, numpy being slow on rows of a few bytes)."""
    count = len(c_at)
    if not ((arr[c_at + 3] == ord("r")) & (arr[c_at + 4] == ord("=")) & (arr[c_at + 5] == ord('"'))).all():
        raise FastPathUnsuitable("a cell without its reference first")
    p = c_at + 6
    col = np.zeros(count, dtype=np.int64)
    going = np.ones(count, dtype=bool)
    for _ in range(3):
        letter = arr[p] - np.uint8(ord("A"))
        is_letter = going & (letter < 26)
        if not is_letter.any():
            break
        col = np.where(is_letter, col * 26 + letter + 1, col)
        p = p + is_letter
        going = is_letter
    row, p = _digits_to(arr, p, 7)
    if not ((col > 0) & (row > 0)).all():
        raise FastPathUnsuitable("a cell reference this reader does not read")
    p = p + 1
    style = np.zeros(count, dtype=np.int64)
    ctype = np.full(count, _TYPE_N, dtype=np.int8)
    for _ in range(2):
        second = arr[p + 1]
        attr = np.flatnonzero((arr[p] == 32) & (second != ord("/")) & (second != ord(">")))
        if not len(attr):
            break
        q = p[attr]
        name = arr[q + 1]
        is_s = name == ord("s")
        if not ((arr[q + 2] == ord("=")) & (arr[q + 3] == ord('"')) & (is_s | (name == ord("t")))).all():
            raise FastPathUnsuitable("a cell attribute this reader does not read")
        start = q + 4
        end = np.empty_like(start)
        if is_s.any():
            value, end[is_s] = _digits_to(arr, start[is_s], 6)
            if (value < 0).any():
                raise FastPathUnsuitable("a style that is not a number")
            style[attr[is_s]] = value
        is_t = ~is_s
        if is_t.any():
            at = start[is_t]
            first = arr[at]
            kind = np.full(len(at), -1, dtype=np.int8)
            one = arr[at + 1] == ord('"')
            kind[one & (first == ord("n"))] = _TYPE_N
            kind[one & (first == ord("s"))] = _TYPE_S
            kind[one & (first == ord("b"))] = _TYPE_B
            three = (first == ord("s")) & (arr[at + 1] == ord("t")) & (arr[at + 2] == ord("r")) & (arr[at + 3] == ord('"'))
            kind[three] = _TYPE_STR
            nine = (first == ord("i")) & (arr[at + 6] == ord("S")) & (arr[at + 9] == ord('"'))
            kind[nine] = _TYPE_INLINE
            if (kind < 0).any():
                raise FastPathUnsuitable("a cell type this reader leaves to calamine (error, date)")
            ctype[attr[is_t]] = kind
            end[is_t] = at + np.where(one, 1, np.where(three, 3, 9))
        p[attr] = end + 1
    b = arr[p]
    closed = (b == ord(">")) | ((b == ord("/")) & (arr[p + 1] == ord(">"))) | (
        (b == 32) & ((arr[p + 1] == ord(">")) | ((arr[p + 1] == ord("/")) & (arr[p + 2] == ord(">")))))
    if not closed.all():
        raise FastPathUnsuitable("a cell element this reader does not read")
    return row, col - 1, style, ctype


def _digits_to(arr: np.ndarray, start: np.ndarray, digits: int, stop: int = ord('"')) -> tuple[np.ndarray, np.ndarray]:
    """Unsigned integers of 1 to ``digits`` digits followed by the byte ``stop`` (an attribute's
    closing quote, or the "<" after an element's text): values (-1 where not one) and where each
    ``stop`` is."""
    value = np.zeros(len(start), dtype=np.int64)
    p = start
    going = np.ones(len(start), dtype=bool)
    for _ in range(digits):
        digit = arr[p] - np.uint8(ord("0"))
        is_digit = going & (digit < 10)
        if not is_digit.any():
            break
        value = np.where(is_digit, value * 10 + digit, value)
        p = p + is_digit
        going = is_digit
    ok = (p > start) & (arr[p] == stop)
    return np.where(ok, value, -1), p


def _plain_integers(arr: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Which number texts are an optional minus and 1-15 digits without a leading zero: the text
    calamine's float of them prints as (``cell_text``)."""
    length = end - start
    window = np.lib.stride_tricks.sliding_window_view(arr, 16)[start]
    minus = window[:, 0] == ord("-")
    digits = (window >= ord("0")) & (window <= ord("9"))
    digits[:, 0] |= minus
    inside = np.arange(16)[None, :] < length[:, None]
    all_digits = (digits | ~inside).all(axis=1)
    size = length - minus
    first = window[np.arange(len(start)), minus.astype(np.int64)]
    return all_digits & (size >= 1) & (size <= 15) & ((first != ord("0")) | (size == 1)) & ~(minus & (first == ord("0")))


def cell_views(src: CellSources, arrays: list[np.ndarray]) -> np.ndarray:
    """Arrow string-view structs: length, then the text itself when it fits in 12 bytes, else its
    first 4 bytes, the buffer's index and the offset in it."""
    count = len(src.length)
    views = np.zeros((count, 16), dtype=np.uint8)
    if not count:
        return views
    words = views.view(np.int32)
    words[:, 0] = src.length
    for index, array in enumerate(arrays):
        which = np.flatnonzero((src.buffer == index) & (src.length > 0))
        if not len(which):
            continue
        offset, length = src.offset[which], src.length[which]
        # The bytes after a short text are not zeroed: the views only live until the cast to
        # plain strings, which copies ``length`` bytes of each.
        head = np.lib.stride_tricks.sliding_window_view(array, 12)[offset]
        views[which, 4:16] = head
        long = which[length > 12]
        words[long, 2] = index
        words[long, 3] = src.offset[long]
    return views
