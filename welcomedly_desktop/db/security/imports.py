"""Imports on a workstation connection (issue 15): staging tables made by the server, rows moved by it.

The client role cannot ``COPY`` into ``campaign_records``/``import_rejects`` (PostgreSQL refuses COPY
FROM where row-level security applies) and cannot create TEMP tables.  So, for one upload:

* ``app.import_stage(upload, kind)`` checks that the caller is a supervisor/admin and that the
  upload is ``processing`` and was created by *this* app session (``app.upload_sessions``, filled
  by a trigger from the bound session), then creates an UNLOGGED table ``app_stage.u<upload>_<kind>``
  owned by the owner, with only the privileges that kind needs.  It is created inside the import's
  transaction: until that commits no other connection can even see it, and ``import_finish`` drops
  it before the commit.  ``app.import_stages`` remembers the transaction that made it: only a table
  of the current transaction is ever moved (one left by a committed psql session is dropped).
* ``app.import_finish(upload)`` moves the staged records and rejects into the real tables with the
  campaign and upload taken from the upload row (never from the staged rows), drops the tables,
  and returns the records moved.

Owner/superuser connections (the built-in server, IT) COPY straight into the tables as before.
"""

from __future__ import annotations

from welcomedly_desktop.db.security.functions import CLIENT_GROUP

_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
_PRIVATE = "SET search_path = pg_catalog, pg_temp"

#: The staged load path's table (importing/load_staged.py): TEMP for the owner, app_stage for the client.
STAGE_COLUMNS_DDL = """source_row integer NOT NULL, phone text, name text, alt_phone text, email text,
    external_id text, extra jsonb, bad_cols text[], bad_reasons text[], raw text, drop_kind text, line_type text"""
#: Columns a staged record carries (the direct path's COPY columns, importing/normalize.py).
_RECORD_COLUMNS = "phone, source_row, name, alt_phone, email, external_id, extra, line_type"
_REJECT_COLUMNS = "source_row, column_name, reason, raw_row"

IMPORTS = f"""
CREATE SCHEMA IF NOT EXISTS app_stage;
REVOKE ALL ON SCHEMA app_stage FROM PUBLIC;
GRANT USAGE ON SCHEMA app_stage TO {CLIENT_GROUP};
CREATE TABLE IF NOT EXISTS app.upload_sessions (
    upload_id integer PRIMARY KEY REFERENCES public.base_campaign_data (id) ON DELETE CASCADE,
    session_id bigint NOT NULL REFERENCES app.sessions (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS app.import_stages (
    upload_id integer NOT NULL,
    kind text NOT NULL,
    created_xact xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    PRIMARY KEY (upload_id, kind)
);
REVOKE ALL ON app.upload_sessions, app.import_stages FROM PUBLIC;
-- Which app session created an upload (nothing on an owner connection: it has none).
CREATE OR REPLACE FUNCTION app.upload_session_record() RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    sid bigint := app.current_session_id();
BEGIN
    IF sid IS NOT NULL THEN
        INSERT INTO app.upload_sessions (upload_id, session_id) VALUES (NEW.id, sid) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS upload_session ON public.base_campaign_data;
CREATE TRIGGER upload_session AFTER INSERT ON public.base_campaign_data
    FOR EACH ROW EXECUTE FUNCTION app.upload_session_record();
-- A supervisor/admin, and an upload being processed that this session created; its campaign.
CREATE OR REPLACE FUNCTION app.import_check(p_upload integer) RETURNS integer LANGUAGE plpgsql STABLE {_PRIVATE} AS $$
DECLARE
    cid integer;
    st text;
BEGIN
    PERFORM app.require(ARRAY['admin', 'supervisor'], 'import files');
    SELECT b.campaign_id, b.status INTO cid, st FROM public.base_campaign_data b WHERE b.id = p_upload;
    IF cid IS NULL OR st <> 'processing' OR NOT (app.is_maintenance() OR EXISTS (
            SELECT 1 FROM app.upload_sessions s
             WHERE s.upload_id = p_upload AND s.session_id = app.current_session_id())) THEN
        RAISE EXCEPTION 'upload % is not being imported by this session', p_upload
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN cid;
END $$;
CREATE OR REPLACE FUNCTION app.import_stage_name(p_upload integer, p_kind text) RETURNS text
        LANGUAGE sql IMMUTABLE {_PRIVATE} AS $$
    SELECT 'u' || p_upload::text || '_' || p_kind
$$;
-- A staging table of this transaction for one upload; returns its qualified name.
CREATE OR REPLACE FUNCTION app.import_stage(p_upload integer, p_kind text) RETURNS text LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    cid integer := app.import_check(p_upload);
    t text := app.import_stage_name(p_upload, p_kind);
    privileges text := 'INSERT';
BEGIN
    IF p_kind NOT IN ('records', 'rejects', 'stage', 'existing') THEN
        RAISE EXCEPTION 'unknown staging table %', p_kind USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Left by a committed transaction (only those are visible): never moved, dropped; and those of
    -- other uploads that are done or old (security/upkeep.py).
    PERFORM app.sweep_stages();
    EXECUTE pg_catalog.format('DROP TABLE IF EXISTS app_stage.%I', t);
    DELETE FROM app.import_stages WHERE upload_id = p_upload AND kind = p_kind;
    IF p_kind = 'records' THEN
        EXECUTE pg_catalog.format('CREATE UNLOGGED TABLE app_stage.%I AS SELECT {_RECORD_COLUMNS}, campaign_id, upload_id '
                                  'FROM public.campaign_records WITH NO DATA', t);
    ELSIF p_kind = 'rejects' THEN
        EXECUTE pg_catalog.format('CREATE UNLOGGED TABLE app_stage.%I AS SELECT upload_id, {_REJECT_COLUMNS} '
                                  'FROM public.import_rejects WITH NO DATA', t);
    ELSIF p_kind = 'stage' THEN
        EXECUTE pg_catalog.format('CREATE UNLOGGED TABLE app_stage.%I ({STAGE_COLUMNS_DDL})', t);
        privileges := 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE';
    ELSE  -- the campaign's phones before this upload, for the staged path's duplicate check
        EXECUTE pg_catalog.format('CREATE UNLOGGED TABLE app_stage.%I AS SELECT DISTINCT phone '
                                  'FROM public.campaign_records WHERE campaign_id = %s', t, cid);
        EXECUTE pg_catalog.format('ANALYZE app_stage.%I', t);
        privileges := 'SELECT';
    END IF;
    EXECUTE pg_catalog.format('GRANT %s ON app_stage.%I TO {CLIENT_GROUP}', privileges, t);
    INSERT INTO app.import_stages (upload_id, kind) VALUES (p_upload, p_kind);
    RETURN 'app_stage.' || pg_catalog.quote_ident(t);
END $$;
-- Statistics for a staging table (only its owner may ANALYZE it).
CREATE OR REPLACE FUNCTION app.import_analyze(p_upload integer, p_kind text) RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    PERFORM app.import_check(p_upload);
    IF EXISTS (SELECT 1 FROM app.import_stages s WHERE s.upload_id = p_upload AND s.kind = p_kind
                  AND s.created_xact = pg_catalog.pg_current_xact_id()) THEN
        EXECUTE pg_catalog.format('ANALYZE app_stage.%I', app.import_stage_name(p_upload, p_kind));
    END IF;
END $$;
-- The staged records and rejects into the real tables (campaign and upload from the upload row),
-- then every staging table of the upload dropped; the records moved.
CREATE OR REPLACE FUNCTION app.import_finish(p_upload integer) RETURNS bigint LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    cid integer := app.import_check(p_upload);
    moved bigint := 0;
    s record;
BEGIN
    FOR s IN SELECT i.kind FROM app.import_stages i WHERE i.upload_id = p_upload
                AND i.created_xact = pg_catalog.pg_current_xact_id() ORDER BY i.kind LOOP
        IF s.kind = 'records' THEN
            EXECUTE pg_catalog.format('INSERT INTO public.campaign_records ({_RECORD_COLUMNS}, campaign_id, upload_id) '
                                      'SELECT {_RECORD_COLUMNS}, $1, $2 FROM app_stage.%I',
                                      app.import_stage_name(p_upload, s.kind)) USING cid, p_upload;
            GET DIAGNOSTICS moved = ROW_COUNT;
        ELSIF s.kind = 'rejects' THEN
            EXECUTE pg_catalog.format('INSERT INTO public.import_rejects (upload_id, {_REJECT_COLUMNS}) '
                                      'SELECT $1, {_REJECT_COLUMNS} FROM app_stage.%I',
                                      app.import_stage_name(p_upload, s.kind)) USING p_upload;
        END IF;
    END LOOP;
    FOR s IN SELECT i.kind FROM app.import_stages i WHERE i.upload_id = p_upload LOOP
        EXECUTE pg_catalog.format('DROP TABLE IF EXISTS app_stage.%I', app.import_stage_name(p_upload, s.kind));
    END LOOP;
    DELETE FROM app.import_stages WHERE upload_id = p_upload;
    RETURN moved;
END $$;
"""

#: What the client group may call (granted by name in security/__init__.py).
IMPORT_FUNCTIONS = ("import_stage(integer, text)", "import_analyze(integer, text)", "import_finish(integer)",
                    "upload_session_record()")
