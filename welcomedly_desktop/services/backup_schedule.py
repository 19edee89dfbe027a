"""Automatic backups: when one is due, retention, the S3 copy, and the age the status bar shows.

Retention keeps the newest backup of each of the last ``keep_daily`` days that have one (a week
without backups does not eat older ones) and the first backup of each of the last ``keep_monthly``
calendar months (only verified backups fill these slots); it deletes nothing newer than the newest *verified* backup and runs only right
after a backup verified.  The clock is a parameter so tests control it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.backups import (
    BackupEntry,
    BackupResult,
    Clock,
    create_backup,
    default_dir,
    keyring_passphrase,
    list_backups,
    path_note,
    record_failure,
    utcnow,
)
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.i18n import translate

log = logging.getLogger(__name__)

#: Older than this, the status bar's backup age becomes a warning for admins.
WARN_AFTER = dt.timedelta(days=2)


class BackupCopyError(WelcomedlyError):
    """The S3 copy of a backup failed (the local backup is fine)."""


def plan_retention(entries: list[BackupEntry], now: dt.datetime, *, keep_daily: int = 30,
                   keep_monthly: int = 12) -> tuple[list[BackupEntry], list[BackupEntry]]:
    """(keep, delete) for the backups of one folder."""
    # Only verified backups fill the daily and monthly slots; an unverified one newer than the newest
    # verified is kept anyway, an older one is not worth a slot.
    dated = [e for e in entries if e.created_at is not None and e.verified]
    if not dated:
        return list(entries), []
    newest_verified = max(e.created_at for e in dated)
    keep: set[Path] = {e.path for e in entries if e.created_at is None or e.created_at >= newest_verified}
    by_day: dict[dt.date, BackupEntry] = {}
    for entry in dated:
        day = entry.created_at.date()
        if day not in by_day or entry.created_at > by_day[day].created_at:
            by_day[day] = entry
    for day in sorted(by_day, reverse=True)[:max(keep_daily, 0)]:
        keep.add(by_day[day].path)
    months = []
    year, month = now.year, now.month
    for _ in range(max(keep_monthly, 0)):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for year, month in months:
        in_month = [e for e in dated if (e.created_at.year, e.created_at.month) == (year, month)]
        if in_month:
            keep.add(min(in_month, key=lambda e: e.created_at).path)
    return ([e for e in entries if e.path in keep], [e for e in entries if e.path not in keep])


def apply_retention(directory: Path, now: dt.datetime, *, keep_daily: int, keep_monthly: int) -> list[Path]:
    _, delete = plan_retention(list_backups(directory), now, keep_daily=keep_daily, keep_monthly=keep_monthly)
    removed = []
    for entry in delete:
        try:
            entry.path.unlink()
            path_note(entry.path).unlink(missing_ok=True)
            removed.append(entry.path)
        except OSError:
            log.warning("Could not delete the old backup %s", entry.path, exc_info=True)
    return removed


def s3_client(settings):  # noqa: ANN001, ANN201 - Settings
    """boto3's client for the uploads' storage settings (the same bucket, endpoint and credentials)."""
    import boto3

    storage = settings.storage
    kwargs = {"region_name": storage.s3_region or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
              "endpoint_url": storage.s3_endpoint_url or None}
    key_id = storage.s3_access_key_id or os.environ.get("WELCOMEDLY_S3_ACCESS_KEY_ID")
    if key_id:
        secret = os.environ.get("WELCOMEDLY_S3_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY")
        if not secret:
            try:
                import keyring

                secret = keyring.get_password("welcomedly-s3", key_id)
            except Exception:  # noqa: BLE001 - no keyring: boto3's own chain decides
                secret = None
        kwargs.update(aws_access_key_id=key_id, aws_secret_access_key=secret)
    return boto3.client("s3", **kwargs)


def copy_to_s3(settings, path: Path) -> str:  # noqa: ANN001
    """Upload a verified backup to ``s3://<bucket>/<prefix>backups/<name>`` (multipart, streamed)."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    bucket = settings.storage.s3_bucket
    if not bucket:
        raise BackupCopyError(translate("services", "The S3 copy of backups is on but no bucket is configured (storage.s3_bucket)."))
    key = f"{settings.storage.s3_prefix or ''}backups/{path.name}"
    try:
        s3_client(settings).upload_file(str(path), bucket, key)
    except (Boto3Error, BotoCoreError, ClientError, OSError) as exc:
        raise BackupCopyError(translate("services", "The backup {name} could not be copied to S3 bucket {bucket}: {reason}.").format(
            name=path.name, bucket=bucket, reason=exc)) from exc
    return f"s3://{bucket}/{key}"


@dataclass
class ScheduledOutcome:
    ran: bool
    result: BackupResult | None = None
    deleted: list[Path] | None = None
    s3_uri: str | None = None
    reason: str = ""


def newest_backup(settings) -> BackupEntry | None:  # noqa: ANN001
    folder = default_dir(settings)
    try:
        entries = list_backups(folder)
    except WelcomedlyError:
        return None
    return entries[0] if entries else None


def backup_due(settings, now: dt.datetime) -> bool:  # noqa: ANN001
    """A backup is due when none was made today (UTC), missed days included."""
    newest = newest_backup(settings)
    return newest is None or newest.created_at is None or newest.created_at.date() < now.date()


def backup_age(settings, now: dt.datetime) -> tuple[dt.timedelta | None, bool]:  # noqa: ANN001
    """The newest visible backup's age (None: none) and whether it deserves a warning."""
    newest = newest_backup(settings)
    if newest is None or newest.created_at is None:
        return None, True
    age = now - newest.created_at
    return age, age > WARN_AFTER


def run_scheduled_backup(db, settings, *, clock: Clock = utcnow, force: bool = False,  # noqa: ANN001
                         passphrase: str | None = None, cancel: Callable[[], bool] | None = None,
                         progress=None) -> ScheduledOutcome:  # noqa: ANN001
    """The desktop app's daily backup of the built-in database: backup, then retention, then the
    S3 copy.  Raises with a sentence when it fails (the caller shows it to admins)."""
    now = clock()
    if not force and not backup_due(settings, now):
        return ScheduledOutcome(ran=False, reason="A backup was already made today.")
    actor = Actor.system(client="gui")
    passphrase = passphrase or os.environ.get("WELCOMEDLY_BACKUP_PASSPHRASE") or keyring_passphrase()
    if not passphrase:
        error = WelcomedlyError(translate("services", "Automatic backups need a passphrase: set one in Settings → Backups."))
        record_failure(db, actor, "backup", str(default_dir(settings)), error.user_message)
        raise error
    result = create_backup(db, settings, actor, passphrase, automatic=True, cancel=cancel, progress=progress,
                           clock=clock)
    deleted, s3_uri = after_backup(db, settings, actor, result, now)
    return ScheduledOutcome(ran=True, result=result, deleted=deleted, s3_uri=s3_uri)


def after_backup(db, settings, actor: Actor, result: BackupResult, now: dt.datetime, *,  # noqa: ANN001, PLR0913
                 retention: bool = True, keep_daily: int | None = None,
                 keep_monthly: int | None = None) -> tuple[list[Path], str | None]:
    """What follows a verified backup, for the desktop app and ``backup create`` alike: retention in
    its folder (unless ``retention`` is off), then the S3 copy when Settings ask for one.  Returns
    (deleted files, S3 URI); a failed copy is audited and raised after the retention is recorded."""
    deleted = []
    if retention:
        deleted = apply_retention(
            result.path.parent, now,
            keep_daily=settings.backup.keep_daily if keep_daily is None else keep_daily,
            keep_monthly=settings.backup.keep_monthly if keep_monthly is None else keep_monthly)
    s3_uri, failure = None, None
    if settings.backup.s3_copy:
        try:
            s3_uri = copy_to_s3(settings, result.path)
        except BackupCopyError as exc:
            record_failure(db, actor, "s3 copy", str(result.path), exc.user_message)
            failure = exc
    if deleted or s3_uri:
        with db.session() as session:
            audit.record(session, actor, "backup.retention", entity_type="backup", entity_id=result.path.name,
                         details={"deleted": [p.name for p in deleted], "s3": s3_uri})
    if failure is not None:
        raise failure
    return deleted, s3_uri


def low_priority_thread() -> None:
    """Lower the calling thread's CPU priority (Linux: per thread) for good: call it on a thread
    dedicated to backups.  The backup's child processes are started with low priority too."""
    try:
        import threading

        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass
