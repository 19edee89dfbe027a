"""``welcomedly report campaign|agent ID [--from DATE] [--to DATE] --format pdf|csv|xlsx|json [--out FILE]``.

``--format json --out -`` (or no ``--out``) prints the report to stdout.  PDF uses the same render
path as the desktop app's print preview (:mod:`welcomedly_desktop.printing`, Qt offscreen when
there is no display), imported lazily.
"""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import DATE, EXIT_OK, CliContext, output_path, entity_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

REPORT_FORMATS = ("pdf", "csv", "xlsx", "json")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", help=translate("cli", "campaign and agent reports (PDF, CSV, XLSX, JSON)"))
    rsub = report.add_subparsers(dest="report_command", metavar="KIND", required=True, parser_class=type(report))
    for kind, help_text in (("campaign", QT_TRANSLATE_NOOP("cli", "campaign performance report")),
                           ("agent", QT_TRANSLATE_NOOP("cli", "agent activity report"))):
        p = rsub.add_parser(kind, parents=[common], help=translate("cli", help_text))
        p.add_argument("id", type=entity_id, metavar="ID", help=f"{kind} id")
        p.add_argument("--from", dest="date_from", type=DATE, metavar="DATE", help=translate("cli", "first day, YYYY-MM-DD (default: 30 days before --to)"))
        p.add_argument("--to", dest="date_to", type=DATE, metavar="DATE", help=translate("cli", "last day, YYYY-MM-DD (default: today)"))
        p.add_argument("--timezone", metavar="ZONE", default="UTC", help=translate("cli", "time zone of days and hours (default UTC)"))
        p.add_argument("--format", required=True, choices=REPORT_FORMATS)
        p.add_argument("--out", metavar="FILE", help=translate("cli", "output file ('-' or omitted prints JSON to stdout)"))
        p.set_defaults(handler=cmd_report, report_kind=kind)


def cmd_report(ctx: CliContext) -> int:
    import json

    from welcomedly_desktop.reports import export
    from welcomedly_desktop.services import reports

    a = ctx.args
    out = output_path(a.out, a.format)
    period = reports.make_period(a.date_from, a.date_to, a.timezone)
    actor = ctx.actor()
    with ctx.db.session() as session:
        if a.report_kind == "campaign":
            report = reports.campaign_report(session, actor, a.id, period)
        else:
            report = reports.agent_report(session, actor, a.id, period)
        if a.format == "json":
            data = {"kind": report.kind, **report.to_dict()}
            if out is None:
                ctx.print_json(data)
                return EXIT_OK
            with export.atomic_path(out) as tmp:
                tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            reports.audit_report_export(session, actor, report, "json", out)
        elif a.format == "pdf":
            pages = reports.export_pdf(session, actor, report, out)
            print((translate("cli", "Wrote {out} (1 page).") if pages == 1 else translate("cli", "Wrote {out} ({pages} pages).")).format(out=out, pages=pages), file=ctx.stderr)
            return EXIT_OK
        else:
            reports.export_report(session, actor, report, a.format, out)
    print(translate("cli", "Wrote {out}.").format(out=out), file=ctx.stderr)
    return EXIT_OK
