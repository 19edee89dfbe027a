"""Bulk load: COPY rows into a TEMP staging table, then set-based SQL, all in the caller's transaction.

Why this shape: COPY is the fastest way in (the server parses it), and doing the dedupe/DNC work as
a handful of set operations over the staging table costs seconds where per-row checks would cost
minutes.  Records are inserted sorted by phone, so the (campaign_id, phone) index is filled in
order instead of by random page splits.  The transaction is the caller's: any failure or cancel
rolls back every row of the upload at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import psycopg
from psycopg import sql

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.importing.normalize import RowLayout, make_row_processor
from welcomedly_desktop.importing.options import CancelToken, DedupeScope, ProgressReporter
from welcomedly_desktop.importing.table import RowSource

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
    extra       text,
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
    progress("reading", total, 1.0, force=True)
    return counts


def apply_stage(
    conn: psycopg.Connection,
    *,
    upload_id: int,
    campaign_id: int,
    dedupe: DedupeScope,
    phone_column: str,
    counts: LoadCounts,
    progress: ProgressReporter,
    cancel: CancelToken,
) -> LoadCounts:
    """Rejects, DNC, duplicates, then the records themselves; fills in ``counts``."""
    params = {"uid": upload_id, "cid": campaign_id, "ns": LOCK_NAMESPACE, "phone_col": phone_column}
    with conn.cursor() as cur, cancel_running_statements(conn, cancel):
        # Temp tables have no statistics until analysed; without them the planner picks nested loops.
        cur.execute("ANALYZE import_stage")
        _check(cancel)
        progress("checking", counts.rows_total, None, force=True)
        if dedupe is DedupeScope.GLOBAL:
            cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, 0)", params)
        else:
            cur.execute("SELECT pg_advisory_xact_lock_shared(%(ns)s, 0)", params)
        cur.execute("SELECT pg_advisory_xact_lock(%(ns)s, %(cid)s)", params)

        cur.execute(
            """
            INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
            SELECT %(uid)s, s.source_row, r.col, r.reason, s.raw::jsonb
            FROM import_stage s, unnest(s.bad_cols, s.bad_reasons) AS r(col, reason)
            WHERE s.bad_cols IS NOT NULL
            """,
            params,
        )
        _check(cancel)
        cur.execute(
            """
            UPDATE import_stage s SET drop_kind = 'dnc'
            WHERE s.bad_cols IS NULL AND s.phone IN (
                SELECT d.phone FROM dnc_numbers d WHERE d.campaign_id IS NULL OR d.campaign_id = %(cid)s)
            """,
            params,
        )
        counts.dnc = cur.rowcount
        _check(cancel)
        # Duplicates inside the file: the first occurrence (lowest row number) stays.
        cur.execute(
            """
            UPDATE import_stage s SET drop_kind = 'file:' || d.first_row
            FROM (SELECT phone, min(source_row) AS first_row FROM import_stage
                  WHERE bad_cols IS NULL AND drop_kind IS NULL
                  GROUP BY phone HAVING count(*) > 1) d
            WHERE s.phone = d.phone AND s.source_row > d.first_row
              AND s.bad_cols IS NULL AND s.drop_kind IS NULL
            """
        )
        duplicates = cur.rowcount
        _check(cancel)
        if dedupe is not DedupeScope.NONE:
            scope = "r.campaign_id = %(cid)s AND " if dedupe is DedupeScope.CAMPAIGN else ""
            cur.execute(
                sql.SQL(
                    """
                    UPDATE import_stage s SET drop_kind = 'existing'
                    WHERE s.bad_cols IS NULL AND s.drop_kind IS NULL
                      AND EXISTS (SELECT 1 FROM campaign_records r WHERE {scope} r.phone = s.phone)
                    """
                ).format(scope=sql.SQL(scope)),
                params,
            )
            duplicates += cur.rowcount
        counts.duplicates = duplicates
        _check(cancel)
        progress("saving", counts.rows_total, None, force=True)
        cur.execute(
            """
            INSERT INTO campaign_records
                (campaign_id, upload_id, source_row, name, phone, alt_phone, email, external_id, extra)
            SELECT %(cid)s, %(uid)s, source_row, name, phone, alt_phone, email, external_id, extra::jsonb
            FROM import_stage
            WHERE bad_cols IS NULL AND drop_kind IS NULL
            ORDER BY phone
            """,
            params,
        )
        counts.imported = cur.rowcount
        _check(cancel)
        # The per-row report also says which rows were dropped as duplicates or do-not-call.
        cur.execute(
            """
            INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
            SELECT %(uid)s, s.source_row, %(phone_col)s,
                   CASE WHEN s.drop_kind = 'dnc' THEN 'phone is on the do-not-call list'
                        WHEN s.drop_kind = 'existing' THEN 'duplicate: the phone is already in '
                             || CASE WHEN %(scope)s = 'global' THEN 'a campaign' ELSE 'this campaign' END
                        ELSE 'duplicate of row ' || substr(s.drop_kind, 6) || ' of this file' END,
                   jsonb_strip_nulls(jsonb_build_object(
                       'name', s.name, 'phone', s.phone, 'alt_phone', s.alt_phone,
                       'email', s.email, 'external_id', s.external_id)) || s.extra::jsonb
            FROM import_stage s
            WHERE s.drop_kind IS NOT NULL
            """,
            {**params, "scope": dedupe.value},
        )
    return counts
