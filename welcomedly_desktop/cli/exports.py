"""``welcomedly export records --campaign ID --format csv|xlsx --out FILE``: a campaign's records."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, output_path, entity_id
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = subparsers.add_parser("export", help=translate("cli", "export data"))
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True, parser_class=type(export))
    rec = esub.add_parser("records", parents=[common], help=translate("cli", "a campaign's records with their last disposition"))
    rec.add_argument("--campaign", type=entity_id, required=True, metavar="ID")
    rec.add_argument("--format", required=True, choices=("csv", "xlsx"))
    rec.add_argument("--out", required=True, metavar="FILE")
    rec.set_defaults(handler=cmd_export_records)


def cmd_export_records(ctx: CliContext) -> int:
    from welcomedly_desktop.services import reports

    a = ctx.args
    out = output_path(a.out, a.format)
    actor = ctx.actor()
    with ctx.db.session() as session:
        count = reports.export_records(session, actor, a.campaign, a.format, out)
    print(translate("cli", "Wrote {count:,} records to {out}.").format(count=count, out=out), file=ctx.stderr)
    return EXIT_OK
