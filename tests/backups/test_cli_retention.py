"""`welcomedly backup create` applies the retention to its folder once its backup verified, like the
desktop app's daily backup; --no-retention keeps everything; the deletions are in its JSON and audit."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from welcomedly_desktop.services import audit, backups

from ..conftest import TEST_PASSWORD
from .conftest import PASSPHRASE


def _create(cli_env, *args: str) -> dict:
    env = {**cli_env, "WELCOMEDLY_USER": "admin@example.com", "WELCOMEDLY_PASSWORD": TEST_PASSWORD,
           "WELCOMEDLY_BACKUP_PASSPHRASE": PASSPHRASE}
    done = subprocess.run([sys.executable, "-m", "welcomedly_desktop", "backup", "create", "--json", *args], env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_backup_create_applies_retention_after_it_verified(db, admin_actor, settings, cli_env, tmp_path):
    folder = tmp_path / "nightly"
    now = backups.utcnow()
    old = {days: backups.create_backup(db, settings, admin_actor, PASSPHRASE, out_dir=folder,
                                       clock=lambda d=days: now - dt.timedelta(days=d)).path
           for days in (400, 45, 3)}

    kept_all = _create(cli_env, "--out", str(folder), "--no-retention", "--keep-daily", "1", "--keep-monthly", "0")
    assert kept_all["deleted"] == [] and kept_all["s3_copy"] is None
    assert len(list(folder.glob("*.wdbackup"))) == 4

    newest = _create(cli_env, "--out", str(folder), "--keep-daily", "2", "--keep-monthly", "0")
    # Two days kept (today's newest, 3 days ago); the older backup of today and the old ones go.
    expected_gone = {old[400], old[45], Path(kept_all["path"])}
    assert {Path(name) for name in newest["deleted"]} == expected_gone
    assert set(folder.glob("*.wdbackup")) == {old[3], Path(newest["path"])}
    assert not any(p.name.endswith(".verified") and not p.with_name(p.name[:-9]).exists() for p in folder.iterdir())
    with db.session() as session:
        [entry] = audit.list_entries(session, admin_actor, action="backup.retention")
    assert sorted(entry.details["deleted"]) == sorted(p.name for p in expected_gone)
