"""Retention with a controlled clock, the scheduled backup's decisions, and the S3 copy on moto's server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from welcomedly_desktop.config import BackupSettings, StorageSettings
from welcomedly_desktop.services import backup_schedule, backups
from welcomedly_desktop.services.backups import BackupEntry

from .conftest import PASSPHRASE

UTC = dt.timezone.utc


def _entry(when: dt.datetime, verified: bool = True) -> BackupEntry:
    return BackupEntry(path=Path(f"welcomedly-{when:%Y%m%d-%H%M%S}.wdbackup"), bytes=1, created_at=when,
                       schema_revision="x", app_version="1", verified=verified)


def test_retention_keeps_30_days_and_first_of_12_months():
    now = dt.datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
    # Two backups a day (03:00 and 15:00) for 500 days back.
    entries = []
    for days in range(500):
        day = now - dt.timedelta(days=days)
        entries += [_entry(day.replace(hour=3)), _entry(day.replace(hour=15))] if days else [_entry(day.replace(hour=3))]
    keep, delete = backup_schedule.plan_retention(entries, now, keep_daily=30, keep_monthly=12)
    kept = {e.created_at for e in keep}
    daily = {(now - dt.timedelta(days=d)).replace(hour=15 if d else 3) for d in range(30)}
    monthly = set()
    for months_back in range(12):
        year, month = now.year, now.month - months_back
        while month < 1:
            year, month = year - 1, month + 12
        monthly.add(dt.datetime(year, month, 1, 3, 0, tzinfo=UTC))
    assert kept == daily | monthly
    assert len(keep) + len(delete) == len(entries)
    # 30 daily + the first of the 12 months, of which December's first falls inside the daily window? No: the 1st
    # of December is within the last 30 days but it is the 03:00 one, the daily keeps the 15:00 one.
    assert len(kept) == 30 + 12


def test_retention_counts_days_that_have_backups_and_never_deletes_past_the_newest_verified():
    now = dt.datetime(2026, 6, 30, 12, tzinfo=UTC)
    old = [_entry(now - dt.timedelta(days=100 + d)) for d in range(5)]
    newer_unverified = _entry(now, verified=False)
    keep, delete = backup_schedule.plan_retention(old + [newer_unverified], now, keep_daily=3, keep_monthly=0)
    assert {e.path for e in keep} == {e.path for e in old[:3]} | {newer_unverified.path}
    assert {e.path for e in delete} == {e.path for e in old[3:]}
    # Nothing verified at all: nothing is deleted.
    keep, delete = backup_schedule.plan_retention([_entry(now - dt.timedelta(days=d), False) for d in range(40)], now)
    assert delete == [] and len(keep) == 40


def test_scheduled_backup_runs_once_a_day_applies_retention(seeded, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "nightly"
    settings = settings.with_changes(backup=BackupSettings(directory=str(folder), keep_daily=2, keep_monthly=0))
    clock_now = [dt.datetime(2026, 3, 1, 9, tzinfo=UTC)]
    made = []
    for day in range(4):
        clock_now[0] = dt.datetime(2026, 3, 1 + day, 9, tzinfo=UTC)
        outcome = backup_schedule.run_scheduled_backup(seeded, settings, clock=lambda: clock_now[0])
        assert outcome.ran
        made.append(outcome.result.path)
        # Later the same day: not due again.
        assert not backup_schedule.run_scheduled_backup(seeded, settings, clock=lambda: clock_now[0]).ran
    assert sorted(p.name for p in folder.glob("*.wdbackup")) == sorted(p.name for p in made[-2:])
    age, warn = backup_schedule.backup_age(settings, dt.datetime(2026, 3, 4, 21, tzinfo=UTC))
    assert age == dt.timedelta(hours=12) and not warn
    age, warn = backup_schedule.backup_age(settings, dt.datetime(2026, 3, 7, 10, tzinfo=UTC))
    assert warn


def test_scheduled_backup_without_passphrase_fails_loudly_and_is_audited(seeded, settings, admin_actor, monkeypatch):
    from welcomedly_desktop.errors import WelcomedlyError
    from welcomedly_desktop.services import audit

    monkeypatch.delenv("WELCOMEDLY_BACKUP_PASSPHRASE", raising=False)
    monkeypatch.setattr(backup_schedule, "keyring_passphrase", lambda: None)
    with pytest.raises(WelcomedlyError, match="need a passphrase"):
        backup_schedule.run_scheduled_backup(seeded, settings)
    with seeded.session() as session:
        [entry] = audit.list_entries(session, admin_actor, action="backup.failed")
    assert "passphrase" in entry.details["reason"]


def test_s3_copy_on_moto_server(seeded, settings, tmp_path, s3_endpoint, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", PASSPHRASE)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="office-backups")
    settings = settings.with_changes(
        storage=StorageSettings(backend="local", s3_bucket="office-backups", s3_prefix="wd/", s3_endpoint_url=s3_endpoint),
        backup=BackupSettings(directory=str(tmp_path / "b"), s3_copy=True))
    outcome = backup_schedule.run_scheduled_backup(seeded, settings, force=True)
    assert outcome.s3_uri == f"s3://office-backups/wd/backups/{outcome.result.path.name}"
    copy = tmp_path / "from-s3.wdbackup"
    client.download_file("office-backups", f"wd/backups/{outcome.result.path.name}", str(copy))
    assert copy.read_bytes() == outcome.result.path.read_bytes()
    assert backups.verify_backup(copy, PASSPHRASE).sha256 == outcome.result.sha256
    # A bucket that does not exist: one sentence, audited.
    bad = settings.with_changes(storage=StorageSettings(s3_bucket="no-such-bucket", s3_endpoint_url=s3_endpoint))
    with pytest.raises(backup_schedule.BackupCopyError, match="could not be copied"):
        backup_schedule.run_scheduled_backup(seeded, bad, force=True)
