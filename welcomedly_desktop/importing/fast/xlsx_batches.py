"""A .xlsx/.xlsm worksheet read straight from its XML, in batches of columns, for the import's fast path.

Why: calamine (``sheet_reader``) parses the whole sheet before giving the first row, while nothing
else can start, and each row it gives then costs Python work before the batch builder could use
it.  Here the sheet's XML is inflated a megabyte at a time and its cells are located with numpy
(:mod:`.xlsx_cells`, no Python per cell), on a thread of its own from the moment the file is opened:
each piece of rows becomes Arrow string columns that :mod:`.columnar` turns into records, while the
server loads the previous ones.

The cells must read exactly as calamine + ``sheet_reader.cell_text`` read them (:mod:`.xlsx_values`
says how), so this reader only handles the shapes it can vouch for and raises
:class:`FastPathUnsuitable` for anything else (the loader then rolls back and reads the file with
calamine, whose verdict counts).  A cell without a value is not a cell; rows are numbered as the
``r`` attributes say.

Rows come out as :class:`.batch.Batch` (the rows after the header, blank rows left out), only
when the sheet's used range starts in column A (checked on the first rows; calamine's rows start at
the range's first column) and no data row has a filled cell right of the header.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.fast.batch import Batch, FastPathUnsuitable
from welcomedly_desktop.importing.fast.columnar import keep_freed_memory, sorted_unique
from welcomedly_desktop.importing.fast.xlsx_cells import PAD, Cells, parse_cells, view_array
from welcomedly_desktop.importing.fast.xlsx_parts import number_styles, shared_strings, workbook_layout
from welcomedly_desktop.importing.table import (
    HEADER_SCAN_ROWS,
    PREVIEW_ROWS,
    RowSource,
    TableInfo,
    choose_header,
    column_names,
    trim_trailing_empty,
)
from welcomedly_desktop.i18n import translate

log = logging.getLogger("welcomedly_desktop.importing.loader")  # the import steps' log (load_base)

#: Inflated bytes of the sheet's XML parsed at a time (~2,500 rows of a typical lead file; see
#: BATCH_ROWS for why so small: under 1 MB, numpy's temporaries come from the heap).
CHUNK_BYTES = 900_000
FIRST_CHUNK_BYTES = 1 << 20
#: How long Arrow's freed memory is kept while a workbook is read (see XlsxSource._open).
FREED_MEMORY_KEPT_MS = 1000
#: A row longer than this (inflated XML) is not for this reader.
MAX_PENDING = 64 << 20
# First bytes of a text Python's str.strip() might remove entirely (white space, the separators
# \x1c-\x1f, and lead bytes of the non-ASCII spaces): rows made only of such cells are checked in Python.
_MAYBE_BLANK = np.zeros(256, dtype=bool)
_MAYBE_BLANK[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0xC2, 0xE1, 0xE2, 0xE3]] = True


#: Rows in a batch: pieces are small (numpy's temporaries under the 1 MB above which glibc maps
#: fresh pages, each a page fault), batches are not (the batch builder has a fixed cost a call).
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
        self._sst_data = np.frombuffer((bytes(data) if data is not None else b"") + PAD, dtype=np.uint8)
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
                data = bytes(self._pending[:cut]) + PAD
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
        # Arrow's freed memory is kept a second instead of handed back at once (columnar): fewer
        # fresh pages touched, for a somewhat higher peak well within a workbook's budget.  Back to 0
        # when closed.
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
            raise ImportFileError(translate("importing", "{label} reads differently in two readers; please report this file.").format(label=self.label))
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
    """The data rows of an :class:`XlsxSource` as :class:`.batch.Batch` objects, parsed on a
    thread of their own up to :data:`AHEAD_BATCHES` batches ahead of the one taken.

    Why a thread: the sheet can be parsed from the moment the file is opened (during the login, on
    the CLI: time when a core is otherwise idle), and while the import builds and ships records from
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
            array = view_array(column, buffers)
            try:
                array.validate(full=True)
            except pa.ArrowInvalid as exc:
                raise FastPathUnsuitable("a cell that is not UTF-8") from exc
            columns.append(array)
        return Batch(numbers.astype(np.int64), columns)