"""The direct load path: every row judged in Python while it is read, records COPYed straight in.

Used for the duplicate check against the campaign (the default) or none.  The campaign's phones
and the do-not-call list are loaded once into Python sets, so each row's fate is decided as it is
read -- invalid, do-not-call, repeat inside the file, already in the campaign, or new -- and new
records are COPYed into ``campaign_records`` (rejected and dropped rows into ``import_rejects``).
Each chunk of records is sorted by phone first, so the ``(campaign_id, phone)`` index fills
locally instead of at random (COPY of 930,000 records 5.1-6.2 s -> 4.7 s, measured).  Why not a
staging table: COPY into it plus ``INSERT ... SELECT`` cost the server 6.7 s for a million rows,
more than the indexed COPY that is the benchmark's baseline, while deciding the same things in
Python costs ~0.5 us a row.
"""

from __future__ import annotations

import json
import time
from array import array

import psycopg
from psycopg import sql
from psycopg._copy_base import format_row_text  # psycopg is pinned to 3.3.x (pyproject)
from psycopg.adapt import Transformer

from welcomedly_desktop.importing import load_base
from welcomedly_desktop.importing.load_base import (
    BATCH_ROWS,
    REPEAT_REASON,
    LoadCounts,
    LoaderThread,
    log,
    timed,
)
from welcomedly_desktop.importing.normalize import RECORD_COPY_COLUMNS, make_line_processor, make_row_processor
from welcomedly_desktop.importing.options import DedupeScope

#: Most phones (campaign records plus do-not-call numbers) loaded into Python sets (~64 bytes
#: each); beyond this the staged path checks duplicates in the database instead.
PRELOAD_LIMIT = 1_000_000


def _copy_phones(cur: psycopg.Cursor, query: str, params: dict, limit: int) -> set[int] | None:
    """The phones ``query`` selects, as integers (as the reading loop keys them), or None if more
    than ``limit``.  Streamed with COPY: ~10x faster than fetching a million one-column rows."""
    data = bytearray()
    with cur.copy(sql.SQL("COPY ({} LIMIT {}) TO STDOUT").format(sql.SQL(query), limit + 1), params) as copy:
        for block in copy:
            data += block
    phones = data.split(b"\n")  # one value a line (a value with a space is still one value)
    if phones and not phones[-1]:
        phones.pop()
    if len(phones) > limit:
        return None
    # Only digit strings not starting with 0 can equal a phone of the file (normalize.py's rules),
    # and only for those is the integer one-to-one with the text.
    return {int(p) for p in phones if p[:1] not in (b"", b"0") and p.isdigit()}


def preload_phones(cur: psycopg.Cursor, params: dict, dedupe: DedupeScope) -> tuple[set[int], set[int]] | None:
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
#: Where each mapped field sits in a row of :func:`make_row_processor`, and in a fast-path line.
_STAGE_INDEX = {"phone": 1, "name": 2, "alt_phone": 3, "email": 4, "external_id": 5}
_LINE_INDEX = {"phone": 0, "name": 2, "alt_phone": 3, "email": 4, "external_id": 5}
#: Repeats inside the file, held back until the end, when the row they repeat is known.
REPEATS_DDL = (
    "CREATE TEMP TABLE import_repeats (source_row integer, phone text, raw_row jsonb) ON COMMIT DROP;"
    "CREATE TEMP TABLE import_first (phone text, first_row integer) ON COMMIT DROP"
)


def load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress, cancel):  # noqa: ANN001, ANN202, PLR0913, PLR0915
    """Read and judge every row, COPY the records as they come (module docstring); the counts."""
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
    loader = DirectLoader(conn, params, fast)
    loader.start()
    try:
        total = in_chunk = 0
        next_check = BATCH_ROWS
        chunk_rows = load_base.CHUNK_ROWS
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
                loader.check_in(cancel, progress, total, source.fraction())
            if in_chunk >= chunk_rows:
                ship()
                in_chunk = 0
        if in_chunk:
            ship()
        seen.clear()  # its memory (~60 MB for a million) before the end's work
        if repeated:
            first = bytearray()
            for key, row in zip(kept_keys, kept_rows):
                if key in repeated:
                    first += b"%d\t%d\n" % (key, row)
            loader.first_rows = bytes(first)
        del kept_keys[:], kept_rows[:]
        repeated.clear()
        counts.rows_total = total
        counts.imported = total - counts.rejected - counts.duplicates - counts.dnc
        loader.wind_up(cancel, progress, total, counts.rejected)
    except BaseException:
        loader.abort()
        raise
    if loader.imported != counts.imported:  # cannot happen; a wrong count must never be reported
        raise RuntimeError(f"import: {loader.imported} records written but {counts.imported} counted")
    return counts


class DirectLoader(LoaderThread):
    """COPY of each chunk's records (sorted by phone) and of its rejected/dropped rows."""

    def __init__(self, conn: psycopg.Connection, params: dict, fast: bool) -> None:
        super().__init__(conn, params)
        self.fast = fast
        self.imported = 0
        self.first_rows = b""  # "phone TAB row" of the imported rows that the file repeats

    def run(self) -> None:
        if self.fast:  # see lock_parents; for every COPY of this thread, undone in complete()
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
        timed(
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
