"""``welcomedly agent add|list`` and ``welcomedly assign``: agents and their campaigns."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, group, entity_id, print_table
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "agent", translate("cli", "agents"))
    add = sub.add_parser("add", parents=[common], help=translate("cli", "create an agent profile"))
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--phone")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_agent_add)
    lst = sub.add_parser("list", parents=[common], help=translate("cli", "list agents"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_agent_list)
    assign = subparsers.add_parser("assign", parents=[common], help=translate("cli", "assign agents to a campaign"))
    assign.add_argument("--campaign", type=entity_id, required=True, metavar="ID")
    assign.add_argument("--agent", type=entity_id, required=True, action="append", metavar="ID",
                        help=translate("cli", "agent id (repeat for several)"))
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=cmd_assign)


def cmd_agent_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import agents

    actor = ctx.actor()
    with ctx.db.session() as session:
        view = agents.create_agent(session, actor, name=ctx.args.name, email=ctx.args.email, phone=ctx.args.phone)
    if ctx.args.json:
        ctx.print_json(view.to_dict())
    else:
        ctx.print(translate("cli", "Created agent {id}: {name} <{email}>.").format(id=view.id, name=view.name, email=view.email))
    return EXIT_OK


def cmd_agent_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import agents

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = agents.list_agents(session, actor)
    if ctx.args.json:
        ctx.print_json([a.to_dict() for a in rows])
    else:
        print_table(ctx, ["id", "name", "email", "active", "campaigns"],
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
        ctx.print(translate("cli", "Campaign {campaign_id}: assigned agents {added}; already assigned: {already}.").format(campaign_id=change.campaign_id, added=added, already=already))
    return EXIT_OK
