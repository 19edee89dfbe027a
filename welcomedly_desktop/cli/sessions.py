"""``welcomedly session list|end``: who is logged in where (admins), ending a session."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, group, positive_int, print_table
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "session", translate("cli", "app sessions on the shared database"))
    lst = sub.add_parser("list", parents=[common], help=translate("cli", "open sessions: who, where, since when (admin)"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_session_list)
    end = sub.add_parser("end", parents=[common], help=translate("cli", "end a session and close its connections (admin)"))
    end.add_argument("id", type=positive_int)
    end.set_defaults(handler=cmd_session_end)


def cmd_session_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import sessions

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = [r for r in sessions.list_sessions(session, actor) if r.id != _own_session(ctx)]
    if ctx.args.json:
        ctx.print_json([r.to_dict() for r in rows])
    else:
        print_table(ctx, ["id", "email", "name", "role", "workstation", "client", "since"],
                    [[r.id, r.email, r.name, r.role, r.workstation, r.client or "", r.started_at.isoformat(timespec="seconds")]
                     for r in rows])
    return EXIT_OK


def _own_session(ctx: CliContext) -> int | None:
    """This command's own short-lived session is not listed (it ends when the command does)."""
    from sqlalchemy import text

    if ctx.db.session_token is None:
        return None
    with ctx.db.engine.connect() as conn:
        return conn.execute(text("SELECT app.current_session_id()")).scalar()


def cmd_session_end(ctx: CliContext) -> int:
    from welcomedly_desktop.services import sessions

    actor = ctx.actor()
    with ctx.db.session() as session:
        closed = sessions.end_session(session, actor, ctx.args.id)
    ctx.print(translate("cli", "Ended session {id}; {closed} connection(s) closed.").format(id=ctx.args.id, closed=closed))
    return EXIT_OK
