"""Log in (form from ui/login_dialog.ui) and, on an empty database, create the first administrator.

Both dialogs are shown non-modally by the app controller (gui/controller.py); they check the
credentials on a worker and emit ``logged_in(actor)``.  A failed login shows the one uniform
message of :mod:`welcomedly_desktop.services.auth` (it never says whether the e-mail exists).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.errors import AuthenticationError, ValidationError, WelcomedlyError
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, add_field_rows, error_label, fit_height
from welcomedly_desktop.gui.generated.ui_login_dialog import Ui_LoginDialog
from welcomedly_desktop.gui.labels import country_items
from welcomedly_desktop.gui.operations import OperationRunner
from welcomedly_desktop.services import auth, org_settings


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Actor
    database_requested = Signal()
    quit_requested = Signal()

    def __init__(self, runner: OperationRunner, db: Database, parent: QWidget | None = None,
                 email: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.db = db
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.setObjectName("loginDialog")
        self.ui.messageLabel.setVisible(False)
        self.ui.databaseLabel.setText(self.tr("Database: {db}").format(db=db.display_url))
        self.ui.emailEdit.setText(email)
        self.ui.loginButton.clicked.connect(self.attempt_login)
        self.ui.quitButton.clicked.connect(self.reject)
        self.ui.databaseButton.clicked.connect(self.database_requested)
        self.rejected.connect(self.quit_requested)
        (self.ui.passwordEdit if email else self.ui.emailEdit).setFocus()

    @property
    def message(self) -> str:
        return self.ui.messageLabel.text() if self.ui.messageLabel.isVisible() else ""

    def show_message(self, text: str) -> None:
        """One sentence above the form (a failed login, or why the user is asked to log in again)."""
        self.ui.messageLabel.setText(text)
        self.ui.messageLabel.setVisible(True)
        fit_height(self)

    def attempt_login(self) -> None:
        email, password = self.ui.emailEdit.text(), self.ui.passwordEdit.text()
        self.ui.messageLabel.setVisible(False)
        self._set_busy(True)
        db = self.db
        self.runner.run(lambda: auth.login(db, email, password, client="gui"), self._success, self._failure,
                        parent=self, label="login")

    def _set_busy(self, busy: bool) -> None:
        self.ui.loginButton.setEnabled(not busy)
        self.ui.loginButton.setText(self.tr("Checking…") if busy else self.tr("&Log in"))

    def _success(self, actor) -> None:  # noqa: ANN001
        self._set_busy(False)
        self.logged_in.emit(actor)

    def _failure(self, exc: BaseException) -> bool:
        self._set_busy(False)
        if isinstance(exc, WelcomedlyError):  # wrong password, locked, database down: one sentence here
            self.ui.messageLabel.setText(exc.user_message)
            self.ui.messageLabel.setVisible(True)
            fit_height(self)  # the lockout sentence wraps onto more lines
            if isinstance(exc, AuthenticationError):
                self.ui.passwordEdit.clear()
                self.ui.passwordEdit.setFocus()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)


class FirstAdminDialog(QDialog):
    """Shown instead of the login when the database has no user yet: the first account is an admin."""

    logged_in = Signal(object)  # Actor
    database_requested = Signal()
    quit_requested = Signal()

    def __init__(self, runner: OperationRunner, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.db = db
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("Welcomedly — first start"))
        intro = QLabel(self.tr(
            "<h2>Welcome</h2>This database has no user accounts yet. Create the first administrator "
            "account; you can add supervisors and agents afterwards."), self)
        intro.setWordWrap(True)
        db_label = QLabel(self.tr("Database: {db}").format(db=db.display_url), self)
        db_label.setWordWrap(True)
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("emailEdit")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("repeatEdit")
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.country_combo = country_combo(self, QLocale.system().name())
        form = QFormLayout()
        labels = add_field_rows(self, form, (("email", self.tr("&E-mail:"), self.email_edit),
                                             ("name", self.tr("&Name:"), self.name_edit),
                                             ("password", self.tr("&Password:"), self.password_edit),
                                             ("repeat", self.tr("&Repeat password:"), self.repeat_edit),
                                             ("country", self.tr("&Country:"), self.country_combo)))
        self.form_error = error_label(self, "formError")
        self.errors = FieldErrors(labels, self.form_error)
        for key, edit in (("email", self.email_edit), ("name", self.name_edit), ("password", self.password_edit),
                          ("repeat", self.repeat_edit)):
            self.errors.clear_on_change((key,), edit.textEdited)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("Create administrator"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        database = buttons.addButton(self.tr("Database…"), QDialogButtonBox.ButtonRole.ResetRole)
        database.clicked.connect(self.database_requested)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.rejected.connect(self.quit_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(db_label)
        layout.addWidget(buttons)

    def create(self) -> None:
        self.errors.clear()
        if self.password_edit.text() != self.repeat_edit.text():
            self.errors.show(ValidationError("repeat", self.tr("The two passwords differ.")))
            return
        db = self.db
        email, name, password = self.email_edit.text(), self.name_edit.text(), self.password_edit.text()
        country = self.country_combo.currentData()  # how national phone numbers are read (issue 18)

        def work():  # noqa: ANN202
            with db.session() as session:
                # actor=None: the service makes the first user of an empty database an admin, and
                # refuses if another workstation created one meanwhile.
                auth.register(session, None, email=email, name=name, role="admin", password=password, country=country)
            return auth.login(db, email, password, client="gui")

        def failed(exc: BaseException) -> bool:
            self.create_button.setEnabled(True)
            if isinstance(exc, ValidationError):
                self.errors.show(exc)
                return True
            if isinstance(exc, WelcomedlyError):
                self.errors.show(ValidationError(None, exc.user_message))
                return True
            return False

        def done(actor) -> None:  # noqa: ANN001
            self.logged_in.emit(actor)

        self.create_button.setEnabled(False)
        self.runner.run(work, done, failed, parent=self, label="create first admin")


def country_combo(parent: QWidget, locale_name: str) -> QComboBox:
    """Countries by name with their calling code ("Colombia (+57)"), the locale's own selected."""
    combo = QComboBox(parent)
    combo.setObjectName("countryCombo")
    for text, code in country_items():
        combo.addItem(text, code)
    chosen = org_settings.country_from_locale(locale_name)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else combo.findData("US"))
    return combo
