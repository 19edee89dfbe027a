"""Change feed: every committed change to the office's shared tables sends one NOTIFY per statement.

Revision ID: 0006
Revises: 0005

Statement-level triggers with transition tables: a statement touching many rows (a COPY of a
50,000-row chunk, a bulk assignment) sends one notification per campaign/upload it touched, not one
per row.  Payload (JSON, channel ``welcomedly_changes``, always under PostgreSQL's 8,000-byte limit):
``{"entity", "op", "ids": [...] | "campaign_id"/"upload_id" + "count", "at", "by", "origin"}``;
``by`` and ``origin`` come from the session settings ``welcomedly.user_id`` and ``welcomedly.origin``
that the application sets on its connections (db/engine.py), null when unset (psql, scripts).
Records notify only for what other workstations show: insert/delete, assignment, status,
disposition and callback changes (not every column).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: (table, entity) pairs that notify.  One list so that a renamed table (e.g. campaign_records kept
#: behind a view for row-level security) is adapted in one place.
TABLES = (
    ("users", "user"),
    ("campaigns", "campaign"),
    ("agents", "agent"),
    ("campaign_assignments", "assignment"),
    ("base_campaign_data", "upload"),
    ("dispositions", "disposition"),
)
#: The records table: bulk-aware, filtered to the columns other views show.
RECORDS_TABLE = "campaign_records"
CHANNEL = "welcomedly_changes"
#: Up to this many ids are listed; beyond it a change is sent as counts per campaign/upload.
MAX_IDS = 400

_HEADER = """
    by_user := nullif(current_setting('welcomedly.user_id', true), '')::int;
    origin := nullif(current_setting('welcomedly.origin', true), '');
    op_name := lower(TG_OP);
"""

_GENERIC = f"""
CREATE OR REPLACE FUNCTION welcomedly_notify_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    by_user int; origin text; op_name text; n bigint; id_list bigint[];
BEGIN
    {_HEADER}
    SELECT count(*), (array_agg(id ORDER BY id))[1:{MAX_IDS}] INTO n, id_list FROM changed_rows;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    IF n <= {MAX_IDS} THEN
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'entity', TG_ARGV[0], 'op', op_name, 'ids', id_list, 'at', clock_timestamp(),
            'by', by_user, 'origin', origin)::text);
    ELSE
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'entity', TG_ARGV[0], 'op', op_name, 'ids', NULL, 'count', n, 'at', clock_timestamp(),
            'by', by_user, 'origin', origin)::text);
    END IF;
    RETURN NULL;
END $$;
"""

# Records: inserts and deletes always; updates only when a shown column changed (old and new rows
# joined by id).  Large sets are summarised per (campaign, upload).
_CHANGED_UPDATE = """
    SELECT n.id, n.campaign_id, n.upload_id FROM new_records n JOIN old_records o USING (id)
    WHERE (n.assigned_agent_id, n.status, n.last_disposition_id, n.callback_at, n.attempts)
          IS DISTINCT FROM (o.assigned_agent_id, o.status, o.last_disposition_id, o.callback_at, o.attempts)
"""


def _records_branch(source: str) -> str:
    """The body for one operation: ``source`` yields (id, campaign_id, upload_id) of changed rows."""
    return f"""
        SELECT count(*), (array_agg(id ORDER BY id))[1:{MAX_IDS}] INTO n, id_list FROM ({source}) c;
        IF n = 0 THEN
            RETURN NULL;
        ELSIF n <= {MAX_IDS} THEN
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'entity', 'record', 'op', op_name, 'ids', id_list, 'at', clock_timestamp(),
                'by', by_user, 'origin', origin)::text);
            RETURN NULL;
        END IF;
        FOR grp IN SELECT campaign_id, upload_id, count(*) AS c FROM ({source}) c GROUP BY campaign_id, upload_id
        LOOP
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'entity', 'record', 'op', op_name, 'ids', NULL, 'campaign_id', grp.campaign_id,
                'upload_id', grp.upload_id, 'count', grp.c, 'at', clock_timestamp(),
                'by', by_user, 'origin', origin)::text);
        END LOOP;
"""


# Records: inserts and deletes always; updates only when a shown column changed (old and new rows
# joined by id).  Large sets are summarised per (campaign, upload).  Each branch names only the
# transition tables its operation has.
_RECORDS = f"""
CREATE OR REPLACE FUNCTION welcomedly_notify_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    by_user int; origin text; op_name text; n bigint; id_list bigint[]; grp record;
BEGIN
    {_HEADER}
    IF TG_OP = 'UPDATE' THEN
        {_records_branch(_CHANGED_UPDATE)}
    ELSIF TG_OP = 'INSERT' THEN
        {_records_branch("SELECT id, campaign_id, upload_id FROM new_records")}
    ELSE
        {_records_branch("SELECT id, campaign_id, upload_id FROM old_records")}
    END IF;
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.execute(_GENERIC)
    for table, entity in TABLES:
        for event, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER welcomedly_notify_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {ref} TABLE AS changed_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION welcomedly_notify_rows('{entity}')"
            )
    op.execute(_RECORDS)
    t = RECORDS_TABLE
    op.execute(f"CREATE TRIGGER welcomedly_notify_insert AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_records "
               "FOR EACH STATEMENT EXECUTE FUNCTION welcomedly_notify_records()")
    op.execute(f"CREATE TRIGGER welcomedly_notify_update AFTER UPDATE ON {t} "
               "REFERENCING NEW TABLE AS new_records OLD TABLE AS old_records "
               "FOR EACH STATEMENT EXECUTE FUNCTION welcomedly_notify_records()")
    op.execute(f"CREATE TRIGGER welcomedly_notify_delete AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_records "
               "FOR EACH STATEMENT EXECUTE FUNCTION welcomedly_notify_records()")


def downgrade() -> None:
    for table in [t for t, _ in TABLES] + [RECORDS_TABLE]:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS welcomedly_notify_{event} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS welcomedly_notify_records()")
    op.execute("DROP FUNCTION IF EXISTS welcomedly_notify_rows()")
