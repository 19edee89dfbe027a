"""``welcomedly db upgrade|status|url|client-role|psql``: the database schema, connection and roles."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from welcomedly_desktop.cli.common import EXIT_OK, EXIT_SCHEMA_BEHIND, CliContext, group
from welcomedly_desktop.i18n import translate
from welcomedly_desktop.errors import ValidationError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "db", translate("cli", "database schema and connection"))
    sub.add_parser("upgrade", parents=[common], help=translate("cli", "apply pending migrations")).set_defaults(handler=cmd_db_upgrade)
    status = sub.add_parser("status", parents=[common], help=translate("cli", "current and head revision, server version (exit 3 when behind)"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_db_status)
    sub.add_parser("url", parents=[common], help=translate("cli", "print the database URL in use")).set_defaults(handler=cmd_db_url)
    role = sub.add_parser("client-role", parents=[common],
                          help=translate("cli", "create or update the workstations' login role (password from $WELCOMEDLY_NEW_PASSWORD)"))
    role.add_argument("name")
    role.set_defaults(handler=cmd_db_client_role)
    psql = sub.add_parser("psql", parents=[common], help=translate("cli", "psql on the database in use, logged in as --user with "
                                         "that user's rights; every other argument goes to psql"))
    psql.set_defaults(handler=cmd_db_psql)
    psql.__class__ = _PassThrough


class _PassThrough(argparse.ArgumentParser):
    """``db psql``: a leading ``--user EMAIL`` is ours, everything else is psql's (its own -c, -v, ...)."""

    def parse_known_args(self, args=None, namespace=None):  # noqa: ANN001, ANN201
        namespace = namespace if namespace is not None else argparse.Namespace()
        rest = list(args or [])
        while rest and (rest[0] == "--user" or rest[0].startswith("--user=")):
            if "=" in rest[0]:
                namespace.user = rest.pop(0).split("=", 1)[1]
            elif len(rest) > 1:
                rest.pop(0)
                namespace.user = rest.pop(0)
            else:
                self.error(translate("cli", "--user needs an e-mail"))
        if rest[:1] in (["-h"], ["--help"]):
            self.print_help()
            self.exit(0)
        for key, value in self._defaults.items():
            setattr(namespace, key, value)
        namespace.psql_args = rest
        return namespace, []



@contextlib.contextmanager
def _refused_as(sentence: str, **values: object) -> Iterator[None]:
    """A privilege error (SQLSTATE 42501) of the block as one sentence: ``sentence`` with the server's
    {reason} and ``values``; any other database error passes unchanged."""
    from sqlalchemy.exc import DBAPIError

    from welcomedly_desktop.errors import PermissionDenied

    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        reason = str(exc.orig).strip().splitlines()[0]
        raise PermissionDenied(sentence.format(reason=reason, **values)) from exc


def cmd_db_upgrade(ctx: CliContext) -> int:
    from welcomedly_desktop.db import schema, security

    db = ctx.open_db(check_schema=False)
    before = schema.current_revision(db)
    with _refused_as(translate("cli", "This credential may not set up the database's roles and grants ({reason}); "
                                      "run 'db upgrade' as the database owner with CREATEROLE, or as a superuser.")):
        schema.upgrade(db)
        after = schema.current_revision(db)
        with db.engine.begin() as conn:
            security.apply(conn)  # roles, grants and policies: re-applied every time (idempotent)
    if before == after:
        ctx.print(translate("cli", "Database already at the latest schema ({after}).").format(after=after))
    else:
        ctx.print(translate("cli", "Database upgraded from {before} to {after}.").format(before=before or translate("cli", "empty"), after=after))
    return EXIT_OK


def cmd_db_status(ctx: CliContext) -> int:
    from welcomedly_desktop.db import schema

    db = ctx.open_db(check_schema=False)
    current = schema.current_revision(db)
    head = schema.head_revision()
    behind = current != head
    version = schema.server_version(db)
    if ctx.args.json:
        ctx.print_json({"current": current, "head": head, "up_to_date": not behind, "database": db.display_url,
                        "server_version": version})
    else:
        ctx.print(f"current: {current or 'none'}")
        ctx.print(f"head:    {head}")
        ctx.print(f"server:  PostgreSQL {version}")
        ctx.print(translate("cli", "The database is behind; run 'welcomedly db upgrade'.") if behind else translate("cli", "The database is up to date."))
    return EXIT_SCHEMA_BEHIND if behind else EXIT_OK


def cmd_db_url(ctx: CliContext) -> int:
    db = ctx.open_db(check_schema=False)
    ctx.print(db.url if db.is_embedded else _safe_url(db.url))
    return EXIT_OK


def _safe_url(url: str) -> str:
    from welcomedly_desktop.config import display_url

    return display_url(url)


def cmd_db_client_role(ctx: CliContext) -> int:
    from welcomedly_desktop.cli.users import new_password
    from welcomedly_desktop.db import security

    db = ctx.open_db()
    password = new_password(translate("cli", "The workstations' database password: "))
    if not password:
        raise ValidationError("password", translate("cli", "The role's password cannot be empty."))
    # E.g. PostgreSQL 16+: a CREATEROLE owner may grant only roles it has the ADMIN option on, and the
    # cluster-wide group may have been created by someone else (a superuser, another database).
    with _refused_as(translate("cli", "This credential may not create or update the workstation role ({reason}); "
                                      "run 'db client-role' as a superuser, or as the owner with CREATEROLE "
                                      "that created the group role {group}."), group=security.CLIENT_GROUP):
        with db.engine.begin() as conn:
            security.apply(conn)
            created = security.create_client_role(conn, ctx.args.name, password)
    ctx.print((translate("cli", "Created the workstation role {name}; point workstations at a URL with that user name "
                          "(the app logs users in through it).") if created else
               translate("cli", "Updated the workstation role {name}; point workstations at a URL with that user name "
                         "(the app logs users in through it).")).format(name=ctx.args.name))
    return EXIT_OK


def cmd_db_psql(ctx: CliContext) -> int:
    """psql as the app's connections are: same server role, bound to a fresh app session of --user."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from welcomedly_desktop.services import sessions

    args = [a for a in ctx.args.psql_args if a != "--"]
    ctx.actor()  # logs in (exit 1 with one sentence when refused)
    db = ctx.db
    url = make_url(db.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    query = dict(url.query)
    if "host" in query:
        env["PGHOST"] = str(query.pop("host"))
    if "port" in query:
        env["PGPORT"] = str(query.pop("port"))
    conninfo = url.set(drivername="postgresql", password=None, query=query).render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory(prefix="welcomedly-psql-") as tmp:
        attach = Path(tmp) / "attach.sql"  # the token stays out of the command line (ps)
        attach.touch(mode=0o600)
        token = db.session_token or ""
        attach.write_text(f"\\o /dev/null\nSELECT app.attach('{token}');\n\\o\n" if token else "")
        if any(a in ("-c", "-f", "--command", "--file") or a.startswith(("--command=", "--file=")) for a in args):
            # Non-interactive: attach first, in psql's own order of -c/-f.
            cmd = [_psql_binary(), "-d", conninfo, "-c", f"\\i {attach}", *args]
        else:
            env["PSQLRC"] = str(attach)  # interactive: psql runs it at start (unless the caller passes -X)
            cmd = [_psql_binary(), "-d", conninfo, *args]
        try:
            return subprocess.run(cmd, env=env).returncode
        finally:
            sessions.logout(db) if token else None


def _psql_binary() -> str:
    import shutil

    try:
        from pgserver._commands import POSTGRES_BIN_PATH

        bundled = POSTGRES_BIN_PATH / "psql"
        if bundled.exists():
            return str(bundled)
    except ImportError:  # pragma: no cover - the bundle always has pgserver
        pass
    found = shutil.which("psql")
    if found is None:
        raise ValidationError(None, translate("cli", "No psql program was found."))
    return found
