"""Bulk load: COPY rows into a TEMP staging table, then set-based SQL, all in the caller's transaction.

Why this shape: COPY is the fastest way in (the server parses it), and doing the dedupe/DNC work as
a handful of set operations over the staging table costs seconds where per-row checks would cost
minutes.  Records are inserted sorted by phone, so the (campaign_id, phone) index is filled in
order instead of by random page splits.  The transaction is the caller's: any failure or cancel
rolls back every row of the upload at once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import psycopg
from psycopg import sql

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.importing.normalize import RowLayout, make_row_processor
from welcomedly_desktop.importing.options import CancelToken, DedupeScope, ProgressReporter
from welcomedly_desktop.importing.table import RowSource

log = logging.getLogger(__name__)

#: Rows between two looks at the cancel token / progress callback while copying.
BATCH_ROWS = 5000
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
STAGE_COLUMNS = "source_row, phone, name, alt_phone, email, external_id, extra, bad_cols, bad_reasons, raw"


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
    database's role is one); it is used only while no other trigger exists on campaign_records,
    so no one else's trigger is ever skipped.  Otherwise the normal checks run.
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
                           WHERE tgrelid = 'campaign_records'::regclass AND NOT tgisinternal)
        """
    )
    row = cur.fetchone()
    return bool(row and row[0])


def copy_to_stage(
    conn: psycopg.Connection,
    source: RowSource,
    layout: RowLayout,
    country_code: str,
    progress: ProgressReporter,
    cancel: CancelToken,
) -> LoadCounts:
    """Read every row, validate it in Python, COPY it into ``import_stage``."""
    process = make_row_processor(layout, country_code)
    counts = LoadCounts()
    rejected = 0
    total = 0
    with conn.cursor() as cur:
        cur.execute(STAGE_DDL)
        with cur.copy(f"COPY import_stage ({STAGE_COLUMNS}) FROM STDIN") as copy:
            write = copy.write_row
            next_check = BATCH_ROWS
            for source_row, cells in source.rows():
                row, ok = process(source_row, cells)
                write(row)
                total += 1
                if not ok:
                    rejected += 1
                if total >= next_check:
                    next_check += BATCH_ROWS
                    _check(cancel)
                    progress("reading", total, source.fraction())
    counts.rows_total = total
    counts.rejected = rejected
    log.info("import step copy: %d rows (%d rejected) in %.2fs", total, rejected, progress.elapsed)
    progress("reading", total, 1.0, force=True)
    return counts


def apply_stage(
    conn: psycopg.Connection,
    *,
    upload_id: int,
    campaign_id: int,
    dedupe: DedupeScope,
    mapping: dict[str, str],
    counts: LoadCounts,
    progress: ProgressReporter,
    cancel: CancelToken,
) -> LoadCounts:
    """Rejects, DNC, duplicates, then the records themselves; fills in ``counts``."""
    params = {"uid": upload_id, "cid": campaign_id, "ns": LOCK_NAMESPACE, "phone_col": mapping["phone"]}
    with conn.cursor() as cur, cancel_running_statements(conn, cancel):
        # Temp tables have no statistics until analysed; without them the planner picks nested loops.
        _timed(cur, "analyze", "ANALYZE import_stage")
        _check(cancel)
        progress("checking", counts.rows_total, None, force=True)
        if dedupe is DedupeScope.GLOBAL:
            cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, 0)", params)
        else:
            cur.execute("SELECT pg_advisory_xact_lock_shared(%(ns)s, 0)", params)
        cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, %(cid)s)", params)

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
        _check(cancel)
        counts.dnc = _timed(
            cur, "dnc",
            """
            UPDATE import_stage s SET drop_kind = 'dnc'
            WHERE s.bad_cols IS NULL AND s.phone IN (
                SELECT d.phone FROM dnc_numbers d WHERE d.campaign_id IS NULL OR d.campaign_id = %(cid)s)
            """,
            params,
        )
        _check(cancel)
        # Duplicates inside the file: the first occurrence (lowest row number) stays.
        duplicates = _timed(
            cur, "file-duplicates",
            """
            UPDATE import_stage s SET drop_kind = 'file:' || d.first_row
            FROM (SELECT phone, min(source_row) AS first_row FROM import_stage
                  WHERE bad_cols IS NULL AND drop_kind IS NULL
                  GROUP BY phone HAVING count(*) > 1) d
            WHERE s.phone = d.phone AND s.source_row > d.first_row
              AND s.bad_cols IS NULL AND s.drop_kind IS NULL
            """
        )
        _check(cancel)
        if dedupe is not DedupeScope.NONE:
            scope = "r.campaign_id = %(cid)s AND " if dedupe is DedupeScope.CAMPAIGN else ""
            duplicates += _timed(
                cur, "existing-duplicates",
                sql.SQL(
                    """
                    UPDATE import_stage s SET drop_kind = 'existing'
                    WHERE s.bad_cols IS NULL AND s.drop_kind IS NULL
                      AND EXISTS (SELECT 1 FROM campaign_records r WHERE {scope} r.phone = s.phone)
                    """
                ).format(scope=sql.SQL(scope)),
                params,
            )
        counts.duplicates = duplicates
        _check(cancel)
        progress("saving", counts.rows_total, None, force=True)
        fast = _lock_parents(cur, params)
        if fast:
            cur.execute("SET LOCAL session_replication_role = replica")
        counts.imported = _timed(
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
        if fast:
            cur.execute("SET LOCAL session_replication_role = origin")
        _check(cancel)
        # The per-row report also says which rows were dropped as duplicates or do-not-call.
        # The per-row report also says which rows were dropped as duplicates or do-not-call, with
        # the row's cells under the file's own column names (phones as normalised).
        cells = sql.SQL(", ").join(
            sql.SQL("{}, s.{}").format(sql.Literal(column), sql.Identifier(field)) for field, column in mapping.items()
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
                            ELSE 'duplicate of row ' || substr(s.drop_kind, 6) || ' of this file' END,
                       jsonb_strip_nulls(jsonb_build_object({cells})) || s.extra
                FROM import_stage s
                WHERE s.drop_kind IS NOT NULL
                """
            ).format(cells=cells),
            {**params, "scope": dedupe.value},
        )
    return counts
