"""``welcomedly backup create|list|verify|restore``: encrypted, verified backups (see services/backups.py).

The passphrase comes from ``$WELCOMEDLY_BACKUP_PASSPHRASE``, else a prompt (in a terminal), else the
one the desktop app keeps in the OS keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from welcomedly_desktop.cli.common import EXIT_OK, EXIT_REFUSED, CliContext, group, print_table
from welcomedly_desktop.i18n import translate


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "backup", translate("cli", "encrypted backups of the database and the upload files"))
    create = sub.add_parser("create", parents=[common], help=translate("cli", "back up the database in use and the stored upload files (admin)"))
    create.add_argument("--out", metavar="DIR", help=translate("cli", "folder for the archive (default: the backup folder in Settings, else <data folder>/backups)"))
    create.add_argument("--json", action="store_true")
    create.add_argument("--no-retention", action="store_true",
                        help="keep every older backup in the folder (default: after this backup verified, delete those "
                             "the retention does not keep)")
    create.add_argument("--keep-daily", type=int, metavar="N",
                        help="retention: the newest backup of each of the last N days that have one (default: Settings, 30)")
    create.add_argument("--keep-monthly", type=int, metavar="N",
                        help="retention: the first backup of each of the last N months (default: Settings, 12)")
    create.set_defaults(handler=cmd_create)
    lst = sub.add_parser("list", parents=[common], help=translate("cli", "the backups in a folder, newest first"))
    lst.add_argument("--dir", metavar="DIR")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    verify = sub.add_parser("verify", parents=[common], help=translate("cli", "decrypt, check every checksum and read the whole dump"))
    verify.add_argument("file", metavar="FILE")
    verify.set_defaults(handler=cmd_verify)
    restore = sub.add_parser("restore", parents=[common], help=translate("cli", "verify, restore into a new database, then switch to it"))
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help=translate("cli", "do not ask for confirmation"))
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=cmd_restore)


def _passphrase(*, confirm: bool) -> str:
    from welcomedly_desktop.errors import ValidationError
    from welcomedly_desktop.services.backups import passphrase_from

    def prompt() -> str | None:
        if not sys.stdin.isatty():
            return None
        first = getpass.getpass(translate("cli", "Backup passphrase: "))
        if first and confirm and getpass.getpass(translate("cli", "Passphrase again: ")) != first:
            raise ValidationError("passphrase", translate("cli", "The two passphrases differ; nothing was done."))
        return first

    return passphrase_from(prompt=prompt)


def cmd_create(ctx: CliContext) -> int:
    from welcomedly_desktop.errors import ValidationError
    from welcomedly_desktop.services import backup_schedule, backups

    args = ctx.args
    for flag, value in (("keep-daily", args.keep_daily), ("keep-monthly", args.keep_monthly)):
        if value is not None and value < 0:
            raise ValidationError(flag, f"--{flag} must be 0 or more.")
    passphrase = _passphrase(confirm=True)
    actor = ctx.actor()
    out = Path(args.out).expanduser() if args.out else None
    settings = ctx.file_settings
    result = backups.create_backup(ctx.db, settings, actor, passphrase, out_dir=out)
    # Only now, with this backup written and verified, may older ones go.
    deleted, s3_uri = backup_schedule.after_backup(ctx.db, settings, actor, result, backups.utcnow(),
                                                   retention=not args.no_retention, keep_daily=args.keep_daily,
                                                   keep_monthly=args.keep_monthly)
    if args.json:
        ctx.print_json({**result.to_dict(), "deleted": [str(p) for p in deleted], "s3_copy": s3_uri})
    else:
        ctx.print(translate("cli", "Backup written and verified: {path} ({bytes:,} bytes, {rows:,} rows, {files} files, "
                            "{seconds:.1f} s).").format(path=result.path, bytes=result.bytes,
                                                        rows=sum(result.tables.values()), files=result.files,
                                                        seconds=result.seconds))
        if deleted:
            ctx.print(translate("cli", "Deleted {count} older backups that the retention does not keep.").format(count=len(deleted)))
        if s3_uri:
            ctx.print(translate("cli", "Copied to {uri}.").format(uri=s3_uri))
    if result.s3_missing:
        print("welcomedly: " + translate("cli", "warning: {count} original upload files are no longer in S3 and are "
                                         "not in this backup (the first: {first}).").format(
                                             count=len(result.s3_missing), first=result.s3_missing[0]), file=ctx.stderr)
    return EXIT_OK


def cmd_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import backups

    folder = Path(ctx.args.dir).expanduser() if ctx.args.dir else backups.default_dir(ctx.file_settings)
    entries = backups.list_backups(folder)
    if ctx.args.json:
        ctx.print_json([e.to_dict() for e in entries])
        return EXIT_OK
    if not entries:
        ctx.print(translate("cli", "No backups in {folder}.").format(folder=folder))
        return EXIT_OK
    print_table(ctx, ["file", "size", "created", "schema", "verified"],
                [[e.path.name, f"{e.bytes:,}", e.created_at.strftime("%Y-%m-%d %H:%M UTC") if e.created_at else "?",
                  e.schema_revision or "?", "yes" if e.verified else "no"] for e in entries])
    return EXIT_OK


def _db_if_reachable(ctx: CliContext):  # noqa: ANN202
    """The database for the audit log, when there is one to reach (verify also works on a new machine)."""
    from welcomedly_desktop.errors import WelcomedlyError

    try:
        return ctx.open_db(check_schema=False)
    except WelcomedlyError:
        return None


def cmd_verify(ctx: CliContext) -> int:
    from welcomedly_desktop.services import backups

    path = Path(ctx.args.file).expanduser()
    passphrase = _passphrase(confirm=False)
    result = backups.verify_backup(path, passphrase, db=_db_if_reachable(ctx), actor=None)
    ctx.print(translate("cli", "The backup {name} is complete and readable: {bytes:,} bytes, {rows:,} rows, {files} files.")
              .format(name=path.name, bytes=result.bytes, rows=sum(result.info.get("tables", {}).values()),
                      files=result.files))
    return EXIT_OK


def cmd_restore(ctx: CliContext) -> int:
    from welcomedly_desktop.services import backup_restore

    path = Path(ctx.args.file).expanduser()
    passphrase = _passphrase(confirm=False)
    db = ctx.open_db(check_schema=False)
    actor = ctx.actor() if backup_restore.login_needed(db) else None
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            print(translate("cli", "welcomedly: restoring replaces the database in use; pass --yes to confirm."), file=ctx.stderr)
            return EXIT_REFUSED
        answer = input(translate("cli", "Replace the data of {db} with {name}? The current database is kept aside. [y/N] ")
                       .format(db=db.display_url, name=path.name))
        if answer.strip().lower() not in ("y", "yes", "s", "si", "sí"):
            ctx.print(translate("cli", "Nothing was changed."))
            return EXIT_REFUSED
    result = backup_restore.restore_backup(db, ctx.file_settings, actor, path, passphrase)
    if ctx.args.json:
        ctx.print_json(result.to_dict())
    else:
        kept = (translate("cli", " The previous database is kept as {name}.").format(name=result.kept_as)
                if result.kept_as else "")
        ctx.print(translate("cli", "Restored {name}: {rows:,} rows, {files} files.{kept} Restart the desktop app to use "
                            "the restored data.").format(name=path.name, rows=sum(result.tables.values()),
                                                         files=result.files, kept=kept))
    return EXIT_OK
