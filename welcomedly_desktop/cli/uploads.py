"""``welcomedly uploads list|rejects``: uploaded files and their rejected rows."""

from __future__ import annotations

import argparse
from pathlib import Path

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, entity_id
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    uploads = subparsers.add_parser("uploads", help=translate("cli", "uploaded files and their rejected rows"))
    usub = uploads.add_subparsers(dest="uploads_command", metavar="ACTION", required=True, parser_class=type(uploads))
    lst = usub.add_parser("list", parents=[common], help=translate("cli", "list the uploads of a campaign (or all)"))
    lst.add_argument("--campaign", type=entity_id, metavar="ID")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_uploads_list)
    rej = usub.add_parser("rejects", parents=[common], help=translate("cli", "write the rejected rows of an upload to CSV"))
    rej.add_argument("upload_id", type=entity_id, metavar="UPLOAD_ID")
    rej.add_argument("--out", required=True, metavar="FILE.csv")
    # Opt-in, as in the GUI's export: after the rejected rows, the rows imported with a warning.
    rej.add_argument("--warnings", action="store_true",
                     help=translate("cli", "also list the rows imported with a warning (a number unknown to the "
                                           "numbering plan)"))
    rej.set_defaults(handler=cmd_uploads_rejects)


def recover_interrupted(ctx: CliContext) -> None:
    """Report uploads left 'processing' by a killed process as interrupted (cheap; every command)."""
    from welcomedly_desktop.services import imports

    with ctx.db.session() as session:
        imports.mark_interrupted_uploads(session)


def cmd_uploads_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import imports

    actor = ctx.actor()
    recover_interrupted(ctx)
    with ctx.db.session() as session:
        rows = imports.list_uploads(session, actor, ctx.args.campaign)
    if ctx.args.json:
        ctx.print_json([r.to_dict() for r in rows])
        return EXIT_OK
    if not rows:
        ctx.print(translate("cli", "No uploads."))
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
    from welcomedly_desktop.services import upload_rejects

    actor = ctx.actor()
    from welcomedly_desktop.services import imports

    with ctx.db.session() as session:
        count = upload_rejects.export_rejects_csv(session, actor, ctx.args.upload_id, Path(ctx.args.out),
                                                  include_warnings=ctx.args.warnings)
        warnings = imports.get_upload(session, actor, ctx.args.upload_id).warnings if ctx.args.warnings else 0
    if ctx.args.warnings:
        print(translate("cli", "Wrote {count:,} rejected rows and {warnings:,} rows imported with a warning to "
                               "{out}.").format(count=count, warnings=warnings, out=ctx.args.out), file=ctx.stderr)
    else:
        print(translate("cli", "Wrote {count:,} rejected rows to {out}.").format(count=count, out=ctx.args.out),
              file=ctx.stderr)
    return EXIT_OK
