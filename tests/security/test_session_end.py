"""Ending sessions with two real processes: a logged-in workstation and an admin's command."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.conftest import TEST_PASSWORD
from tests.security.conftest import ROOT, welcomedly

pytestmark = pytest.mark.slow

# A workstation: logs in through the app's code path, then works until its session is ended.
WORKSTATION = r"""
import sys, time
from pathlib import Path
from sqlalchemy import text
from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.errors import SessionEnded, DatabaseUnavailable
from welcomedly_desktop.services import auth

db = Database(sys.argv[1], Settings(data_dir=Path(sys.argv[2])))
auth.login(db, sys.argv[3], sys.argv[4])
with db.session() as s:
    print("READY", s.execute(text("select count(*) from campaign_records")).scalar(), flush=True)
lost = None
while True:
    try:
        with db.session() as s:
            s.execute(text("select count(*) from campaign_records")).scalar()
    except SessionEnded as exc:
        print("ENDED", round(time.monotonic() - (lost or time.monotonic()), 2), exc.user_message, flush=True)
        break
    except DatabaseUnavailable:
        lost = lost or time.monotonic()  # the server closed the connection; the next checkout learns why
    time.sleep(0.2)
"""


def _start_workstation(office, tmp_path, email):
    proc = subprocess.Popen([sys.executable, "-c", WORKSTATION, office.client_url, str(tmp_path), email, TEST_PASSWORD],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=office.env)
    ready = proc.stdout.readline().split()
    assert ready[:1] == ["READY"], proc.stderr.read() if proc.poll() is not None else ready
    return proc, int(ready[1])


def _wait_ended(proc) -> tuple[float, str]:
    try:
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    line = out.strip().splitlines()[-1] if out.strip() else ""
    assert line.startswith("ENDED"), err
    return time.monotonic(), line


@pytest.fixture
def reactivate(office):
    yield
    welcomedly(office.env, "user", "update", "leaver@office.example", "--active", "yes", user="admin@office.example")


def test_deactivating_a_user_ends_their_sessions_within_5_seconds(office, tmp_path, reactivate):
    proc, seen = _start_workstation(office, tmp_path, "leaver@office.example")
    assert seen == 10  # an agent of campaign "Mine"
    done = welcomedly(office.env, "user", "update", "leaver@office.example", "--active", "no", user="admin@office.example")
    finished = time.monotonic()
    assert done.returncode == 0, done.stderr
    ended_at, line = _wait_ended(proc)
    assert ended_at - finished < 5
    assert "log in again" in line
    # And the account can no longer log in anywhere.
    refused = welcomedly(office.env, "db", "psql", "-qtAX", "-c", "select 1", user="leaver@office.example")
    assert refused.returncode == 1


def test_session_end_closes_that_workstations_connections(office, tmp_path):
    proc, _ = _start_workstation(office, tmp_path, "agent@office.example")
    listed = welcomedly(office.env, "session", "list", "--json", user="admin@office.example")
    mine = [s for s in json.loads(listed.stdout) if s["email"] == "agent@office.example"]
    assert mine and mine[-1]["workstation"] and mine[-1]["started_at"]
    done = welcomedly(office.env, "session", "end", str(mine[-1]["id"]), user="admin@office.example")
    finished = time.monotonic()
    assert done.returncode == 0, done.stderr
    assert "1 connection" in done.stdout or "connection(s) closed" in done.stdout
    ended_at, _ = _wait_ended(proc)
    assert ended_at - finished < 5
    after = welcomedly(office.env, "session", "list", "--json", user="admin@office.example")
    assert mine[-1]["id"] not in [s["id"] for s in json.loads(after.stdout)]


def test_a_transaction_cut_by_session_end_reports_the_session_not_a_lost_connection(office, tmp_path):
    """The server closes the connection in the middle of a unit of work: the user is told to log in
    again (SessionEnded), not to "try again" after a lost connection."""
    from pathlib import Path

    from sqlalchemy import text

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.errors import ConnectionLost, SessionEnded
    from welcomedly_desktop.services import auth

    db = Database(office.client_url, Settings(data_dir=Path(tmp_path)))
    try:
        auth.login(db, "agent2@office.example", TEST_PASSWORD)
        with pytest.raises(SessionEnded) as raised:
            with db.session() as s:
                own = s.execute(text("SELECT app.current_session_id()")).scalar()
                done = welcomedly(office.env, "session", "end", str(own), user="admin@office.example")
                assert done.returncode == 0, done.stderr
                s.execute(text("SELECT count(*) FROM campaign_records")).scalar()
        assert not isinstance(raised.value, ConnectionLost)
        assert "log in again" in raised.value.user_message
    finally:
        db.dispose()
