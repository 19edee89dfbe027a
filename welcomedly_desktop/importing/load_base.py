"""What both load paths share: counts, chunk sizes, the loader thread that owns the connection."""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from dataclasses import asdict, dataclass

import psycopg

from welcomedly_desktop.errors import OperationCancelled
from welcomedly_desktop.importing.options import CancelToken, ProgressReporter
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger("welcomedly_desktop.importing.loader")  # one log name for every import step

#: Rows between two looks at the cancel token / progress callback while reading.
BATCH_ROWS = 5000
#: Rows per pipelined chunk: the bigger a chunk (its records are sorted by phone), the less the
#: server pays to fill the phone index, but the chunks alive at once (being read, queued, being
#: copied) cost memory and the last one is not overlapped with reading (bench/README.md).
CHUNK_ROWS = 50_000
#: Rows of the last chunks, once less than a chunk and a half is left to read: the last chunk's
#: COPY is the one not overlapped with reading, so a small one ends the import sooner.
TAIL_CHUNK_ROWS = 10_000


def next_chunk_rows(rows_read: int, fraction: float | None) -> int:
    """How many rows the next chunk should hold, given how far through the file the reader is."""
    if fraction and 0 < fraction < 1 and rows_read * (1 - fraction) / fraction < 1.5 * CHUNK_ROWS:
        return min(TAIL_CHUNK_ROWS, CHUNK_ROWS)
    return CHUNK_ROWS


#: Reason of a repeat inside the file whose first row was not imported (the staged path also
#: writes it for every repeat until, at the end, it names the row repeated where there is one).
REPEAT_REASON = QT_TRANSLATE_NOOP("importing", "duplicate of an earlier row of this file")


@dataclass
class LoadCounts:
    rows_total: int = 0
    imported: int = 0
    rejected: int = 0
    duplicates: int = 0
    dnc: int = 0
    #: Records whose line type is "unknown" (the upload's warnings), when the loader counted them as
    #: it wrote them (the direct path); None: the caller counts them in the database.
    warnings: int | None = None

    def to_dict(self) -> dict[str, int]:
        data = asdict(self)
        del data["warnings"]  # reported by the use case, next to its own counts
        return data


def check_cancel(cancel: CancelToken) -> None:
    if cancel.is_set():
        raise OperationCancelled(translate("importing", "The import was cancelled; no records were added."))


#: The change feed's channel and its records triggers' functions (migration 0006).
CHANGES_CHANNEL = "welcomedly_changes"
FEED_TRIGGER_FUNCTIONS = ("welcomedly_notify_records", "welcomedly_notify_rows")


#: Up to this many ids a records notification lists them, as the change feed's trigger does (0006).
ANNOUNCED_IDS = 400


def announce_records(cur: psycopg.Cursor, params: dict, count: int) -> None:
    """Send the records notification the change feed's trigger would have sent, for a load whose
    triggers were skipped (``session_replication_role = replica``): the new ids and their campaign
    for a small load, a count per campaign and upload for a bulk one."""
    if not count:
        return
    common = ("'at', clock_timestamp(), 'by', nullif(current_setting('welcomedly.user_id', true), '')::int, "
              "'origin', nullif(current_setting('welcomedly.origin', true), '')")
    if count <= ANNOUNCED_IDS:
        # This session's ids are the sequence's latest it handed out: a short primary-key range (other
        # workstations' inserts may interleave; when they hide some of ours, the count form is sent).
        cur.execute(
            "SELECT array_agg(id ORDER BY id) FROM campaign_records "
            "WHERE id <= currval(pg_get_serial_sequence('campaign_records', 'id')) "
            "AND id > currval(pg_get_serial_sequence('campaign_records', 'id')) - 100000 AND upload_id = %(uid)s",
            params,
        )
        ids = cur.fetchone()[0] or []
        if len(ids) == count:
            cur.execute(
                "SELECT pg_notify(%(channel)s, json_build_object('entity', 'record', 'op', 'insert', 'ids', %(ids)s, "
                f"'campaign_ids', json_build_array(%(cid)s), {common})::text)",
                {**params, "channel": CHANGES_CHANNEL, "ids": ids},
            )
            return
    cur.execute(
        "SELECT pg_notify(%(channel)s, json_build_object('entity', 'record', 'op', 'insert', 'ids', NULL, "
        f"'campaign_id', %(cid)s, 'upload_id', %(uid)s, 'count', %(n)s, {common})::text)",
        {**params, "channel": CHANGES_CHANNEL, "n": count},
    )


def timed(cur: psycopg.Cursor, step: str, query, params=None) -> int:  # noqa: ANN001
    started = time.perf_counter()
    cur.execute(query, params)
    log.info("import step %s: %d rows in %.2fs", step, cur.rowcount, time.perf_counter() - started)
    return cur.rowcount


class LoaderThread(threading.Thread):
    """Owns the connection while the import runs; the calling thread hands it chunks through a
    one-place queue (bounded memory) and learns of its failure at the next chunk or check."""

    def __init__(self, conn: psycopg.Connection, params: dict) -> None:
        super().__init__(name="import-loader", daemon=True)
        self.conn = conn
        self.params = params
        self.chunks: queue.Queue = queue.Queue(maxsize=1)  # at most one chunk waiting: bounded memory
        self.failure: BaseException | None = None
        self.stop = threading.Event()
        self.reader_cpu = time.thread_time()  # created by the reading thread just before it reads
        self.loader_cpu = 0.0

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.loader_cpu = time.thread_time()

    def _run(self) -> None:
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

    # -- calling thread side ---------------------------------------------------------------
    def raise_failure(self, cancel: CancelToken) -> None:
        if self.failure is not None:
            if cancel.is_set() and isinstance(self.failure, psycopg.errors.QueryCanceled):
                raise OperationCancelled(translate("importing", "The import was cancelled; no records were added.")) from self.failure
            raise self.failure

    def put(self, batch, cancel: CancelToken) -> None:  # noqa: ANN001
        while True:
            self.raise_failure(cancel)
            check_cancel(cancel)
            try:
                self.chunks.put(batch, timeout=0.1)
                return
            except queue.Full:
                self._ensure_alive(cancel)

    def waiting_for_chunk(self) -> bool:
        """No chunk waits in the queue: the one being loaded (if any) is the server's last."""
        return self.chunks.empty()

    def wait_taken(self, cancel: CancelToken) -> None:
        """Wait until the loader has taken the chunk handed to it last (it is loading it): a reader
        faster than the server then builds the next chunk while that one loads, instead of
        holding one more chunk in memory in the queue."""
        while not self.chunks.empty():
            self.raise_failure(cancel)
            check_cancel(cancel)
            self._ensure_alive(cancel)
            time.sleep(0.002)

    def _ensure_alive(self, cancel: CancelToken) -> None:
        """A loader that ended while chunks still wait for it failed: its error, or this one."""
        if not self.is_alive():
            self.raise_failure(cancel)
            raise RuntimeError("the import loader thread stopped unexpectedly")

    def check_in(self, cancel: CancelToken, progress: ProgressReporter, total: int, fraction: float | None) -> None:
        """Every BATCH_ROWS rows read: stop on cancel or on the loader's failure, report progress."""
        check_cancel(cancel)
        self.raise_failure(cancel)
        progress("reading", total, fraction)

    def wind_up(self, cancel: CancelToken, progress: ProgressReporter, total: int, rejected: int) -> None:
        """Every row read: wait for the loader to finish the last chunks and the closing statements."""
        # CPU time next to elapsed time tells a reading thread that waited (for the GIL, or for a
        # core the server was using) from one that was busy.
        log.info("import step read: %d rows (%d rejected) in %.2fs (reading thread %.2fs CPU)", total, rejected,
                 progress.elapsed, time.thread_time() - self.reader_cpu)
        progress("checking", total, 1.0, force=True)
        self.finish(cancel)
        log.info("import step loaded: loader thread %.2fs CPU", self.loader_cpu)
        progress("saving", total, 1.0, force=True)

    def finish(self, cancel: CancelToken) -> None:
        self.put(None, cancel)
        while self.is_alive():
            self.join(0.1)
            check_cancel(cancel)
        self.raise_failure(cancel)

    def abort(self) -> None:
        """The calling thread failed (bad row, cancel, signal): stop and wait for the loader."""
        self.stop.set()
        if self.is_alive():
            with contextlib.suppress(Exception):
                self.conn.cancel_safe(timeout=5)
            self.join(30)
