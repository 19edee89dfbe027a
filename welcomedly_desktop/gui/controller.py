"""The application's life cycle: open the database, log in, main window, log out, reconnect, quit.

Nothing here blocks the GUI thread: opening (maybe starting and migrating) the database, checking
whether it has users and logging in all run through the operation runner while a splash or the
login dialog stays responsive.  ``finished(exit_code)`` ends the event loop.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database, open_database
from welcomedly_desktop.errors import SessionEnded, WelcomedlyError
from welcomedly_desktop import credentials
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.database_dialog import DatabaseDialog, describe_database
from welcomedly_desktop.gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog
from welcomedly_desktop.gui.dialogs.startup_splash import StartupSplash
from welcomedly_desktop.gui.operations import OperationRunner
from welcomedly_desktop.services import auth, sessions
from welcomedly_desktop.services.context import Actor

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("AppController", text)


def open_and_prepare(settings: Settings) -> tuple[Database, bool]:
    """Worker side of start-up: open/migrate the database, run start-up hooks, ask if it has users."""
    effective = settings.with_changes(database_url=credentials.effective_url(settings.database_url))
    db = open_database(effective)
    try:
        # Uploads left "running" by a crashed process are marked interrupted (imported here, on the
        # worker, to keep the import service out of the GUI's start-up imports).
        from welcomedly_desktop.services.imports import mark_interrupted_uploads

        with db.session() as session:
            mark_interrupted_uploads(session)
        with db.session() as session:
            has_users = auth.has_users(session)
    except BaseException:
        db.close()
        raise
    return db, has_users


def seconds_since_process_start() -> float:
    """Includes interpreter start and imports, i.e. what the user waits for after double-clicking."""
    import psutil

    return time.time() - psutil.Process().create_time()


class AppController(QObject):
    finished = Signal(int)
    #: Emitted when a main window is shown (the smoke test and start-up timing hook in here).
    main_window_shown = Signal(object)
    login_shown = Signal(object)

    def __init__(self, settings: Settings, runner: OperationRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner or OperationRunner(self)
        self.db: Database | None = None
        self.has_users = False
        self.ctx: AppContext | None = None
        self.window = None
        self.login: QWidget | None = None
        self.splash: StartupSplash | None = None
        self._quitting = False
        self.started_at = time.perf_counter()

    # -- start-up ---------------------------------------------------------------------------
    def start(self) -> None:
        self._open_database()

    def _open_database(self) -> None:
        self.splash = StartupSplash(tr("Opening the database ({db})…").format(db=describe_database(self.settings, None)
                                                                            .replace(" (not running)", "")
                                                                            .replace(" (not connected)", "")))
        self.splash.show()
        settings = self.settings
        self.runner.run(lambda: open_and_prepare(settings), self._database_opened, self._database_failed,
                        label="open database")

    def _close_splash(self) -> None:
        if self.splash is not None:
            self.splash.close()
            self.splash.deleteLater()
            self.splash = None

    def _database_opened(self, result: tuple[Database, bool]) -> None:
        self._close_splash()
        if self._quitting:
            result[0].close()
            return
        self.db, self.has_users = result
        log.info("Database ready after %.2f s: %s", time.perf_counter() - self.started_at, self.db.display_url)
        self.show_login()

    def _database_failed(self, exc: BaseException) -> bool:
        self._close_splash()
        if self._quitting:
            return True
        if isinstance(exc, WelcomedlyError):
            sentence = exc.user_message
        else:  # a bug: log it and show the details, then still offer the way out
            log.error("Unexpected error while opening the database", exc_info=exc)
            messages.unexpected_error(None, exc)
            sentence = tr("The database could not be opened because of an unexpected error.")
        self.ask_database_problem(sentence)
        return True

    def ask_database_problem(self, sentence: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Database not available"), sentence)
        box.setObjectName("databaseErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        hint = tr("You can try again, change the database settings, or quit.")
        url = self.settings.database_url
        if url and not credentials.has_password(credentials.effective_url(url) or url):
            # No keyring on this computer (or nothing stored yet): the password is asked for here.
            hint = tr("No password is stored on this computer for this server; if it needs one, enter it "
                      "under Database settings.") + " " + hint
        box.setInformativeText(hint)
        retry = box.addButton(tr("&Try again"), QMessageBox.ButtonRole.AcceptRole)
        settings_button = box.addButton(tr("&Database settings…"), QMessageBox.ButtonRole.ActionRole)
        quit_button = box.addButton(tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setEscapeButton(quit_button)
        messages.exec_dialog(box)
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is retry:
            self._open_database()
        elif clicked is settings_button:
            self.show_database_dialog(on_cancel=lambda: self.ask_database_problem(sentence))
        else:
            self.quit(1)

    # -- database settings ------------------------------------------------------------------
    def show_database_dialog(self, on_cancel=None) -> DatabaseDialog:  # noqa: ANN001
        dialog = DatabaseDialog(self.runner, self.settings, self.db, require_admin=self.db is not None and self.has_users,
                                parent=self.login)
        dialog.settings_changed.connect(self._reconnect)
        if on_cancel is not None:
            dialog.rejected.connect(on_cancel)
        dialog.finished.connect(dialog.deleteLater)
        self.database_dialog = dialog
        dialog.open()
        return dialog

    def _reconnect(self, settings: Settings) -> None:
        self._close_login()
        old, self.db = self.db, None
        self.settings = settings
        if old is not None:
            self.runner.run(old.close, label="close old database")
        self._open_database()

    # -- login ------------------------------------------------------------------------------
    def show_login(self, email: str = "", message: str = "") -> None:
        assert self.db is not None
        self._close_login()
        if self.has_users:
            dialog: QWidget = LoginDialog(self.runner, self.db, email=email)
            if message:
                dialog.show_message(message)
        else:
            dialog = FirstAdminDialog(self.runner, self.db)
        dialog.logged_in.connect(self._logged_in)
        dialog.database_requested.connect(lambda: self.show_database_dialog())
        dialog.quit_requested.connect(lambda: self.quit(0))
        self.login = dialog
        dialog.show()
        log.info("Login dialog shown %.2f s after start-up began (%.2f s after the process started)",
                 time.perf_counter() - self.started_at, seconds_since_process_start())
        self.login_shown.emit(dialog)

    def _close_login(self) -> None:
        if self.login is not None:
            login, self.login = self.login, None
            login.quit_requested.disconnect()
            login.close()
            login.deleteLater()

    def _logged_in(self, actor: Actor) -> None:
        self.has_users = True
        self._close_login()
        self.open_main_window(actor)

    def open_main_window(self, actor: Actor):  # noqa: ANN201
        from welcomedly_desktop.gui.main_window import MainWindow

        assert self.db is not None
        t0 = time.perf_counter()
        self.db.bind_user(actor.user_id)  # the change feed's "by"
        self.ctx = AppContext(self.db, actor, self.settings, self.runner)
        window = MainWindow(self.ctx)
        window.logout_requested.connect(self._logout)
        window.closed.connect(lambda: self.quit(0))
        self.window = window
        self.runner.session_end_handler = self._session_ended
        window.show()
        log.info("Main window shown %.3f s after login", time.perf_counter() - t0)
        page = window.current_page()
        if page is not None and hasattr(page, "loaded"):
            page.loaded.connect(lambda: log.info("First page filled %.3f s after login", time.perf_counter() - t0),
                                Qt.ConnectionType.SingleShotConnection)
        self.main_window_shown.emit(window)
        return window

    def _logout(self) -> None:
        window, ctx = self.window, self.ctx
        self.window = self.ctx = None
        self.runner.session_end_handler = None
        if window is not None:
            window.deleteLater()
        if ctx is not None:
            db, actor = ctx.db, ctx.actor
            self.runner.run(lambda: auth.logout(db, actor), label="logout")
            email = actor.email or ""
        else:
            email = ""
        self.show_login(email)

    # -- session ended on the server (issue 15) ----------------------------------------------
    def _session_ended(self, exc: SessionEnded) -> None:
        """An administrator ended this session, the user was deactivated or logged out elsewhere:
        close the window (its open forms first, saying so) and show the login dialog again."""
        window, ctx = self.window, self.ctx
        if window is None or ctx is None:
            return
        log.info("The app session was ended on the server: %s", exc.user_message)
        self.window = self.ctx = None
        self.runner.session_end_handler = None
        sessions.forget(ctx.db)  # the token is dead: the next login starts afresh
        forms = close_open_dialogs()
        if forms:
            message = tr("Your session was ended by an administrator or you signed in elsewhere, so the open form "
                         "was closed without saving; please log in again.")
        else:
            message = tr("Your session was ended by an administrator or you signed in elsewhere; please log in again.")
        window.closed.disconnect()
        window.logout_requested.disconnect()
        window.hide()
        email = ctx.actor.email or ""

        def finish() -> None:
            # Later, from the outer event loop: a dialog just rejected may still be unwinding its exec().
            if isValid(window):
                window.close()
                window.deleteLater()
            if not self._quitting and self.db is not None:
                self.show_login(email, message)

        QTimer.singleShot(0, finish)

    # -- quitting ---------------------------------------------------------------------------
    def quit(self, code: int = 0) -> None:
        if self._quitting:
            return
        self._quitting = True
        self._close_splash()
        self._close_login()
        if self.window is not None:
            window, self.window = self.window, None
            self.runner.session_end_handler = None
            window.closed.disconnect()
            window.logout_requested.disconnect()
            window.close()
            window.deleteLater()
        self.finished.emit(code)

    def shutdown(self) -> None:
        """After the event loop: let running work finish, then close the database (and embedded server)."""
        if not self.runner.wait_idle(30):
            log.warning("Some database work was still running at exit")
        self.runner.shutdown()
        if self.db is not None:
            self.db.close()
            self.db = None


def close_open_dialogs() -> int:
    """Reject every open dialog of the logged-in window; how many were forms (not message boxes),
    i.e. what the user may have been typing into."""
    forms = 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            if not isinstance(widget, QMessageBox):
                forms += 1
            widget.reject()
    return forms
