"""``welcomedly dnc add|import``: the do-not-call list."""

from __future__ import annotations

import argparse
from pathlib import Path

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, entity_id
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    dnc = subparsers.add_parser("dnc", help=translate("cli", "the do-not-call list"))
    dsub = dnc.add_subparsers(dest="dnc_command", metavar="ACTION", required=True, parser_class=type(dnc))
    add = dsub.add_parser("add", parents=[common], help=translate("cli", "add a phone number (global, or one campaign's)"))
    add.add_argument("phone", metavar="PHONE")
    add.add_argument("--campaign", type=entity_id, metavar="ID")
    add.add_argument("--reason")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_dnc_add)
    dimp = dsub.add_parser("import", parents=[common], help=translate("cli", "add every phone of a file"))
    dimp.add_argument("file", metavar="FILE")
    dimp.add_argument("--campaign", type=entity_id, metavar="ID")
    dimp.add_argument("--reason")
    dimp.add_argument("--json", action="store_true")
    dimp.set_defaults(handler=cmd_dnc_import)


def cmd_dnc_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dnc as dnc_service

    actor = ctx.actor()
    with ctx.db.session() as session:
        result = dnc_service.add_dnc(session, actor, ctx.args.phone, campaign_id=ctx.args.campaign,
                                     reason=ctx.args.reason, country_code=ctx.file_settings.default_country_code)
    if ctx.args.json:
        ctx.print_json(result.to_dict())
    else:
        if result.added:
            sentence = (translate("cli", "Added {phone} to campaign {campaign}'s do-not-call list.") if result.campaign_id
                        else translate("cli", "Added {phone} to the global do-not-call list."))
        else:
            sentence = (translate("cli", "{phone} is already on campaign {campaign}'s do-not-call list.") if result.campaign_id
                        else translate("cli", "{phone} is already on the global do-not-call list."))
        ctx.print(sentence.format(phone=result.phone_display or result.phone, campaign=result.campaign_id))
    return EXIT_OK


def cmd_dnc_import(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dnc as dnc_service

    actor = ctx.actor()
    summary = dnc_service.import_dnc(ctx.db, actor, Path(ctx.args.file), campaign_id=ctx.args.campaign, reason=ctx.args.reason)
    if ctx.args.json:
        ctx.print_json(summary.to_dict())
    else:
        ctx.print(f"rows_total: {summary.rows_total}")
        ctx.print(f"added: {summary.added}")
        ctx.print(f"already: {summary.already}")
        ctx.print(f"rejected: {summary.rejected}")
        for item in summary.rejects[:20]:
            print(translate("cli", "row {row}: {reason}").format(row=item["row"], reason=item["reason"]), file=ctx.stderr)
    return EXIT_OK
