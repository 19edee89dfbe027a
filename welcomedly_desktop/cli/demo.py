"""``welcomedly demo seed [--records N]``: fill an empty database with a realistic demo."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, positive_int
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser("demo", help=translate("cli", "demo data"))
    dsub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True, parser_class=type(demo))
    seed = dsub.add_parser("seed", parents=[common], help=translate("cli", "fill an empty database with a realistic demo (admin)"))
    seed.add_argument("--records", type=positive_int, default=None, metavar="N", help=translate("cli", "records in total (default 100000)"))
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=cmd_demo_seed)


def cmd_demo_seed(ctx: CliContext) -> int:
    from welcomedly_desktop.services import demo

    actor = ctx.actor()
    records = ctx.args.records or demo.DEFAULT_RECORDS
    with ctx.db.session() as session:
        result = demo.seed(session, actor, records=records)
    if ctx.args.json:
        ctx.print_json(result.to_dict())
    else:
        ctx.print(
            translate("cli", "Demo ready: {campaigns} campaigns, {agents} agents, {records:,} records, {interactions:,} call attempts.").format(campaigns=len(result.campaigns), agents=len(result.agents), records=result.records, interactions=result.interactions)
        )
    return EXIT_OK
