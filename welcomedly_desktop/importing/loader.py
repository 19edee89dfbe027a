"""Bulk load of one upload, all in the caller's transaction.

Two paths, one result (the tests run both): :mod:`load_direct` (the campaign's phones and the
do-not-call list preloaded into sorted arrays, each chunk of rows judged as it is read, records
COPYed straight into ``campaign_records``) for the default duplicate check and none;
:mod:`load_staged` (a TEMP staging table and set-based SQL) for the check against all campaigns,
or when the preloaded phones would be too many.  On a workstation (client-role) connection both
stage in tables the server makes and moves from (:mod:`staging`).

Both pipeline the work: reading/validating rows is Python work (one core) and loading is server
work (the other core), so the file goes through in chunks: while a loader thread (which holds the
connection) ships chunk *k*, the calling thread reads chunk *k+1*.  Repeats inside the file are
found on the Python side (direct: sorted arrays, 12 bytes a phone; staged: a set).  The transaction
is the caller's: any failure or cancel rolls back every row of the upload at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import psycopg

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.importing import staging, tuning
from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
from welcomedly_desktop.importing.load_base import FEED_TRIGGER_FUNCTIONS, LoadCounts, log
from welcomedly_desktop.importing.load_direct import load_direct, preload_phones
from welcomedly_desktop.importing.load_staged import load_staged
from welcomedly_desktop.importing.normalize import RowLayout
from welcomedly_desktop.importing.options import CancelToken, DedupeScope, ProgressReporter
from welcomedly_desktop.importing.table import RowSource
from welcomedly_desktop.i18n import translate

__all__ = ["LoadCounts", "load_rows", "cancel_running_statements"]

#: Advisory lock namespace; (namespace, campaign_id) serialises imports into one campaign and
#: (namespace, 0) orders campaign-scoped imports against global-scoped ones.
LOCK_NAMESPACE = 0x494D50  # "IMP"


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
            raise OperationCancelled(translate("importing", "The import was cancelled; no records were added.")) from exc
        raise
    finally:
        done.set()
        watcher.join()


def _lock_parents(cur: psycopg.Cursor, params: dict) -> bool:
    """Lock the campaign and upload rows the records will point to; return True when the per-row
    foreign-key triggers may be skipped for the records INSERT.

    Why: PostgreSQL checks a foreign key with one query per inserted row; for a million records
    pointing at the same campaign and upload that is most of the import's time, to check two
    values.  Taking here the very lock those checks take (FOR KEY SHARE on the two parent rows)
    once gives the same guarantee: the values exist and cannot be deleted before we commit; the
    other foreign-key columns (agent, disposition) are NULL on a new record.  Skipping the
    triggers needs ``session_replication_role``, which only a superuser may set (the built-in
    database's role is one); it is used only while no other trigger than the change feed's exists on
    campaign_records and import_rejects (whose rows point at the same upload), so no one else's
    trigger is ever skipped; the loader then sends the change feed's notification itself
    (load_base.announce_records).  Otherwise the normal checks run.
    """
    cur.execute("SELECT 1 FROM campaigns WHERE id = %(cid)s FOR KEY SHARE", params)
    if cur.fetchone() is None:
        from welcomedly_desktop.errors import NotFoundError

        raise NotFoundError(translate("importing", "The campaign was deleted during the import; no records were added."))
    cur.execute("SELECT 1 FROM base_campaign_data WHERE id = %(uid)s FOR KEY SHARE", params)
    cur.execute(
        """
        SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                           WHERE t.tgrelid IN ('campaign_records'::regclass, 'import_rejects'::regclass)
                             AND NOT t.tgisinternal AND p.proname <> ALL (%(feed)s))
        """,
        {"feed": list(FEED_TRIGGER_FUNCTIONS)},
    )
    row = cur.fetchone()
    fast = bool(row and row[0])
    log.info("import: foreign keys of the new records checked %s",
             "once, by locking the campaign and upload rows" if fast else "row by row (not a superuser connection)")
    return fast


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
    tuning.load_starting()
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
        preloaded = None if dedupe is DedupeScope.GLOBAL else preload_phones(cur, params, dedupe)
        targets = staging.targets_for(cur, upload_id, direct=preloaded is not None)
    with tuning.loading(), cancel_running_statements(conn, cancel):
        if preloaded is not None:
            batches = source.batches()
            if batches is not None:
                with conn.cursor() as cur:
                    cur.execute("SAVEPOINT import_batches")
                try:
                    return load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress,
                                       cancel, batches, targets=targets)
                except FastPathUnsuitable as exc:
                    # Rare (a file the csv module would refuse, or read differently): start again
                    # with the reader whose verdict counts.
                    log.info("import: read again row by row (%s)", exc)
                    with conn.cursor() as cur:
                        cur.execute("ROLLBACK TO SAVEPOINT import_batches")
                finally:
                    batches.close()
            return load_direct(conn, source, layout, country_code, params, mapping, fast, preloaded, progress, cancel,
                               targets=targets)
        return load_staged(conn, source, layout, country_code, params, mapping, fast, progress, cancel, targets)
