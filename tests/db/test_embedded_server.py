"""Lifecycle of the embedded PostgreSQL: start, restart, shared use, SIGTERM, and reuse after SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
import pytest

HOLDER = textwrap.dedent(
    """
    import sys, time
    from welcomedly_desktop.config import load_settings
    from welcomedly_desktop.db.embedded import install_exit_signal_handlers
    from welcomedly_desktop.db.engine import open_database
    install_exit_signal_handlers()
    db = open_database(load_settings(data_dir=sys.argv[1]))
    print("ready", flush=True)
    time.sleep(600)
    """
)


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("WELCOMEDLY_DATABASE_URL", None)
    env["WELCOMEDLY_DATA_DIR"] = str(data_dir)
    return env


def _cli(data_dir: Path, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=_env(data_dir),
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == expect, result.stdout + result.stderr
    return result


def _postmaster_pid(data_dir: Path) -> int | None:
    pidfile = data_dir / "pgdata" / "postmaster.pid"
    if not pidfile.exists():
        return None
    pid = int(pidfile.read_text().splitlines()[0])
    try:
        proc = psutil.Process(pid)
        return pid if proc.status() != psutil.STATUS_ZOMBIE else None
    except psutil.NoSuchProcess:
        return None


def _postmasters_for(data_dir: Path) -> list[int]:
    found = []
    target = str((data_dir / "pgdata").resolve())
    for proc in psutil.process_iter(["name", "cmdline", "status"]):
        cmd = proc.info["cmdline"] or []
        if proc.info["status"] != psutil.STATUS_ZOMBIE and cmd and cmd[0].endswith("postgres") and target in " ".join(cmd):
            found.append(proc.pid)
    return found


def _start_holder(data_dir: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], env=_env(data_dir),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = holder.stdout.readline()
    if line.strip() != "ready":
        holder.kill()
        _, err = holder.communicate(timeout=30)
        pytest.fail(f"the app process did not start (exit {holder.returncode}): {line}{err}")
    return holder


def _wait_gone(pid: int, timeout: float = 15) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def embedded_dir():
    # Not under pytest's tmp_path: its root is mode 0700 (and re-set so by any other pytest run on
    # the machine), and as root the server runs as the "pgserver" user, who must traverse the path.
    d = Path(tempfile.mkdtemp(prefix="wd-embedded-")) / "data"
    d.mkdir()
    yield d
    for pid in _postmasters_for(d):  # never leave a server behind, whatever the test did
        try:
            psutil.Process(pid).terminate()
        except psutil.NoSuchProcess:
            pass
    shutil.rmtree(d.parent, ignore_errors=True)


def test_cli_creates_migrates_and_stops_embedded_database(embedded_dir):
    out = _cli(embedded_dir, "db", "upgrade").stdout
    assert "upgraded from empty" in out
    assert (embedded_dir / "pgdata" / "PG_VERSION").exists()
    assert _postmaster_pid(embedded_dir) is None, "a CLI command must not leave the server running"
    # Restart of an existing folder is quick, and the schema survived.
    started = time.perf_counter()
    status = _cli(embedded_dir, "db", "status")
    assert "up to date" in status.stdout
    assert time.perf_counter() - started < 30
    url = _cli(embedded_dir, "db", "url").stdout.strip()
    assert url.startswith("postgresql+psycopg://postgres@/welcomedly?host=")
    assert _postmaster_pid(embedded_dir) is None


def test_server_shared_while_app_runs_and_stopped_by_sigterm(embedded_dir):
    holder = _start_holder(embedded_dir)
    try:
        server = _postmaster_pid(embedded_dir)
        assert server is not None
        _cli(embedded_dir, "db", "status")
        assert _postmaster_pid(embedded_dir) == server, "the CLI must reuse, and leave running, the app's server"
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=30)
        assert _wait_gone(server), "SIGTERM of the last user must stop the server"
    finally:
        if holder.poll() is None:
            holder.kill()


def test_server_left_by_sigkill_is_reused_not_duplicated_then_stopped(embedded_dir):
    holder = _start_holder(embedded_dir)
    server = _postmaster_pid(embedded_dir)
    holder.kill()  # SIGKILL: no cleanup runs; pgserver leaves the server running
    holder.wait(timeout=30)
    time.sleep(0.2)
    assert _postmaster_pid(embedded_dir) == server, "precondition: the orphaned server is still running"
    # The next start attaches to it (one server for the folder), and being the last user, stops it.
    _cli(embedded_dir, "db", "status")
    assert _postmasters_for(embedded_dir) == [] or _wait_gone(server)
    assert _postmaster_pid(embedded_dir) is None
    # And the data is intact on the next start.
    assert "up to date" in _cli(embedded_dir, "db", "status").stdout


def test_data_folder_with_spaces_in_its_path():
    """macOS's default data folder is ~/Library/Application Support/Welcomedly."""
    root = Path(tempfile.mkdtemp(prefix="wd-embedded-"))
    data = root / "Application Support" / "Welcomedly"
    data.mkdir(parents=True)
    try:
        assert "upgraded" in _cli(data, "db", "upgrade").stdout
        assert _postmaster_pid(data) is None
    finally:
        for pid in _postmasters_for(data):
            psutil.Process(pid).terminate()
        shutil.rmtree(root, ignore_errors=True)


def test_embedded_database_behind_head_is_migrated_on_open(embedded_dir):
    """open_database asks the revision cheaply and runs alembic only when the schema is behind."""
    code = textwrap.dedent(
        """
        import sys
        from alembic import command
        from welcomedly_desktop.config import load_settings
        from welcomedly_desktop.db import schema
        from welcomedly_desktop.db.engine import open_database
        db = open_database(load_settings(data_dir=sys.argv[1]))
        print("first", schema.current_revision(db))
        cfg = schema.alembic_config(db.url)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        print("downgraded", schema.current_revision(db))
        db.close()
        db = open_database(load_settings(data_dir=sys.argv[1]))
        print("reopened", schema.current_revision(db))
        db.close()
        """
    )
    out = subprocess.run([sys.executable, "-c", code, str(embedded_dir)], env=_env(embedded_dir), capture_output=True,
                         text=True, timeout=120).stdout.split("\n")
    from welcomedly_desktop.db import schema

    head = schema.head_revision()
    assert out[:3] == [f"first {head}", "downgraded 0001", f"reopened {head}"]
