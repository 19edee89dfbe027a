"""The rules every SECURITY DEFINER function follows, checked in the catalog of the built-in server
(pgserver, no pgcrypto): the same roles, functions and policies exist there."""

from __future__ import annotations

from sqlalchemy import text

from welcomedly_desktop.db import security


def test_definer_functions_have_a_fixed_search_path_and_no_public_execute(db):
    with db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.proname, p.proconfig, has_function_privilege('public', p.oid, 'EXECUTE') AS public_exec, "
            "has_function_privilege(:g, p.oid, 'EXECUTE') AS client_exec "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app' AND p.prosecdef"),
            {"g": security.CLIENT_GROUP}).all()
    assert {r.proname for r in rows} >= {"login", "login_salt", "attach", "logout", "audit", "user_create",
                                         "user_update", "user_change_password", "user_unlock", "session_list",
                                         "session_end", "current_role", "current_user_id"}
    for row in rows:
        assert row.proconfig == ["search_path=pg_catalog, pg_temp"], row.proname
        assert not row.public_exec, row.proname
        assert row.client_exec, row.proname


def test_helpers_are_not_callable_by_the_client(db):
    with db.engine.connect() as conn:
        callable_helpers = conn.execute(text(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'app' AND NOT p.prosecdef AND has_function_privilege(:g, p.oid, 'EXECUTE')"),
            {"g": security.CLIENT_GROUP}).scalars().all()
    assert callable_helpers == []


def test_applying_twice_changes_nothing_and_keeps_every_table_protected(db):
    with db.engine.begin() as conn:
        security.apply(conn)
        security.apply(conn)
    with db.engine.connect() as conn:
        without_rls = conn.execute(text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity "
            "AND has_table_privilege(:g, c.oid, 'SELECT') AND c.relname <> 'alembic_version'"),
            {"g": security.CLIENT_GROUP}).scalars().all()
        secret_columns = conn.execute(text(
            "SELECT count(*) FROM (VALUES ('password_hash'), ('password_verifier')) v(col) "
            "WHERE has_column_privilege(:g, 'public.users', v.col, 'SELECT')"), {"g": security.CLIENT_GROUP}).scalar()
        writable_users = conn.execute(text(
            "SELECT has_table_privilege(:g, 'public.users', 'INSERT') OR has_table_privilege(:g, 'public.users', 'UPDATE') "
            "OR has_table_privilege(:g, 'public.audit_log', 'INSERT') OR has_table_privilege(:g, 'public.audit_log', 'DELETE')"),
            {"g": security.CLIENT_GROUP}).scalar()
        workstations = conn.execute(text(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "WHERE m.roleid = CAST(:g AS regrole) AND r.rolcanlogin"), {"g": security.CLIENT_GROUP}).scalar()
    # Only the import's COPY targets, and only while no workstation role exists (the office tests check
    # them with a workstation role).
    assert sorted(without_rls) == ([] if workstations else sorted(security.COPY_TARGETS))
    assert secret_columns == 0
    assert writable_users is False


def test_verifier_follows_the_password_hash(db, admin_actor):
    with db.engine.connect() as conn:
        ok = conn.execute(text("SELECT bool_and(password_verifier = sha256(convert_to(password_hash, 'UTF8'))) FROM users")).scalar()
    assert ok is True
