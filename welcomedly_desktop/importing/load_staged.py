"""The staged load path: COPY into a TEMP staging table, then set-based SQL.

Used for the duplicate check against all campaigns (a phone set of every campaign could be any
size) and when the campaign's phones plus the do-not-call list are too many to hold in Python.
Statements: rejects, DNC, duplicates (against the campaign's phones copied once into a temp table,
or against every campaign), the records sorted by phone, the report of dropped rows.  With the
campaign check each chunk is applied as it arrives; with the global check every chunk is staged
first and checked once at the end (a phone lookup over all campaigns has no index to probe, so one
hash join beats one per chunk).
"""

from __future__ import annotations

import time

import psycopg
from psycopg import sql
from psycopg.adapt import Transformer

from welcomedly_desktop.db.security.imports import STAGE_COLUMNS_DDL
from welcomedly_desktop.importing import load_base
from welcomedly_desktop.importing.adapters.psycopg_copy import format_row_text
from welcomedly_desktop.importing.load_base import (
    BATCH_ROWS,
    announce_records,
    REPEAT_REASON,
    LoadCounts,
    LoaderThread,
    log,
    timed,
)
from welcomedly_desktop.importing.normalize import STAGE_FIELDS, make_row_processor
from welcomedly_desktop.importing.options import DedupeScope
from welcomedly_desktop.importing.staging import Targets
from welcomedly_desktop.i18n import translate

STAGE_DDL = f"CREATE TEMP TABLE import_stage ({STAGE_COLUMNS_DDL}) ON COMMIT DROP"
STAGE_COLUMNS = ", ".join(STAGE_FIELDS)
EXISTING_DDL = ("CREATE TEMP TABLE import_existing ON COMMIT DROP AS "
                "SELECT DISTINCT phone FROM campaign_records WHERE campaign_id = {}")


def load_staged(conn, source, layout, country_code, params, mapping, fast, progress, cancel,  # noqa: ANN001, ANN202, PLR0913
                targets: Targets | None = None):
    """Read every row into the staging table, chunk by chunk (module docstring); the counts."""
    counts = LoadCounts()
    pipelined = params["scope"] != DedupeScope.GLOBAL.value
    targets = targets or Targets(params["uid"])
    with conn.cursor() as cur:
        stage = targets.stage(cur, "stage", STAGE_DDL)
    loader = StagedLoader(conn, params, mapping, fast, counts, pipelined, targets, stage)
    process = make_row_processor(layout, country_code)
    # Rows are turned into COPY text here, by psycopg's own C formatter, so the loader thread only
    # ships bytes: formatting there made the two threads fight over the GIL.  A chunk then weighs
    # ~100 bytes a row instead of a tuple of Python strings.
    transformer = Transformer(conn)
    loader.start()
    try:
        chunk = bytearray()
        total = shipped = rejected = 0  # rows read; rows read when the last chunk was shipped
        next_check = BATCH_ROWS
        next_ship = load_base.next_chunk_rows(0, None)
        seen: set[int] = set()
        remember = seen.add
        for source_row, cells in source.rows():
            row, ok = process(source_row, cells)
            total += 1
            if ok:
                key = int(row[1])  # normalised phones are digits only
                if key in seen:
                    row = (*row[:10], "file", *row[11:])  # a repeat inside the file; the first one stays
                else:
                    remember(key)
            else:
                rejected += 1
            format_row_text(row, transformer, chunk)
            if total >= next_check:
                next_check += BATCH_ROWS
                loader.check_in(cancel, progress, total, source.fraction())
            if total >= next_ship:
                loader.put(chunk, cancel)
                chunk, shipped = bytearray(), total
                next_ship = total + load_base.next_chunk_rows(total, source.fraction())
        if total > shipped:
            loader.put(chunk, cancel)
        counts.rows_total, counts.rejected = total, rejected
        loader.wind_up(cancel, progress, total, rejected)
    except BaseException:
        loader.abort()
        raise
    return counts


class StagedLoader(LoaderThread):
    """Staged path: COPY each chunk into the staging table, then the set-based statements."""

    def __init__(self, conn: psycopg.Connection, params: dict, mapping: dict[str, str], fast: bool,
                 counts: LoadCounts, pipelined: bool, targets: Targets, stage: sql.Composable) -> None:
        super().__init__(conn, params)
        self.targets = targets
        self.tables = {"stage": stage}
        self.mapping = mapping
        self.fast = fast
        self.counts = counts
        self.pipelined = pipelined
        self.first_chunk = True

    def load(self, cur: psycopg.Cursor, batch: bytearray) -> None:
        started = time.perf_counter()
        with cur.copy(self._sql(f"COPY {{stage}} ({STAGE_COLUMNS}) FROM STDIN")) as copy:
            copy.write(batch)
        log.info("import step copy: %d bytes in %.2fs", len(batch), time.perf_counter() - started)
        if self.pipelined:
            self._apply(cur)

    def complete(self, cur: psycopg.Cursor) -> None:
        if not self.pipelined:
            self._apply(cur)
        name_first_rows(cur, self.params)
        self.targets.finish(cur)  # a workstation's staging tables dropped (nothing else is staged)

    def _sql(self, query: str) -> sql.Composed:
        """``query`` with {stage}/{existing} naming this load's tables (module staging)."""
        return sql.SQL(query).format(**self.tables)

    # -- loader thread side ----------------------------------------------------------------
    def _apply(self, cur: psycopg.Cursor) -> None:
        """Rejects, DNC, duplicates, then the records themselves, for what is staged now."""
        params, counts = self.params, self.counts
        if self.first_chunk:
            # Temp tables have no statistics until analysed.  Once is enough: later chunks look
            # alike, and the planner scales the statistics to the table's current size.
            started = time.perf_counter()
            self.targets.analyze(cur, "stage", self.tables["stage"])
            log.info("import step analyze: in %.2fs", time.perf_counter() - started)
        timed(
            cur, "rejects",
            self._sql("""
            INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
            SELECT %(uid)s, s.source_row, r.col, r.reason, s.raw::jsonb
            FROM {stage} s, unnest(s.bad_cols, s.bad_reasons) AS r(col, reason)
            WHERE s.bad_cols IS NOT NULL
            """),
            params,
        )
        # Do-not-call wins over "repeat in the file": every occurrence of such a phone counts as DNC.
        timed(
            cur, "dnc",
            self._sql("""
            UPDATE {stage} s SET drop_kind = 'dnc'
            WHERE s.bad_cols IS NULL AND (s.drop_kind IS NULL OR s.drop_kind = 'file') AND s.phone IN (
                SELECT d.phone FROM dnc_numbers d WHERE d.campaign_id IS NULL OR d.campaign_id = %(cid)s)
            """),
            params,
        )
        scope = params["scope"]
        if scope == DedupeScope.CAMPAIGN.value:
            if self.first_chunk:
                # The campaign's phones as they were before this upload (imports into the campaign
                # take turns under the advisory lock, so this stays true until we commit).  DISTINCT
                # makes the check a plain join, so the planner may hash the small chunk instead of
                # rebuilding a hash of every existing phone for each chunk (a semi-join must).
                started = time.perf_counter()
                existing = sql.SQL(EXISTING_DDL).format(sql.Literal(params["cid"]))
                self.tables["existing"] = self.targets.stage(cur, "existing", existing)
                if not self.targets.via_server:  # the server's is analysed already
                    cur.execute("ANALYZE import_existing")
                log.info("import step existing-phones: in %.2fs", time.perf_counter() - started)
            timed(
                cur, "existing-duplicates",
                self._sql("""
                UPDATE {stage} s SET drop_kind = 'existing'
                FROM {existing} e
                WHERE e.phone = s.phone AND s.bad_cols IS NULL AND s.drop_kind IS NULL
                """),
            )
        elif scope == DedupeScope.GLOBAL.value:  # one pass over everything (see module docstring)
            timed(
                cur, "existing-duplicates",
                self._sql("""
                UPDATE {stage} s SET drop_kind = 'existing'
                WHERE s.bad_cols IS NULL AND s.drop_kind IS NULL
                  AND EXISTS (SELECT 1 FROM campaign_records r WHERE r.phone = s.phone)
                """),
            )
        cur.execute(self._sql(
            "SELECT count(*) FILTER (WHERE drop_kind = 'dnc'), count(*) FILTER (WHERE drop_kind <> 'dnc') "
            "FROM {stage} WHERE drop_kind IS NOT NULL"
        ))
        dnc, duplicates = cur.fetchone()
        counts.dnc += dnc
        counts.duplicates += duplicates
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = replica")
        inserted = timed(
            cur, "insert-records",
            self._sql("""
            INSERT INTO campaign_records
                (campaign_id, upload_id, source_row, name, phone, alt_phone, email, external_id, extra, line_type)
            SELECT %(cid)s, %(uid)s, source_row, name, phone, alt_phone, email, external_id, extra, line_type
            FROM {stage}
            WHERE bad_cols IS NULL AND drop_kind IS NULL
            ORDER BY phone
            """),
            params,
        )
        counts.imported += inserted
        if self.fast:
            cur.execute("SET LOCAL session_replication_role = origin")
            announce_records(cur, params, inserted)
        # The per-row report also says which rows were dropped as duplicates or do-not-call, with
        # the row's cells under the file's own column names (phones as normalised).
        cells = sql.SQL(", ").join(
            sql.SQL("{}, s.{}").format(sql.Literal(column), sql.Identifier(field))
            for field, column in self.mapping.items()
        )
        timed(
            cur, "dropped-report",
            sql.SQL(
                """
                INSERT INTO import_rejects (upload_id, source_row, column_name, reason, raw_row)
                SELECT %(uid)s, s.source_row, %(phone_col)s,
                       CASE WHEN s.drop_kind = 'dnc' THEN %(dnc_reason)s
                            WHEN s.drop_kind = 'existing' THEN
                                 CASE WHEN %(scope)s = 'global' THEN %(existing_any)s ELSE %(existing_this)s END
                            ELSE %(repeat)s END,
                       jsonb_strip_nulls(jsonb_build_object({cells})) || s.extra
                FROM {stage} s
                WHERE s.drop_kind IS NOT NULL
                """
            ).format(cells=cells, **self.tables),
            {**params, **_reasons()},
        )
        cur.execute(self._sql("TRUNCATE {stage}"))
        self.first_chunk = False


def _reasons() -> dict[str, str]:
    """The reasons of dropped rows, in the current language (they are stored with the rejects)."""
    return {
        "repeat": translate("importing", REPEAT_REASON),
        "dnc_reason": translate("importing", "phone is on the do-not-call list"),
        "existing_any": translate("importing", "duplicate: the phone is already in a campaign"),
        "existing_this": translate("importing", "duplicate: the phone is already in this campaign"),
    }


def name_first_rows(cur: psycopg.Cursor, params: dict) -> None:
    """Once, at the end: "duplicate of row N" for every repeat whose first occurrence was imported.

    One hash join over this upload's records; with statistics that predate the import, the planner
    chose a per-row lookup that scanned a whole campaign per row, hence nested loops are ruled out
    for this statement.
    """
    params = {**params, "repeat": translate("importing", REPEAT_REASON),
              "row_reason": translate("importing", "duplicate of row {row} of this file")}
    cur.execute("SET LOCAL enable_nestloop = off")
    timed(
        cur, "name-first-rows",
        """
        UPDATE import_rejects j SET reason = replace(%(row_reason)s, '{row}', f.first_row::text)
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
