"""The direct load path: every row judged while it is read, records COPYed straight in.

Used for the duplicate check against the campaign (the default) or none.  The campaign's phones
and the do-not-call list are loaded once into sorted arrays; each chunk of rows read is then judged
at once -- do-not-call, repeat inside the file, already in the campaign, or new -- and its new
records are COPYed into ``campaign_records`` sorted by phone (rejected and dropped rows into
``import_rejects``, a repeat already named with the row it repeats).

Why chunks judged with numpy rather than a Python set per row: the phones seen so far take 12
bytes each in two sorted arrays instead of ~64 in a set, which leaves room for big chunks under the
memory budget, and the server fills the ``(campaign_id, phone)`` index faster the bigger each
sorted chunk is.  Per row, the reading loop only builds the record's line and appends three values,
and a repeat gets "duplicate of row N" when it is met, with no work left for the end.  Why not a
staging table: COPY into it plus ``INSERT ... SELECT`` cost the server more than the indexed COPY.

Rows come one by one (``source.rows()``) or, from a UTF-8 CSV or a workbook, in batches of columns
(:mod:`.fast`): then the usual rows of a batch get their lines from :mod:`.fast.columnar` and only
the others go through the per-row functions, so the server's COPY, not Python, sets the pace.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import psycopg
import pyarrow as pa
from psycopg import sql
from psycopg.adapt import Transformer

from welcomedly_desktop.importing import load_base
from welcomedly_desktop.importing.adapters.psycopg_copy import format_row_text
from welcomedly_desktop.importing.fast import arrow_kernels as pc
from welcomedly_desktop.importing.fast.batch import Batch, FastPathUnsuitable
from welcomedly_desktop.importing.fast.columnar import (
    int64_array,
    int64s,
    joined_bytes,
    make_batch_processor,
    sorted_unique,
    text_array,
)
from welcomedly_desktop.importing.load_base import (
    BATCH_ROWS,
    announce_records,
    REPEAT_REASON,
    LoadCounts,
    LoaderThread,
    log,
)
from welcomedly_desktop.importing.normalize import (
    RECORD_COPY_COLUMNS,
    STAGE_FIELDS,
    RowLayout,
    StageRow,
    make_line_processor,
    make_row_processor,
)
from welcomedly_desktop.importing.options import CancelToken, DedupeScope, ProgressReporter
from welcomedly_desktop.importing.staging import Targets
from welcomedly_desktop.importing.table import RowSource
from welcomedly_desktop.importing.verdicts import EMPTY_KEYS, Verdicts, int_keys, phone_keys
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: Most phones (campaign records plus do-not-call numbers) loaded before the import; beyond this
#: the staged path checks duplicates in the database instead.
PRELOAD_LIMIT = 1_000_000


def _copy_phones(cur: psycopg.Cursor, query: str, params: dict, limit: int) -> np.ndarray | None:
    """The phones ``query`` selects, as sorted unique integers (as the reading loop keys them), or
    None if more than ``limit``.  Fetched as one text value: a row per phone is far slower."""
    # Only digit strings not starting with 0 can equal a phone of the file (normalize.py's rules),
    # and only for those is the integer one-to-one with the text.
    cur.execute(
        sql.SQL("SELECT count(*), count(*) FILTER (WHERE phone ~ '^[1-9][0-9]*$'), "
                "string_agg(phone, ',') FILTER (WHERE phone ~ '^[1-9][0-9]*$') "
                "FROM ({} LIMIT {}) AS p").format(sql.SQL(query), limit + 1),
        params,
    )
    count, usable, text = cur.fetchone()
    if count > limit:
        return None
    if not usable:
        return EMPTY_KEYS
    # Parsed in C: a list of Python ints would take several times the time and memory.
    return sorted_unique(int_keys(text, usable))


def preload_phones(cur: psycopg.Cursor, params: dict, dedupe: DedupeScope) -> tuple[np.ndarray, np.ndarray] | None:
    """(do-not-call phones, the campaign's phones) for the direct path, or None when too many."""
    started = time.perf_counter()
    dnc = _copy_phones(cur, "SELECT phone FROM dnc_numbers WHERE campaign_id IS NULL OR campaign_id = %(cid)s",
                       params, PRELOAD_LIMIT)
    if dnc is None:
        return None
    existing = EMPTY_KEYS
    if dedupe is DedupeScope.CAMPAIGN:
        # The campaign's phones as they were before this upload: imports into the campaign take
        # turns under the advisory lock, so this stays true until we commit.
        found = _copy_phones(cur, "SELECT phone FROM campaign_records WHERE campaign_id = %(cid)s",
                             params, PRELOAD_LIMIT - len(dnc))
        if found is None:
            return None
        existing = found
    log.info("import step preload: %d do-not-call and %d campaign phones in %.2fs", len(dnc), len(existing),
             time.perf_counter() - started)
    return dnc, existing


#: Rows per chunk when the rows come in batches: bigger chunks were no faster and peaked higher.
BATCH_CHUNK_ROWS = 50_000
FIRST_BATCH_CHUNK_ROWS = 10_000
#: Rows a chunk needs before it is handed over early, when no chunk waits for the server (read_batches).
EARLY_CHUNK_ROWS = 10_000


def batch_chunk_rows(last: int, rows_read: int, fraction: float | None) -> int:
    """Rows of the next chunk when the rows come in batches: twice the last one, up to
    BATCH_CHUNK_ROWS, and small again for the last ones.

    Why: the server is the slower side and should never wait.  It starts on a small first chunk
    while the next is read (a full-size second chunk kept it idle while that was read), and the
    last chunks' COPY is what nothing overlaps, so small last chunks end the import sooner."""
    return min(2 * last, load_base.next_chunk_rows(rows_read, fraction), BATCH_CHUNK_ROWS)


#: Reasons written for dropped rows (see also REPEAT_REASON).
DNC_REASON = QT_TRANSLATE_NOOP("importing", "phone is on the do-not-call list")
EXISTING_REASON = QT_TRANSLATE_NOOP("importing", "duplicate: the phone is already in this campaign")
#: The fields of a fast-path line, in order; where ``extra`` sits in it and in a general row.
_LINE_FIELDS = tuple(RECORD_COPY_COLUMNS.split(", "))
_LINE_EXTRA = _LINE_FIELDS.index("extra")
_STAGE_EXTRA = STAGE_FIELDS.index("extra")


def load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress, cancel,  # noqa: ANN001, ANN202, PLR0913
                batches=None, targets: Targets | None = None):
    """Read every row, judge and COPY them a chunk at a time (module docstring); the counts.

    ``batches`` (see ``RowSource.batches``): the rows come in batches of columns, whose usual rows
    get their lines from :mod:`.fast.columnar`; it may raise ``FastPathUnsuitable``, after which the
    loader has stopped cleanly and the caller rolls back and reads ``source.rows()`` instead."""
    loader = DirectLoader(conn, params, fast, targets or Targets(params["uid"]))
    run = DirectRun(loader, layout, country_code, params, mapping, preloaded, progress, cancel)
    loader.start()
    try:
        total = run.read_rows(source) if batches is None else run.read_batches(batches)
        counts = run.counts
        counts.rows_total = total
        counts.imported = total - counts.rejected - counts.duplicates - counts.dnc
        loader.wind_up(cancel, progress, total, counts.rejected)
    except FastPathUnsuitable:
        loader.finish(cancel)  # the chunks already sent are rolled back by the caller
        raise
    except BaseException:
        loader.abort()
        raise
    if loader.imported != counts.imported:  # cannot happen; a wrong count must never be reported
        raise RuntimeError(f"import: {loader.imported} records written but {counts.imported} counted")
    counts.warnings = loader.warnings
    return counts


@dataclass
class Chunk:
    """The rows read since the last shipment.  Rows judged a batch at a time (batches only) come
    first, then the rows judged one by one; each kind with its phones, source rows and COPY lines."""

    keys: list[str] = field(default_factory=list)  # normalised phones of the rows judged one by one
    rows: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    batch_phones: list[pa.Array] = field(default_factory=list)
    batch_rows: list[np.ndarray] = field(default_factory=list)
    batch_lines: list[pa.Array] = field(default_factory=list)
    # Valid rows that took the general path, by position in ``lines``: their lines hold COPY escapes,
    # so the cells of a dropped one are taken from the processed row, not read back.
    general_rows: dict[int, StageRow] = field(default_factory=dict)
    rejects: bytearray = field(default_factory=bytearray)  # COPY text for import_rejects

    def clear(self) -> None:
        for part in (self.keys, self.rows, self.lines, self.batch_phones, self.batch_rows, self.batch_lines,
                     self.general_rows, self.rejects):
            part.clear()


@dataclass
class JudgedChunk:
    """A chunk's rows in one order (batch rows first): phones as integers, source rows, and each
    row's COPY line by position; ``in_batches`` of them came from batches."""

    keys: np.ndarray
    rows: np.ndarray | list[int]
    line_at: Callable[[int], str]
    in_batches: int
    all_lines: pa.Array | None = None  # the lines, when batches are among them


class DirectRun:
    """One direct load on the reading thread: rows judged into a :class:`Chunk`, which is shipped to
    the loader thread once it is big enough."""

    def __init__(self, loader: DirectLoader, layout: RowLayout, country_code: str, params: dict,  # noqa: PLR0913
                 mapping: dict[str, str], preloaded: tuple[np.ndarray, np.ndarray], progress: ProgressReporter,
                 cancel: CancelToken) -> None:
        self.layout, self.country_code = layout, country_code
        self.progress, self.cancel = progress, cancel
        self.counts = LoadCounts()
        self.verdicts = Verdicts(*preloaded)
        self.upload_id, self.campaign_id = params["uid"], params["cid"]
        self.phone_col = params["phone_col"]
        self.line_of = make_line_processor(layout, country_code, self.campaign_id, self.upload_id)
        self.process = make_row_processor(layout, country_code)
        self.transformer = Transformer(loader.conn)
        # Mapped fields as (JSON key, position) in a fast-path line and in a general processor's row.
        quote = json.encoder.encode_basestring
        self.line_fields = [(quote(column) + ':"', _LINE_FIELDS.index(f)) for f, column in mapping.items()]
        self.row_fields = [(column, STAGE_FIELDS.index(f)) for f, column in mapping.items()]
        self.chunk = Chunk()
        self.loader = loader
        self.one_row = self._row_judge()

    # -- judging rows -------------------------------------------------------------------------
    def _row_judge(self) -> Callable[[int, list[str]], None]:
        """The per-row step (hot loop): a plain row's line built here, any other row by :meth:`general`."""
        line_of, general = self.line_of, self.general
        add_key, add_row, add_line = self.chunk.keys.append, self.chunk.rows.append, self.chunk.lines.append

        def one_row(source_row: int, cells: list[str]) -> None:
            plain = line_of(source_row, cells)
            if plain is not None:
                add_key(plain[0])
                add_row(source_row)
                add_line(plain[1])
            else:
                general(source_row, cells)

        return one_row

    def general(self, source_row: int, cells: list[str]) -> None:
        """Rows off the fast path: invalid, ragged, or holding characters that need escaping."""
        row, ok = self.process(source_row, cells)
        _, phone, name, alt_phone, email, external_id, extra, bad_cols, bad_reasons, raw, _, line_type = row
        chunk = self.chunk
        if not ok:
            self.counts.rejected += 1
            for column, reason in zip(bad_cols, bad_reasons):
                format_row_text((self.upload_id, source_row, column, reason, raw), self.transformer, chunk.rejects)
            return
        chunk.general_rows[len(chunk.lines)] = row
        line = bytearray()
        format_row_text((phone, source_row, name, alt_phone, email, external_id, extra, line_type, self.campaign_id,
                         self.upload_id), self.transformer, line)
        chunk.keys.append(phone)
        chunk.rows.append(source_row)
        chunk.lines.append(line.decode())

    def take_batch(self, process_batch: Callable, batch: Batch) -> None:
        """A batch's usual rows judged at once (:mod:`.fast.columnar`), the others one by one."""
        chunk, one_row = self.chunk, self.one_row
        if len(batch.rows):
            taken, phones, lines = process_batch(batch.columns, batch.rows)
            everything = bool(taken.all())
            chunk.batch_phones.append(phones)
            chunk.batch_rows.append(batch.rows if everything else batch.rows[taken])
            chunk.batch_lines.append(lines)
            if not everything:
                left = np.flatnonzero(~taken)
                at = int64_array(left)
                cells_of = [pc.take(column, at).to_pylist() for column in batch.columns]
                for source_row, cells in zip(batch.rows[left].tolist(), zip(*cells_of)):
                    one_row(source_row, [c or "" for c in cells])
        for source_row, cells in batch.odd:
            one_row(source_row, cells)

    # -- shipping a chunk ---------------------------------------------------------------------
    def ship(self) -> None:
        """Judge the chunk against the phones met so far and hand its COPY data to the loader."""
        chunk, counts = self.chunk, self.counts
        records = b""
        in_batches = sum(len(r) for r in chunk.batch_rows)
        if in_batches:  # batches are read faster than the server loads them: see wait_taken
            self.loader.wait_taken(self.cancel)
        if chunk.keys or in_batches:
            judged = self._judged(in_batches)
            new, dnc, existing, repeat, repeats_row = self.verdicts.judge(judged.keys, judged.rows)
            records = self._records(judged, new)
            counts.dnc += len(dnc)
            counts.duplicates += len(existing) + len(repeat)
            self._drop(judged, dnc, translate("importing", DNC_REASON))
            self._drop(judged, existing, translate("importing", EXISTING_REASON))
            first_row = translate("importing", "duplicate of row {row} of this file")
            repeat_reason = translate("importing", REPEAT_REASON)
            self._drop(judged, repeat, [first_row.format(row=n) if n else repeat_reason
                                        for n in repeats_row.tolist()])
        self.loader.put((records, bytes(chunk.rejects)), self.cancel)
        chunk.clear()

    def _judged(self, in_batches: int) -> JudgedChunk:
        chunk = self.chunk
        if not in_batches:
            return JudgedChunk(phone_keys(chunk.keys), chunk.rows, chunk.lines.__getitem__, 0)
        all_lines = pa.concat_arrays(chunk.batch_lines + ([text_array(chunk.lines)] if chunk.lines else []))
        keys = np.concatenate([int64s(pc.cast(pa.concat_arrays(chunk.batch_phones), pa.int64())),
                               phone_keys(chunk.keys) if chunk.keys else EMPTY_KEYS])
        rows = np.concatenate(chunk.batch_rows + [np.array(chunk.rows, dtype=np.int64)])
        chunk.batch_lines.clear()  # all_lines holds them now: not both at the peak

        def line_at(at: int) -> str:
            return all_lines[at].as_py()

        return JudgedChunk(keys, rows, line_at, in_batches, all_lines)

    def _records(self, judged: JudgedChunk, new: np.ndarray) -> bytes | memoryview:
        """The new records' COPY lines, in the order given (sorted by phone)."""
        if judged.in_batches:
            return joined_bytes(pc.take(judged.all_lines, int64_array(new))) if len(new) else b""
        lines = self.chunk.lines
        if len(new) > 1:
            return "".join(itemgetter(*new.tolist())(lines)).encode()
        return lines[new[0]].encode() if len(new) else b""

    def _drop(self, judged: JudgedChunk, positions: np.ndarray, reasons: str | list[str]) -> None:
        """Dropped rows into import_rejects: their cells (phones normalised) and one reason each."""
        general_rows, rejects = self.chunk.general_rows, self.chunk.rejects
        for n, at in enumerate(positions.tolist()):
            row = general_rows.get(at - judged.in_batches)
            cells = self._cells_of_line(judged.line_at(at)) if row is None else self._cells_of_row(row)
            reason = reasons if isinstance(reasons, str) else reasons[n]
            format_row_text((self.upload_id, int(judged.rows[at]), self.phone_col, reason, cells), self.transformer,
                            rejects)

    def _cells_of_line(self, line: str) -> str:
        """A fast-path row's cells as JSON (phones normalised), read back from its COPY line,
        which holds no escapes, so its values are the text itself."""
        values = line.split("\t")
        parts = [key + values[i] + '"' for key, i in self.line_fields if values[i] != "\\N"]
        extra = values[_LINE_EXTRA]
        if extra != "{}":
            parts.append(extra[1:-1])  # the unmapped columns
        return "{" + ",".join(parts) + "}"

    def _cells_of_row(self, row: StageRow) -> str:
        """A general-path row's cells as JSON under the file's own column names, phones normalised."""
        cells_json = {column: row[i] for column, i in self.row_fields if row[i] is not None}
        cells_json.update(json.loads(row[_STAGE_EXTRA]))
        return json.dumps(cells_json, ensure_ascii=False)

    # -- reading ------------------------------------------------------------------------------
    def read_rows(self, source: RowSource) -> int:
        """Rows one by one; chunks sized by load_base.next_chunk_rows."""
        one_row, loader, cancel, progress = self.one_row, self.loader, self.cancel, self.progress
        total = shipped = 0  # rows read; rows read when the last chunk was shipped
        next_check = BATCH_ROWS
        next_ship = load_base.next_chunk_rows(0, None)
        for source_row, cells in source.rows():
            total += 1
            one_row(source_row, cells)
            if total >= next_check:
                next_check += BATCH_ROWS
                loader.check_in(cancel, progress, total, source.fraction())
            if total >= next_ship:
                self.ship()
                shipped = total
                next_ship = total + load_base.next_chunk_rows(total, source.fraction())
        if total > shipped:
            self.ship()
        return total

    def read_batches(self, batches) -> int:  # noqa: ANN001 - see RowSource.batches
        """Rows in batches of columns; chunks sized by batch_chunk_rows."""
        process_batch = make_batch_processor(self.layout, self.country_code, self.campaign_id, self.upload_id)
        loader = self.loader
        total = shipped = 0
        target = FIRST_BATCH_CHUNK_ROWS
        for batch in batches:
            self.take_batch(process_batch, batch)
            total += batch.count
            loader.check_in(self.cancel, self.progress, total, batches.fraction())
            # Also shipped early, once it is worth a COPY, when no chunk waits in the loader's queue
            # (the server would have nothing to do after the one it is loading): while a workbook
            # is still being parsed, rows come slower than the server loads them and it would idle.
            # When the server is the slower side (a big CSV), a chunk always waits and chunks keep
            # their full size.
            if total - shipped >= target or (total - shipped >= EARLY_CHUNK_ROWS and loader.waiting_for_chunk()):
                self.ship()
                shipped = total
                target = batch_chunk_rows(target, total, batches.fraction())
        if total > shipped:
            self.ship()
        return total


class DirectLoader(LoaderThread):
    """COPY of each chunk's records (sorted by phone) and of its rejected/dropped rows, into the
    tables or, on a workstation connection, into the server's staging tables (:mod:`.staging`)."""

    def __init__(self, conn: psycopg.Connection, params: dict, fast: bool, targets: Targets) -> None:
        super().__init__(conn, params)
        self.fast = fast
        self.imported = 0
        self.copy_records = sql.SQL("COPY {} ({}) FROM STDIN").format(targets.records, sql.SQL(RECORD_COPY_COLUMNS))
        self.copy_rejects = sql.SQL("COPY {} (upload_id, source_row, column_name, reason, raw_row) FROM STDIN").format(
            targets.rejects)
        self.targets = targets
        # A record line ends with its line type, campaign and upload: counting this ending counts
        # the warnings without reading the records back (only the line type column can be followed
        # by the line's last two columns; a tab inside a value is escaped in COPY text).
        self.unknown_ending = f"\tunknown\t{int(params['cid'])}\t{int(params['uid'])}\n".encode()
        self.warnings = 0

    def run(self) -> None:
        if self.fast:  # see lock_parents; for every COPY of this thread, undone in complete()
            try:
                self.conn.execute("SET LOCAL session_replication_role = replica")
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                self.failure = exc
                return
        super().run()

    def load(self, cur: psycopg.Cursor, batch: tuple[bytes, bytes]) -> None:
        records, rejects = batch
        started = time.perf_counter()
        if records:
            with cur.copy(self.copy_records) as copy:
                copy.write(memoryview(records))  # psycopg sends it in 128 KB slices: views, not copies
            self.imported += cur.rowcount
            self.warnings += (records if isinstance(records, bytes) else bytes(records)).count(self.unknown_ending)
        if rejects:
            with cur.copy(self.copy_rejects) as copy:
                copy.write(rejects)
        log.info("import step copy: %d + %d bytes in %.2fs", len(records), len(rejects), time.perf_counter() - started)

    def complete(self, cur: psycopg.Cursor) -> None:
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = origin")
            announce_records(cur, self.params, self.imported)
        moved = self.targets.finish(cur)
        if moved is not None and moved != self.imported:  # cannot happen; a wrong count must never be reported
            raise RuntimeError(f"import: {self.imported} records staged but {moved} moved")
