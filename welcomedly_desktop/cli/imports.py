"""``welcomedly import``: a lead file into a campaign.

Contract (scripts depend on it):
``welcomedly import FILE --campaign ID [--map field=column ...] [--sheet NAME] [--dedupe campaign|global|none] [--json]``
prints ``upload_id, status, rows_total, imported, rejected, duplicates, dnc, seconds, warnings``; exit 0 when
processed (even with rejected rows), 1 when the file was refused or the import failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, entity_id
from welcomedly_desktop.cli.uploads import recover_interrupted
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.importing.options import DEDUPE_VALUES, FIELDS, ImportOptions, ImportProgress, parse_dedupe
from welcomedly_desktop.i18n import translate

SUMMARY_KEYS = ("upload_id", "status", "rows_total", "imported", "rejected", "duplicates", "dnc", "seconds", "warnings")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = subparsers.add_parser("import", parents=[common], help=translate("cli", "import a CSV/Excel lead file into a campaign"))
    imp.add_argument("file", metavar="FILE", help=translate("cli", ".csv, .tsv, .txt, .xlsx, .xlsm, .xls or .ods"))
    imp.add_argument("--campaign", type=entity_id, required=True, metavar="ID")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help=translate("cli", "map a file column to a field ({fields}); repeat as needed").format(
                         fields=", ".join(FIELDS)))
    imp.add_argument("--sheet", metavar="NAME", help=translate("cli", "workbook sheet (default: the first visible one)"))
    imp.add_argument("--dedupe", choices=DEDUPE_VALUES, default="campaign",
                     help=translate("cli", "drop phones already in this campaign (default), in any campaign, or none"))
    imp.add_argument("--encoding", metavar="NAME", help=translate("cli", "text encoding (default: detected)"))
    imp.add_argument("--delimiter", choices=[",", ";", "tab", "|"], help=translate("cli", "CSV delimiter (default: detected)"))
    imp.add_argument("--json", action="store_true", help=translate("cli", "print the summary as JSON"))
    imp.set_defaults(handler=cmd_import)


def parse_map(items: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise ValidationError("map", translate("cli", "--map {item!r} must look like field=column (for example phone=Telefono).").format(item=item))
        if field not in FIELDS:
            raise ValidationError("map", translate("cli", "--map: {field!r} is not a field; use one of: {value}.").format(field=field, value=', '.join(FIELDS)))
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
        logged_in = ctx.actor_soon()  # the password check runs while the import engine's modules load
        from welcomedly_desktop.services import imports

        actor = logged_in()
        recover_interrupted(ctx)
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
