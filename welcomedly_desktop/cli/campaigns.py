"""``welcomedly campaign add|list|show|update|delete``: campaigns."""

from __future__ import annotations

import argparse
from typing import Any

from welcomedly_desktop.cli.common import DATE, EXIT_OK, CliContext, entity_id, group, print_table
from welcomedly_desktop.db.values import CAMPAIGN_STATUS_VALUES
from welcomedly_desktop.i18n import translate

def _campaign_fields(parser: argparse.ArgumentParser, *, name_required: bool) -> None:
    parser.add_argument("--name", required=name_required)
    parser.add_argument("--description")
    parser.add_argument("--status", choices=CAMPAIGN_STATUS_VALUES)
    parser.add_argument("--start", type=DATE, metavar="YYYY-MM-DD")
    parser.add_argument("--end", type=DATE, metavar="YYYY-MM-DD")
    parser.add_argument("--country", metavar="CODE", help=translate(
        "cli", "country of the campaign's phone numbers (ISO 3166 alpha-2, e.g. CO; \"\" for the organization's)"))
    parser.add_argument("--json", action="store_true")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "campaign", translate("cli", "campaigns"))
    add = sub.add_parser("add", parents=[common], help=translate("cli", "create a campaign"))
    _campaign_fields(add, name_required=True)
    add.set_defaults(handler=cmd_campaign_add)
    lst = sub.add_parser("list", parents=[common], help=translate("cli", "list campaigns"))
    lst.add_argument("--status", choices=CAMPAIGN_STATUS_VALUES)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_campaign_list)
    show = sub.add_parser("show", parents=[common], help=translate("cli", "show one campaign"))
    show.add_argument("id", type=entity_id)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_campaign_show)
    update = sub.add_parser("update", parents=[common], help=translate("cli", "change a campaign"))
    update.add_argument("id", type=entity_id)
    _campaign_fields(update, name_required=False)
    update.set_defaults(handler=cmd_campaign_update)
    delete = sub.add_parser("delete", parents=[common], help=translate("cli", "delete a campaign with its uploads, records and assignments"))
    delete.add_argument("id", type=entity_id)
    delete.add_argument("--json", action="store_true")
    delete.set_defaults(handler=cmd_campaign_delete)


def _print_campaign(ctx: CliContext, view) -> None:  # noqa: ANN001
    if ctx.args.json:
        ctx.print_json(view.to_dict())
        return
    ctx.print(translate("cli", "Campaign {id}: {name}").format(id=view.id, name=view.name))
    ctx.print(f"  status:      {view.status}")
    ctx.print(f"  dates:       {view.start_date or '-'} to {view.end_date or '-'}")
    country = view.country or translate("cli", "the organization's")
    ctx.print(f"  country:     {country}")
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
            start_date=a.start, end_date=a.end, country=a.country,
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
        print_table(ctx, ["id", "name", "status", "start", "end", "agents"],
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
                        ("start", "start_date"), ("end", "end_date"), ("country", "country")):
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
            translate("cli", "Deleted campaign {campaign_id} ({name}) with {uploads} uploads, {records} records and {assignments} agent assignments.").format(campaign_id=summary.campaign_id, name=summary.name, uploads=summary.uploads, records=summary.records, assignments=summary.assignments)
        )
    return EXIT_OK
