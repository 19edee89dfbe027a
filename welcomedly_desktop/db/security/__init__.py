"""Roles, grants, row-level security and the login door: the database itself enforces who may do what.

See docs/adr/0001-database-enforced-roles.md.  In short: workstations log in to PostgreSQL as a
LOGIN role that is a member of the NOLOGIN group ``welcomedly_client``, which owns nothing and may,
before an app login, only call the functions of schema ``app``.  ``app.login`` binds the connection
to a server-side session keyed by ``(pg_backend_pid(), backend_start)``; row-level security and the
``SECURITY DEFINER`` functions read that binding.  Connections as the owner (the role that ran the
migrations) or a superuser are "maintenance" connections: not subject to RLS (no ``FORCE``).

:func:`apply` (re)creates all of it idempotently; migration 0005 and ``welcomedly db upgrade`` call it.
"""

from __future__ import annotations

from welcomedly_desktop.db.security.functions import BLOCKS, CLIENT_GROUP
from welcomedly_desktop.db.security.imports import IMPORT_FUNCTIONS, IMPORTS
from welcomedly_desktop.db.security.upkeep import SWEEP_AT_UPGRADE, UPKEEP


#: Tables the client reads and writes, row-level security deciding which rows.
BUSINESS_TABLES = ("campaigns", "agents", "campaign_assignments", "campaign_records", "interactions",
                   "dispositions", "base_campaign_data", "import_rejects", "dnc_numbers")
#: Columns of ``users`` the client may read (never password_hash nor password_verifier).
USER_COLUMNS = ("id", "name", "email", "role", "active", "created_at", "updated_at", "version")



def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_PUBLIC_FUNCTIONS = ("login_salt(text)", "login(text, text, text, text)", "attach(text)", "logout()",
                     "current_user_id()", "current_role()", "current_agent_id()", "my_campaign_ids()",
                     "current_session_id()", "is_maintenance()", "backend_start()",
                     "audit(text, text, text, jsonb, integer, text, text, text)",
                     "has_users()", "user_create(text, text, text, text)", "user_update(integer, text, text, text, boolean)",
                     "user_change_password(text, text)", "user_unlock(text)", "session_list()", "session_end(bigint)",
                     "logged_in_users()")

_STAFF = "((SELECT app.current_role()) IN ('admin', 'supervisor'))"
_LOGGED_IN = "((SELECT app.current_role()) IS NOT NULL)"
_ME = "(SELECT app.current_agent_id())"


def _mine(column: str) -> str:
    return f"({column} = ANY ((SELECT app.my_campaign_ids())::integer[]))"


#: table -> {policy name: (command, USING, WITH CHECK)}; every policy is TO welcomedly_client.
POLICIES: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "campaigns": {"read": ("SELECT", f"{_STAFF} OR {_mine('id')}", None)},
    "agents": {"read": ("SELECT", f"{_STAFF} OR id = {_ME}", None)},
    "campaign_assignments": {"read": ("SELECT", f"{_STAFF} OR agent_id = {_ME}", None)},
    "campaign_records": {
        "read": ("SELECT", f"{_STAFF} OR {_mine('campaign_id')}", None),
        "agent_outcome": ("UPDATE", f"{_mine('campaign_id')} AND assigned_agent_id = {_ME}",
                          f"{_mine('campaign_id')} AND assigned_agent_id = {_ME}"),
    },
    "interactions": {
        "read": ("SELECT", f"{_STAFF} OR {_mine('campaign_id')}", None),
        "agent_outcome": ("INSERT", None, f"agent_id = {_ME} AND {_mine('campaign_id')} AND EXISTS "
                          f"(SELECT 1 FROM public.campaign_records r WHERE r.id = record_id "
                          f"AND r.assigned_agent_id = {_ME})"),
    },
    "dispositions": {"read": ("SELECT", f"{_LOGGED_IN} AND (campaign_id IS NULL OR {_STAFF} OR {_mine('campaign_id')})", None)},
    "base_campaign_data": {"read": ("SELECT", f"{_STAFF} OR {_mine('campaign_id')}", None)},
    "import_rejects": {},
    "dnc_numbers": {
        "read": ("SELECT", _LOGGED_IN, None),
        "agent_add": ("INSERT", None, f"(SELECT app.current_role()) = 'agent' AND (campaign_id IS NULL OR {_mine('campaign_id')})"),
    },
    "interaction_hourly": {"read": ("SELECT", f"{_STAFF} OR {_mine('campaign_id')}", None)},
    "users": {"read": ("SELECT", f"{_STAFF} OR id = (SELECT app.current_user_id())", None)},
    "audit_log": {"read": ("SELECT", "(SELECT app.current_role()) = 'admin'", None)},
    "login_throttle": {"read": ("SELECT", "(SELECT app.current_role()) = 'admin'", None)},
}
_STAFF_WRITES = set(BUSINESS_TABLES)
# Roles other than the workstations' (IT's own, a reporting role...) are governed by their table
# privileges alone: row-level security restricts only members of the client group.
_NOT_CLIENT = f"(SELECT NOT pg_catalog.pg_has_role(current_user, '{CLIENT_GROUP}', 'MEMBER'))"
#: The import's COPY targets.  PostgreSQL refuses COPY FROM into a table whose row-level security
#: applies to the current role, so it is switched on for them only once a workstation (LOGIN member of
#: the client group) exists; until then other roles keep their COPY.  Workstations themselves import
#: through staging tables the server makes and empties (security/imports.py; see the ADR).
COPY_TARGETS = ("campaign_records", "import_rejects")
COPY_TARGETS_RLS = f"""DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles r ON r.oid = m.member
                WHERE m.roleid = '{CLIENT_GROUP}'::regrole AND r.rolcanlogin) THEN
        {' '.join(f"ALTER TABLE public.{t} ENABLE ROW LEVEL SECURITY;" for t in COPY_TARGETS)}
    ELSE
        {' '.join(f"ALTER TABLE public.{t} DISABLE ROW LEVEL SECURITY;" for t in COPY_TARGETS)}
    END IF;
END $$"""
#: Tables of later migrations (absent while migration 0005 runs): the organization's settings row is
#: read by every logged-in user and changed by admins only.
LATER_TABLES: dict[str, tuple[str, dict[str, tuple[str, str | None, str | None]]]] = {
    "organization_settings": ("SELECT, INSERT, UPDATE", {
        "read": ("SELECT", _LOGGED_IN, None),
        "admin_write": ("ALL", "(SELECT app.current_role()) = 'admin'", "(SELECT app.current_role()) = 'admin'"),
    }),
}
_HOURLY_FUNCTIONS = ("interaction_hourly_on_insert()", "interaction_hourly_on_update()",
                     "interaction_hourly_on_delete()", "interaction_hourly_on_truncate()")


def _grants_sql() -> str:
    g = CLIENT_GROUP
    parts = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {g}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {g}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC, {g}",
        f"GRANT SELECT ON public.alembic_version TO {g}",
        f"GRANT SELECT ({', '.join(USER_COLUMNS)}) ON public.users TO {g}",
        f"GRANT SELECT ON public.audit_log, public.login_throttle, public.interaction_hourly TO {g}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join('public.' + t for t in BUSINESS_TABLES)} TO {g}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {g}",
    ]
    parts += [f"GRANT EXECUTE ON FUNCTION app.{f} TO {g}" for f in _PUBLIC_FUNCTIONS + IMPORT_FUNCTIONS]
    # The hourly summary's triggers write interaction_hourly, which the client may only read.
    parts += [f"ALTER FUNCTION public.{f} SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp"
              for f in _HOURLY_FUNCTIONS]
    parts += [f"REVOKE ALL ON FUNCTION public.{f} FROM PUBLIC" for f in _HOURLY_FUNCTIONS]
    for table, policies in POLICIES.items():
        if table not in COPY_TARGETS:
            parts.append(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        existing = policies | ({"staff_write": ("ALL", _STAFF, _STAFF)} if table in _STAFF_WRITES else {})
        parts += _policy_statements(table, existing)
    parts.append(COPY_TARGETS_RLS)
    parts += [_later_table_sql(table, privileges, policies) for table, (privileges, policies) in LATER_TABLES.items()]
    return ";\n".join(parts) + ";\n"


def later_table_sql(table: str) -> str:
    """What a later migration runs after creating ``table`` (``welcomedly db upgrade`` re-applies it too)."""
    privileges, policies = LATER_TABLES[table]
    return _later_table_sql(table, privileges, policies)


def _later_table_sql(table: str, privileges: str, policies: dict[str, tuple[str, str | None, str | None]]) -> str:
    """Grants and policies of a table that a later migration creates, applied only once it exists."""
    statements = [f"GRANT {privileges} ON public.{table} TO {CLIENT_GROUP}",
                  f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY", *_policy_statements(table, policies)]
    body = " ".join(f"EXECUTE {_literal(sql)};" for sql in statements)
    return f"DO $$ BEGIN IF to_regclass('public.{table}') IS NOT NULL THEN {body} END IF; END $$"


def _policy_statements(table: str, policies: dict[str, tuple[str, str | None, str | None]]) -> list[str]:
    """(Re)create ``table``'s policies for the client group, plus the one letting other roles through."""
    statements = []
    for name, (command, using, check) in {**policies, "other_roles": ("ALL", _NOT_CLIENT, _NOT_CLIENT)}.items():
        statements.append(f"DROP POLICY IF EXISTS wd_{name} ON public.{table}")
        sql = f"CREATE POLICY wd_{name} ON public.{table} FOR {command} TO {'PUBLIC' if name == 'other_roles' else CLIENT_GROUP}"
        sql += f" USING ({using})" if using else ""
        sql += f" WITH CHECK ({check})" if check else ""
        statements.append(sql)
    return statements


def _literal(sql: str) -> str:
    return "'" + sql.replace("'", "''") + "'"


def apply(conn) -> None:  # noqa: ANN001 - a SQLAlchemy Connection as the owner
    """(Re)create the client group, the app schema, its functions, the grants and the policies."""
    cur = conn.connection.cursor()  # the driver's: no parameters, so no placeholder parsing of '%'
    for block in (*BLOCKS, IMPORTS, UPKEEP, _grants_sql(), SWEEP_AT_UPGRADE):
        cur.execute(block)


def remove(conn) -> None:  # noqa: ANN001
    """What migration 0005's downgrade undoes (the cluster-wide group role stays)."""
    parts = [f"ALTER FUNCTION public.{f} SECURITY INVOKER RESET search_path" for f in _HOURLY_FUNCTIONS]
    for table, policies in POLICIES.items():
        for name in list(policies) + (["staff_write"] if table in _STAFF_WRITES else []):
            parts.append(f"DROP POLICY IF EXISTS wd_{name} ON public.{table}")
        parts.append(f"DROP POLICY IF EXISTS wd_other_roles ON public.{table}")
        parts.append(f"ALTER TABLE public.{table} DISABLE ROW LEVEL SECURITY")
    parts += ["DROP TRIGGER IF EXISTS users_set_verifier ON public.users", "DROP SCHEMA IF EXISTS app_stage CASCADE",
              "DROP SCHEMA IF EXISTS app CASCADE",
              f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {CLIENT_GROUP}",
              f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {CLIENT_GROUP}",
              f"REVOKE ALL ON SCHEMA public FROM {CLIENT_GROUP}"]
    conn.connection.cursor().execute(";\n".join(parts) + ";")


def create_client_role(conn, name: str, password: str) -> bool:  # noqa: ANN001
    """Create or update the workstations' LOGIN role; True when it was created.

    The owner is made a member of it, so that ending a session may close that role's connections
    (pg_terminate_backend needs the privileges of the connection's role) and see their start time."""
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %(n)s", {"n": name}).first()
    ident = quote_ident(name)
    verb = "ALTER" if exists else "CREATE"
    literal = conn.exec_driver_sql("SELECT pg_catalog.quote_literal(%(p)s)", {"p": password}).scalar()
    conn.exec_driver_sql(f"{verb} ROLE {ident} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                         f"NOBYPASSRLS INHERIT PASSWORD {literal}")
    conn.exec_driver_sql(f"GRANT {CLIENT_GROUP} TO {ident}")
    conn.connection.cursor().execute(COPY_TARGETS_RLS)  # a workstation exists now: row-level security on
    is_super = conn.exec_driver_sql("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user").scalar()
    if not is_super:
        conn.exec_driver_sql(f"GRANT {ident} TO current_user")
    return not exists
