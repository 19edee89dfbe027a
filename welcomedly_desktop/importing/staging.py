"""Where an import's rows go.

On an owner or superuser connection (the built-in server, IT's credential) the load COPYs straight
into ``campaign_records``/``import_rejects`` and stages in TEMP tables, as it always did.  On a
workstation connection (the client role, issue 15) PostgreSQL refuses both -- COPY FROM into a table
under row-level security, and TEMP tables -- so the rows go into staging tables that the server
creates for this upload after checking who is asking, and that it moves into the real tables itself
at the end (``app.import_stage``/``app.import_finish``, db/security/imports.py).  Everything else
the load does (reads, UPDATEs, INSERT ... SELECT) runs under the user's row-level security as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Targets:
    """The tables of one load: the real ones, or (``via_server``) the server's staging tables."""

    upload_id: int
    via_server: bool = False
    records: sql.Composable = field(default_factory=lambda: sql.Identifier("campaign_records"))
    rejects: sql.Composable = field(default_factory=lambda: sql.Identifier("import_rejects"))

    def stage(self, cur: psycopg.Cursor, kind: str, temp_ddl: str | sql.Composable | None = None) -> sql.Composable:
        """A staging table of ``kind`` ('stage' or 'existing'): TEMP (``temp_ddl``, run by the caller's
        role) on an owner connection; made by the server on a workstation connection."""
        if not self.via_server:
            if temp_ddl is not None:
                cur.execute(temp_ddl)
            return sql.Identifier(f"import_{kind}")
        return server_stage(cur, self.upload_id, kind)

    def analyze(self, cur: psycopg.Cursor, kind: str, table: sql.Composable) -> None:
        if self.via_server:
            cur.execute("SELECT app.import_analyze(%s, %s)", (self.upload_id, kind))
        else:
            cur.execute(sql.SQL("ANALYZE {}").format(table))

    def finish(self, cur: psycopg.Cursor) -> int | None:
        """On a workstation connection: the server moves what was staged and drops its tables; the
        records moved.  None on an owner connection (nothing to move)."""
        if not self.via_server:
            return None
        cur.execute("SELECT app.import_finish(%s)", (self.upload_id,))
        return int(cur.fetchone()[0])


def server_stage(cur: psycopg.Cursor, upload_id: int, kind: str) -> sql.Composable:
    cur.execute("SELECT app.import_stage(%s, %s)", (upload_id, kind))
    return sql.SQL(cur.fetchone()[0])  # a qualified name the server built (quote_ident)


def targets_for(cur: psycopg.Cursor, upload_id: int, *, direct: bool) -> Targets:
    """The targets of this connection's load (``direct``: the direct path, which COPYs records and
    rejects; the staged path INSERTs them under row-level security and only needs a stage)."""
    cur.execute("SELECT row_security_active('public.campaign_records') "
                "OR NOT has_database_privilege(current_database(), 'TEMP')")
    if not cur.fetchone()[0]:
        return Targets(upload_id)
    if not direct:
        return Targets(upload_id, via_server=True)
    return Targets(upload_id, True, server_stage(cur, upload_id, "records"), server_stage(cur, upload_id, "rejects"))
