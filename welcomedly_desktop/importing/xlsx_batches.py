"""A .xlsx/.xlsm worksheet read straight from its XML, in batches of columns, for the import's fast path.

Why: calamine (``sheet_reader``) parses the whole sheet before giving the first row (1.1 s for the
benchmark's 200,000 rows, while nothing else can start), and each row it gives then costs ~5 us of
Python before the batch builder could use it.  Here the sheet's XML is inflated a megabyte at a time
and its cells are located with numpy (no Python per cell), on a thread of its own from the moment
the file is opened: each piece of rows becomes Arrow string columns that :mod:`columnar` turns into
records, while the server loads the previous ones.

The cells must read exactly as calamine + ``sheet_reader.cell_text`` read them, so this reader only
handles the shapes it can vouch for and raises :class:`FastPathUnsuitable` for anything else (the
loader then rolls back and reads the file with calamine, whose verdict counts).  What calamine does,
measured on python-calamine 0.9 (``tests/importing/test_xlsx_batches.py`` compares both readers):

* ``<is><t>`` and shared-string text: line ends normalised (CR LF and CR become LF), entities and
  character references replaced, then XML white space trimmed from both ends unless the ``<t>`` has
  ``xml:space="preserve"``, then ``_xHHHH_`` escapes replaced (not surrogates); the runs of rich text
  joined, phonetic runs (``<rPh>``) left out.
* ``t="str"`` (a formula's text): the same without trimming.
* Numbers are floats: an integer below 1e16 reads as its digits, anything else as Python's repr
  (``cell_text``); a number in a date or time format reads as a date, a datetime or a time
  (:func:`date_texts`).  Durations, dates counted from 1904, error cells and formats this reader
  cannot place are left to calamine.
* A cell without a value is not a cell; rows are numbered as the ``r`` attributes say.

Rows come out as :class:`csv_batches.Batch` (the rows after the header, blank rows left out), only
when the sheet's used range starts in column A (checked on the first rows; calamine's rows start at
the range's first column) and no data row has a filled cell right of the header.
"""

from __future__ import annotations

import logging
import posixpath
import queue
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing import arrow_kernels as pc
from welcomedly_desktop.importing.columnar import keep_freed_memory, sorted_unique
from welcomedly_desktop.importing.csv_batches import Batch, FastPathUnsuitable
from welcomedly_desktop.importing.sheet_reader import cell_text
from welcomedly_desktop.importing.table import (
    HEADER_SCAN_ROWS,
    PREVIEW_ROWS,
    RowSource,
    TableInfo,
    choose_header,
    column_names,
    trim_trailing_empty,
)

log = logging.getLogger("welcomedly_desktop.importing.loader")  # the import steps' log (load_base)

#: Inflated bytes of the sheet's XML parsed at a time (~2,500 rows of a typical lead file; see
#: BATCH_ROWS for why so small: under 1 MB, numpy's temporaries come from the heap).
CHUNK_BYTES = 900_000
FIRST_CHUNK_BYTES = 1 << 20
#: How long Arrow's freed memory is kept while a workbook is read (see XlsxSource._open).
FREED_MEMORY_KEPT_MS = 1000
#: A row longer than this (inflated XML) is not for this reader.
MAX_PENDING = 64 << 20
_PAD = b"\0" * 64  # after each piece: fixed-width reads past a cell's last bytes stay in the buffer
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
# First bytes of a text Python's str.strip() might remove entirely (white space, the separators
# \x1c-\x1f, and lead bytes of the non-ASCII spaces): rows made only of such cells are checked in Python.
_MAYBE_BLANK = np.zeros(256, dtype=bool)
_MAYBE_BLANK[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0xC2, 0xE1, 0xE2, 0xE3]] = True

_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_X_ESCAPE = re.compile(r"_x([0-9a-fA-F]{4})_")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')


def _entity(match: re.Match) -> str:
    if match[1]:
        return _NAMED[match[1]]
    code = int(match[2]) if match[2] else int(match[3], 16)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise FastPathUnsuitable("a character reference calamine may read otherwise")
    return chr(code)


def _x_escape(match: re.Match) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)


def xml_text(raw: bytes, trim: bool) -> str:
    """A text node as calamine reads it (module docstring)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FastPathUnsuitable("text that is not UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if len(_ENTITY.findall(text)) != text.count("&"):
            raise FastPathUnsuitable("an ampersand that is not an XML entity")
        text = _ENTITY.sub(_entity, text)
    if trim:
        text = text.strip(" \t\n\r")
    if "_x" in text:
        text = _X_ESCAPE.sub(_x_escape, text)
    return text


def _numbers(raws: list[bytes], what: str) -> list[float]:
    """The numbers written in ``raws`` (calamine's floats of them), if each is one both read alike."""
    texts = [raw.decode("ascii", "replace") for raw in raws]
    if not all(map(_NUMBER.fullmatch, texts)):
        raise FastPathUnsuitable(f"{what} calamine may read otherwise")
    return [float(t) for t in texts]


def number_texts(raws: list[bytes]) -> list[str]:
    """Number cells' texts as ``cell_text`` gives calamine's floats of them."""
    return [cell_text(value) for value in _numbers(raws, "a number")]


#: calamine gives a number (not a date) from this serial on: the last day chrono can hold.
_LAST_SERIAL = 2958466.0


def date_texts(raws: list[bytes]) -> list[str]:
    """Numbers in a date or time format, as ``cell_text`` gives what calamine and python-calamine
    make of them (calamine's ``as_datetime``: serials under 60 are a day later, for Excel's 29
    February 1900; milliseconds rounded half away from zero; python-calamine: a serial under 1 is a
    time, a whole one a date, anything else a datetime; checked on 12,000 random serials).  In numpy:
    a datetime and its isoformat per cell in Python cost ~3 us, a second for 200,000 dates."""
    value = np.array(_numbers(raws, "a date"), dtype=np.float64)
    if not ((value >= 0) & (value < _LAST_SERIAL)).all():
        raise FastPathUnsuitable("a date out of calamine's range")
    shifted = np.where(value >= 60, value, value + 1.0)
    ms = np.floor(shifted * 86_400_000.0 + 0.5).astype(np.int64)
    stamps = np.datetime_as_string(np.datetime64("1899-12-30T00:00:00.000") + ms.astype("timedelta64[ms]"), unit="ms")
    kinds = np.where(value < 1, 0, np.where(value == np.floor(value), 1, 2)).tolist()
    out = []
    for kind, stamp in zip(kinds, stamps.tolist()):  # "YYYY-MM-DDTHH:MM:SS.mmm"
        if kind == 1:
            out.append(stamp[:10])
            continue
        clock = stamp[11:19] if stamp.endswith(".000") else stamp[11:] + "000"
        out.append(clock if kind == 0 else stamp[:11] + clock)
    return out


def _attributes(tag: str) -> dict[str, str]:
    return {name: xml_text(value.encode(), trim=False) for name, value in _ATTRIBUTE.findall(tag)}


def plain_number_format(format_id: int, code: str | None) -> bool:
    """True when a number in this format surely reads as a number, not a date or time: the built-in
    general, number, currency, percent, fraction, scientific and text formats, or a custom format
    with no letter in it (outside quotes, brackets and escapes) but an exponent's E."""
    if code is None:
        return format_id in range(0, 14) or format_id in range(37, 45) or format_id in (48, 49)
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code)
    code = re.sub(r"(?i)general|e[-+]", "", code)
    return not re.search(r"[A-Za-z]", code)


def date_number_format(format_id: int, code: str | None) -> bool:
    """True when a number in this format surely reads as a date, datetime or time in calamine (not
    a duration): the built-in date and time formats (14-22, 45, 47), or a custom format made only of
    day, month, year, hour, minute and second fields, AM/PM and separators, outside quotes, escapes
    and locale tags ([$-409]) -- no elapsed-time brackets, colours or other sections."""
    if code is None:
        return format_id in range(14, 23) or format_id in (45, 47)
    code = re.sub(r'"[^"]*"|\\.|\[\$[^\]]*\]', "", code)
    code = re.sub(r"(?i)am/pm|a/p", "", code)
    return bool(re.fullmatch(r"[dmyhsDMYHS/:\-.,\s0]+", code)) and bool(re.search(r"[dmyhsDMYHS]", code))


@dataclass
class WorkbookLayout:
    """Where a workbook keeps what this reader needs (paths inside the zip)."""

    sheet_names: list[str]
    sheet_paths: list[str]
    visible: list[bool]
    shared_strings: str | None
    styles: str | None


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (type, target path inside the zip)."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    text = zf.read(path).decode("utf-8")
    found = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", text):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External":
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], target)
    return found


def workbook_layout(zf: zipfile.ZipFile) -> WorkbookLayout:
    """The workbook's sheets and parts; FastPathUnsuitable if it holds anything but worksheets."""
    try:
        root = [t for kind, t in _rels(zf, "").values() if kind == "officeDocument"]
        if len(root) != 1:
            raise FastPathUnsuitable("no single workbook part")
        book = root[0]
        text = zf.read(book).decode("utf-8")
        rels = _rels(zf, book)
    except (KeyError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise FastPathUnsuitable(f"workbook parts: {exc}") from exc
    if re.search(r'date1904\s*=\s*"(?:1|true)"', text):
        raise FastPathUnsuitable("dates counted from 1904")
    names, paths, visible = [], [], []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", text):
        attrs = _attributes(tag)
        rel = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        kind, target = rels.get(rel or "", ("", ""))
        if kind != "worksheet" or "name" not in attrs:
            raise FastPathUnsuitable("a sheet that is not a worksheet")
        names.append(attrs["name"])
        paths.append(target)
        visible.append(attrs.get("state", "visible") == "visible")
    if not names:
        raise FastPathUnsuitable("no sheets")
    shared = [t for kind, t in rels.values() if kind == "sharedStrings"]
    styles = [t for kind, t in rels.values() if kind == "styles"]
    return WorkbookLayout(names, paths, visible, shared[0] if shared else None, styles[0] if styles else None)


#: What a number in a cell style reads as (number_styles).
STYLE_NUMBER, STYLE_DATE, STYLE_OTHER = 0, 1, 2


def number_styles(xml: bytes) -> np.ndarray:
    """For each cell style (cellXfs entry): STYLE_NUMBER, STYLE_DATE or STYLE_OTHER (a duration, or
    a format this reader cannot place: a number in it leaves the sheet to calamine)."""
    text = xml.decode("utf-8")
    codes = {int(a["numFmtId"]): a.get("formatCode", "")
             for a in map(_attributes, re.findall(r"<(?:\w+:)?numFmt\b[^>]*>", text)) if "numFmtId" in a}
    section = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", text, re.S)
    kinds = []
    for tag in re.findall(r"<(?:\w+:)?xf\b[^>]*>", section[0] if section else ""):
        format_id = int(_attributes(tag).get("numFmtId", "0"))
        code = codes.get(format_id)
        kinds.append(STYLE_NUMBER if plain_number_format(format_id, code)
                     else STYLE_DATE if date_number_format(format_id, code) else STYLE_OTHER)
    return np.array(kinds, dtype=np.int8)


def shared_strings(xml: bytes) -> pa.Array:
    """The shared-string table as a string array, read as calamine reads it (module docstring)."""
    data = xml + _PAD
    arr = np.frombuffer(data, dtype=np.uint8)
    lt = np.flatnonzero(arr[:len(xml)] == 60)
    b1, b2, b3 = arr[lt + 1], arr[lt + 2], arr[lt + 3]
    si = (b1 == ord("s")) & (b2 == ord("i")) & (b3 == ord(">"))
    t_open = (b1 == ord("t")) & ((b2 == ord(">")) | (b2 == ord(" ")) | (b2 == ord("/")))
    rph_open = (b1 == ord("r")) & (b2 == ord("P")) & (b3 == ord("h"))
    rph_close = (b1 == ord("/")) & (b2 == ord("r")) & (b3 == ord("P")) & (arr[lt + 4] == ord("h"))
    # Elements with a namespace prefix (<x:si>: a writer that uses one uses it from the start),
    # comments and CDATA are not read here.
    if (b1 == ord("!")).any() or any(p in xml[:1 << 16] for p in (b":si>", b":t>", b":t ", b":r>", b":rPh")):
        raise FastPathUnsuitable("shared strings written in a form this reader does not read")
    in_phonetic = np.cumsum(rph_open.astype(np.int64) - rph_close) > 0
    count = int(si.sum())
    owner = np.cumsum(si) - 1
    t_at = np.flatnonzero(t_open & ~in_phonetic)
    src = _Sources(count)
    if len(t_at):
        starts, ends, trim = _t_segments(arr, lt, t_at)
        owners = owner[t_at]
        if (owners < 0).any():
            raise FastPathUnsuitable("text outside a shared string")
        hard = _special_segments(data, len(xml), starts, ends) | (trim & _edge_space(arr, starts, ends))
        easy = (np.bincount(owners, minlength=count)[owners] == 1) & ~hard
        src.offset[owners[easy]] = starts[easy]
        src.length[owners[easy]] = (ends - starts)[easy]
        rest = np.flatnonzero(~easy)
        if len(rest):  # rich text (several runs) and text with entities, escapes, edge spaces
            joined: dict[int, list[str]] = {}
            for o, s, e, t in zip(owners[rest].tolist(), starts[rest].tolist(), ends[rest].tolist(), trim[rest].tolist()):
                joined.setdefault(o, []).append(xml_text(xml[s:e], t))
            src.computed(np.fromiter(joined, dtype=np.int64, count=len(joined)), ["".join(t) for t in joined.values()])
    extra = src.extra()
    views = _views(src, [arr, arr, np.frombuffer(extra, dtype=np.uint8)])
    array = _view_array(views, [pa.py_buffer(data), pa.py_buffer(data), pa.py_buffer(extra)])
    try:
        array.validate(full=True)
    except pa.ArrowInvalid as exc:
        raise FastPathUnsuitable("shared strings that are not UTF-8") from exc
    return array


def _t_segments(arr: np.ndarray, lt: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def _special_segments(data: bytes, n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
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


def _edge_space(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
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
        return _view_array(np.ascontiguousarray(self.views[which]), self.buffers).to_pylist()


def _view_array(views: np.ndarray, buffers: list[pa.Buffer]) -> pa.Array:
    array = pa.Array.from_buffers(pa.string_view(), len(views), [None, pa.py_buffer(views), *buffers])
    return pc.cast(array, pa.string())


class _Sources:
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
        return b"".join(self._extra) + _PAD


def parse_cells(data: bytes, n: int, sst_offsets: np.ndarray | None, sst_data: np.ndarray, styles: np.ndarray) -> Cells:
    """The cells of ``data[:n]`` (whole ``<row>`` elements; ``data`` ends with :data:`_PAD`)."""
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
    t_start, t_end, t_trim = _t_segments(arr, lt, t_at) if len(t_at) else (v_start[:0], v_start[:0], v_start[:0] > 0)

    valued = np.zeros(count, dtype=bool)
    valued[v_owner] = True
    valued[t_owner] = True
    src = _Sources(count)
    # Text in the XML itself: inline strings (<t>) and formulas' text (<v> of t="str").
    str_v = ctype[v_owner] == _TYPE_STR
    seg_cell = np.concatenate([t_owner, v_owner[str_v]])
    seg_start = np.concatenate([t_start, v_start[str_v]])
    seg_end = np.concatenate([t_end, v_end[str_v]])
    seg_trim = np.concatenate([t_trim, np.zeros(int(str_v.sum()), dtype=bool)])
    if len(t_start) and str_v.any():
        order = np.argsort(seg_start, kind="stable")
        seg_cell, seg_start, seg_end, seg_trim = seg_cell[order], seg_start[order], seg_end[order], seg_trim[order]
    hard = _special_segments(data, n, seg_start, seg_end) | (seg_trim & _edge_space(arr, seg_start, seg_end))
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
    views = _views(src, [arr, sst_data, np.frombuffer(extra, dtype=np.uint8)])
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


def _views(src: _Sources, arrays: list[np.ndarray]) -> np.ndarray:
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


#: Rows in a batch: pieces are small (numpy's temporaries under the 1 MB above which glibc maps
#: fresh pages: 220,000 -> 115,000 page faults for the benchmark's workbook), batches are not
#: (the batch builder costs ~0.5 ms a call whatever its size).
BATCH_ROWS = 10_000
#: Batches parsed ahead of the one the import takes (~3 MB of Arrow columns each).
AHEAD_BATCHES = 8
#: Most cells (rows x columns) in one batch: a wide sheet's piece is split into several batches.
MAX_BATCH_CELLS = 1_000_000


class SheetPieces:
    """The inflated XML of one worksheet, as pieces of whole ``<row>`` elements parsed into :class:`Cells`."""

    def __init__(self, zf: zipfile.ZipFile, path: str, sst: pa.Array | None, styles: np.ndarray) -> None:
        try:
            self._info = zf.getinfo(path)
            self._stream = zf.open(self._info)
        except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise FastPathUnsuitable(f"the sheet's part: {exc}") from exc
        self._size = max(self._info.file_size, 1)
        self._read = 0
        self._pending = bytearray()
        self._started = False
        self._ended = False
        self._sst_offsets: np.ndarray | None = None
        data = None
        if sst is not None:
            self._sst_offsets = np.frombuffer(sst.buffers()[1], dtype=np.int32, count=len(sst) + 1,
                                              offset=sst.offset * 4).astype(np.int64)
            data = sst.buffers()[2]
        self._sst_data = np.frombuffer((bytes(data) if data is not None else b"") + _PAD, dtype=np.uint8)
        self._styles = styles

    def fraction(self) -> float:
        return min(self._read / self._size, 1.0)

    def close(self) -> None:
        self._stream.close()

    def _more(self, size: int) -> bool:
        try:
            data = self._stream.read(size)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # a bad CRC, a truncated stream
            raise FastPathUnsuitable(f"the sheet's XML: {exc}") from exc
        self._read += len(data)
        self._pending += data
        return bool(data)

    def next_piece(self, size: int = CHUNK_BYTES) -> Cells | None:
        """The cells of the next piece of rows, or None at the end of the sheet's rows."""
        if self._ended:
            return None
        while not self._started:
            at = self._pending.find(b"<sheetData>")
            if at >= 0:
                head = bytes(self._pending[:200])
                declared = re.search(rb'encoding="([^"]*)"', head.split(b"?>", 1)[0]) if head.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else None
                if declared and declared[1].lower().replace(b"-", b"") != b"utf8":
                    raise FastPathUnsuitable("a sheet not in UTF-8")
                del self._pending[:at + len(b"<sheetData>")]
                self._started = True
            elif not self._more(size) or len(self._pending) > MAX_PENDING:
                raise FastPathUnsuitable("no <sheetData> element where this reader looks for it")
        while True:
            more = self._more(size)
            end = self._pending.rfind(b"</row>")
            if end >= 0:
                self._ended = not more
                cut = end + len(b"</row>")
                data = bytes(self._pending[:cut]) + _PAD
                del self._pending[:cut]
                return parse_cells(data, cut, self._sst_offsets, self._sst_data, self._styles)
            if not more:
                self._ended = True
                if b"</sheetData>" not in self._pending:
                    raise FastPathUnsuitable("a sheet whose rows do not end")
                return None
            if len(self._pending) > MAX_PENDING:
                raise FastPathUnsuitable("a row longer than this reader takes")


class XlsxSource(RowSource):
    """A worksheet's rows through :class:`SheetPieces`: ``info`` from its first rows, ``batches()``
    for the fast path, ``rows()`` (and any file this reader cannot vouch for) through calamine.

    Raises FastPathUnsuitable when opened on a workbook it does not read (``readers.open_rows`` then
    opens a :class:`sheet_reader.SheetSource`, which also words every error about the file)."""

    def __init__(self, path: Path, settings: Settings, *, sheet: str | None = None, header_row: int | None = None) -> None:
        self.path, self.settings = path, settings
        self.label = f"The file {path.name}"
        self._options = {"sheet": sheet, "header_row": header_row}
        self._calamine: RowSource | None = None
        self._batches: XlsxBatches | None = None
        self._held: list[Cells] = []
        self._kept_memory = False
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise FastPathUnsuitable(f"not a zip: {exc}") from exc
        try:
            self._open(sheet, header_row)
        except BaseException:
            self._zip.close()
            raise

    def _open(self, sheet: str | None, header_row: int | None) -> None:
        layout = workbook_layout(self._zip)
        if sheet is None:
            chosen = next((i for i, v in enumerate(layout.visible) if v), 0)
        elif sheet in layout.sheet_names:
            chosen = layout.sheet_names.index(sheet)
        else:
            raise FastPathUnsuitable("no such sheet")
        try:
            sst = shared_strings(self._zip.read(layout.shared_strings)) if layout.shared_strings else None
            styles = number_styles(self._zip.read(layout.styles)) if layout.styles else np.zeros(0, dtype=np.int8)
        except (KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError) as exc:
            raise FastPathUnsuitable(f"workbook parts: {exc}") from exc
        self._pieces = SheetPieces(self._zip, layout.sheet_paths[chosen], sst, styles)
        # The first rows, as calamine would give them: header, preview, columns.
        head: list[tuple[int, list[str]]] = []
        column_a = False
        size = FIRST_CHUNK_BYTES
        while len(head) < HEADER_SCAN_ROWS + PREVIEW_ROWS:
            cells = self._pieces.next_piece(size)
            size = CHUNK_BYTES
            if cells is None:
                break
            self._held.append(cells)
            column_a |= bool((cells.valued & (cells.cols == 0)).any())
            head.extend(_head_rows(cells, HEADER_SCAN_ROWS + PREVIEW_ROWS - len(head)))
        if not head or not column_a:
            raise FastPathUnsuitable("no rows, or a sheet that does not start in column A")
        index = choose_header(head, header_row, self.label)
        header = head[index][1] if index >= 0 else None
        rows = head[index + 1:] if index >= 0 else head
        if not rows:
            raise FastPathUnsuitable("a header and no data rows in the first rows")
        ncols = max(len(trim_trailing_empty(header)), 1) if header is not None else max(
            len(trim_trailing_empty(c)) for _, c in head)
        width = max(len(c) for _, c in head)
        self.info = TableInfo(
            file_format=self.path.suffix.lower().lstrip("."),
            columns=column_names(header, ncols),
            header_row=head[index][0] if index >= 0 else 0,
            sheet=layout.sheet_names[chosen],
            sheet_names=layout.sheet_names,
            preview=[cells + [""] * (width - len(cells)) for _, cells in rows[:PREVIEW_ROWS]],
        )
        self._first_row = next(int(c.rows[c.valued][0]) for c in self._held if c.valued.any())
        self._first_data = self.info.header_row + 1
        # Arrow's freed memory is kept a second instead of handed back at once (columnar): the
        # benchmark's workbook then touches ~60,000 fewer fresh pages (system time 0.33 -> 0.22 s)
        # for a peak of ~185 MB instead of ~165 (its budget: 400 MB).  Back to 0 when closed.
        keep_freed_memory(FREED_MEMORY_KEPT_MS)
        self._kept_memory = True

    def read_ahead(self) -> None:
        """Parse the rest of the sheet from now on, on a thread, while the caller logs in, checks the
        file and starts the transaction (XlsxBatches)."""
        if self._batches is None:
            self._batches = XlsxBatches(self)

    def batches(self) -> XlsxBatches:
        self.read_ahead()
        assert self._batches is not None
        return self._batches

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The rows through calamine: after the fast path gave up, or where it is not used."""
        if self._batches is not None:
            self._batches.stop()
        self._close_pieces()
        from welcomedly_desktop.importing.sheet_reader import SheetSource

        self._calamine = SheetSource(self.path, self.settings, **self._options)
        if (self._calamine.info.columns, self._calamine.info.header_row) != (self.info.columns, self.info.header_row):
            raise ImportFileError(f"{self.label} reads differently in two readers; please report this file.")
        yield from self._calamine.rows()

    def fraction(self) -> float | None:
        if self._calamine is not None:
            return self._calamine.fraction()
        return self._batches.fraction() if self._batches is not None else None

    def _close_pieces(self) -> None:
        self._pieces.close()
        self._held = []

    def close(self) -> None:
        if self._batches is not None:
            self._batches.stop()
        self._close_pieces()
        self._zip.close()
        if self._kept_memory:
            self._kept_memory = False
            keep_freed_memory(0)
        if self._calamine is not None:
            self._calamine.close()


def _head_rows(cells: Cells, most: int) -> list[tuple[int, list[str]]]:
    """Up to ``most`` non-blank rows of a piece as (number, cells), the cells from column A on."""
    valued = np.flatnonzero(cells.valued)
    rows = cells.rows[valued]
    numbers = sorted_unique(rows)
    result: list[tuple[int, list[str]]] = []
    # Usually the first rows are not blank: texts of 2 x ``most`` rows first, all of them if need be.
    for last in (numbers[min(2 * most, len(numbers)) - 1] if len(numbers) else -1, np.iinfo(np.int64).max):
        take = valued[rows <= last]
        found: dict[int, dict[int, str]] = {}
        for row, col, text in zip(cells.rows[take].tolist(), cells.cols[take].tolist(), cells.texts(take)):
            found.setdefault(row, {})[col] = text
        result = []
        for row, by_col in found.items():
            line = [""] * (max(by_col) + 1)
            for col, text in by_col.items():
                line[col] = text
            if "".join(line).strip():
                result.append((row, line))
        if len(result) >= most or last >= (numbers[-1] if len(numbers) else -1):
            break
    return result[:most]


def _joined(batches: list[Batch]) -> Batch:
    if len(batches) == 1:
        return batches[0]
    return Batch(np.concatenate([b.rows for b in batches]),
                 [pa.concat_arrays(list(c)) for c in zip(*(b.columns for b in batches))])


class XlsxBatches:
    """The data rows of an :class:`XlsxSource` as :class:`csv_batches.Batch` objects, parsed on a
    thread of their own up to :data:`AHEAD_BATCHES` batches ahead of the one taken.

    Why a thread: the sheet can be parsed from the moment the file is opened (during the login, on
    the CLI: ~0.3 s of an otherwise idle core), and while the import builds and ships records from
    one batch, inflating (zlib) and much of numpy's work on the next run without the GIL."""

    def __init__(self, source: XlsxSource) -> None:
        self._source = source
        self._ncols = len(source.info.columns)
        self._last_key = -1
        self._taken_fraction = 0.0
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD_BATCHES)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="xlsx-batches", daemon=True)
        self._thread.start()

    def fraction(self) -> float:
        """How far the batches taken (not the parsing thread, ahead of them) have got in the sheet."""
        return self._taken_fraction

    def close(self) -> None:
        pass  # the source stops the thread and closes the stream

    def stop(self) -> None:
        """Stop parsing (the caller gave up the batches, or closes the file); wait for the thread."""
        self._stopping.set()
        while self._thread.is_alive():
            try:  # a thread waiting to put its next batch must see the stop
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()

    def _produce(self) -> None:
        source, put = self._source, self._put
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            held, source._held = source._held, []
            waiting: list[Batch] = []  # small pieces' batches, joined into one of BATCH_ROWS
            while not self._stopping.is_set():
                cells = held.pop(0) if held else source._pieces.next_piece()
                if cells is None:
                    break
                for batch in self._batches(cells):
                    waiting.append(batch)
                    if sum(len(b.rows) for b in waiting) >= BATCH_ROWS:
                        if not put((_joined(waiting), source._pieces.fraction())):
                            return
                        waiting = []
            if waiting and not put((_joined(waiting), 1.0)):
                return
            log.info("import step parse: sheet parsed in %.2fs (parsing thread %.2fs CPU)",
                     time.perf_counter() - started, time.thread_time() - cpu)
            put(None)
        except FastPathUnsuitable as exc:
            put(exc)
        except Exception as exc:  # noqa: BLE001 - a shortcut's own failure: calamine reads the file instead
            log.warning("xlsx fast reader failed; calamine reads the file", exc_info=True)
            put(FastPathUnsuitable(f"the fast reader failed: {exc!r}"))
        except BaseException as exc:  # noqa: BLE001 - raised again on the taking thread
            put(exc)

    def _put(self, item: object) -> bool:
        while not self._stopping.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[Batch]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            batch, self._taken_fraction = item
            yield batch

    def _batches(self, cells: Cells) -> Iterator[Batch]:
        source, ncols = self._source, self._ncols
        settings = source.settings
        rows, cols = cells.rows, cells.cols
        if not len(rows):
            return
        if (cols >= settings.max_columns).any() or rows[-1] - source._first_row + 1 > settings.max_rows + 1:
            raise FastPathUnsuitable("more rows or columns than allowed (calamine words the error)")
        key = rows * (1 << 15) + cols
        if key[0] <= self._last_key or (np.diff(key) <= 0).any():
            raise FastPathUnsuitable("cells out of order")
        self._last_key = int(key[-1])
        length = cells.views.view(np.int32)[:, 0]
        data = rows >= source._first_data
        filled = data & (length > 0)
        if (filled & (cols >= ncols)).any():
            raise FastPathUnsuitable("a filled cell right of the header")
        keep = np.flatnonzero(filled)
        if not len(keep):
            return
        rows_k, cols_k, views_k = rows[keep], cols[keep], cells.views[keep]
        change = np.diff(rows_k, prepend=-1) != 0
        starts = np.flatnonzero(change)
        rid = np.cumsum(change) - 1
        numbers = rows_k[starts]
        # Rows whose filled cells may all be white space: judged exactly, in Python.
        suspect = _MAYBE_BLANK[views_k[:, 4]]
        maybe_blank = np.logical_and.reduceat(suspect, starts)
        if maybe_blank.any():
            blank = np.zeros(len(numbers), dtype=bool)
            for r in np.flatnonzero(maybe_blank).tolist():
                which = keep[rid == r]
                blank[r] = not "".join(cells.texts(which)).strip()
            if blank.any():
                good = ~blank[rid]
                rows_k, cols_k, views_k = rows_k[good], cols_k[good], views_k[good]
                change = np.diff(rows_k, prepend=-1) != 0
                starts = np.flatnonzero(change)
                rid = np.cumsum(change) - 1
                numbers = rows_k[starts]
        if not len(numbers):
            return
        step = max(MAX_BATCH_CELLS // max(ncols, 1), 1)
        for first in range(0, len(numbers), step):
            last = min(first + step, len(numbers))
            lo, hi = np.searchsorted(rid, [first, last])
            yield self._batch(numbers[first:last], rid[lo:hi] - first, cols_k[lo:hi], views_k[lo:hi], cells.buffers)

    def _batch(self, numbers: np.ndarray, rid: np.ndarray, cols: np.ndarray, views: np.ndarray,
               buffers: list[pa.Buffer]) -> Batch:
        count = len(numbers)
        if self._ncols > 16:
            order = np.argsort(cols, kind="stable")
            bounds = np.searchsorted(cols[order], np.arange(self._ncols + 1))
        columns = []
        for j in range(self._ncols):
            at = order[bounds[j]:bounds[j + 1]] if self._ncols > 16 else np.flatnonzero(cols == j)
            column = np.zeros((count, 16), dtype=np.uint8)
            column[rid[at]] = views[at]
            array = _view_array(column, buffers)
            try:
                array.validate(full=True)
            except pa.ArrowInvalid as exc:
                raise FastPathUnsuitable("a cell that is not UTF-8") from exc
            columns.append(array)
        return Batch(numbers.astype(np.int64), columns)
