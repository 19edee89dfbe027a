"""Keeping schema ``app`` tidy without a scheduler (issues 15 and 16): session changes on the change
feed, sessions of crashed workstations ended, staging tables left behind by imports dropped.

* ``app.sessions`` notifies ``welcomedly_changes`` (entity ``session``) when a session starts or
  ends, in the change feed's payload format (migration 0006), so ``welcomedly watch`` prints logins
  and the Users page's sessions list and the Live page's "Logged in" refresh by themselves.  Only
  starts and ends: ``last_seen_at`` moves on every attach and audited action and would flood the feed.
* ``app.sweep_sessions()`` ends, as "connection lost", the open sessions none of whose bound server
  connections is alive any more (no ``pg_stat_activity`` backend with the binding's pid and start)
  and that were last seen longer ago than ``app.upkeep.session_grace``.  It runs inside
  ``app.login``, ``app.session_list`` and ``app.logged_in_users``: the moments someone asks who is
  logged in.  The grace (2 minutes) covers a live workstation whose connections are all down for a
  moment: the listener reconnects within its backoff (at most 8 s) plus keepalive detection (~25 s)
  and re-attaches, which moves ``last_seen_at``; a server restart counts as "seen" (its start time),
  so nobody is swept while every workstation is still reconnecting.
* ``app.sweep_stages()`` drops staging tables in ``app_stage`` that some transaction committed (an
  import's own tables are created and dropped inside its transaction, so other connections never
  see them) once their upload is no longer importing, or gone, or the table is older than
  ``app.upkeep.stage_max_age``.  It runs in ``app.import_stage`` and at ``welcomedly db upgrade``.

``app.upkeep`` is one row only the owner can change (the client role has no privilege on it), so a
workstation cannot shorten the grace and end other people's sessions.
"""

from __future__ import annotations

from welcomedly_desktop.db.security.functions import CLIENT_GROUP

_PRIVATE = "SET search_path = pg_catalog, pg_temp"
CHANNEL = "welcomedly_changes"
#: As the change feed (migration 0006): up to this many ids are listed, beyond it a count.
MAX_IDS = 400
#: The reason a swept session is ended with (``app.sessions.ended_reason``, the audit's action).
LOST_REASON = "connection lost"

UPKEEP = f"""
CREATE TABLE IF NOT EXISTS app.upkeep (
    id integer PRIMARY KEY CHECK (id = 1),
    session_grace interval NOT NULL DEFAULT interval '2 minutes',
    stage_max_age interval NOT NULL DEFAULT interval '6 hours'
);
INSERT INTO app.upkeep (id) VALUES (1) ON CONFLICT DO NOTHING;
REVOKE ALL ON app.upkeep FROM PUBLIC, {CLIENT_GROUP};
ALTER TABLE app.import_stages ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT pg_catalog.now();

CREATE OR REPLACE FUNCTION app.sessions_notify() RETURNS trigger LANGUAGE plpgsql {_PRIVATE} AS $$
DECLARE
    n bigint;
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT pg_catalog.count(*), (pg_catalog.array_agg(c.id ORDER BY c.id))[1:{MAX_IDS}] INTO n, ids FROM new_rows c;
    ELSE  -- ends only (ended_at set); last_seen_at moves too often to be news
        SELECT pg_catalog.count(*), (pg_catalog.array_agg(c.id ORDER BY c.id))[1:{MAX_IDS}] INTO n, ids
          FROM new_rows c JOIN old_rows o ON o.id = c.id WHERE c.ended_at IS DISTINCT FROM o.ended_at;
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.pg_notify('{CHANNEL}', pg_catalog.json_build_object(
        'entity', 'session', 'op', pg_catalog.lower(TG_OP), 'ids', CASE WHEN n <= {MAX_IDS} THEN ids END,
        'count', CASE WHEN n > {MAX_IDS} THEN n END, 'at', pg_catalog.clock_timestamp(),
        'by', coalesce(app.current_user_id(), NULLIF(pg_catalog.current_setting('welcomedly.user_id', true), '')::int),
        'origin', NULLIF(pg_catalog.current_setting('welcomedly.origin', true), ''))::text);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS sessions_notify_insert ON app.sessions;
DROP TRIGGER IF EXISTS sessions_notify_update ON app.sessions;
CREATE TRIGGER sessions_notify_insert AFTER INSERT ON app.sessions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.sessions_notify();
CREATE TRIGGER sessions_notify_update AFTER UPDATE ON app.sessions REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.sessions_notify();

-- Sessions of crashed workstations (no live bound connection, not seen within the grace): ended.
-- One UPDATE over the open sessions; pg_stat_activity is read only for the stale ones.
CREATE OR REPLACE FUNCTION app.sweep_sessions() RETURNS integer LANGUAGE plpgsql {_PRIVATE} AS $$
DECLARE
    cutoff timestamptz := pg_catalog.now() - (SELECT u.session_grace FROM app.upkeep u WHERE u.id = 1);
    swept bigint[];
    r record;
BEGIN
    IF cutoff IS NULL OR pg_catalog.pg_postmaster_start_time() > cutoff THEN
        RETURN 0;  -- the server restarted within the grace: workstations are still reconnecting
    END IF;
    FOR r IN UPDATE app.sessions s SET ended_at = pg_catalog.now(), ended_reason = '{LOST_REASON}'
              WHERE s.ended_at IS NULL AND s.last_seen_at < cutoff
                AND NOT EXISTS (SELECT 1 FROM app.bindings b JOIN pg_catalog.pg_stat_activity a
                                    ON a.pid = b.backend_pid AND a.backend_start = b.backend_start
                                 WHERE b.session_id = s.id)
          RETURNING s.id, s.user_id, s.workstation, s.client, s.last_seen_at LOOP
        swept := swept || r.id;
        PERFORM app.audit_row(r.user_id, (SELECT u.email FROM public.users u WHERE u.id = r.user_id), r.workstation,
                              r.client, 'session.connection_lost', 'session', r.id::text,
                              pg_catalog.jsonb_build_object('user_id', r.user_id, 'last_seen_at', r.last_seen_at));
    END LOOP;
    IF swept IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM app.bindings WHERE session_id = ANY (swept);
    RETURN pg_catalog.cardinality(swept);
END $$;

-- Staging tables some transaction committed (never moved by import_finish, which only moves its own
-- transaction's) whose upload is done, gone, or that are older than stage_max_age: dropped.  A table
-- another transaction holds a lock on is left for the next sweep rather than waited for.
CREATE OR REPLACE FUNCTION app.sweep_stages() RETURNS integer LANGUAGE plpgsql {_PRIVATE} AS $$
DECLARE
    max_age interval := (SELECT u.stage_max_age FROM app.upkeep u WHERE u.id = 1);
    mine xid8 := pg_catalog.pg_current_xact_id_if_assigned();
    n integer := 0;
    r record;
BEGIN
    FOR r IN SELECT c.relname::text AS relname
               FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
               LEFT JOIN app.import_stages i ON app.import_stage_name(i.upload_id, i.kind) = c.relname
               LEFT JOIN public.base_campaign_data b ON b.id = i.upload_id
              WHERE ns.nspname = 'app_stage' AND c.relkind = 'r'
                AND (mine IS NULL OR i.created_xact IS DISTINCT FROM mine)
                AND (i.upload_id IS NULL OR b.id IS NULL OR b.status <> 'processing'
                     OR i.created_at < pg_catalog.now() - max_age) LOOP
        BEGIN
            EXECUTE pg_catalog.format('LOCK TABLE app_stage.%I IN ACCESS EXCLUSIVE MODE NOWAIT', r.relname);
            EXECUTE pg_catalog.format('DROP TABLE app_stage.%I', r.relname);
            n := n + 1;
        EXCEPTION WHEN lock_not_available THEN
            NULL;  -- in use right now (a psql session inside its transaction): the next sweep
        END;
    END LOOP;
    DELETE FROM app.import_stages i
     WHERE (mine IS NULL OR i.created_xact <> mine)
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
                        WHERE ns.nspname = 'app_stage' AND c.relname = app.import_stage_name(i.upload_id, i.kind));
    RETURN n;
END $$;
"""

#: Run by ``welcomedly db upgrade`` (as the owner) after everything else is in place.
SWEEP_AT_UPGRADE = "SELECT app.sweep_stages();\n"
