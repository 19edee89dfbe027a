"""Schema app's upkeep on a shared server (issues 15 and 16, db/security/upkeep.py): session starts
and ends on the change feed, ``welcomedly watch`` joining its app session on a workstation
connection, crashed workstations' sessions ended after a grace, leftover staging tables dropped."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from tests.conftest import TEST_PASSWORD
from tests.live.helpers import WatchProcess
from tests.security.conftest import ROOT, welcomedly
from tests.security.test_client_import import _leave_the_office_as_found, _owner  # noqa: F401 - autouse fixture
from tests.security.test_probes import _login_sql

pytestmark = pytest.mark.slow

SUPERVISOR = "super@office.example"
ADMIN = "admin@office.example"

# A workstation that logs in through the app's code path, says its session and then just waits.
WORKSTATION = r"""
import sys, time
from pathlib import Path
from sqlalchemy import text
from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.services import auth

db = Database(sys.argv[1], Settings(data_dir=Path(sys.argv[2])))
auth.login(db, sys.argv[3], sys.argv[4])
with db.session() as s:
    print("READY", s.execute(text("SELECT app.current_session_id()")).scalar(), flush=True)
time.sleep(600)
"""


def _workstation(office, tmp_path, email: str) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, "-c", WORKSTATION, office.client_url, str(tmp_path / email), email,
                             TEST_PASSWORD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=office.env)
    ready = proc.stdout.readline().split()
    assert ready[:1] == ["READY"], proc.stderr.read() if proc.poll() is not None else ready
    return proc, int(ready[1])


def _listed(office) -> list[int]:
    done = welcomedly(office.env, "session", "list", "--json", user=ADMIN)
    assert done.returncode == 0, done.stderr
    return [s["id"] for s in json.loads(done.stdout)]


@pytest.fixture
def grace(office):
    """set(interval): the sweep's grace, as IT (the owner) could change it; the default comes back."""
    def _set(value: str) -> None:
        with _owner(office) as conn:
            conn.execute("UPDATE app.upkeep SET session_grace = %s::interval", (value,))
    yield _set
    _set("2 minutes")


def test_logins_and_logouts_reach_watch_of_a_workstation_supervisor(office, tmp_path):
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import auth, sessions

    watcher = WatchProcess(office.env, SUPERVISOR, "--json")
    workstation = Database(office.client_url, Settings(data_dir=tmp_path / "agent2"))
    try:
        watcher.wait_stderr("watching changes")
        auth.login(workstation, "agent2@office.example", TEST_PASSWORD)
        with workstation.engine.connect() as conn:
            from sqlalchemy import text

            own = conn.execute(text("SELECT app.current_session_id()")).scalar()
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("session", "insert", [own])
        sessions.logout(workstation)
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("session", "update", [own])
        assert watcher.quiet(0.5) == []  # last_seen moving (attach, audited actions) is not news
    finally:
        watcher.stop()
        workstation.dispose()


def test_watch_on_a_workstation_connection_belongs_to_its_session(office):
    """The watch's listening connection joined the command's app session: ending that session (an
    admin) stops the watch with the session's sentence instead of leaving it listening."""
    watcher = WatchProcess(office.env, SUPERVISOR, "--json")
    try:
        watcher.wait_stderr("watching changes")
        done = welcomedly(office.env, "session", "list", "--json", user=ADMIN)
        mine = [s["id"] for s in json.loads(done.stdout) if s["email"] == SUPERVISOR and s["client"] == "cli"]
        assert mine, done.stdout
        with _owner(office) as conn:  # the watch's listener is bound to that session
            bound = conn.execute("SELECT count(*) FROM app.bindings b JOIN pg_stat_activity a "
                                 "ON a.pid = b.backend_pid AND a.backend_start = b.backend_start "
                                 "WHERE b.session_id = %s AND a.application_name = 'welcomedly-listen'",
                                 (mine[-1],)).fetchone()[0]
        assert bound == 1
        ended = welcomedly(office.env, "session", "end", str(mine[-1]), user=ADMIN)
        assert ended.returncode == 0, ended.stderr
        watcher.proc.wait(timeout=15)
        assert watcher.proc.returncode not in (0, None)
        watcher.wait_stderr("log in again", timeout=5)
    finally:
        watcher.stop()


def test_a_killed_workstations_session_ends_as_connection_lost_after_the_grace(office, tmp_path, grace):
    alive, alive_id = _workstation(office, tmp_path, "agent@office.example")
    killed, killed_id = _workstation(office, tmp_path, "agent2@office.example")
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        with _owner(office) as conn:  # the server notices the dead client at once; its binding stays
            deadline = time.monotonic() + 10
            while conn.execute("SELECT count(*) FROM app.bindings b JOIN pg_stat_activity a ON a.pid = b.backend_pid "
                               "AND a.backend_start = b.backend_start WHERE b.session_id = %s",
                               (killed_id,)).fetchone()[0] and time.monotonic() < deadline:
                time.sleep(0.1)
        # Within the grace (2 minutes by default) it is still listed: it may be reconnecting.
        assert killed_id in _listed(office)
        grace("1 second")
        time.sleep(1.2)
        listed = _listed(office)
        assert killed_id not in listed
        assert alive_id in listed  # idle longer than the grace, but its connection is alive
        with _owner(office) as conn:
            reason = conn.execute("SELECT ended_reason FROM app.sessions WHERE id = %s", (killed_id,)).fetchone()[0]
            audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'session.connection_lost' "
                                   "AND entity_id = %s", (str(killed_id),)).fetchone()[0]
            left = conn.execute("SELECT count(*) FROM app.bindings WHERE session_id = %s", (killed_id,)).fetchone()[0]
        assert (reason, audited, left) == ("connection lost", 1, 0)
    finally:
        for proc in (alive, killed):
            proc.kill()
            proc.wait()


def test_the_grace_is_the_owners_to_change_not_a_workstations(office):
    with psycopg.connect(office.client_libpq) as conn:
        assert conn.execute(_login_sql(office, ADMIN, TEST_PASSWORD)).fetchone()[0] is True
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE app.upkeep SET session_grace = '0'")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT app.sweep_sessions()")


def _stage_left_behind(office, conn: psycopg.Connection, upload: int) -> str:
    """What a psql user can do: stage records for an upload of their session and commit halfway."""
    stage = conn.execute("SELECT app.import_stage(%s, 'records')", (upload,)).fetchone()[0]
    with conn.cursor().copy(f"COPY {stage} (phone, source_row, name, extra) FROM STDIN") as copy:
        copy.write("3888000009\t1\tLeft behind\t{}\n")
    conn.commit()
    return stage


def _exists(office, stage: str) -> bool:
    with _owner(office) as conn:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (stage,)).fetchone()[0]


def test_leftover_staging_tables_are_dropped_by_the_next_stage_and_by_db_upgrade(office):
    theirs = office.campaigns["Theirs"]
    with psycopg.connect(office.client_libpq) as conn:
        assert conn.execute(_login_sql(office, SUPERVISOR, TEST_PASSWORD)).fetchone()[0] is True
        uploads = [conn.execute("INSERT INTO base_campaign_data (campaign_id, status, original_filename) "
                                "VALUES (%s, 'processing', 'by-hand.csv') RETURNING id", (theirs,)).fetchone()[0]
                   for _ in range(3)]
        conn.commit()
        done, old = _stage_left_behind(office, conn, uploads[0]), _stage_left_behind(office, conn, uploads[1])
        with _owner(office) as owner:  # one upload ended (failed), one still importing but long ago
            owner.execute("UPDATE base_campaign_data SET status = 'failed' WHERE id = %s", (uploads[0],))
            owner.execute("UPDATE app.import_stages SET created_at = now() - interval '7 hours' WHERE upload_id = %s",
                          (uploads[1],))
        assert _exists(office, done) and _exists(office, old)
        # The next stage of another upload sweeps both (a table of a busy transaction would be skipped).
        fresh = _stage_left_behind(office, conn, uploads[2])
        assert not _exists(office, done) and not _exists(office, old)
        assert _exists(office, fresh)  # its upload is still importing and it is recent
    with _owner(office) as owner:
        owner.execute("UPDATE base_campaign_data SET status = 'failed' WHERE id = %s", (uploads[2],))
        assert owner.execute("SELECT count(*) FROM app.import_stages WHERE upload_id = ANY (%s)",
                             (uploads[:2],)).fetchone()[0] == 0
    # IT's `db upgrade` sweeps too.
    upgraded = welcomedly(office.env, "--database-url", office.owner_url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert not _exists(office, fresh)
