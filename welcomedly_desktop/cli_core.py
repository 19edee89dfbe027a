"""Core CLI commands: db, user, campaign, agent, assign."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from welcomedly_desktop.cli import DATE, EXIT_OK, EXIT_SCHEMA_BEHIND, CliContext, positive_int
from welcomedly_desktop.db.values import CAMPAIGN_STATUS_VALUES, ROLE_VALUES
from welcomedly_desktop.errors import ValidationError

ENV_NEW_PASSWORD = "WELCOMEDLY_NEW_PASSWORD"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    _register_db(subparsers, common)
    _register_user(subparsers, common)
    _register_campaign(subparsers, common)
    _register_agent(subparsers, common)
    assign = subparsers.add_parser("assign", parents=[common], help="assign agents to a campaign")
    assign.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    assign.add_argument("--agent", type=positive_int, required=True, action="append", metavar="ID",
                        help="agent id (repeat for several)")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=cmd_assign)


def _group(subparsers, name: str, help_text: str):  # noqa: ANN001, ANN202
    parser = subparsers.add_parser(name, help=help_text)
    sub = parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True, parser_class=type(parser))
    return sub


# -- db ----------------------------------------------------------------------------------------
def _register_db(subparsers, common) -> None:  # noqa: ANN001
    sub = _group(subparsers, "db", "database schema and connection")
    sub.add_parser("upgrade", parents=[common], help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
    status = sub.add_parser("status", parents=[common], help="current and head revision (exit 3 when behind)")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_db_status)
    sub.add_parser("url", parents=[common], help="print the database URL in use").set_defaults(handler=cmd_db_url)


def cmd_db_upgrade(ctx: CliContext) -> int:
    from welcomedly_desktop.db import schema

    db = ctx.open_db(check_schema=False)
    before = schema.current_revision(db)
    schema.upgrade(db)
    after = schema.current_revision(db)
    if before == after:
        ctx.print(f"Database already at the latest schema ({after}).")
    else:
        ctx.print(f"Database upgraded from {before or 'empty'} to {after}.")
    return EXIT_OK


def cmd_db_status(ctx: CliContext) -> int:
    from welcomedly_desktop.db import schema

    db = ctx.open_db(check_schema=False)
    current = schema.current_revision(db)
    head = schema.head_revision()
    behind = current != head
    if ctx.args.json:
        ctx.print_json({"current": current, "head": head, "up_to_date": not behind, "database": db.display_url})
    else:
        ctx.print(f"current: {current or 'none'}")
        ctx.print(f"head:    {head}")
        ctx.print("The database is behind; run 'welcomedly db upgrade'." if behind else "The database is up to date.")
    return EXIT_SCHEMA_BEHIND if behind else EXIT_OK


def cmd_db_url(ctx: CliContext) -> int:
    db = ctx.open_db(check_schema=False)
    ctx.print(db.url if db.is_embedded else _safe_url(db.url))
    return EXIT_OK


def _safe_url(url: str) -> str:
    from welcomedly_desktop.config import display_url

    return display_url(url)


# -- user --------------------------------------------------------------------------------------
def _register_user(subparsers, common) -> None:  # noqa: ANN001
    sub = _group(subparsers, "user", "user accounts")
    add = sub.add_parser("add", parents=[common], help="create a user (the first one becomes admin)")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLE_VALUES)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_user_add)
    lst = sub.add_parser("list", parents=[common], help="list users")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_user_list)
    unlock = sub.add_parser("unlock", parents=[common], help="clear a failed-login lock")
    unlock.add_argument("email")
    unlock.set_defaults(handler=cmd_user_unlock)


def _new_password() -> str:
    password = os.environ.get(ENV_NEW_PASSWORD)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ValidationError("password", f"No password given: set ${ENV_NEW_PASSWORD} or run the command in a terminal.")
    first = getpass.getpass("New user's password: ")
    second = getpass.getpass("Repeat the password: ")
    if first != second:
        raise ValidationError("password", "The two passwords do not match.")
    return first


def cmd_user_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import auth, users

    db = ctx.db
    with db.session() as session:
        first = not auth.has_users(session)
    actor = None if first else ctx.actor()
    password = _new_password()
    with db.session() as session:
        user = auth.register(session, actor, email=ctx.args.email, name=ctx.args.name, role=ctx.args.role, password=password)
        view = users.get_profile(session, auth.actor_for(user, "cli"), user.id)
    if ctx.args.json:
        ctx.print_json(view.to_dict())
    else:
        extra = " (first user: administrator)" if first else ""
        ctx.print(f"Created user {view.id}: {view.email} ({view.role}){extra}.")
    return EXIT_OK


def cmd_user_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = users.list_users(session, actor)
    if ctx.args.json:
        ctx.print_json([u.to_dict() for u in rows])
    else:
        _table(ctx, ["id", "email", "name", "role", "active", "locked"],
               [[u.id, u.email, u.name, u.role, "yes" if u.active else "no", "yes" if u.locked else ""] for u in rows])
    return EXIT_OK


def cmd_user_unlock(ctx: CliContext) -> int:
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    with ctx.db.session() as session:
        was_locked = users.unlock(session, actor, ctx.args.email)
    ctx.print(f"Unlocked {ctx.args.email}." if was_locked else f"{ctx.args.email} was not locked.")
    return EXIT_OK


# -- campaign ----------------------------------------------------------------------------------
def _campaign_fields(parser: argparse.ArgumentParser, *, name_required: bool) -> None:
    parser.add_argument("--name", required=name_required)
    parser.add_argument("--description")
    parser.add_argument("--status", choices=CAMPAIGN_STATUS_VALUES)
    parser.add_argument("--start", type=DATE, metavar="YYYY-MM-DD")
    parser.add_argument("--end", type=DATE, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true")


def _register_campaign(subparsers, common) -> None:  # noqa: ANN001
    sub = _group(subparsers, "campaign", "campaigns")
    add = sub.add_parser("add", parents=[common], help="create a campaign")
    _campaign_fields(add, name_required=True)
    add.set_defaults(handler=cmd_campaign_add)
    lst = sub.add_parser("list", parents=[common], help="list campaigns")
    lst.add_argument("--status", choices=CAMPAIGN_STATUS_VALUES)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_campaign_list)
    show = sub.add_parser("show", parents=[common], help="show one campaign")
    show.add_argument("id", type=positive_int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_campaign_show)
    update = sub.add_parser("update", parents=[common], help="change a campaign")
    update.add_argument("id", type=positive_int)
    _campaign_fields(update, name_required=False)
    update.set_defaults(handler=cmd_campaign_update)
    delete = sub.add_parser("delete", parents=[common], help="delete a campaign with its uploads, records and assignments")
    delete.add_argument("id", type=positive_int)
    delete.add_argument("--json", action="store_true")
    delete.set_defaults(handler=cmd_campaign_delete)


def _print_campaign(ctx: CliContext, view) -> None:  # noqa: ANN001
    if ctx.args.json:
        ctx.print_json(view.to_dict())
        return
    ctx.print(f"Campaign {view.id}: {view.name}")
    ctx.print(f"  status:      {view.status}")
    ctx.print(f"  dates:       {view.start_date or '-'} to {view.end_date or '-'}")
    ctx.print(f"  created by:  {view.created_by_name or '-'} at {view.created_at:%Y-%m-%d %H:%M}")
    if view.description:
        ctx.print(f"  description: {view.description}")
    ctx.print(f"  agents:      {', '.join(a['name'] for a in view.agents) or '-'}")


def cmd_campaign_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import campaigns

    a = ctx.args
    actor = ctx.actor()
    with ctx.db.session() as session:
        view = campaigns.create_campaign(
            session, actor, name=a.name, description=a.description or "", status=a.status or "draft",
            start_date=a.start, end_date=a.end,
        )
    _print_campaign(ctx, view)
    return EXIT_OK


def cmd_campaign_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import campaigns

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = campaigns.list_campaigns(session, actor, status=ctx.args.status)
    if ctx.args.json:
        ctx.print_json([c.to_dict() for c in rows])
    else:
        _table(ctx, ["id", "name", "status", "start", "end", "agents"],
               [[c.id, c.name, c.status, c.start_date or "", c.end_date or "", c.agent_count] for c in rows])
    return EXIT_OK


def cmd_campaign_show(ctx: CliContext) -> int:
    from welcomedly_desktop.services import campaigns

    actor = ctx.actor()
    with ctx.db.session() as session:
        view = campaigns.get_campaign(session, actor, ctx.args.id)
    _print_campaign(ctx, view)
    return EXIT_OK


def cmd_campaign_update(ctx: CliContext) -> int:
    from welcomedly_desktop.services import campaigns

    a = ctx.args
    changes: dict[str, Any] = {}
    for option, key in (("name", "name"), ("description", "description"), ("status", "status"),
                        ("start", "start_date"), ("end", "end_date")):
        value = getattr(a, option)
        if value is not None:
            changes[key] = value
    actor = ctx.actor()
    with ctx.db.session() as session:
        view = campaigns.update_campaign(session, actor, a.id, **changes)
    _print_campaign(ctx, view)
    return EXIT_OK


def cmd_campaign_delete(ctx: CliContext) -> int:
    from welcomedly_desktop.services import campaigns

    actor = ctx.actor()
    with ctx.db.session() as session:
        summary = campaigns.delete_campaign(session, actor, ctx.args.id)
    if ctx.args.json:
        ctx.print_json(summary.to_dict())
    else:
        ctx.print(
            f"Deleted campaign {summary.campaign_id} ({summary.name}) with {summary.uploads} uploads, "
            f"{summary.records} records and {summary.assignments} agent assignments."
        )
    return EXIT_OK


# -- agent -------------------------------------------------------------------------------------
def _register_agent(subparsers, common) -> None:  # noqa: ANN001
    sub = _group(subparsers, "agent", "agents")
    add = sub.add_parser("add", parents=[common], help="create an agent profile")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--phone")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_agent_add)
    lst = sub.add_parser("list", parents=[common], help="list agents")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_agent_list)


def cmd_agent_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import agents

    actor = ctx.actor()
    with ctx.db.session() as session:
        view = agents.create_agent(session, actor, name=ctx.args.name, email=ctx.args.email, phone=ctx.args.phone)
    if ctx.args.json:
        ctx.print_json(view.to_dict())
    else:
        ctx.print(f"Created agent {view.id}: {view.name} <{view.email}>.")
    return EXIT_OK


def cmd_agent_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import agents

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = agents.list_agents(session, actor)
    if ctx.args.json:
        ctx.print_json([a.to_dict() for a in rows])
    else:
        _table(ctx, ["id", "name", "email", "active", "campaigns"],
               [[a.id, a.name, a.email, "yes" if a.active else "no", a.campaign_count] for a in rows])
    return EXIT_OK


def cmd_assign(ctx: CliContext) -> int:
    from welcomedly_desktop.services import assignments

    actor = ctx.actor()
    with ctx.db.session() as session:
        change = assignments.assign(session, actor, ctx.args.campaign, ctx.args.agent)
    if ctx.args.json:
        ctx.print_json(change.to_dict())
    else:
        added = ", ".join(map(str, change.added)) or "none"
        already = ", ".join(map(str, change.unchanged)) or "none"
        ctx.print(f"Campaign {change.campaign_id}: assigned agents {added}; already assigned: {already}.")
    return EXIT_OK


def _table(ctx: CliContext, headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        ctx.print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            ctx.print("  ".join("-" * w for w in widths))
