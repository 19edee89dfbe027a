"""PostgreSQL's own tools for backups: where they are, how to reach a database, row counts.

``pg_dump``, ``pg_restore`` and ``psql`` ship with the built-in server (pgserver's ``pginstall/bin``);
they serve shared servers too, as long as they are not older than the server's major version.
Passwords never go on a command line (``ps`` shows it): they travel in ``PGPASSWORD``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from welcomedly_desktop.config import plain_postgresql_url
from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.i18n import translate


class BackupToolError(WelcomedlyError):
    """pg_dump/pg_restore is missing, too old, or failed."""


def bin_dir() -> Path:
    """The folder of the built-in server's binaries (pg_dump, pg_restore, psql)."""
    override = os.environ.get("WELCOMEDLY_PG_BIN")
    if override:
        return Path(override)
    from pgserver._commands import POSTGRES_BIN_PATH  # the wheel's own constant for that folder

    return Path(POSTGRES_BIN_PATH)


def tool(name: str) -> str:
    path = bin_dir() / (name + (".exe" if sys.platform == "win32" else ""))
    if not path.exists():
        raise BackupToolError(translate("services", "{tool} was not found in {folder}; the installation is incomplete.").format(
            tool=name, folder=path.parent))
    return str(path)


def tool_major(name: str = "pg_dump") -> int:
    out = subprocess.run([tool(name), "--version"], capture_output=True, text=True, timeout=30).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if not match:
        raise BackupToolError(translate("services", "The version of {tool} could not be read ({output}).").format(
            tool=name, output=repr(out.strip())))
    return int(match.group(1))


@dataclass(frozen=True)
class Target:
    """A database as libpq sees it, with its password kept apart."""

    params: dict
    password: str | None
    embedded: bool

    @classmethod
    def from_url(cls, url: str, *, embedded: bool) -> "Target":
        params = conninfo_to_dict(plain_postgresql_url(url))
        password = params.pop("password", None)
        return cls(params=params, password=password, embedded=embedded)

    @property
    def dbname(self) -> str:
        return str(self.params.get("dbname") or self.params.get("user") or "postgres")

    def conninfo(self, dbname: str | None = None) -> str:
        params = dict(self.params)
        if dbname is not None:
            params["dbname"] = dbname
        return make_conninfo(**params)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        env.setdefault("PGCONNECT_TIMEOUT", "10")
        return env

    def connect(self, dbname: str | None = None, **kwargs) -> psycopg.Connection:  # noqa: ANN003
        return psycopg.connect(self.conninfo(dbname), password=self.password, connect_timeout=10,
                               application_name="welcomedly-backup", **kwargs)


def server_version(conn: psycopg.Connection) -> tuple[int, str]:
    num = int(conn.execute("SHOW server_version_num").fetchone()[0])
    text = conn.execute("SHOW server_version").fetchone()[0]
    return num // 10000, str(text)


def check_dump_tool(conn: psycopg.Connection) -> str:
    """The server's version; BackupToolError when the bundled pg_dump is older than the server."""
    major, text = server_version(conn)
    mine = tool_major("pg_dump")
    if mine < major:
        raise BackupToolError(translate(
            "services", "The bundled pg_dump (version {mine}) is older than the database server (PostgreSQL {major}) "
                        "and cannot back it up; use a Welcomedly release that ships pg_dump {major} or newer.").format(
            mine=mine, major=major))
    return text


def user_tables(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    ).fetchall()
    return [r[0] for r in rows]


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    return {
        name: int(conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))).fetchone()[0])
        for name in user_tables(conn)
    }


def low_priority() -> None:
    """preexec_fn for child processes of scheduled backups: the lowest CPU and I/O share."""
    try:
        os.nice(10)
    except OSError:
        pass


def database_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


# The client sessions in a database that the connected role may end: a superuser's, all of them; an
# owner role's, those of roles it has the privileges of (its own, the workstations' client roles).
# Autovacuum workers are not client sessions: PostgreSQL 15 lets only a superuser end one, and
# DROP/ALTER DATABASE stop them by themselves.
END_SESSIONS = """
SELECT pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = %s AND a.pid <> pg_catalog.pg_backend_pid() AND a.backend_type = 'client backend'
   AND ((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
        OR (NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE oid = a.usesysid)
            AND pg_catalog.pg_has_role(a.usesysid, 'USAGE')))
"""


def end_sessions(conn: psycopg.Connection, name: str) -> None:
    """End the sessions in database ``name`` that this connection's role may end (see END_SESSIONS)."""
    conn.execute(END_SESSIONS, (name,))


def drop_database(conn: psycopg.Connection, name: str) -> None:
    """Drop ``name`` and end its sessions.  ``WITH (FORCE)`` is refused to a non-superuser owner on
    PostgreSQL 15 while an autovacuum worker is in the database; the plain DROP stops that worker."""
    try:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except psycopg.errors.InsufficientPrivilege:
        end_sessions(conn, name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


KEPT_SUFFIX = "_before_restore"
RESTORING_SUFFIX = "_restore_"


def drop_kept_databases(target: Target) -> list[str]:
    """Drop the built-in database's copies kept by earlier restores (after a newer backup succeeded).
    On a shared server the renamed-aside copies stay: its administrator decides."""
    if not target.embedded:
        return []
    with target.connect("postgres", autocommit=True) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (target.dbname + KEPT_SUFFIX + "%",))]
        for name in names:
            drop_database(conn, name)
    return names


def ensure_client_group(conn: psycopg.Connection) -> None:
    """Create the workstations' NOLOGIN group role when the server lacks it (a new machine's server):
    roles are cluster-wide, so a dump holds grants to it but never the role itself, and pg_restore
    would stop at the first GRANT."""
    from welcomedly_desktop.db.security.functions import ENSURE_GROUP

    conn.execute(ENSURE_GROUP)  # the same statement `db upgrade` runs


def carry_database_privileges(admin: psycopg.Connection, target: Target, current: str | None, new: str) -> None:
    """Give the restored database the connect rights of the one it replaces (a dump without
    ``--create`` holds none), and at least the rule of db/security: only the workstations' group
    connects.  Without this the restored database would let every role of the server connect."""
    from welcomedly_desktop.db.security.functions import CLIENT_GROUP

    new_id = sql.Identifier(new)
    acl = current and admin.execute("SELECT datacl IS NOT NULL FROM pg_database WHERE datname = %s",
                                    (current,)).fetchone()
    if acl and acl[0]:
        admin.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(new_id))
        rows = admin.execute(
            "SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, a.privilege_type "
            "FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = %s AND a.grantee <> d.datdba",
            (current,)).fetchall()
        for grantee, privilege in rows:
            to = sql.SQL("PUBLIC") if grantee is None else sql.Identifier(grantee)
            admin.execute(sql.SQL("GRANT {} ON DATABASE {} TO {}").format(sql.SQL(privilege), new_id, to))
    with target.connect(new) as conn:
        secured = conn.execute("SELECT to_regnamespace('app') IS NOT NULL").fetchone()[0]
    if secured:
        admin.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(new_id))
        admin.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(new_id, sql.Identifier(CLIENT_GROUP)))
