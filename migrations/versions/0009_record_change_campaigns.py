"""Record change notifications that list ids also name the campaigns of those records.

Revision ID: 0009
Revises: 0008

Why (issue 16): a record's campaign decides which campaign rows (Records / Worked / Progress) and
which open records views a change concerns.  Bulk record notifications already carry
``campaign_id``; the ones listing ids (up to 400 records) did not, so a workstation could only guess
(or reload everything).  Now they carry ``campaign_ids`` (distinct, ascending) when the statement
touched at most 50 campaigns, which keeps the payload well under PostgreSQL's 8,000-byte limit
(400 ids of 10 digits and 50 campaign ids of 10 digits: about 5,000 bytes); beyond that the key is
null and listeners treat the campaigns as unknown.  Only the function changes; the triggers of
0006 stay as they are.  The downgrade puts 0006's function back.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CHANNEL = "welcomedly_changes"
#: As in 0006: up to this many ids are listed; beyond it a change is sent as counts per campaign/upload.
MAX_IDS = 400
#: Campaign ids are listed when a statement touched at most this many campaigns (else null).
MAX_CAMPAIGN_IDS = 50

_HEADER = """
    by_user := nullif(current_setting('welcomedly.user_id', true), '')::int;
    origin := nullif(current_setting('welcomedly.origin', true), '');
    op_name := lower(TG_OP);
"""

_CHANGED_UPDATE = """
    SELECT n.id, n.campaign_id, n.upload_id FROM new_records n JOIN old_records o USING (id)
    WHERE (n.assigned_agent_id, n.status, n.last_disposition_id, n.callback_at, n.attempts)
          IS DISTINCT FROM (o.assigned_agent_id, o.status, o.last_disposition_id, o.callback_at, o.attempts)
"""


def _records_branch(source: str) -> str:
    """The body for one operation: ``source`` yields (id, campaign_id, upload_id) of changed rows."""
    return f"""
        SELECT count(*), (array_agg(id ORDER BY id))[1:{MAX_IDS}], count(DISTINCT campaign_id),
               (array_agg(DISTINCT campaign_id ORDER BY campaign_id))[1:{MAX_CAMPAIGN_IDS}]
          INTO n, id_list, n_campaigns, campaign_list FROM ({source}) c;
        IF n = 0 THEN
            RETURN NULL;
        ELSIF n <= {MAX_IDS} THEN
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'entity', 'record', 'op', op_name, 'ids', id_list,
                'campaign_ids', CASE WHEN n_campaigns <= {MAX_CAMPAIGN_IDS} THEN campaign_list END,
                'at', clock_timestamp(), 'by', by_user, 'origin', origin)::text);
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


_RECORDS = f"""
CREATE OR REPLACE FUNCTION welcomedly_notify_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    by_user int; origin text; op_name text; n bigint; id_list bigint[]; n_campaigns bigint;
    campaign_list bigint[]; grp record;
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
    op.execute(_RECORDS)


def downgrade() -> None:
    # 0006's module name starts with a digit: loaded from its file, not imported.
    spec = importlib.util.spec_from_file_location("change_feed_0006", Path(__file__).with_name("0006_change_feed.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    op.execute(module._RECORDS)
