"""Start-up, login (good, bad, locked), first admin, logout and database settings through real widgets."""

from __future__ import annotations

import json

import keyring
import pytest

from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from welcomedly_desktop.config import Settings, short_url
from welcomedly_desktop.errors import AuthenticationError
from welcomedly_desktop.gui.controller import AppController
from welcomedly_desktop.gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog
from welcomedly_desktop.services import audit, auth, org_settings
from welcomedly_desktop.services.auth import LOGIN_FAILED_MESSAGE

from ..conftest import TEST_PASSWORD
from .conftest import closed


@pytest.fixture
def start_app(qtbot, dialogs):
    controllers = []

    def _start(settings: Settings) -> AppController:
        controller = AppController(settings)
        controllers.append(controller)
        with qtbot.waitSignal(controller.login_shown, timeout=20000):
            controller.start()
        return controller

    yield _start
    for controller in controllers:
        controller.quit(0)
        controller.shutdown()
        controller.deleteLater()


def log_in(qtbot, controller: AppController, email: str, password: str) -> None:
    dialog = controller.login
    assert isinstance(dialog, LoginDialog)
    dialog.ui.emailEdit.setText(email)
    dialog.ui.passwordEdit.clear()
    qtbot.keyClicks(dialog.ui.passwordEdit, password)
    qtbot.mouseClick(dialog.ui.loginButton, Qt.MouseButton.LeftButton)


def wait_login_answer(qtbot, controller) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10000)


def test_good_login_opens_the_main_window_and_logout_returns(qtbot, db, settings, supervisor_actor, start_app):
    controller = start_app(settings)
    assert controller.login.ui.databaseLabel.text().startswith("Database: postgresql+psycopg://")
    with qtbot.waitSignal(controller.main_window_shown, timeout=10000) as shown:
        log_in(qtbot, controller, "super@example.com", TEST_PASSWORD)
    window = shown.args[0]
    assert window.isVisible() and controller.login is None
    assert window.ctx.actor.email == "super@example.com"
    status = window.statusBar()
    assert "Sam Supervisor" in window._user_label.text() and "Supervisor" in window._user_label.text()
    # The bar names the server briefly; the full (masked) address is the tooltip.
    assert window._db_label.text() == f"Database: {short_url(db.display_url)}"
    assert window._db_label.toolTip() == db.display_url
    assert status.isVisible()

    # Log out: back to a login dialog with the e-mail filled in; the logout is audited.
    with qtbot.waitSignal(controller.login_shown, timeout=10000):
        window.logout_action.trigger()
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10000)
    assert controller.window is None
    assert controller.login.ui.emailEdit.text() == "super@example.com"
    with db.session() as s:
        actions = [e.action for e in audit.list_entries(s, _admin(s))]
    assert actions[0] == "logout" and "login.success" in actions


def _admin(session):  # noqa: ANN001, ANN202
    from welcomedly_desktop.services.context import Actor

    return Actor(user_id=None, email=None, name="t", role="admin", client="test")


def test_bad_password_shows_the_uniform_message(qtbot, settings, supervisor_actor, start_app):
    controller = start_app(settings)
    log_in(qtbot, controller, "super@example.com", "wrong password!")
    wait_login_answer(qtbot, controller)
    dialog = controller.login
    assert dialog.message == LOGIN_FAILED_MESSAGE
    assert "locked for 15 minutes" in dialog.message
    assert dialog.ui.passwordEdit.text() == ""
    assert controller.window is None
    # An unknown e-mail gets exactly the same sentence.
    log_in(qtbot, controller, "nobody@example.com", "whatever123")
    wait_login_answer(qtbot, controller)
    assert dialog.message == LOGIN_FAILED_MESSAGE


def test_locked_account_is_refused_even_with_the_right_password(qtbot, db, settings, supervisor_actor, start_app):
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationError):
            auth.login(db, "super@example.com", "wrong password!")
    controller = start_app(settings)
    log_in(qtbot, controller, "super@example.com", TEST_PASSWORD)
    wait_login_answer(qtbot, controller)
    assert controller.login.message.startswith("This account is locked after 5 failed attempts until ")
    assert controller.window is None


def test_first_run_on_an_empty_database_creates_the_admin(qtbot, db, settings, start_app):
    controller = start_app(settings)
    dialog = controller.login
    assert isinstance(dialog, FirstAdminDialog)
    dialog.email_edit.setText("boss@example.com")
    dialog.name_edit.setText("The Boss")
    dialog.password_edit.setText(TEST_PASSWORD)
    dialog.repeat_edit.setText("something else")
    dialog.create_button.click()
    assert dialog.errors.message("repeat") == "The two passwords differ."
    dialog.repeat_edit.setText(TEST_PASSWORD)
    # The organization's country (issue 18): chosen here, stored for every workstation.
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("CO"))
    assert dialog.country_combo.currentText() == "Colombia (+57)"
    with qtbot.waitSignal(controller.main_window_shown, timeout=10000) as shown:
        dialog.create_button.click()
    window = shown.args[0]
    assert window.ctx.actor.role == "admin" and window.ctx.actor.email == "boss@example.com"
    assert "users" in window.page_keys
    with db.session() as s:
        assert auth.has_users(s)
        assert org_settings.get_settings(s).country == "CO"


def test_first_admin_country_follows_the_locale(qtbot):
    from welcomedly_desktop.gui.dialogs.login_dialog import country_combo

    parent = QWidget()
    qtbot.addWidget(parent)
    assert country_combo(parent, "es_CO").currentData() == "CO"
    assert country_combo(parent, "es_MX").currentData() == "MX"
    assert country_combo(parent, "C").currentData() == "US"  # no country in the locale


def test_unreachable_database_offers_a_choice_instead_of_a_traceback(qtbot, data_dir, dialogs):
    settings = Settings(data_dir=data_dir, database_url="postgresql+psycopg://nobody@127.0.0.1:9/nowhere",
                        connect_timeout_s=2)
    controller = AppController(settings)
    dialogs.answer("Quit")
    try:
        with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
            controller.start()
        assert finished.args == [1]
        [box] = dialogs.seen
        assert box.object_name == "databaseErrorBox"
        assert box.text.startswith("Could not connect to the database server postgresql+psycopg://nobody@127.0.0.1:9/nowhere")
        assert "Traceback" not in box.text
        assert "No password is stored on this computer" in box.informative
    finally:
        controller.shutdown()
        controller.deleteLater()


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (this test machine has no OS keyring)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):  # noqa: ANN001, ANN201
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):  # noqa: ANN001, ANN201
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):  # noqa: ANN001, ANN201
        self.secrets.pop((service, username), None)


@pytest.fixture
def restore_keyring():
    from welcomedly_desktop import credentials

    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)
    credentials._memory.clear()


def open_database_dialog(qtbot, settings, start_app):  # noqa: ANN001, ANN201
    controller = start_app(settings)
    controller.login.database_requested.emit()  # the "Database…" button of either dialog
    dialog = controller.database_dialog
    assert dialog.isVisible()
    return controller, dialog


def test_database_dialog_needs_an_admin_and_keeps_the_password_in_the_keyring(
        qtbot, settings, admin_actor, supervisor_actor, start_app, restore_keyring, dialogs):
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    controller = start_app(settings)
    controller.login.ui.databaseButton.click()
    dialog = controller.database_dialog
    in_use = dialog.findChild(type(dialog.form_error), "inUseLabel").text()
    assert in_use.startswith("In use: postgresql+psycopg://")
    assert dialog.admin_box.isVisibleTo(dialog)

    dialog.url_edit.setText("postgresql://clerk:typed-in-url@db.example:5432/welcomedly")
    dialog.password_edit.setText("s3cret-pw")
    # A supervisor may not change it.
    dialog.admin_email.setText("super@example.com")
    dialog.admin_password.setText(TEST_PASSWORD)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10000)
    assert dialog.errors.message() == "Only an administrator can change the database."
    assert not settings.settings_file.exists()

    dialog.admin_email.setText("admin@example.com")
    with qtbot.waitSignal(dialog.settings_changed, timeout=10000) as changed:
        dialog.save_button.click()
    new_settings = changed.args[0]
    saved = json.loads(settings.settings_file.read_text())
    assert saved["database_url"] == "postgresql+psycopg://clerk@db.example:5432/welcomedly"
    assert "s3cret" not in settings.settings_file.read_text() and "typed-in-url" not in settings.settings_file.read_text()
    assert backend.secrets == {("Welcomedly Desktop database", "postgresql+psycopg://clerk@db.example:5432/welcomedly"):
                               "s3cret-pw"}
    assert new_settings.database_url == "postgresql+psycopg://clerk@db.example:5432/welcomedly"
    # The controller reconnects to the (unreachable) new server and says so in one sentence.
    qtbot.waitUntil(lambda: any(s.object_name == "databaseErrorBox" for s in dialogs.seen), timeout=30000)
    box = [s for s in dialogs.seen if s.object_name == "databaseErrorBox"][0]
    assert "db.example" in box.text and "s3cret" not in box.text


def test_without_a_keyring_the_password_is_not_remembered_and_the_user_is_told(
        qtbot, db, settings, start_app, restore_keyring, dialogs):
    from welcomedly_desktop import credentials

    keyring.set_keyring(fail.Keyring())
    controller, dialog = open_database_dialog(qtbot, settings, start_app)  # empty database: no admin needed
    assert not dialog.admin_box.isVisibleTo(dialog)
    dialog.url_edit.setText("postgresql://clerk@db.example/welcomedly")
    dialog.password_edit.setText("s3cret-pw")
    with qtbot.waitSignal(dialog.settings_changed, timeout=10000):
        dialog.save_button.click()
    told = [s for s in dialogs.seen if s.title == "Password not remembered"]
    assert told and "cannot be remembered" in told[0].text and "asked for it" in told[0].text
    # Kept in memory for this run only.
    assert credentials.recall("postgresql+psycopg://clerk@db.example/welcomedly") == "s3cret-pw"
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=30000)
    assert closed(dialog)


def test_database_in_use_is_described_with_the_password_hidden(data_dir):
    from welcomedly_desktop.gui.dialogs.database_dialog import describe_database

    shared = Settings(data_dir=data_dir, database_url="postgresql+psycopg://clerk:hunter22@db.example/welcomedly")
    text = describe_database(shared, None)
    assert "hunter22" not in text and "clerk:***@db.example" in text and "not connected" in text
    embedded = Settings(data_dir=data_dir)
    assert describe_database(embedded, None).startswith(f"built-in database in {data_dir / 'pgdata'}")
