"""Issue 15 in the GUI, with real processes: a window whose session an admin ends (``welcomedly
session end ID``) returns to the login dialog within 5 s with one sentence; the Users page lists the
signed-in sessions and ends one; deactivating from the GUI ends that user's sessions."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from welcomedly_desktop.config import Settings
from welcomedly_desktop.gui.controller import AppController
from welcomedly_desktop.gui.dialogs.login_dialog import LoginDialog
from welcomedly_desktop.gui.views.users_page import UsersPage

from ..conftest import TEST_PASSWORD
from ..security.conftest import office, office_server, welcomedly  # noqa: F401 - the office fixture (both servers)
from ..security.test_session_end import _start_workstation, _wait_ended
from .conftest import wait_idle

pytestmark = pytest.mark.slow

ENDED = "Your session was ended by an administrator or you signed in elsewhere"


@pytest.fixture
def start_office_app(qtbot, dialogs, office, tmp_path):  # noqa: F811
    """start(email) -> (controller, main window) logged in on the office server with the workstation URL."""
    controllers = []

    def _start(email: str):  # noqa: ANN202
        controller = AppController(Settings(data_dir=tmp_path / f"ws{len(controllers)}", database_url=office.client_url))
        controllers.append(controller)
        with qtbot.waitSignal(controller.login_shown, timeout=30000):
            controller.start()
        login = controller.login
        assert isinstance(login, LoginDialog)
        login.ui.emailEdit.setText(email)
        login.ui.passwordEdit.setText(TEST_PASSWORD)
        with qtbot.waitSignal(controller.main_window_shown, timeout=20000) as shown:
            qtbot.mouseClick(login.ui.loginButton, Qt.MouseButton.LeftButton)
        window = shown.args[0]
        qtbot.waitUntil(lambda: window.live.connected, timeout=10000)  # the feed joined the session
        wait_idle(qtbot, window.ctx)
        return controller, window

    yield _start
    for controller in controllers:
        controller.quit(0)
        controller.shutdown()
        controller.deleteLater()


def _session_of(office, email: str) -> int:  # noqa: F811
    listed = welcomedly(office.env, "session", "list", "--json", user="admin@office.example")
    assert listed.returncode == 0, listed.stderr
    return [s["id"] for s in json.loads(listed.stdout) if s["email"] == email][-1]


def _end_by_admin(office, session_id: int) -> float:  # noqa: F811
    done = welcomedly(office.env, "session", "end", str(session_id), user="admin@office.example")
    assert done.returncode == 0, done.stderr
    return time.monotonic()


def _assert_back_at_login(qtbot, controller, dialogs, ended_at: float) -> LoginDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: isinstance(controller.login, LoginDialog) and controller.login.isVisible(), timeout=5000)
    assert time.monotonic() - ended_at < 5
    login = controller.login
    assert controller.window is None
    assert ENDED in login.message and "please log in again" in login.message
    assert login.ui.emailEdit.text() == "super@office.example"
    # No error box of any kind: the login dialog's sentence is the whole story.
    assert dialogs.seen == []
    return login


def test_a_window_whose_session_is_ended_returns_to_login_within_5_seconds(qtbot, office, start_office_app, dialogs):  # noqa: F811
    controller, window = start_office_app("super@office.example")
    ended_at = _end_by_admin(office, _session_of(office, "super@office.example"))
    # The window is idle: the change feed's connection (joined to the session) is what notices.
    login = _assert_back_at_login(qtbot, controller, dialogs, ended_at)
    assert "form" not in login.message
    # Logging in again works and opens a new window.
    login.ui.passwordEdit.setText(TEST_PASSWORD)
    with qtbot.waitSignal(controller.main_window_shown, timeout=20000):
        qtbot.mouseClick(login.ui.loginButton, Qt.MouseButton.LeftButton)
    assert controller.window is not None and controller.window.ctx.actor.email == "super@office.example"
    wait_idle(qtbot, controller.window.ctx)


def test_an_operation_finding_the_session_ended_returns_to_login_and_says_the_open_form_was_lost(
        qtbot, office, start_office_app, dialogs):  # noqa: F811
    controller, window = start_office_app("super@office.example")
    window.live.stop()  # leave the detection to the next database operation
    window._open_profile()
    profile = window.profile_dialog
    assert profile.isVisible()
    ended_at = _end_by_admin(office, _session_of(office, "super@office.example"))
    page = window.current_page()
    page.refresh()  # its pooled connection was closed by the server: the fresh one is refused
    login = _assert_back_at_login(qtbot, controller, dialogs, ended_at)
    assert "the open form was closed without saving" in login.message
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [login]


@pytest.fixture
def reactivate_leaver(office):  # noqa: F811
    yield
    welcomedly(office.env, "user", "update", "leaver@office.example", "--active", "yes", user="admin@office.example")


def test_users_page_lists_sessions_and_ends_one(qtbot, office, start_office_app, dialogs, tmp_path):  # noqa: F811
    controller, window = start_office_app("admin@office.example")
    proc, _ = _start_workstation(office, tmp_path, "agent2@office.example")
    try:
        page = window.show_page("users")
        assert isinstance(page, UsersPage)
        panel = page.sessions_panel
        with qtbot.waitSignal(panel.loaded, timeout=10000):
            panel.refresh()
        mine = [r for r in panel.model.rows if r.id == panel.model.own_id]
        assert mine and mine[0].email == "admin@office.example"
        theirs = [r for r in panel.model.rows if r.email == "agent2@office.example"][-1]
        assert theirs.workstation and theirs.started_at and theirs.last_seen_at
        assert panel.tracked and panel.table.isVisible() and not panel.empty_label.isVisible()
        # The own session is marked and cannot be ended from here.
        col = panel.model.column_index("workstation")
        own_row = panel.model.row_for_id(mine[0].id)
        assert "(this window)" in panel.model.index(own_row, col).data()
        panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(own_row, 0)).row())
        assert not panel.end_button.isEnabled()
        # Cancelling the confirmation ends nothing.
        panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(panel.model.row_for_id(theirs.id), 0)).row())
        assert panel.end_button.isEnabled()
        panel.end_button.click()
        assert "End Agent2's session" in dialogs.texts()[-1]
        wait_idle(qtbot, window.ctx)
        assert proc.poll() is None
        dialogs.answer("End session")
        with qtbot.waitSignal(panel.loaded, timeout=10000):
            panel.end_button.click()
        ended_at = time.monotonic()
        assert theirs.id not in [r.id for r in panel.model.rows]
        done_at, line = _wait_ended(proc)
        assert done_at - ended_at < 5 and "log in again" in line
        assert [d.text for d in dialogs.seen] == [dialogs.seen[0].text] * 2  # the two confirmations only
    finally:
        proc.kill()
        proc.wait()


def test_deactivating_from_the_users_page_ends_that_users_sessions(qtbot, office, start_office_app, dialogs,
                                                                   tmp_path, reactivate_leaver):  # noqa: F811
    controller, window = start_office_app("admin@office.example")
    proc, _ = _start_workstation(office, tmp_path, "leaver@office.example")
    try:
        page = window.show_page("users")
        wait_idle(qtbot, window.ctx)
        row = page.model.row_for_id(office.users["leaver@office.example"])
        page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
        dialogs.answer("Deactivate")
        page.delete_item()
        assert "open sessions on every workstation are ended" in dialogs.texts()[-1]
        wait_idle(qtbot, window.ctx)
        done_at, line = _wait_ended(proc)
        assert "log in again" in line
        qtbot.waitUntil(lambda: not any(r.email == "leaver@office.example" for r in page.sessions_panel.model.rows),
                        timeout=5000)
    finally:
        proc.kill()
        proc.wait()


def test_users_page_explains_that_the_built_in_database_has_no_sessions(qtbot, admin_actor, open_window):
    window = open_window(admin_actor, page="users")
    panel = window.show_page("users").sessions_panel
    qtbot.waitUntil(lambda: panel.tracked is not None, timeout=10000)
    wait_idle(qtbot, window.ctx)
    assert panel.tracked is False
    assert panel.empty_label.isVisible() and "shared office server" in panel.empty_label.text()
    assert not panel.table.isVisible() and not panel.end_button.isVisible()
