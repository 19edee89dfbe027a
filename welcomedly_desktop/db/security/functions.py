"""The SQL of schema ``app``: the tables, the login door, the session binding and the functions through
which the client role changes users and writes the audit log.  Every ``SECURITY DEFINER`` function
has a fixed ``search_path = pg_catalog, pg_temp`` and schema-qualifies everything; EXECUTE is
revoked from PUBLIC and granted to the client group by name in :mod:`welcomedly_desktop.db.security`.
Helpers without a grant (``audit_row``, ``bind``, ``end_sessions``, ...) run only inside those."""

from __future__ import annotations

CLIENT_GROUP = "welcomedly_client"

_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
_PRIVATE = "SET search_path = pg_catalog, pg_temp"


#: The cluster-wide group role, created when missing (a restore into a new cluster needs it before
#: the dump's grants and policies that name it).
ENSURE_GROUP = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{CLIENT_GROUP}') THEN
        CREATE ROLE {CLIENT_GROUP} NOLOGIN NOINHERIT;
    END IF;
END $$;
"""

ROLE_AND_SCHEMA = ENSURE_GROUP + f"""
DO $$ BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO {CLIENT_GROUP}', pg_catalog.current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {CLIENT_GROUP};
CREATE SCHEMA IF NOT EXISTS app;
REVOKE ALL ON SCHEMA app FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO {CLIENT_GROUP};
CREATE TABLE IF NOT EXISTS app.secret (
    id integer PRIMARY KEY CHECK (id = 1),
    salt_key text NOT NULL
);
INSERT INTO app.secret VALUES (1, pg_catalog.md5(pg_catalog.gen_random_uuid()::text)
                                  || pg_catalog.md5(pg_catalog.gen_random_uuid()::text))
    ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS app.sessions (
    id bigserial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
    workstation text NOT NULL,
    client text,
    client_addr inet,
    token_hash bytea NOT NULL UNIQUE,
    started_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    last_seen_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    ended_at timestamptz,
    ended_reason text
);
CREATE INDEX IF NOT EXISTS ix_sessions_open ON app.sessions (user_id) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS app.bindings (
    backend_pid integer PRIMARY KEY,
    backend_start timestamptz NOT NULL,
    session_id bigint NOT NULL REFERENCES app.sessions (id) ON DELETE CASCADE
);
REVOKE ALL ON ALL TABLES IN SCHEMA app FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA app FROM PUBLIC;
"""

# password_verifier = sha256(bcrypt hash): what app.login compares (see the ADR).
VERIFIER = """
CREATE OR REPLACE FUNCTION app.users_set_verifier() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.password_verifier := pg_catalog.sha256(pg_catalog.convert_to(NEW.password_hash, 'UTF8'));
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS users_set_verifier ON public.users;
CREATE TRIGGER users_set_verifier BEFORE INSERT OR UPDATE OF password_hash ON public.users
    FOR EACH ROW EXECUTE FUNCTION app.users_set_verifier();
UPDATE public.users SET password_verifier = pg_catalog.sha256(pg_catalog.convert_to(password_hash, 'UTF8'))
    WHERE password_verifier IS DISTINCT FROM pg_catalog.sha256(pg_catalog.convert_to(password_hash, 'UTF8'));
"""

# The binding and who is asking.  STABLE, so a policy's (SELECT app.current_role()) is one InitPlan.
IDENTITY = f"""
CREATE OR REPLACE FUNCTION app.backend_start() RETURNS timestamptz LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT a.backend_start FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_catalog.pg_backend_pid()
$$;
CREATE OR REPLACE FUNCTION app.current_session_id() RETURNS bigint LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT s.id FROM app.bindings b JOIN app.sessions s ON s.id = b.session_id
     WHERE b.backend_pid = pg_catalog.pg_backend_pid() AND b.backend_start = app.backend_start()
       AND s.ended_at IS NULL
$$;
CREATE OR REPLACE FUNCTION app.current_user_id() RETURNS integer LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT u.id FROM app.sessions s JOIN public.users u ON u.id = s.user_id
     WHERE s.id = app.current_session_id() AND u.active
$$;
CREATE OR REPLACE FUNCTION app.current_role() RETURNS text LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT u.role::text FROM public.users u WHERE u.id = app.current_user_id()
$$;
CREATE OR REPLACE FUNCTION app.current_agent_id() RETURNS integer LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT a.id FROM public.agents a WHERE a.user_id = app.current_user_id()
$$;
CREATE OR REPLACE FUNCTION app.my_campaign_ids() RETURNS integer[] LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT coalesce(pg_catalog.array_agg(ca.campaign_id), '{{}}'::integer[])
      FROM public.campaign_assignments ca WHERE ca.agent_id = app.current_agent_id()
$$;
-- Maintenance: the session user is a superuser or the owner of schema app (IT's credential).
CREATE OR REPLACE FUNCTION app.is_maintenance() RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT r.rolsuper OR r.oid = (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'app')
      FROM pg_catalog.pg_roles r WHERE r.rolname = session_user
$$;
CREATE OR REPLACE FUNCTION app.audit_row(p_user integer, p_email text, p_workstation text, p_client text,
        p_action text, p_entity_type text, p_entity_id text, p_details jsonb) RETURNS void
        LANGUAGE sql {_PRIVATE} AS $$
    INSERT INTO public.audit_log (actor_user_id, actor_email, workstation, client, action, entity_type, entity_id, details)
    VALUES (p_user, p_email, pg_catalog.left(coalesce(p_workstation, 'unknown'), 255), p_client, p_action,
            p_entity_type, p_entity_id, coalesce(p_details, '{{}}'::jsonb))
$$;
-- The only way the client writes the audit log: actor, workstation, client and time come from the
-- bound session; only a maintenance connection may name the actor itself.
CREATE OR REPLACE FUNCTION app.audit(p_action text, p_entity_type text, p_entity_id text, p_details jsonb,
        p_actor_user_id integer DEFAULT NULL, p_actor_email text DEFAULT NULL, p_workstation text DEFAULT NULL,
        p_client text DEFAULT NULL) RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    s app.sessions%ROWTYPE;
BEGIN
    SELECT * INTO s FROM app.sessions WHERE id = app.current_session_id();
    IF s.id IS NOT NULL THEN
        UPDATE app.sessions SET last_seen_at = pg_catalog.now() WHERE id = s.id;
        PERFORM app.audit_row(s.user_id, (SELECT u.email FROM public.users u WHERE u.id = s.user_id),
                              s.workstation, s.client, p_action, p_entity_type, p_entity_id, p_details);
    ELSIF app.is_maintenance() THEN
        PERFORM app.audit_row(p_actor_user_id, p_actor_email, p_workstation, p_client, p_action,
                              p_entity_type, p_entity_id, p_details);
    ELSE
        RAISE EXCEPTION 'not logged in' USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;
"""

LOGIN = f"""
CREATE OR REPLACE FUNCTION app.fake_salt(p_email text) RETURNS text LANGUAGE plpgsql STABLE {_PRIVATE} AS $$
DECLARE
    alphabet constant text := './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    h bytea;
    cost text;
    salt text := '';
BEGIN
    h := pg_catalog.sha256(pg_catalog.convert_to((SELECT s.salt_key FROM app.secret s) || ':'
                                                 || pg_catalog.lower(pg_catalog.btrim(p_email)), 'UTF8'));
    FOR i IN 0..20 LOOP
        salt := salt || pg_catalog.substr(alphabet, pg_catalog.get_byte(h, i) % 64 + 1, 1);
    END LOOP;
    salt := salt || pg_catalog.substr('.Oeu', pg_catalog.get_byte(h, 21) % 4 + 1, 1);
    cost := coalesce((SELECT pg_catalog.substr(u.password_hash, 5, 2) FROM public.users u ORDER BY u.id LIMIT 1), '12');
    RETURN '$2b$' || cost || '$' || salt;
END $$;
-- The bcrypt salt of a user; for an unknown e-mail a fake one, always the same, so the answer does not
-- tell whether the account exists.
CREATE OR REPLACE FUNCTION app.login_salt(p_email text) RETURNS text LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT coalesce((SELECT pg_catalog.substr(u.password_hash, 1, 29) FROM public.users u
                      WHERE pg_catalog.lower(u.email) = pg_catalog.lower(pg_catalog.btrim(p_email))),
                    app.fake_salt(p_email))
$$;
CREATE OR REPLACE FUNCTION app.bind(p_session bigint) RETURNS void LANGUAGE plpgsql {_PRIVATE} AS $$
DECLARE
    started timestamptz := app.backend_start();
BEGIN
    IF started IS NULL THEN
        RAISE EXCEPTION 'cannot identify this connection' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO app.bindings (backend_pid, backend_start, session_id)
    VALUES (pg_catalog.pg_backend_pid(), started, p_session)
    ON CONFLICT (backend_pid) DO UPDATE SET backend_start = EXCLUDED.backend_start, session_id = EXCLUDED.session_id;
END $$;
-- The login door.  Every attempt counts in login_throttle (5 failures in 15 minutes lock the account
-- for 15 minutes, as services/auth.py) and is audited; it returns NULL (not an error) on failure so
-- that the count commits.  On success: a new session, this connection bound to it, and a token
-- (only its sha256 kept) for the app's other connections (app.attach).
CREATE OR REPLACE FUNCTION app.login(p_email text, p_proof text, p_workstation text, p_client text DEFAULT 'gui')
        RETURNS text LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    k text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
    t public.login_throttle%ROWTYPE;
    u public.users%ROWTYPE;
    now_ timestamptz := pg_catalog.now();
    ok boolean;
    tok text;
    sid bigint;
    reason text;
BEGIN
    IF k = '' THEN
        RETURN NULL;
    END IF;
    PERFORM app.sweep_sessions();  -- crashed workstations' sessions (security/upkeep.py)
    SELECT * INTO u FROM public.users WHERE pg_catalog.lower(email) = k;
    IF u.id IS NULL THEN
        -- An identifier no user has (a password typed in the wrong field, say) is never stored as
        -- typed: throttled under a keyed hash, audited as 'unknown' (services/login_identifiers.py).
        k := 'unknown:' || pg_catalog.encode(pg_catalog.sha256((SELECT lk.secret FROM public.login_key lk WHERE lk.id = 1)
                                                              || pg_catalog.convert_to(k, 'UTF8')), 'hex');
    END IF;
    INSERT INTO public.login_throttle (email_key, failures) VALUES (k, 0) ON CONFLICT DO NOTHING;
    SELECT * INTO t FROM public.login_throttle WHERE email_key = k FOR UPDATE;
    ok := u.id IS NOT NULL AND p_proof IS NOT NULL
          AND u.password_verifier = pg_catalog.sha256(pg_catalog.convert_to(p_proof, 'UTF8'));
    IF t.locked_until IS NOT NULL AND t.locked_until > now_ THEN
        PERFORM app.audit_row(u.id, coalesce(u.email, 'unknown'), p_workstation, p_client, 'login.refused_locked', 'user',
                              u.id::text, pg_catalog.jsonb_build_object('locked_until', t.locked_until));
        RETURN NULL;
    ELSIF ok AND u.active THEN
        UPDATE public.login_throttle SET failures = 0, window_started_at = NULL, locked_until = NULL WHERE email_key = k;
        tok := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                   pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, 'UTF8')), 'hex');
        INSERT INTO app.sessions (user_id, workstation, client, client_addr, token_hash)
        VALUES (u.id, pg_catalog.left(coalesce(p_workstation, 'unknown'), 255), p_client, pg_catalog.inet_client_addr(),
                pg_catalog.sha256(pg_catalog.convert_to(tok, 'UTF8')))
        RETURNING id INTO sid;
        PERFORM app.bind(sid);
        PERFORM app.audit_row(u.id, u.email, p_workstation, p_client, 'login.success', 'user', u.id::text,
                              pg_catalog.jsonb_build_object('session', sid));
        RETURN tok;
    END IF;
    reason := CASE WHEN u.id IS NULL THEN 'unknown_user' WHEN NOT u.active THEN 'inactive' ELSE 'wrong_password' END;
    IF t.window_started_at IS NULL OR now_ - t.window_started_at > interval '15 minutes' THEN
        t.failures := 1;
        t.window_started_at := now_;
    ELSE
        t.failures := t.failures + 1;
    END IF;
    PERFORM app.audit_row(u.id, coalesce(u.email, 'unknown'), p_workstation, p_client, 'login.failure', 'user', u.id::text,
                          pg_catalog.jsonb_build_object('reason', reason, 'failures', t.failures));
    IF t.failures >= 5 THEN
        t.locked_until := now_ + interval '15 minutes';
        t.failures := 0;
        t.window_started_at := NULL;
        PERFORM app.audit_row(u.id, coalesce(u.email, 'unknown'), p_workstation, p_client, 'login.lockout', 'user',
                              u.id::text, pg_catalog.jsonb_build_object('locked_until', t.locked_until));
    END IF;
    UPDATE public.login_throttle SET failures = t.failures, window_started_at = t.window_started_at,
           locked_until = t.locked_until WHERE email_key = k;
    RETURN NULL;
END $$;
-- Another connection of the same app joins the session (not audited: it changes nothing).
CREATE OR REPLACE FUNCTION app.attach(p_token text) RETURNS boolean LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    sid bigint;
BEGIN
    -- FOR UPDATE: a session being ended (its connections closed before that transaction commits)
    -- is waited for, then seen as ended, so a reconnecting workstation cannot slip back in.
    SELECT s.id INTO sid FROM app.sessions s JOIN public.users u ON u.id = s.user_id
     WHERE s.token_hash = pg_catalog.sha256(pg_catalog.convert_to(coalesce(p_token, ''), 'UTF8'))
       AND s.ended_at IS NULL AND u.active
       FOR UPDATE OF s;
    IF sid IS NULL THEN
        RETURN false;
    END IF;
    PERFORM app.bind(sid);
    UPDATE app.sessions SET last_seen_at = pg_catalog.now() WHERE id = sid;
    RETURN true;
END $$;
-- Ends sessions and closes their connections (other than this one).
CREATE OR REPLACE FUNCTION app.end_sessions(p_ids bigint[], p_reason text) RETURNS integer LANGUAGE plpgsql {_PRIVATE} AS $$
DECLARE
    n integer := 0;
    r record;
BEGIN
    UPDATE app.sessions SET ended_at = pg_catalog.now(), ended_reason = p_reason
     WHERE id = ANY (p_ids) AND ended_at IS NULL;
    FOR r IN SELECT b.backend_pid FROM app.bindings b
               JOIN pg_catalog.pg_stat_activity a ON a.pid = b.backend_pid AND a.backend_start = b.backend_start
              WHERE b.session_id = ANY (p_ids) AND b.backend_pid <> pg_catalog.pg_backend_pid() LOOP
        IF pg_catalog.pg_terminate_backend(r.backend_pid) THEN
            n := n + 1;
        END IF;
    END LOOP;
    DELETE FROM app.bindings WHERE session_id = ANY (p_ids);
    RETURN n;
END $$;
CREATE OR REPLACE FUNCTION app.logout() RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    sid bigint := app.current_session_id();
BEGIN
    IF sid IS NULL THEN
        RETURN;
    END IF;
    PERFORM app.audit('logout', 'user', app.current_user_id()::text, pg_catalog.jsonb_build_object('session', sid));
    PERFORM app.end_sessions(ARRAY[sid], 'logout');
END $$;
"""

USERS = f"""
CREATE OR REPLACE FUNCTION app.require(p_roles text[], p_what text) RETURNS void LANGUAGE plpgsql STABLE {_PRIVATE} AS $$
BEGIN
    IF app.is_maintenance() THEN
        RETURN;
    END IF;
    IF app.current_role() IS NULL THEN
        RAISE EXCEPTION 'not logged in' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT app.current_role() = ANY (p_roles) THEN
        RAISE EXCEPTION 'only % may %', pg_catalog.array_to_string(p_roles, ', '), p_what
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;
CREATE OR REPLACE FUNCTION app.admin_remains(p_except integer) RETURNS void LANGUAGE plpgsql {_PRIVATE} AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.role = 'admin' AND u.active AND u.id <> p_except) THEN
        RAISE EXCEPTION 'At least one active administrator must remain.' USING ERRCODE = 'check_violation';
    END IF;
END $$;
-- Whether the database has any user (only this: a client before login may know an empty database).
CREATE OR REPLACE FUNCTION app.has_users() RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT EXISTS (SELECT 1 FROM public.users)
$$;
-- Creating a user: admins; on an empty database anyone (the first user becomes admin).
CREATE OR REPLACE FUNCTION app.user_create(p_email text, p_name text, p_role text, p_password_hash text)
        RETURNS integer LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    first_user boolean;
    new_id integer;
    r text := p_role;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(1464159299);
    first_user := NOT EXISTS (SELECT 1 FROM public.users);
    IF first_user THEN
        r := 'admin';
    ELSE
        PERFORM app.require(ARRAY['admin'], 'create users');
    END IF;
    IF p_password_hash !~ '^\\$2[aby]\\$[0-9][0-9]\\$[./A-Za-z0-9]{{53}}$' THEN
        RAISE EXCEPTION 'not a bcrypt hash' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO public.users (email, name, role, password_hash, active)
    VALUES (p_email, p_name, r, p_password_hash, true) RETURNING id INTO new_id;
    PERFORM app.audit('user.create', 'user', new_id::text,
                      pg_catalog.jsonb_build_object('email', p_email, 'role', r, 'first_user', first_user));
    RETURN new_id;
END $$;
-- Name and e-mail: the user themself or an admin; role and active flag: admins.  Deactivation ends
-- the user's sessions and closes their connections.
CREATE OR REPLACE FUNCTION app.user_update(p_id integer, p_name text DEFAULT NULL, p_email text DEFAULT NULL,
        p_role text DEFAULT NULL, p_active boolean DEFAULT NULL) RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    u public.users%ROWTYPE;
    changes jsonb := '{{}}'::jsonb;
    ids bigint[];
    n integer;
BEGIN
    IF p_role IS NOT NULL OR p_active IS NOT NULL OR p_id IS DISTINCT FROM app.current_user_id() THEN
        PERFORM app.require(ARRAY['admin'], 'change other users, roles or activation');
    ELSE
        PERFORM app.require(ARRAY['admin', 'supervisor', 'agent'], 'edit their profile');
    END IF;
    SELECT * INTO u FROM public.users WHERE id = p_id FOR UPDATE;
    IF u.id IS NULL THEN
        RAISE EXCEPTION 'no such user' USING ERRCODE = 'no_data_found';
    END IF;
    IF p_name IS NOT NULL AND p_name <> u.name THEN
        changes := changes || pg_catalog.jsonb_build_object('name', p_name);
    END IF;
    IF p_email IS NOT NULL AND p_email <> u.email THEN
        changes := changes || pg_catalog.jsonb_build_object('email', p_email);
    END IF;
    IF p_role IS NOT NULL AND p_role <> u.role THEN
        IF u.role = 'admin' THEN PERFORM app.admin_remains(u.id); END IF;
        changes := changes || pg_catalog.jsonb_build_object('role', p_role);
    END IF;
    IF p_active IS NOT NULL AND p_active <> u.active THEN
        IF NOT p_active AND u.id = app.current_user_id() THEN
            RAISE EXCEPTION 'You cannot deactivate your own account.' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT p_active AND u.role = 'admin' THEN PERFORM app.admin_remains(u.id); END IF;
        changes := changes || pg_catalog.jsonb_build_object('active', p_active);
    END IF;
    IF changes = '{{}}'::jsonb THEN
        RETURN;
    END IF;
    UPDATE public.users SET name = coalesce(p_name, name), email = coalesce(p_email, email),
           role = coalesce(p_role, role), active = coalesce(p_active, active),
           updated_at = pg_catalog.now(), version = version + 1
     WHERE id = p_id;
    n := (SELECT pg_catalog.count(*) FROM pg_catalog.jsonb_object_keys(changes) k);
    PERFORM app.audit(CASE WHEN changes ? 'active' AND n = 1
                           THEN CASE WHEN p_active THEN 'user.activate' ELSE 'user.deactivate' END
                           WHEN changes ? 'role' AND n = 1 THEN 'user.role_change'
                           ELSE 'user.update' END, 'user', p_id::text, changes);
    IF p_active IS FALSE THEN
        SELECT pg_catalog.array_agg(s.id) INTO ids FROM app.sessions s WHERE s.user_id = p_id AND s.ended_at IS NULL;
        IF ids IS NOT NULL THEN
            PERFORM app.end_sessions(ids, 'deactivated');
        END IF;
    END IF;
END $$;
CREATE OR REPLACE FUNCTION app.user_change_password(p_current_proof text, p_new_hash text) RETURNS boolean
        LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    me integer := app.current_user_id();
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'not logged in' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.id = me
                     AND u.password_verifier = pg_catalog.sha256(pg_catalog.convert_to(p_current_proof, 'UTF8'))) THEN
        RETURN false;
    END IF;
    IF p_new_hash !~ '^\\$2[aby]\\$[0-9][0-9]\\$[./A-Za-z0-9]{{53}}$' THEN
        RAISE EXCEPTION 'not a bcrypt hash' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE public.users SET password_hash = p_new_hash, updated_at = pg_catalog.now(), version = version + 1 WHERE id = me;
    PERFORM app.audit('user.password_change', 'user', me::text, '{{}}'::jsonb);
    RETURN true;
END $$;
CREATE OR REPLACE FUNCTION app.user_unlock(p_email text) RETURNS boolean LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    k text := pg_catalog.lower(pg_catalog.btrim(p_email));
    was_locked boolean;
BEGIN
    PERFORM app.require(ARRAY['admin'], 'unlock accounts');
    was_locked := EXISTS (SELECT 1 FROM public.login_throttle t WHERE t.email_key = k AND t.locked_until > pg_catalog.now());
    DELETE FROM public.login_throttle WHERE email_key = k;
    PERFORM app.audit('user.unlock', 'user', (SELECT u.id::text FROM public.users u WHERE pg_catalog.lower(u.email) = k),
                      pg_catalog.jsonb_build_object('was_locked', was_locked));
    RETURN was_locked;
END $$;
CREATE OR REPLACE FUNCTION app.session_list() RETURNS TABLE (id bigint, user_id integer, email text, name text,
        role text, workstation text, client text, client_addr text, started_at timestamptz, last_seen_at timestamptz)
        LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    PERFORM app.require(ARRAY['admin'], 'list sessions');
    PERFORM app.sweep_sessions();
    RETURN QUERY SELECT s.id, s.user_id, u.email::text, u.name::text, u.role::text, s.workstation, s.client,
                        pg_catalog.host(s.client_addr), s.started_at, s.last_seen_at
                   FROM app.sessions s JOIN public.users u ON u.id = s.user_id
                  WHERE s.ended_at IS NULL ORDER BY s.started_at, s.id;
END $$;
-- Ends one session (an admin, or the session's own user); returns the connections closed.
CREATE OR REPLACE FUNCTION app.session_end(p_id bigint) RETURNS integer LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    owner_id integer;
    n integer;
BEGIN
    SELECT s.user_id INTO owner_id FROM app.sessions s WHERE s.id = p_id AND s.ended_at IS NULL;
    IF owner_id IS NULL THEN
        RAISE EXCEPTION 'no such open session' USING ERRCODE = 'no_data_found';
    END IF;
    IF owner_id IS DISTINCT FROM app.current_user_id() THEN
        PERFORM app.require(ARRAY['admin'], 'end other users'' sessions');
    END IF;
    n := app.end_sessions(ARRAY[p_id], 'ended');
    PERFORM app.audit('session.end', 'session', p_id::text, pg_catalog.jsonb_build_object('user_id', owner_id, 'closed', n));
    RETURN n;
END $$;
"""

# Who is logged in now, for the Live page (supervisors, admins; issue 16): the users with an open
# session.  NULL when no session was ever opened in this database: its logins are not held by the
# server (the built-in database, owner connections only), and the page falls back to the audit log.
FLOOR = f"""
CREATE OR REPLACE FUNCTION app.logged_in_users() RETURNS integer[] LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    PERFORM app.require(ARRAY['admin', 'supervisor'], 'watch the live floor');
    PERFORM app.sweep_sessions();
    IF NOT EXISTS (SELECT 1 FROM app.sessions) THEN
        RETURN NULL;
    END IF;
    -- Open sessions with a connection still alive: a workstation that crashed, or psql that logged in
    -- through the door and quit, leaves its session open but no longer counts as logged in.
    RETURN coalesce((SELECT pg_catalog.array_agg(DISTINCT s.user_id) FROM app.sessions s
                      WHERE s.ended_at IS NULL
                        AND EXISTS (SELECT 1 FROM app.bindings b JOIN pg_catalog.pg_stat_activity a
                                      ON a.pid = b.backend_pid AND a.backend_start = b.backend_start
                                     WHERE b.session_id = s.id)),
                    '{{}}'::integer[]);
END $$;
"""

BLOCKS = (ROLE_AND_SCHEMA, VERIFIER, IDENTITY, LOGIN, USERS, FLOOR)
