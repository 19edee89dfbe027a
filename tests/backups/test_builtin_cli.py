"""The built-in database end to end through the `welcomedly backup` commands, as child processes:
backup, delete the data folder, restore on the "new machine"; damaged files refused; a restore
killed with SIGKILL at several points leaves the current database working and unchanged."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from ..conftest import TEST_PASSWORD
from .conftest import PASSPHRASE, files_digest, fingerprint, put_uploads

pytestmark = pytest.mark.slow


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("WELCOMEDLY_DATABASE_URL", "WELCOMEDLY_USER", "WELCOMEDLY_PASSWORD"):
        env.pop(key, None)
    env.update({"WELCOMEDLY_DATA_DIR": str(data_dir), "WELCOMEDLY_BACKUP_PASSPHRASE": PASSPHRASE,
                "WELCOMEDLY_NEW_PASSWORD": TEST_PASSWORD, "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def _cli(data_dir: Path, *args: str, expect: int | None = 0, **extra: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=_env(data_dir, **extra),
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    if expect is not None:
        assert result.returncode == expect, result.stdout + result.stderr
    return result


def _one_sentence(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("welcomedly: ") and lines[0].endswith("."), stderr
    return lines[0]


ADMIN = {"WELCOMEDLY_USER": "boss@example.com", "WELCOMEDLY_PASSWORD": TEST_PASSWORD}


class Holder:
    """Keeps the data folder's built-in server running in this process, to look inside it."""

    def __init__(self, data_dir: Path) -> None:
        from welcomedly_desktop.db.embedded import EmbeddedServer

        self.server = EmbeddedServer(data_dir / "pgdata")
        self.server.start()
        self.uri = self.server._server.get_uri("welcomedly")

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.server._server.get_uri("postgres"), autocommit=True)

    def databases(self) -> set[str]:
        with self.admin() as conn:
            return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}

    def stop(self) -> None:
        self.server.stop()


def _kill_servers_under(root: Path) -> None:
    for proc in psutil.process_iter(["cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if str(root) in cmd and "postgres" in cmd:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass


@pytest.fixture
def workdir():
    root = Path(tempfile.mkdtemp(prefix="wd-backup-"))
    root.chmod(0o755)
    yield root
    _kill_servers_under(root)
    shutil.rmtree(root, ignore_errors=True)


def _without_audit(fp: dict) -> dict:
    return {k: v for k, v in fp.items() if k != "audit_log"}


@pytest.fixture(scope="module")
def seeded_template():
    """One data folder made by the real CLI (first admin, demo data, upload files), built once: each
    test starts from a copy (its built-in server is stopped, so the copy is a clean data folder)."""
    root = Path(tempfile.mkdtemp(prefix="wd-backup-template-"))
    root.chmod(0o755)
    data = root / "data"
    try:
        _cli(data, "user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin")
        _cli(data, "demo", "seed", "--records", "3000", **ADMIN)
        put_uploads(data / "uploads")
        yield data
    finally:
        _kill_servers_under(root)
        shutil.rmtree(root, ignore_errors=True)


def _seeded(template: Path, data: Path) -> None:
    shutil.copytree(template, data, symlinks=True)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # As root, the built-in server runs as its own OS user, which must keep owning its files.
        for source in [template, *template.rglob("*")]:
            st = source.lstat()
            os.lchown(data / source.relative_to(template), st.st_uid, st.st_gid)


def test_backup_delete_data_folder_restore(workdir, seeded_template):
    data, out = workdir / "data", workdir / "backups"
    _seeded(seeded_template, data)
    holder = Holder(data)
    try:
        before = fingerprint(holder.uri)
    finally:
        holder.stop()
    files_before = files_digest(data / "uploads")

    created = json.loads(_cli(data, "backup", "create", "--out", str(out), "--json", **ADMIN).stdout)
    # The keys, plus what the retention deleted and the S3 copy (none here).
    assert set(created) == {"path", "bytes", "sha256", "created_at", "tables", "files", "seconds", "deleted", "s3_copy"}
    assert created["deleted"] == [] and created["s3_copy"] is None
    assert created["files"] == 3 and created["tables"]["campaign_records"] == 3000
    archive = Path(created["path"])
    assert archive.parent == out and archive.stat().st_size == created["bytes"]

    listed = json.loads(_cli(data, "backup", "list", "--dir", str(out), "--json").stdout)
    assert [e["path"] for e in listed] == [str(archive)] and listed[0]["verified"] is True

    # A dead disk: the whole data folder is gone.  A new machine needs no login to restore.
    shutil.rmtree(data)
    data.mkdir()
    result = _cli(data, "backup", "restore", str(archive), "--yes")
    assert "Restored" in result.stdout
    holder = Holder(data)
    try:
        after = fingerprint(holder.uri)
        with psycopg.connect(holder.uri) as conn:
            last = conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        holder.stop()
    assert _without_audit(after) == _without_audit(before)
    # The backup's snapshot holds the audit rows up to its own login; the restore itself is audited.
    assert after["audit_log"][0] > before["audit_log"][0] and last == "backup.restore"
    assert files_digest(data / "uploads") == files_before
    # The restored database works: the admin of the backup logs in.
    campaigns = json.loads(_cli(data, "campaign", "list", "--json", **ADMIN).stdout)
    assert len(campaigns) == before["campaigns"][0] == 3


def test_refusals_leave_data_untouched_and_sigkill_midway(workdir, seeded_template):
    data, out = workdir / "data", workdir / "backups"
    _seeded(seeded_template, data)
    archive = Path(json.loads(_cli(data, "backup", "create", "--out", str(out), "--json", **ADMIN).stdout)["path"])
    # A change after the backup: a restore that fails must keep it.
    _cli(data, "campaign", "add", "--name", "After the backup", **ADMIN)
    holder = Holder(data)
    try:
        current = fingerprint(holder.uri)
        raw = archive.read_bytes()
        damaged = {
            "truncated": raw[: len(raw) // 2],
            "bit-flipped": raw[:len(raw) // 3] + bytes([raw[len(raw) // 3] ^ 1]) + raw[len(raw) // 3 + 1:],
            "not-a-backup": b"%PDF-1.7 this is a report, not a backup\n" * 50,
        }
        for label, content in damaged.items():
            bad = workdir / f"{label}.wdbackup"
            bad.write_bytes(content)
            verify = _cli(data, "backup", "verify", str(bad), expect=1)
            _one_sentence(verify.stderr)
            refused = _cli(data, "backup", "restore", str(bad), "--yes", expect=1, **ADMIN)
            _one_sentence(refused.stderr)
        wrong = _cli(data, "backup", "restore", str(archive), "--yes", expect=1,
                     WELCOMEDLY_BACKUP_PASSPHRASE="not the passphrase", **ADMIN)
        assert "passphrase" in _one_sentence(wrong.stderr).lower()
        assert _cli(data, "backup", "verify", str(archive)).returncode == 0
        assert _without_audit(fingerprint(holder.uri)) == _without_audit(current)

        # SIGKILL while verifying, once the new database exists, once it is filling, once files are staged.
        def restoring() -> bool:
            return any("_restore_" in name for name in holder.databases())

        def filling() -> bool:
            for name in holder.databases():
                if "_restore_" in name:
                    try:
                        with psycopg.connect(holder.uri.replace("/welcomedly", f"/{name}")) as conn:
                            return conn.execute("SELECT to_regclass('campaign_records')").fetchone()[0] is not None
                    except psycopg.Error:
                        return False
            return False

        def staged() -> bool:
            return any(p.name.startswith(".uploads-restoring-") for p in data.iterdir())

        for label, ready in [("verifying", lambda: True), ("new database", restoring), ("loading", filling),
                             ("files staged", staged)]:
            proc = subprocess.Popen([sys.executable, "-m", "welcomedly_desktop", "backup", "restore", str(archive), "--yes"],
                                    env=_env(data, **ADMIN), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL)
            deadline = time.time() + 120
            hit = False
            while time.time() < deadline and proc.poll() is None:
                if ready():
                    hit = True
                    break
                time.sleep(0.02)
            try:
                children = psutil.Process(proc.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                children = []
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            for child in children:  # its pg_restore, orphaned by the kill (as after a power cut)
                try:
                    child.wait(timeout=30)  # it ends by itself once its input pipe closes
                except (psutil.NoSuchProcess, psutil.TimeoutExpired):
                    pass
            assert proc.returncode == -signal.SIGKILL, f"{label}: the restore finished before it could be killed"
            assert hit, label
            assert _without_audit(fingerprint(holder.uri)) == _without_audit(current), label
            assert _cli(data, "campaign", "list", **ADMIN).returncode == 0

        # A full restore still works afterwards and cleans what the killed ones left.
        _cli(data, "backup", "restore", str(archive), "--yes", **ADMIN)
        names = holder.databases()
        assert not any("_restore_" in n for n in names) and "welcomedly_before_restore" in names
        restored = fingerprint(holder.uri)
        assert restored["campaigns"][0] == current["campaigns"][0] - 1
        # The next successful backup drops the database kept aside.
        _cli(data, "backup", "create", "--out", str(out), **ADMIN)
        assert "welcomedly_before_restore" not in holder.databases()
    finally:
        holder.stop()
