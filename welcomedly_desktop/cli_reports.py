"""CLI: reports, exports, record distribution, the agent queue and the demo data set.

Contract (scripts depend on it)::

    welcomedly report campaign ID [--from DATE] [--to DATE] --format pdf|csv|xlsx|json --out FILE
    welcomedly report agent ID    [--from DATE] [--to DATE] --format pdf|csv|xlsx|json --out FILE
    welcomedly export records --campaign ID --format csv|xlsx --out FILE
    welcomedly demo seed [--records N]
    welcomedly records distribute --campaign ID [--by share]
    welcomedly records rebalance --campaign ID --from-agent ID [--to-agent ID ...]
    welcomedly dispositions list [--campaign ID] | add --name N [flags] | update ID [...]

``--format json --out -`` (or no ``--out``) prints the report to stdout.  PDF uses the same render
path as the desktop app's print preview (Qt, offscreen when there is no display), imported lazily.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from welcomedly_desktop.cli import DATE, EXIT_OK, CliContext, positive_int
from welcomedly_desktop.errors import ValidationError

REPORT_FORMATS = ("pdf", "csv", "xlsx", "json")
#: command-line flag -> (disposition field); the flags define every report metric
FLAG_OPTIONS = (
    ("contact", "a person was reached (counts as a contact)"),
    ("success", "a sale / goal (counts as a success)"),
    ("callback", "needs a callback date"),
    ("dnc", "adds the number to the do-not-call list"),
    ("final", "closes the record"),
)
FLAG_FIELDS = {"contact": "is_contact", "success": "is_success", "callback": "needs_callback", "dnc": "is_dnc",
               "final": "is_final"}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", help="campaign and agent reports (PDF, CSV, XLSX, JSON)")
    rsub = report.add_subparsers(dest="report_command", metavar="KIND", required=True, parser_class=type(report))
    for kind, help_text in (("campaign", "campaign performance report"), ("agent", "agent activity report")):
        p = rsub.add_parser(kind, parents=[common], help=help_text)
        p.add_argument("id", type=positive_int, metavar="ID", help=f"{kind} id")
        p.add_argument("--from", dest="date_from", type=DATE, metavar="DATE", help="first day, YYYY-MM-DD (default: 30 days before --to)")
        p.add_argument("--to", dest="date_to", type=DATE, metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
        p.add_argument("--timezone", metavar="ZONE", default="UTC", help="time zone of days and hours (default UTC)")
        p.add_argument("--format", required=True, choices=REPORT_FORMATS)
        p.add_argument("--out", metavar="FILE", help="output file ('-' or omitted prints JSON to stdout)")
        p.set_defaults(handler=cmd_report, report_kind=kind)

    export = subparsers.add_parser("export", help="export data")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True, parser_class=type(export))
    rec = esub.add_parser("records", parents=[common], help="a campaign's records with their last disposition")
    rec.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    rec.add_argument("--format", required=True, choices=("csv", "xlsx"))
    rec.add_argument("--out", required=True, metavar="FILE")
    rec.set_defaults(handler=cmd_export_records)

    demo = subparsers.add_parser("demo", help="demo data")
    dsub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True, parser_class=type(demo))
    seed = dsub.add_parser("seed", parents=[common], help="fill an empty database with a realistic demo (admin)")
    seed.add_argument("--records", type=positive_int, default=None, metavar="N", help="records in total (default 100000)")
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=cmd_demo_seed)

    disp = subparsers.add_parser("dispositions", help="the disposition catalogue (call outcomes and their flags)")
    psub = disp.add_subparsers(dest="dispositions_command", metavar="ACTION", required=True, parser_class=type(disp))
    dl = psub.add_parser("list", parents=[common], help="global dispositions, plus one campaign's additions")
    dl.add_argument("--campaign", type=positive_int, metavar="ID")
    dl.add_argument("--all", action="store_true", help="include inactive dispositions")
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(handler=cmd_dispositions_list)
    da = psub.add_parser("add", parents=[common], help="add a disposition (global: admins; a campaign's: supervisors)")
    da.add_argument("--name", required=True)
    da.add_argument("--campaign", type=positive_int, metavar="ID", help="only for this campaign (default: global)")
    da.add_argument("--colour", default="#808080", metavar="#RRGGBB")
    for flag, help_text in FLAG_OPTIONS:
        da.add_argument(f"--{flag}", action="store_true", help=help_text)
    da.add_argument("--json", action="store_true")
    da.set_defaults(handler=cmd_dispositions_add)
    du = psub.add_parser("update", parents=[common], help="rename, recolour, (de)activate or change flags")
    du.add_argument("id", type=positive_int, metavar="ID")
    du.add_argument("--name")
    du.add_argument("--colour", metavar="#RRGGBB")
    du.add_argument("--active", choices=("yes", "no"))
    for flag, help_text in FLAG_OPTIONS:
        du.add_argument(f"--{flag}", choices=("yes", "no"), help=help_text)
    du.add_argument("--json", action="store_true")
    du.set_defaults(handler=cmd_dispositions_update)

    records = subparsers.add_parser("records", help="hand campaign records to agents")
    xsub = records.add_subparsers(dest="records_command", metavar="ACTION", required=True, parser_class=type(records))
    dist = xsub.add_parser("distribute", parents=[common], help="hand unassigned records to the campaign's agents")
    dist.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    dist.add_argument("--by", choices=("balanced", "share"), default="balanced",
                      help="balanced round-robin (default) or in proportion to each agent's share")
    dist.add_argument("--json", action="store_true")
    dist.set_defaults(handler=cmd_records_distribute)
    reb = xsub.add_parser("rebalance", parents=[common], help="move one agent's open records to other agents")
    reb.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    reb.add_argument("--from-agent", type=positive_int, required=True, metavar="ID")
    reb.add_argument("--to-agent", type=positive_int, action="append", metavar="ID",
                     help="receiving agent (repeat; default: the campaign's other agents)")
    reb.add_argument("--json", action="store_true")
    reb.set_defaults(handler=cmd_records_rebalance)


def _check_out(out: str | None, fmt: str) -> Path | None:
    if out in (None, "-"):
        if fmt != "json":
            raise ValidationError("out", f"--out FILE is needed for the {fmt} format.")
        return None
    path = Path(out).expanduser()
    if not path.parent.exists():
        raise ValidationError("out", f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise ValidationError("out", f"{path} is a folder; give a file name.")
    return path


def cmd_report(ctx: CliContext) -> int:
    import json

    from welcomedly_desktop.reports import export
    from welcomedly_desktop.services import reports

    a = ctx.args
    out = _check_out(a.out, a.format)
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
            from welcomedly_desktop.gui.printing.report_document import export_pdf

            pages = export_pdf(session, actor, report, out)
            print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}).", file=ctx.stderr)
            return EXIT_OK
        else:
            reports.export_report(session, actor, report, a.format, out)
    print(f"Wrote {out}.", file=ctx.stderr)
    return EXIT_OK


def cmd_export_records(ctx: CliContext) -> int:
    from welcomedly_desktop.services import reports

    a = ctx.args
    out = _check_out(a.out, a.format)
    actor = ctx.actor()
    with ctx.db.session() as session:
        count = reports.export_records(session, actor, a.campaign, a.format, out)
    print(f"Wrote {count:,} records to {out}.", file=ctx.stderr)
    return EXIT_OK


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
            f"Demo ready: {len(result.campaigns)} campaigns, {len(result.agents)} agents, "
            f"{result.records:,} records, {result.interactions:,} call attempts."
        )
    return EXIT_OK


def _print_distribution(ctx: CliContext, result, verb: str) -> None:  # noqa: ANN001
    if ctx.args.json:
        ctx.print_json(result.to_dict())
        return
    ctx.print(f"{verb} {result.total:,} records of campaign {result.campaign_id}.")
    for agent_id, count in sorted(result.assigned.items()):
        ctx.print(f"  agent {agent_id}: {count:,}")


def cmd_records_distribute(ctx: CliContext) -> int:
    from welcomedly_desktop.services import distribution

    actor = ctx.actor()
    with ctx.db.session() as session:
        result = distribution.distribute(session, actor, ctx.args.campaign, by_share=ctx.args.by == "share")
    _print_distribution(ctx, result, "Distributed")
    return EXIT_OK


def cmd_records_rebalance(ctx: CliContext) -> int:
    from welcomedly_desktop.services import distribution

    a = ctx.args
    actor = ctx.actor()
    with ctx.db.session() as session:
        result = distribution.rebalance(session, actor, a.campaign, a.from_agent, a.to_agent)
    _print_distribution(ctx, result, "Moved")
    return EXIT_OK


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

    ctx.actor()  # any logged-in user may read the catalogue
    with ctx.db.session() as session:
        views = dispositions.list_dispositions(session, campaign_id=ctx.args.campaign, include_inactive=ctx.args.all)
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
        raise ValidationError(None, "Nothing to change: give --name, --colour, --active or a flag.")
    actor = ctx.actor()
    with ctx.db.session() as session:
        view = dispositions.update_disposition(session, actor, a.id, **changes)
    _print_dispositions(ctx, [view])
    return EXIT_OK
