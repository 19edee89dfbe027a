"""Issue 16 with issue 15's sessions: a login or logout on another workstation refreshes the open
Users page's sessions list and the Live page's "Logged in" by itself (the change feed's session
events), well before any timer would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..conftest import TEST_PASSWORD
from ..security.conftest import ROOT, office, office_server  # noqa: F401 - the office fixture (both servers)
from .test_sessions_gui import start_office_app  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

# Another workstation (another process: a window ignores its own process's changes) that logs in,
# then logs out when told to.
WORKSTATION = r"""
import sys
from pathlib import Path
from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.services import auth, sessions

db = Database(sys.argv[1], Settings(data_dir=Path(sys.argv[2])))
auth.login(db, sys.argv[3], sys.argv[4])
print("READY", flush=True)
sys.stdin.readline()
sessions.logout(db)
print("OUT", flush=True)
"""


def _agent2_logged_in(page) -> str | None:  # noqa: ANN001
    table = page.agent_table
    for row in range(table.rowCount()):
        if table.item(row, 0) is not None and table.item(row, 0).text() == "agent2":
            return table.item(row, 1).text()
    return None


def test_a_login_elsewhere_refreshes_the_sessions_list_and_the_live_floor(qtbot, office, start_office_app,  # noqa: F811
                                                                         dialogs, tmp_path):
    _controller, window = start_office_app("admin@office.example")
    users = window.show_page("users")
    panel = users.sessions_panel
    qtbot.waitUntil(lambda: panel.tracked is True, timeout=10000)
    assert not any(r.email == "agent2@office.example" for r in panel.model.rows)
    workstation = subprocess.Popen([sys.executable, "-c", WORKSTATION, office.client_url, str(tmp_path / "agent2"),
                                    "agent2@office.example", TEST_PASSWORD], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=office.env)
    try:
        assert workstation.stdout.readline().strip() == "READY", workstation.stderr.read()
        # Nobody presses "Refresh sessions": the feed's session event reloads the list.
        qtbot.waitUntil(lambda: any(r.email == "agent2@office.example" for r in panel.model.rows), timeout=5000)

        live = window.show_page("live")
        qtbot.waitUntil(lambda: _agent2_logged_in(live) == "Yes", timeout=10000)
        workstation.stdin.write("\n")
        workstation.stdin.flush()
        assert workstation.stdout.readline().strip() == "OUT", workstation.stderr.read()
        # The page's own timer is 30 s: only the session event can make this within 5 s.
        qtbot.waitUntil(lambda: _agent2_logged_in(live) == "No", timeout=5000)
        qtbot.waitUntil(lambda: not any(r.email == "agent2@office.example" for r in panel.model.rows), timeout=5000)
    finally:
        workstation.kill()
        workstation.communicate()
