"""Reports: hourly roll-up of interactions kept by triggers, indexes for worked records and callbacks.

Revision ID: 0003
Revises: 0001 (the import feature needed no schema change of its own, so there is no 0002)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

_AGG = """
    count(*)::int,
    coalesce(sum(talk_seconds), 0)::bigint,
    coalesce(sum(greatest(extract(epoch FROM ended_at - started_at), 0)), 0)::bigint,
    min(started_at),
    max(ended_at)
"""

_KEY = "campaign_id, date_trunc('hour', started_at, 'UTC'), coalesce(agent_id, 0), disposition_id"

_COLUMNS = "(campaign_id, hour_start, agent_id, disposition_id, attempts, talk_seconds, handle_seconds, first_started_at, last_ended_at)"


def _recompute(keys_sql: str) -> str:
    """Rebuild every roll-up row of the (campaign, hour) buckets listed by ``keys_sql``."""
    return f"""
        DELETE FROM interaction_hourly h USING ({keys_sql}) AS k(campaign_id, hour_start)
         WHERE h.campaign_id = k.campaign_id AND h.hour_start = k.hour_start;
        INSERT INTO interaction_hourly {_COLUMNS}
        SELECT {_KEY.replace('campaign_id,', 'i.campaign_id,', 1)}, {_AGG}
          FROM interactions i JOIN ({keys_sql}) AS k(campaign_id, hour_start)
            ON i.campaign_id = k.campaign_id AND i.started_at >= k.hour_start AND i.started_at < k.hour_start + interval '1 hour'
         GROUP BY 1, 2, 3, 4;
    """


def upgrade() -> None:
    op.create_table(
        "interaction_hourly",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("hour_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("disposition_id", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("talk_seconds", sa.BigInteger(), nullable=False),
        sa.Column("handle_seconds", sa.BigInteger(), nullable=False),
        sa.Column("first_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("campaign_id", "hour_start", "agent_id", "disposition_id", name=op.f("pk_interaction_hourly")),
    )
    op.create_index("ix_interaction_hourly_agent_hour", "interaction_hourly", ["agent_id", "hour_start"], unique=False)
    # Partial indexes: a freshly imported record (never tried, not yet handed out) enters neither,
    # so a million-row import maintains only the primary key and (campaign_id, phone).
    op.create_index("ix_campaign_records_campaign_last_attempt", "campaign_records", ["campaign_id", "last_attempt_at"],
                    unique=False, postgresql_where=sa.text("last_attempt_at IS NOT NULL"))
    op.create_index("ix_campaign_records_queue", "campaign_records",
                    ["assigned_agent_id", sa.literal_column("(callback_at IS NULL)"), "callback_at",
                     sa.literal_column("(attempts > 0)"), "last_attempt_at", "id"],
                    unique=False,
                    postgresql_where=sa.text("status <> 'done' AND assigned_agent_id IS NOT NULL"))
    op.create_index("ix_campaign_records_callbacks", "campaign_records", ["campaign_id", "callback_at"], unique=False,
                    postgresql_where=sa.text("callback_at IS NOT NULL AND status <> 'done'"))

    # Inserts (one statement may insert millions of rows: aggregate the transition table once).
    op.execute(
        f"""
        CREATE FUNCTION interaction_hourly_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO interaction_hourly AS h {_COLUMNS}
            SELECT {_KEY}, {_AGG} FROM new_rows GROUP BY 1, 2, 3, 4
            ON CONFLICT (campaign_id, hour_start, agent_id, disposition_id) DO UPDATE SET
                attempts = h.attempts + excluded.attempts,
                talk_seconds = h.talk_seconds + excluded.talk_seconds,
                handle_seconds = h.handle_seconds + excluded.handle_seconds,
                first_started_at = least(h.first_started_at, excluded.first_started_at),
                last_ended_at = greatest(h.last_ended_at, excluded.last_ended_at);
            RETURN NULL;
        END;
        $$
        """
    )
    # Updates and deletes cannot subtract a minimum: rebuild the touched (campaign, hour) buckets.
    op.execute(
        f"""
        CREATE FUNCTION interaction_hourly_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_recompute("SELECT DISTINCT campaign_id, date_trunc('hour', started_at, 'UTC') FROM old_rows UNION SELECT DISTINCT campaign_id, date_trunc('hour', started_at, 'UTC') FROM new_rows")}
            RETURN NULL;
        END;
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION interaction_hourly_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_recompute("SELECT DISTINCT campaign_id, date_trunc('hour', started_at, 'UTC') FROM old_rows")}
            RETURN NULL;
        END;
        $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION interaction_hourly_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM interaction_hourly;
            RETURN NULL;
        END;
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER interaction_hourly_insert AFTER INSERT ON interactions "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interaction_hourly_on_insert()"
    )
    op.execute(
        "CREATE TRIGGER interaction_hourly_update AFTER UPDATE ON interactions "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION interaction_hourly_on_update()"
    )
    op.execute(
        "CREATE TRIGGER interaction_hourly_delete AFTER DELETE ON interactions "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION interaction_hourly_on_delete()"
    )
    op.execute(
        "CREATE TRIGGER interaction_hourly_truncate AFTER TRUNCATE ON interactions "
        "FOR EACH STATEMENT EXECUTE FUNCTION interaction_hourly_on_truncate()"
    )
    # Existing activity (databases upgraded from an earlier version).
    op.execute(f"INSERT INTO interaction_hourly {_COLUMNS} SELECT {_KEY}, {_AGG} FROM interactions GROUP BY 1, 2, 3, 4")


def downgrade() -> None:
    for trig in ("truncate", "delete", "update", "insert"):
        op.execute(f"DROP TRIGGER IF EXISTS interaction_hourly_{trig} ON interactions")
        op.execute(f"DROP FUNCTION IF EXISTS interaction_hourly_on_{trig}()")
    op.drop_index("ix_campaign_records_queue", table_name="campaign_records")
    op.drop_index("ix_campaign_records_callbacks", table_name="campaign_records",
                  postgresql_where=sa.text("callback_at IS NOT NULL AND status <> 'done'"))
    op.drop_index("ix_campaign_records_campaign_last_attempt", table_name="campaign_records")
    op.drop_index("ix_interaction_hourly_agent_hour", table_name="interaction_hourly")
    op.drop_table("interaction_hourly")
