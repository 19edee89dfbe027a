"""Bulk load of one upload, all in the caller's transaction: COPY, and set-based SQL where needed.

Two paths, one result (the tests run both):

* **Direct** (duplicate check against the campaign, or none; the default): the campaign's phones
  and the do-not-call list are loaded once into Python sets, so every row's fate is decided while
  reading it -- invalid, do-not-call, repeat inside the file, already in the campaign, or new -- and
  new records are COPYed straight into ``campaign_records`` (rejected and dropped rows into
  ``import_rejects``).  Each chunk of :data:`CHUNK_ROWS` records is sorted by phone first, which
  makes the ``(campaign_id, phone)`` index fill locally instead of at random (COPY of a million
  records 5.1 s -> 3.9 s, measured).  Why not a staging table: COPY into it plus ``INSERT ...
  SELECT`` cost the server 6.7 s for a million rows, more than the indexed COPY that is our
  baseline, while the Python side decides the same things for ~0.5 us a row.
* **Staged** (duplicate check against all campaigns, or sets too big to hold): COPY into a TEMP
  staging table, then set-based statements (rejects, DNC, duplicates against every campaign, the
  records sorted by phone, the report of dropped rows).

Both pipeline the work: reading/validating rows is Python work (one core) and loading is server
work (the other core), so the file goes through in chunks: while a loader thread (which holds the
connection) ships chunk *k*, the calling thread reads chunk *k+1*.  Repeats inside the file are
found in Python (a set of the phones seen, as integers: ~70 MB for a million).  The transaction is
the caller's: any failure or cancel rolls back every row of the upload at once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import psycopg
from psycopg import sql
from psycopg._copy_base import format_row_text  # psycopg is pinned to 3.3.x (pyproject)
from psycopg.adapt import Transformer

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.importing.normalize import (
    RECORD_COPY_COLUMNS,
    RowLayout,
    make_line_processor,
    make_row_processor,
)
from welcomedly_desktop.importing.options import CancelToken, DedupeScope, ProgressReporter
from welcomedly_desktop.importing.table import RowSource

log = logging.getLogger(__name__)

#: Rows between two looks at the cancel token / progress callback while reading.
BATCH_ROWS = 5000
#: Rows per pipelined chunk: big enough that per-chunk statements are cheap, small enough that
#: the chunks alive at once (being read, queued, being copied: COPY text) stay near 5 MB each.
CHUNK_ROWS = 20_000
#: Most phones (campaign records plus do-not-call numbers) the direct path loads into Python sets
#: (~64 bytes each); beyond this the staged path checks duplicates in the database instead.
PRELOAD_LIMIT = 1_000_000
#: Advisory lock namespace; (namespace, campaign_id) serialises imports into one campaign and
#: (namespace, 0) orders campaign-scoped imports against global-scoped ones.
LOCK_NAMESPACE = 0x494D50  # "IMP"

STAGE_DDL = """
CREATE TEMP TABLE import_stage (
    source_row  integer NOT NULL,
    phone       text,
    name        text,
    alt_phone   text,
    email       text,
    external_id text,
    extra       jsonb,
    bad_cols    text[],
    bad_reasons text[],
    raw         text,
    drop_kind   text
) ON COMMIT DROP
"""
STAGE_COLUMNS = "source_row, phone, name, alt_phone, email, external_id, extra, bad_cols, bad_reasons, raw, drop_kind"


@dataclass
class LoadCounts:
    rows_total: int = 0
    imported: int = 0
    rejected: int = 0
    duplicates: int = 0
    dnc: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _check(cancel: CancelToken) -> None:
    if cancel.is_set():
        raise OperationCancelled("The import was cancelled; no records were added.")


def _timed(cur: psycopg.Cursor, step: str, query, params=None) -> int:  # noqa: ANN001
    started = time.perf_counter()
    cur.execute(query, params)
    log.info("import step %s: %d rows in %.2fs", step, cur.rowcount, time.perf_counter() - started)
    return cur.rowcount


@contextlib.contextmanager
def cancel_running_statements(conn: psycopg.Connection, cancel: CancelToken) -> Iterator[None]:
    """While set-based statements run (seconds each), a watcher thread turns the cancel token into a
    server-side query cancel, so Cancel takes effect at once instead of after the statement."""
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if cancel.is_set():
                with contextlib.suppress(Exception):
                    conn.cancel_safe(timeout=5)
                return
            done.wait(0.05)

    watcher = threading.Thread(target=watch, name="import-cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    except psycopg.errors.QueryCanceled as exc:
        if cancel.is_set():
            raise OperationCancelled("The import was cancelled; no records were added.") from exc
        raise
    finally:
        done.set()
        watcher.join()


def _lock_parents(cur: psycopg.Cursor, params: dict) -> bool:
    """Lock the campaign and upload rows the records will point to; return True when the per-row
    foreign-key triggers may be skipped for the records INSERT.

    Why: PostgreSQL checks a foreign key with one query per inserted row; for a million records
    pointing at the same campaign and upload that is ~13 s of the import (measured), to check two
    values.  Taking here the very lock those checks take (FOR KEY SHARE on the two parent rows)
    once gives the same guarantee: the values exist and cannot be deleted before we commit; the
    other foreign-key columns (agent, disposition) are NULL on a new record.  Skipping the
    triggers needs ``session_replication_role``, which only a superuser may set (the built-in
    database's role is one); it is used only while no other trigger exists on campaign_records and
    import_rejects (whose rows point at the same upload), so no one else's trigger is ever skipped.
    Otherwise the normal checks run.
    """
    cur.execute("SELECT 1 FROM campaigns WHERE id = %(cid)s FOR KEY SHARE", params)
    if cur.fetchone() is None:
        from welcomedly_desktop.errors import NotFoundError

        raise NotFoundError("The campaign was deleted during the import; no records were added.")
    cur.execute("SELECT 1 FROM base_campaign_data WHERE id = %(uid)s FOR KEY SHARE", params)
    cur.execute(
        """
        SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT EXISTS (SELECT 1 FROM pg_trigger
                           WHERE tgrelid IN ('campaign_records'::regclass, 'import_rejects'::regclass)
                             AND NOT tgisinternal)
        """
    )
    row = cur.fetchone()
    fast = bool(row and row[0])
    log.info("import: foreign keys of the new records checked %s",
             "once, by locking the campaign and upload rows" if fast else "row by row (not a superuser connection)")
    return fast


#: Python's thread switch interval while an import runs (the default is 5 ms).  The reading thread
#: is CPU-bound; the loader thread needs the GIL for every block it hands to libpq, and with the
#: default it waited up to 5 ms each time: the COPY of 1,000,000 rows took 4.3 s of the server's
#: time instead of 1.5 s (measured with the step log; the whole import 13.3 s -> 10.0 s).
IMPORT_SWITCH_INTERVAL = 0.0002
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextlib.contextmanager
def _short_switch_interval() -> Iterator[None]:
    """Process-wide, so counted: the last of several concurrent imports puts the old value back."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(IMPORT_SWITCH_INTERVAL)
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


def load_rows(
    conn: psycopg.Connection,
    source: RowSource,
    layout: RowLayout,
    *,
    country_code: str,
    upload_id: int,
    campaign_id: int,
    dedupe: DedupeScope,
    mapping: dict[str, str],
    progress: ProgressReporter,
    cancel: CancelToken,
) -> LoadCounts:
    """Read, validate and load every row of ``source``; return the counts."""
    params = {"uid": upload_id, "cid": campaign_id, "ns": LOCK_NAMESPACE, "phone_col": mapping["phone"],
              "scope": dedupe.value}
    with conn.cursor() as cur:
        # Imports into one campaign take turns (each sees the other's records when checking
        # duplicates); a global check waits for every other import.
        if dedupe is DedupeScope.GLOBAL:
            cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, 0)", params)
        else:
            cur.execute("SELECT pg_advisory_xact_lock_shared(%(ns)s, 0)", params)
        cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, %(cid)s)", params)
        fast = _lock_parents(cur, params)
        preloaded = None if dedupe is DedupeScope.GLOBAL else _preload_phones(cur, params, dedupe)
    with _short_switch_interval(), cancel_running_statements(conn, cancel):
        if preloaded is not None:
            return _load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress, cancel)
        return _load_staged(conn, source, layout, country_code, params, mapping, fast, progress, cancel)


def _copy_phones(cur: psycopg.Cursor, query: str, params: dict, limit: int) -> set[int] | None:
    """The phones ``query`` selects, as integers (as the reading loop keys them), or None if more
    than ``limit``.  Streamed with COPY: ~10x faster than fetching a million one-column rows."""
    data = bytearray()
    with cur.copy(sql.SQL("COPY ({} LIMIT {}) TO STDOUT").format(sql.SQL(query), limit + 1), params) as copy:
        for block in copy:
            data += block
    phones = data.split()
    if len(phones) > limit:
        return None
    # Only digit strings not starting with 0 can equal a phone of the file (normalize.py's rules),
    # and only for those is the integer one-to-one with the text.
    return {int(p) for p in phones if p[0] != 48 and p.isdigit()}


def _preload_phones(cur: psycopg.Cursor, params: dict, dedupe: DedupeScope) -> tuple[set[int], set[int]] | None:
    """(do-not-call phones, the campaign's phones) for the direct path, or None when too many."""
    started = time.perf_counter()
    dnc = _copy_phones(cur, "SELECT phone FROM dnc_numbers WHERE campaign_id IS NULL OR campaign_id = %(cid)s",
                       params, PRELOAD_LIMIT)
    if dnc is None:
        return None
    existing: set[int] = set()
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


#: Reasons written for dropped rows (see also REPEAT_REASON).
DNC_REASON = "phone is on the do-not-call list"
EXISTING_REASON = "duplicate: the phone is already in this campaign"


def _load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress, cancel):  # noqa: ANN001, ANN202, PLR0913, PLR0915
    """The direct path (module docstring): every row's fate decided here, records COPYed as they come."""
    counts = LoadCounts()
    dnc, existing = preloaded
    blocked = dnc | existing if dnc else existing  # (no copy of the campaign's phones when no DNC)
    upload_id, campaign_id = params["uid"], params["cid"]
    line_of = make_line_processor(layout, country_code, campaign_id, upload_id)
    process = make_row_processor(layout, country_code)
    transformer = Transformer(conn)
    # Mapped fields as (JSON key, position) in a fast-path line and in a general processor's row.
    quote = json.encoder.encode_basestring
    line_fields = [(quote(column) + ':"', _LINE_INDEX[field]) for field, column in mapping.items()]
    row_fields = [(column, _STAGE_INDEX[field]) for field, column in mapping.items()]
    phone_col = params["phone_col"]
    seen: set[int] = set()
    remember = seen.add
    lines: list[str] = []
    keep = lines.append
    rejects = bytearray()  # COPY text for import_rejects
    repeats = bytearray()  # COPY text for import_repeats (named "duplicate of row N" at the end)
    # Each imported phone and its row, 12 bytes a record, so that the end can tell which row every
    # repeat repeats (a dict would take ~100 bytes a record; the database, an index probe each).
    kept_keys, kept_rows = array("q"), array("i")
    keep_key, keep_row = kept_keys.append, kept_rows.append
    repeated: set[int] = set()

    def drop(source_row: int, key: int, phone: str, raw_json: str) -> None:
        """A valid row that is not imported: do-not-call, a repeat, or already in the campaign."""
        if key in dnc:  # do-not-call wins over a repeat: every occurrence counts as DNC
            counts.dnc += 1
            format_row_text((upload_id, source_row, phone_col, DNC_REASON, raw_json), transformer, rejects)
        elif key in seen:
            counts.duplicates += 1
            repeated.add(key)
            format_row_text((source_row, phone, raw_json), transformer, repeats)
        else:
            remember(key)
            counts.duplicates += 1
            format_row_text((upload_id, source_row, phone_col, EXISTING_REASON, raw_json), transformer, rejects)

    def drop_plain(source_row: int, key: int, line: str) -> None:
        """drop() for a fast-path row; its line holds no escapes, so its values are the text itself."""
        values = line.split("\t")
        parts = [key_ + values[i] + '"' for key_, i in line_fields if values[i] != "\\N"]
        if values[6] != "{}":
            parts.append(values[6][1:-1])  # the unmapped columns
        drop(source_row, key, values[0], "{" + ",".join(parts) + "}")

    def general(source_row: int, cells: list[str]) -> None:
        """Rows off the fast path: invalid, ragged, or holding characters that need escaping."""
        row, ok = process(source_row, cells)
        if not ok:
            counts.rejected += 1
            for column, reason in zip(row[7], row[8]):
                format_row_text((upload_id, source_row, column, reason, row[9]), transformer, rejects)
            return
        key = int(row[1])
        if key in seen or key in blocked:
            # The row's cells under the file's own column names, phones as normalised.
            cells_json = {column: row[i] for column, i in row_fields if row[i] is not None}
            cells_json.update(json.loads(row[6]))
            drop(source_row, key, row[1], json.dumps(cells_json, ensure_ascii=False))
            return
        remember(key)
        keep_key(key)
        keep_row(source_row)
        line = bytearray()
        format_row_text((row[1], source_row, *row[2:7], campaign_id, upload_id), transformer, line)
        keep(line.decode())

    def ship() -> None:
        lines.sort()  # phone first in every line: the index is filled in order, not at random
        loader.put(("".join(lines).encode(), bytes(rejects), bytes(repeats)), cancel)
        lines.clear()
        rejects.clear()
        repeats.clear()

    with conn.cursor() as cur:
        cur.execute(REPEATS_DDL)
    loader = _DirectLoader(conn, params, fast)
    loader.start()
    try:
        total = in_chunk = 0
        next_check = BATCH_ROWS
        chunk_rows = CHUNK_ROWS
        for source_row, cells in source.rows():
            total += 1
            in_chunk += 1
            plain = line_of(source_row, cells)
            if plain is not None:
                key = int(plain[0])
                if key in seen or key in blocked:
                    drop_plain(source_row, key, plain[1])
                else:
                    remember(key)
                    keep_key(key)
                    keep_row(source_row)
                    keep(plain[1])
            else:
                general(source_row, cells)
            if total >= next_check:
                next_check += BATCH_ROWS
                _check(cancel)
                loader.raise_failure(cancel)
                progress("reading", total, source.fraction())
            if in_chunk >= chunk_rows:
                ship()
                in_chunk = 0
        if in_chunk:
            ship()
        del seen
        if repeated:
            first = bytearray()
            for key, row in zip(kept_keys, kept_rows):
                if key in repeated:
                    first += b"%d\t%d\n" % (key, row)
            loader.first_rows = bytes(first)
        del kept_keys, kept_rows, repeated
        counts.rows_total = total
        counts.imported = total - counts.rejected - counts.duplicates - counts.dnc
        log.info("import step read: %d rows (%d rejected) in %.2fs", total, counts.rejected, progress.elapsed)
        progress("checking", total, 1.0, force=True)
        loader.finish(cancel)
        progress("saving", total, 1.0, force=True)
    except BaseException:
        loader.abort()
        raise
    if loader.imported != counts.imported:  # cannot happen; a wrong count must never be reported
        raise RuntimeError(f"import: {loader.imported} records written but {counts.imported} counted")
    return counts


def _load_staged(conn, source, layout, country_code, params, mapping, fast, progress, cancel):  # noqa: ANN001, ANN202, PLR0913
    """The staged path (module docstring)."""
    counts = LoadCounts()
    pipelined = params["scope"] != DedupeScope.GLOBAL.value
    with conn.cursor() as cur:
        cur.execute(STAGE_DDL)
    loader = _ChunkLoader(conn, params, mapping, fast, counts, pipelined)
    process = make_row_processor(layout, country_code)
    # Rows are turned into COPY text here, by psycopg's own C formatter, so the loader thread only
    # ships bytes: formatting there made the two threads fight over the GIL (6.5 s of 16 for a
    # million rows).  A chunk then weighs ~100 bytes a row instead of a tuple of Python strings.
    transformer = Transformer(conn)
    loader.start()
    try:
        chunk = bytearray()
        in_chunk = 0
        total = rejected = 0
        next_check = BATCH_ROWS
        chunk_rows = CHUNK_ROWS
        seen: set[int] = set()
        remember = seen.add
        for source_row, cells in source.rows():
            row, ok = process(source_row, cells)
            total += 1
            if ok:
                key = int(row[1])  # normalised phones are digits only
                if key in seen:
                    row = (*row[:10], "file")  # a repeat inside the file; the first one stays
                else:
                    remember(key)
            else:
                rejected += 1
            format_row_text(row, transformer, chunk)
            in_chunk += 1
            if total >= next_check:
                next_check += BATCH_ROWS
                _check(cancel)
                loader.raise_failure(cancel)
                progress("reading", total, source.fraction())
            if in_chunk >= chunk_rows:
                loader.put(chunk, cancel)
                chunk, in_chunk = bytearray(), 0
        if in_chunk:
            loader.put(chunk, cancel)
        counts.rows_total, counts.rejected = total, rejected
        log.info("import step read: %d rows (%d rejected) in %.2fs", total, rejected, progress.elapsed)
        progress("checking", total, 1.0, force=True)
        loader.finish(cancel)
        progress("saving", total, 1.0, force=True)
    except BaseException:
        loader.abort()
        raise
    return counts


#: Reason of a repeat inside the file until :func:`_name_first_rows` names the row.
REPEAT_REASON = "duplicate of an earlier row of this file"
#: Where each mapped field sits in a row of :func:`make_row_processor`, and in a fast-path line.
_STAGE_INDEX = {"phone": 1, "name": 2, "alt_phone": 3, "email": 4, "external_id": 5}
_LINE_INDEX = {"phone": 0, "name": 2, "alt_phone": 3, "email": 4, "external_id": 5}
#: Repeats inside the file, held back until the end, when the row they repeat is known.
REPEATS_DDL = (
    "CREATE TEMP TABLE import_repeats (source_row integer, phone text, raw_row jsonb) ON COMMIT DROP;"
    "CREATE TEMP TABLE import_first (phone text, first_row integer) ON COMMIT DROP"
)


class _LoaderThread(threading.Thread):
    """Owns the connection while the import runs; the calling thread hands it chunks through a
    one-place queue (bounded memory) and learns of its failure at the next chunk or check."""

    def __init__(self, conn: psycopg.Connection, params: dict) -> None:
        super().__init__(name="import-loader", daemon=True)
        self.conn = conn
        self.params = params
        self.chunks: queue.Queue = queue.Queue(maxsize=1)  # at most one chunk waiting: bounded memory
        self.failure: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            with self.conn.cursor() as cur:
                while not self.stop.is_set():
                    try:
                        batch = self.chunks.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    if batch is None:
                        break
                    self.load(cur, batch)
                    del batch
                if not self.stop.is_set():
                    self.complete(cur)
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            self.failure = exc

    def load(self, cur: psycopg.Cursor, batch) -> None:  # noqa: ANN001
        raise NotImplementedError

    def complete(self, cur: psycopg.Cursor) -> None:
        """After the last chunk: the statements that need the whole upload."""
        _name_first_rows(cur, self.params)

    # -- calling thread side ---------------------------------------------------------------
    def raise_failure(self, cancel: CancelToken) -> None:
        if self.failure is not None:
            if cancel.is_set() and isinstance(self.failure, psycopg.errors.QueryCanceled):
                raise OperationCancelled("The import was cancelled; no records were added.") from self.failure
            raise self.failure

    def put(self, batch, cancel: CancelToken) -> None:  # noqa: ANN001
        while True:
            self.raise_failure(cancel)
            _check(cancel)
            try:
                self.chunks.put(batch, timeout=0.1)
                return
            except queue.Full:
                if not self.is_alive():
                    self.raise_failure(cancel)
                    raise RuntimeError("the import loader thread stopped unexpectedly")

    def finish(self, cancel: CancelToken) -> None:
        self.put(None, cancel)
        while self.is_alive():
            self.join(0.1)
            _check(cancel)
        self.raise_failure(cancel)

    def abort(self) -> None:
        """The calling thread failed (bad row, cancel, signal): stop and wait for the loader."""
        self.stop.set()
        if self.is_alive():
            with contextlib.suppress(Exception):
                self.conn.cancel_safe(timeout=5)
            self.join(30)


class _DirectLoader(_LoaderThread):
    """COPY of each chunk's records (sorted by phone) and of its rejected/dropped rows."""

    def __init__(self, conn: psycopg.Connection, params: dict, fast: bool) -> None:
        super().__init__(conn, params)
        self.fast = fast
        self.imported = 0
        self.first_rows = b""  # "phone TAB row" of the imported rows that the file repeats

    def run(self) -> None:
        if self.fast:  # see _lock_parents; for every COPY of this thread, undone in complete()
            try:
                self.conn.execute("SET LOCAL session_replication_role = replica")
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                self.failure = exc
                return
        super().run()

    def load(self, cur: psycopg.Cursor, batch: tuple[bytes, bytes, bytes]) -> None:
        records, rejects, repeats = batch
        started = time.perf_counter()
        if records:
            with cur.copy(f"COPY campaign_records ({RECORD_COPY_COLUMNS}) FROM STDIN") as copy:
                copy.write(records)
            self.imported += cur.rowcount
        if rejects:
            with cur.copy("COPY import_rejects (upload_id, source_row, column_name, reason, raw_row) FROM STDIN") as copy:
                copy.write(rejects)
        if repeats:
            with cur.copy("COPY import_repeats (source_row, phone, raw_row) FROM STDIN") as copy:
                copy.write(repeats)
        log.info("import step copy: %d + %d + %d bytes in %.2fs", len(records), len(rejects), len(repeats),
                 time.perf_counter() - started)

    def complete(self, cur: psycopg.Cursor) -> None:
        """The repeats, with the row they repeat when that row was imported."""
        if self.first_rows:
            with cur.copy("COPY import_first (phone, first_row) FROM STDIN") as copy:
                copy.write(self.first_rows)
        _timed(
            cur, "repeats",
            """
            INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
            SELECT %(uid)s, t.source_row, %(phone_col)s,
                   coalesce('duplicate of row ' || f.first_row || ' of this file', %(repeat)s), t.raw_row
            FROM import_repeats t LEFT JOIN import_first f ON f.phone = t.phone
            """,
            {**self.params, "repeat": REPEAT_REASON},
        )
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = origin")


class _ChunkLoader(_LoaderThread):
    """Staged path: COPY each chunk into the staging table, then the set-based statements."""

    def __init__(self, conn: psycopg.Connection, params: dict, mapping: dict[str, str], fast: bool,
                 counts: LoadCounts, pipelined: bool) -> None:
        super().__init__(conn, params)
        self.mapping = mapping
        self.fast = fast
        self.counts = counts
        self.pipelined = pipelined
        self.first_chunk = True

    def load(self, cur: psycopg.Cursor, batch: bytearray) -> None:
        started = time.perf_counter()
        with cur.copy(f"COPY import_stage ({STAGE_COLUMNS}) FROM STDIN") as copy:
            copy.write(batch)
        log.info("import step copy: %d bytes in %.2fs", len(batch), time.perf_counter() - started)
        if self.pipelined:
            self._apply(cur)

    def complete(self, cur: psycopg.Cursor) -> None:
        if not self.pipelined:
            self._apply(cur)
        super().complete(cur)

    # -- loader thread side ----------------------------------------------------------------
    def _apply(self, cur: psycopg.Cursor) -> None:
        """Rejects, DNC, duplicates, then the records themselves, for what is staged now."""
        params, counts = self.params, self.counts
        if self.first_chunk:
            # Temp tables have no statistics until analysed.  Once is enough: later chunks look
            # alike, and the planner scales the statistics to the table's current size.
            _timed(cur, "analyze", "ANALYZE import_stage")
        _timed(
            cur, "rejects",
            """
            INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
            SELECT %(uid)s, s.source_row, r.col, r.reason, s.raw::jsonb
            FROM import_stage s, unnest(s.bad_cols, s.bad_reasons) AS r(col, reason)
            WHERE s.bad_cols IS NOT NULL
            """,
            params,
        )
        # Do-not-call wins over "repeat in the file": every occurrence of such a phone counts as DNC.
        _timed(
            cur, "dnc",
            """
            UPDATE import_stage s SET drop_kind = 'dnc'
            WHERE s.bad_cols IS NULL AND (s.drop_kind IS NULL OR s.drop_kind = 'file') AND s.phone IN (
                SELECT d.phone FROM dnc_numbers d WHERE d.campaign_id IS NULL OR d.campaign_id = %(cid)s)
            """,
            params,
        )
        scope = params["scope"]
        if scope == DedupeScope.CAMPAIGN.value:
            if self.first_chunk:
                # The campaign's phones as they were before this upload (imports into the campaign
                # take turns under the advisory lock, so this stays true until we commit).  DISTINCT
                # makes the check a plain join, so the planner may hash the small chunk instead of
                # rebuilding a hash of every existing phone for each chunk (a semi-join must).
                _timed(cur, "existing-phones",
                       "CREATE TEMP TABLE import_existing ON COMMIT DROP AS "
                       "SELECT DISTINCT phone FROM campaign_records WHERE campaign_id = %(cid)s", params)
                cur.execute("ANALYZE import_existing")
            _timed(
                cur, "existing-duplicates",
                """
                UPDATE import_stage s SET drop_kind = 'existing'
                FROM import_existing e
                WHERE e.phone = s.phone AND s.bad_cols IS NULL AND s.drop_kind IS NULL
                """,
            )
        elif scope == DedupeScope.GLOBAL.value:  # one pass over everything (see module docstring)
            _timed(
                cur, "existing-duplicates",
                """
                UPDATE import_stage s SET drop_kind = 'existing'
                WHERE s.bad_cols IS NULL AND s.drop_kind IS NULL
                  AND EXISTS (SELECT 1 FROM campaign_records r WHERE r.phone = s.phone)
                """,
            )
        cur.execute(
            "SELECT count(*) FILTER (WHERE drop_kind = 'dnc'), count(*) FILTER (WHERE drop_kind <> 'dnc') "
            "FROM import_stage WHERE drop_kind IS NOT NULL"
        )
        dnc, duplicates = cur.fetchone()
        counts.dnc += dnc
        counts.duplicates += duplicates
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = replica")
        counts.imported += _timed(
            cur, "insert-records",
            """
            INSERT INTO campaign_records
                (campaign_id, upload_id, source_row, name, phone, alt_phone, email, external_id, extra)
            SELECT %(cid)s, %(uid)s, source_row, name, phone, alt_phone, email, external_id, extra
            FROM import_stage
            WHERE bad_cols IS NULL AND drop_kind IS NULL
            ORDER BY phone
            """,
            params,
        )
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = origin")
        # The per-row report also says which rows were dropped as duplicates or do-not-call, with
        # the row's cells under the file's own column names (phones as normalised).
        cells = sql.SQL(", ").join(
            sql.SQL("{}, s.{}").format(sql.Literal(column), sql.Identifier(field))
            for field, column in self.mapping.items()
        )
        _timed(
            cur, "dropped-report",
            sql.SQL(
                """
                INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
                SELECT %(uid)s, s.source_row, %(phone_col)s,
                       CASE WHEN s.drop_kind = 'dnc' THEN 'phone is on the do-not-call list'
                            WHEN s.drop_kind = 'existing' THEN 'duplicate: the phone is already in '
                                 || CASE WHEN %(scope)s = 'global' THEN 'a campaign' ELSE 'this campaign' END
                            ELSE %(repeat)s END,
                       jsonb_strip_nulls(jsonb_build_object({cells})) || s.extra
                FROM import_stage s
                WHERE s.drop_kind IS NOT NULL
                """
            ).format(cells=cells),
            {**params, "repeat": REPEAT_REASON},
        )
        cur.execute("TRUNCATE import_stage")
        self.first_chunk = False


def _name_first_rows(cur: psycopg.Cursor, params: dict) -> None:
    """Once, at the end: "duplicate of row N" for every repeat whose first occurrence was imported.

    One hash join over this upload's records; a per-row lookup was tried and, with statistics
    that predate the import, the planner scanned a whole campaign per row (130 s for 9,000
    rows), hence nested loops are ruled out for this statement.
    """
    params = {**params, "repeat": REPEAT_REASON}
    cur.execute("SET LOCAL enable_nestloop = off")
    _timed(
        cur, "name-first-rows",
        """
        UPDATE import_rejects j SET reason = 'duplicate of row ' || f.first_row || ' of this file'
        FROM (SELECT r.phone, min(r.source_row) AS first_row
              FROM campaign_records r
              WHERE r.upload_id = %(uid)s AND r.campaign_id = %(cid)s
                AND r.phone IN (SELECT d.raw_row ->> %(phone_col)s FROM import_rejects d
                                WHERE d.upload_id = %(uid)s AND d.reason = %(repeat)s)
              GROUP BY r.phone) f
        WHERE j.upload_id = %(uid)s AND j.reason = %(repeat)s AND j.raw_row ->> %(phone_col)s = f.phone
        """,
        params,
    )
    cur.execute("SET LOCAL enable_nestloop TO DEFAULT")
