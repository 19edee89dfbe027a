"""``welcomedly db upgrade|status|url``: the database schema and connection."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, EXIT_SCHEMA_BEHIND, CliContext, group
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "db", translate("cli", "database schema and connection"))
    sub.add_parser("upgrade", parents=[common], help=translate("cli", "apply pending migrations")).set_defaults(handler=cmd_db_upgrade)
    status = sub.add_parser("status", parents=[common], help=translate("cli", "current and head revision, server version (exit 3 when behind)"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_db_status)
    sub.add_parser("url", parents=[common], help=translate("cli", "print the database URL in use")).set_defaults(handler=cmd_db_url)


def cmd_db_upgrade(ctx: CliContext) -> int:
    from welcomedly_desktop.db import schema

    db = ctx.open_db(check_schema=False)
    before = schema.current_revision(db)
    schema.upgrade(db)
    after = schema.current_revision(db)
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
