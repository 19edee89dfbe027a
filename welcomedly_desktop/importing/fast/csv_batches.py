"""A UTF-8 CSV file read in batches of columns by Arrow's parser (C++), for the import's fast path.

Why: Python's csv module plus building each record cost more per row than the server needs to
insert it; Arrow's parser and :mod:`.columnar` do the same work in a fraction of the time.

The rows must be exactly those :class:`csv_reader.CsvSource` reads (its numbering, its blank-row
rule, its errors), so this reader is only ever a shortcut to the same result:

* Arrow is laxer than the csv module in strict mode: it reads ``"a"b`` as ``ab`` where the csv
  module refuses the file.  Every byte is therefore checked as it is read by :class:`QuoteCheck`,
  a regular expression of the csv module's quoting rules; a quote it cannot place ends the fast path.
* Rows whose number of cells is not the header's (Arrow cannot put them in a batch) come back
  through Arrow's invalid-row hook with their row number and text; the csv module parses that text.
* Anything else this reader cannot vouch for (a decoding error, a cell over the csv module's size
  limit, a hook without row numbers) raises :class:`FastPathUnsuitable`; the loader then rolls back
  to where it started and reads the file again with :class:`CsvSource` (which reports any error).
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from welcomedly_desktop.importing.fast import arrow_kernels as pc
from welcomedly_desktop.importing.fast.batch import Batch, FastPathUnsuitable
from welcomedly_desktop.importing.fast.columnar import bool_array, bools, int32_scalar, text_array

#: Bytes Arrow parses at a time (~12,000 rows of a typical lead file), and how many blocks it may
#: read ahead of the batches taken (see _CheckedFile).
BLOCK_BYTES = 1 << 20
AHEAD_BLOCKS = 3
AHEAD_WAIT = 1.0
_ZERO = int32_scalar(0)
_NO_TEXT = text_array([])


class QuoteCheck:
    """Checks, a block at a time, that every double quote of the file sits where the csv module
    (strict mode, default dialect) accepts it: a quoted cell opens at a cell's start and closes right
    before a delimiter, a line break or the end; any other quote is inside an unquoted cell."""

    def __init__(self, delimiter: str, max_cell: int) -> None:
        d = re.escape(delimiter.encode())
        boundary = rb"[" + d + rb"\r\n]"
        at_cell_start = rb"(?:(?<=" + boundary + rb")|(?<![\s\S]))"
        quoted = at_cell_start + rb'"(?:[^"]++|"")*+"'
        inside = rb"(?<=[^" + d + rb'\r\n])"'
        self._middle = re.compile(rb'(?:[^"]++|' + quoted + rb"(?=" + boundary + rb")|" + inside + rb")*+")
        self._last = re.compile(rb'(?:[^"]++|' + quoted + rb"(?=" + boundary + rb"|\Z)|" + inside + rb")*+")
        # The unchecked rest of the blocks fed so far, after one byte of context; one buffer reused
        # for every block (Arrow's I/O thread feeds it: a new object per block left memory behind in
        # that thread's malloc arena).
        self._buf = bytearray()
        self._start = 0
        self._max_cell = max_cell
        self._first = True

    def feed(self, data) -> None:  # noqa: ANN001 - bytes-like
        if self._first:
            self._first = False
            if bytes(data[:3]) == b"\xef\xbb\xbf":
                data = data[3:]
        buf = self._buf
        if not len(data):  # the end of the file: everything left must check
            if self._last.match(buf, self._start).end() != len(buf):
                raise FastPathUnsuitable("a quote the csv module would refuse")
            buf.clear()
            self._start = 0
            return
        buf += data
        end = self._middle.match(buf, self._start).end()
        # A quoted cell still open at the block's end waits for the next block -- unless it is
        # already longer than any cell may be (the csv module would refuse it, or it never closes).
        if len(buf) - end > self._max_cell + 2:
            raise FastPathUnsuitable("an unclosed quote")
        keep = max(end - 1, 0)
        del buf[:keep]
        self._start = end - keep


class _CheckedFile(io.RawIOBase):
    """The file as Arrow reads it: every byte also given to the quote check, and reading held back
    once it is :data:`AHEAD_BLOCKS` blocks ahead of the batches taken.

    Why held back: Arrow's streaming reader reads ahead on its own I/O thread as fast as the disk
    allows; with the import waiting on the server, it read far ahead and the peak memory doubled.  Arrow can always make the next batch from the blocks already read, so the
    wait ends when a batch is taken; the time limit is only a safety net (a row longer than the
    blocks allowed ahead: ~3 MB)."""

    def __init__(self, path: Path, check: QuoteCheck) -> None:
        self._file = path.open("rb")
        self._check = check
        self.position = 0
        self._taken = 0  # bytes turned into batches (a block per batch, about)
        self._state = threading.Condition()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        with self._state:
            self._state.wait_for(lambda: self.position - self._taken < AHEAD_BLOCKS * BLOCK_BYTES or self.closed,
                                 timeout=AHEAD_WAIT)
        n = self._file.readinto(buffer)
        self._check.feed(memoryview(buffer)[:n])
        self.position += n
        return n

    def took_batch(self) -> None:
        with self._state:
            self._taken += BLOCK_BYTES
            self._state.notify_all()

    def close(self) -> None:
        with self._state:
            self._file.close()
            super().close()
            self._state.notify_all()


class CsvBatches:
    """Iterates the data rows after ``first_record - 1`` records as :class:`Batch` objects."""

    def __init__(self, path: Path, *, delimiter: str, width: int, first_record: int, limit: int,
                 too_many) -> None:  # noqa: ANN001 - too_many: int -> Exception
        self._size = max(path.stat().st_size, 1)
        self._delimiter = delimiter
        self._width = width
        self._first = first_record
        self._limit = limit
        self._too_many = too_many
        self._max_cell = csv.field_size_limit()
        self._file = _CheckedFile(path, QuoteCheck(delimiter, self._max_cell))
        self._invalid: list[tuple[int, str]] = []  # (row number, text) from Arrow's hook
        self._odd_done = 0  # of them, handed out or dropped
        self._before: list[int] = []  # for each invalid row, the valid rows before it
        self._valid = 0  # valid rows (Arrow's batches) seen so far
        self._counted = 0
        names = [f"c{i}" for i in range(width)]
        try:
            self._reader = pacsv.open_csv(
                self._file,
                read_options=pacsv.ReadOptions(use_threads=False, block_size=BLOCK_BYTES, column_names=names),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False,
                                                 invalid_row_handler=self._on_invalid),
                convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False),
            )
        except (pa.ArrowException, FastPathUnsuitable) as exc:
            self.close()
            raise FastPathUnsuitable(str(exc)) from exc

    def _on_invalid(self, row) -> str:  # noqa: ANN001 - pyarrow's InvalidRow
        if row.number is None or row.number < 1:
            self._invalid.append((-1, ""))  # checked (and refused) where it is taken
        else:
            self._invalid.append((row.number, row.text))
        return "skip"

    def fraction(self) -> float:
        return min(self._file.position / self._size, 1.0)

    def close(self) -> None:
        self._file.close()

    def __iter__(self) -> Iterator[Batch]:
        while True:
            try:
                record_batch = self._reader.read_next_batch()
            except StopIteration:
                break
            except (pa.ArrowException, FastPathUnsuitable, UnicodeDecodeError) as exc:
                raise FastPathUnsuitable(str(exc)) from exc
            self._file.took_batch()
            batch = self._batch(record_batch.columns)
            if batch is not None:
                yield batch
        tail = self._batch([_NO_TEXT] * self._width)  # invalid rows after the last batch
        if tail is not None:
            yield tail

    def _batch(self, columns: list[pa.Array]) -> Batch | None:
        n = len(columns[0])
        # Each invalid row's place among the valid ones: the valid rows that came before it.
        for number, _ in self._invalid[len(self._before):]:
            if number < 1:
                raise FastPathUnsuitable("Arrow gave no row number for a row of another width")
            self._before.append(number - 1 - len(self._before))
        before = np.asarray(self._before, dtype=np.int64)
        valid = np.arange(self._valid + 1, self._valid + n + 1, dtype=np.int64)  # 1-based among valid rows
        rows = valid + np.searchsorted(before, valid - 1, side="right")
        self._valid += n
        # Odd rows up to the last valid row of this batch (all of them once the file is read).
        last = rows[-1] if n else np.iinfo(np.int64).max
        odd = []
        while self._odd_done < len(self._invalid) and self._invalid[self._odd_done][0] < last:
            number, text = self._invalid[self._odd_done]
            self._odd_done += 1
            if number < self._first:
                continue
            cells = self._parse(text)
            if any(cells):
                odd.append((number, cells))
        for i, column in enumerate(columns):
            if (pc.max(pc.binary_length(column)).as_py() or 0) > self._max_cell:
                raise FastPathUnsuitable(f"a cell of column {i + 1} may be over the csv module's size limit")
        keep = None
        if n and rows[0] < self._first:  # the header (and any rows above it) are not data
            keep = rows >= self._first
        # Rows of empty cells (blank lines included) are not rows, as in CsvSource.
        filled = None
        for column in columns:
            has = pc.greater(pc.binary_length(column), _ZERO)
            filled = has if filled is None else pc.or_(filled, has)
        if filled is not None and n:
            mask = bools(filled)
            keep = mask if keep is None else keep & mask
        if keep is not None and not keep.all():
            rows = rows[keep]
            selection = bool_array(keep)
            columns = [pc.filter(c, selection) for c in columns]
        batch = Batch(rows, columns, odd)
        if not batch.count:
            return None
        self._counted += batch.count
        if self._counted > self._limit:
            raise self._too_many(self._limit)
        return batch

    def _parse(self, text: str) -> list[str]:
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=self._delimiter, strict=True))
        except csv.Error as exc:
            raise FastPathUnsuitable(f"a row the csv module refuses: {exc}") from exc
        if len(records) != 1:
            raise FastPathUnsuitable("a row of another width the csv module reads differently")
        return records[0]


