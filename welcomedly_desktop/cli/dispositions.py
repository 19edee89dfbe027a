"""``welcomedly dispositions list [--campaign ID] | add --name N [flags] | update ID [...]``: the catalogue."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, entity_id
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: command-line flag -> (disposition field); the flags define every report metric
FLAG_OPTIONS = (
    ("contact", QT_TRANSLATE_NOOP("cli", "a person was reached (counts as a contact)")),
    ("success", QT_TRANSLATE_NOOP("cli", "a sale / goal (counts as a success)")),
    ("callback", QT_TRANSLATE_NOOP("cli", "needs a callback date")),
    ("dnc", QT_TRANSLATE_NOOP("cli", "adds the number to the do-not-call list")),
    ("final", QT_TRANSLATE_NOOP("cli", "closes the record")),
)
FLAG_FIELDS = {"contact": "is_contact", "success": "is_success", "callback": "needs_callback", "dnc": "is_dnc",
               "final": "is_final"}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    disp = subparsers.add_parser("dispositions", help=translate("cli", "the disposition catalogue (call outcomes and their flags)"))
    psub = disp.add_subparsers(dest="dispositions_command", metavar="ACTION", required=True, parser_class=type(disp))
    dl = psub.add_parser("list", parents=[common], help=translate("cli", "global dispositions, plus one campaign's additions"))
    dl.add_argument("--campaign", type=entity_id, metavar="ID")
    dl.add_argument("--all", action="store_true", help=translate("cli", "include inactive dispositions"))
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(handler=cmd_dispositions_list)
    da = psub.add_parser("add", parents=[common], help=translate("cli", "add a disposition (global: admins; a campaign's: supervisors)"))
    da.add_argument("--name", required=True)
    da.add_argument("--campaign", type=entity_id, metavar="ID", help=translate("cli", "only for this campaign (default: global)"))
    da.add_argument("--colour", default="#808080", metavar="#RRGGBB")
    for flag, help_text in FLAG_OPTIONS:
        da.add_argument(f"--{flag}", action="store_true", help=translate("cli", help_text))
    da.add_argument("--json", action="store_true")
    da.set_defaults(handler=cmd_dispositions_add)
    du = psub.add_parser("update", parents=[common], help=translate("cli", "rename, recolour, (de)activate or change flags"))
    du.add_argument("id", type=entity_id, metavar="ID")
    du.add_argument("--name")
    du.add_argument("--colour", metavar="#RRGGBB")
    du.add_argument("--active", choices=("yes", "no"))
    for flag, help_text in FLAG_OPTIONS:
        du.add_argument(f"--{flag}", choices=("yes", "no"), help=translate("cli", help_text))
    du.add_argument("--json", action="store_true")
    du.set_defaults(handler=cmd_dispositions_update)


def _print_dispositions(ctx: CliContext, views) -> None:  # noqa: ANN001
    if ctx.args.json:
        ctx.print_json([v.to_dict() for v in views])
        return
    ctx.print(f"{'id':>4}  {'name':<24} {'scope':<12} {'flags':<34} active")
    for v in views:
        flags = ",".join(flag for flag, field in FLAG_FIELDS.items() if getattr(v, field)) or "-"
        scope = "global" if v.campaign_id is None else f"campaign {v.campaign_id}"
        ctx.print(f"{v.id:>4}  {v.name:<24} {scope:<12} {flags:<34} {'yes' if v.active else 'no'}")


def cmd_dispositions_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dispositions

    actor = ctx.actor()  # any logged-in user may read the catalogue (a campaign's part: if they see it)
    with ctx.db.session() as session:
        views = dispositions.list_dispositions(session, actor, campaign_id=ctx.args.campaign, include_inactive=ctx.args.all)
    _print_dispositions(ctx, views)
    return EXIT_OK


def cmd_dispositions_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dispositions

    a = ctx.args
    actor = ctx.actor()
    with ctx.db.session() as session:
        view = dispositions.create_disposition(
            session, actor, name=a.name, campaign_id=a.campaign, colour=a.colour,
            **{field: getattr(a, flag) for flag, field in FLAG_FIELDS.items()},
        )
    _print_dispositions(ctx, [view])
    return EXIT_OK


def cmd_dispositions_update(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dispositions

    a = ctx.args
    changes: dict = {}
    if a.name is not None:
        changes["name"] = a.name
    if a.colour is not None:
        changes["colour"] = a.colour
    if a.active is not None:
        changes["active"] = a.active == "yes"
    for flag, field in FLAG_FIELDS.items():
        value = getattr(a, flag)
        if value is not None:
            changes[field] = value == "yes"
    if not changes:
        raise ValidationError(None, translate("cli", "Nothing to change: give --name, --colour, --active or a flag."))
    actor = ctx.actor()
    with ctx.db.session() as session:
        view = dispositions.update_disposition(session, actor, a.id, **changes)
    _print_dispositions(ctx, [view])
    return EXIT_OK
