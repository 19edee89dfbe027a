"""CLI commands of the import feature: import, uploads list/rejects, dnc add/import.

Contract (scripts depend on it):
``welcomedly import FILE --campaign ID [--map field=column ...] [--sheet NAME] [--dedupe campaign|global|none] [--json]``
prints ``upload_id, status, rows_total, imported, rejected, duplicates, dnc, seconds``; exit 0 when
processed (even with rejected rows), 1 when the file was refused or the import failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from welcomedly_desktop.cli import EXIT_OK, CliContext, positive_int
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.importing.options import DEDUPE_VALUES, FIELDS, ImportOptions, ImportProgress, parse_dedupe

SUMMARY_KEYS = ("upload_id", "status", "rows_total", "imported", "rejected", "duplicates", "dnc", "seconds")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = subparsers.add_parser("import", parents=[common], help="import a CSV/Excel lead file into a campaign")
    imp.add_argument("file", metavar="FILE", help=".csv, .tsv, .txt, .xlsx, .xlsm, .xls or .ods")
    imp.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help=f"map a file column to a field ({', '.join(FIELDS)}); repeat as needed")
    imp.add_argument("--sheet", metavar="NAME", help="workbook sheet (default: the first visible one)")
    imp.add_argument("--dedupe", choices=DEDUPE_VALUES, default="campaign",
                     help="drop phones already in this campaign (default), in any campaign, or none")
    imp.add_argument("--encoding", metavar="NAME", help="text encoding (default: detected)")
    imp.add_argument("--delimiter", choices=[",", ";", "tab", "|"], help="CSV delimiter (default: detected)")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    imp.set_defaults(handler=cmd_import)

    uploads = subparsers.add_parser("uploads", help="uploaded files and their rejected rows")
    usub = uploads.add_subparsers(dest="uploads_command", metavar="ACTION", required=True, parser_class=type(uploads))
    lst = usub.add_parser("list", parents=[common], help="list the uploads of a campaign (or all)")
    lst.add_argument("--campaign", type=positive_int, metavar="ID")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_uploads_list)
    rej = usub.add_parser("rejects", parents=[common], help="write the rejected rows of an upload to CSV")
    rej.add_argument("upload_id", type=positive_int, metavar="UPLOAD_ID")
    rej.add_argument("--out", required=True, metavar="FILE.csv")
    rej.set_defaults(handler=cmd_uploads_rejects)

    dnc = subparsers.add_parser("dnc", help="the do-not-call list")
    dsub = dnc.add_subparsers(dest="dnc_command", metavar="ACTION", required=True, parser_class=type(dnc))
    add = dsub.add_parser("add", parents=[common], help="add a phone number (global, or one campaign's)")
    add.add_argument("phone", metavar="PHONE")
    add.add_argument("--campaign", type=positive_int, metavar="ID")
    add.add_argument("--reason")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_dnc_add)
    dimp = dsub.add_parser("import", parents=[common], help="add every phone of a file")
    dimp.add_argument("file", metavar="FILE")
    dimp.add_argument("--campaign", type=positive_int, metavar="ID")
    dimp.add_argument("--reason")
    dimp.add_argument("--json", action="store_true")
    dimp.set_defaults(handler=cmd_dnc_import)


def parse_map(items: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise ValidationError("map", f"--map {item!r} must look like field=column (for example phone=Telefono).")
        if field not in FIELDS:
            raise ValidationError("map", f"--map: {field!r} is not a field; use one of: {', '.join(FIELDS)}.")
        mapping[field] = column.strip()
    return mapping


def _terminal_progress(stream):  # noqa: ANN001, ANN202
    if not stream.isatty():
        return None

    def show(p: ImportProgress) -> None:
        done = f" {p.fraction:.0%}" if p.fraction is not None else ""
        stream.write(f"\r{p.phase}: {p.rows_read:,} rows{done} ({p.rows_per_second:,.0f} rows/s)   ")
        if p.phase == "done":
            stream.write("\n")
        stream.flush()

    return show


def _recover(ctx: CliContext) -> None:
    """Report uploads left 'processing' by a killed process as interrupted (cheap; every command)."""
    from welcomedly_desktop.services import imports

    with ctx.db.session() as session:
        imports.mark_interrupted_uploads(session)


def cmd_import(ctx: CliContext) -> int:
    from welcomedly_desktop.importing.prefetch import FilePrefetch

    args = ctx.args
    options = ImportOptions(
        mapping=parse_map(args.map),
        sheet=args.sheet,
        dedupe=parse_dedupe(args.dedupe),
        encoding=args.encoding,
        delimiter="\t" if args.delimiter == "tab" else args.delimiter,
    )
    # The file is checked (and a workbook parsed) while the keyring, the login and the imports
    # below take their time; its verdict is heard after the login, as before (prefetch.py).
    prefetch = FilePrefetch(Path(args.file), ctx.file_settings, options)
    try:
        actor = ctx.actor()  # first: it starts the password check before the heavy imports (cli.py)
        from welcomedly_desktop.services import imports

        _recover(ctx)
        summary = imports.import_file(
            ctx.db, actor, Path(args.file), args.campaign, options,
            progress=None if args.json else _terminal_progress(ctx.stderr), prefetched=prefetch,
        )
    finally:
        prefetch.discard()
    data = summary.to_dict()
    if args.json:
        ctx.print_json({k: data[k] for k in SUMMARY_KEYS})
    else:
        for key in SUMMARY_KEYS:
            ctx.print(f"{key}: {data[key]}")
    return EXIT_OK


def cmd_uploads_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import imports

    actor = ctx.actor()
    _recover(ctx)
    with ctx.db.session() as session:
        rows = imports.list_uploads(session, actor, ctx.args.campaign)
    if ctx.args.json:
        ctx.print_json([r.to_dict() for r in rows])
        return EXIT_OK
    if not rows:
        ctx.print("No uploads.")
        return EXIT_OK
    ctx.print(f"{'ID':>5}  {'CAMPAIGN':>8}  {'STATUS':<10} {'ROWS':>9} {'IMPORTED':>9} {'REJECTED':>9} {'DUPS':>7} {'DNC':>6}  {'UPLOADED':<16}  FILE")
    for r in rows:
        when = r.uploaded_at.astimezone().strftime("%Y-%m-%d %H:%M")
        ctx.print(f"{r.id:>5}  {r.campaign_id:>8}  {r.status:<10} {r.rows_total:>9,} {r.imported:>9,} {r.rejected:>9,} "
                  f"{r.duplicates:>7,} {r.dnc:>6,}  {when:<16}  {r.original_filename}")
        if r.error_message:
            ctx.print(f"{'':>7}{r.error_message}")
    return EXIT_OK


def cmd_uploads_rejects(ctx: CliContext) -> int:
    from welcomedly_desktop.services import imports

    actor = ctx.actor()
    with ctx.db.session() as session:
        count = imports.export_rejects_csv(session, actor, ctx.args.upload_id, Path(ctx.args.out))
    print(f"Wrote {count:,} rejected rows to {ctx.args.out}.", file=ctx.stderr)
    return EXIT_OK


def cmd_dnc_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dnc

    actor = ctx.actor()
    with ctx.db.session() as session:
        result = dnc.add_dnc(session, actor, ctx.args.phone, campaign_id=ctx.args.campaign,
                             reason=ctx.args.reason, country_code=ctx.file_settings.default_country_code)
    if ctx.args.json:
        ctx.print_json(result.to_dict())
    else:
        scope = f"campaign {result.campaign_id}'s" if result.campaign_id else "the global"
        verb = "Added" if result.added else "Already on"
        ctx.print(f"{verb} {result.phone} {'to' if result.added else ''} {scope} do-not-call list.".replace("  ", " "))
    return EXIT_OK


def cmd_dnc_import(ctx: CliContext) -> int:
    from welcomedly_desktop.services import dnc

    actor = ctx.actor()
    summary = dnc.import_dnc(ctx.db, actor, Path(ctx.args.file), campaign_id=ctx.args.campaign, reason=ctx.args.reason)
    if ctx.args.json:
        ctx.print_json(summary.to_dict())
    else:
        ctx.print(f"rows_total: {summary.rows_total}")
        ctx.print(f"added: {summary.added}")
        ctx.print(f"already: {summary.already}")
        ctx.print(f"rejected: {summary.rejected}")
        for item in summary.rejects[:20]:
            print(f"row {item['row']}: {item['reason']}", file=ctx.stderr)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: welcomedly import ...")
