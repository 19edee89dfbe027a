"""Which database this workstation uses, and (for an administrator) changing it.

Shows the database in use with its password hidden.  Changing it is saved in the settings file
(without the password, see ``config.save_settings``); a shared server's password goes to the OS
keyring through :mod:`welcomedly_desktop.credentials`, or — on a machine without a keyring —
is kept for this run only and asked for again at the next start.

Who may change it: when the current database is reachable and has accounts, an administrator's
e-mail and password are required (checked with a normal login, which is audited and throttled).
When it cannot be reached or is empty, whoever installs the program must be able to fix it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.config import (
    Settings,
    display_url,
    normalize_database_url,
    plain_postgresql_url,
    save_settings,
    strip_password,
    url_password,
)
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.errors import ConfigurationError, PermissionDenied, ValidationError, WelcomedlyError
from welcomedly_desktop import credentials
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, error_label
from welcomedly_desktop.gui.operations import OperationRunner
from welcomedly_desktop.services import auth


def tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseDialog", text)


def describe_database(settings: Settings, db: Database | None) -> str:
    if db is not None:
        return db.display_url
    if settings.uses_embedded_database:
        return tr("built-in database in {path} (not running)").format(path=settings.pgdata_dir)
    return tr("{url} (not connected)").format(url=display_url(settings.database_url or ""))


class DatabaseDialog(QDialog):
    #: The new settings were saved; the controller reconnects with them.
    settings_changed = Signal(object)

    def __init__(self, runner: OperationRunner, settings: Settings, db: Database | None, *,
                 require_admin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.db = db
        self.require_admin = require_admin
        self.setObjectName("databaseDialog")
        self.setWindowTitle(self.tr("Database"))
        self.resize(520, 0)
        in_use = QLabel(self.tr("In use: {db}").format(db=describe_database(settings, db)), self)
        in_use.setObjectName("inUseLabel")
        in_use.setWordWrap(True)

        self.embedded_radio = QRadioButton(self.tr("&Built-in database on this computer"), self)
        self.embedded_radio.setObjectName("embeddedRadio")
        self.shared_radio = QRadioButton(self.tr("&Shared PostgreSQL server"), self)
        self.shared_radio.setObjectName("sharedRadio")
        group = QButtonGroup(self)
        group.addButton(self.embedded_radio)
        group.addButton(self.shared_radio)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setPlaceholderText("postgresql://user@server:5432/welcomedly")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("kept in the system keyring"))
        choice = QGroupBox(self.tr("Use"), self)
        form = QFormLayout(choice)
        form.addRow(self.embedded_radio)
        form.addRow(self.shared_radio)
        form.addRow(self.tr("Server &URL:"), self.url_edit)
        self.url_error = error_label(self, "urlError")
        form.addRow("", self.url_error)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        if settings.database_url:
            self.shared_radio.setChecked(True)
            self.url_edit.setText(plain_postgresql_url(strip_password(settings.database_url)))
        else:
            self.embedded_radio.setChecked(True)
        self.shared_radio.toggled.connect(self._update_enabled)

        self.admin_box = QGroupBox(self.tr("Administrator authorization"), self)
        admin_form = QFormLayout(self.admin_box)
        self.admin_email = QLineEdit(self)
        self.admin_email.setObjectName("adminEmailEdit")
        self.admin_password = QLineEdit(self)
        self.admin_password.setObjectName("adminPasswordEdit")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        admin_form.addRow(QLabel(self.tr("Only an administrator can change the database."), self))
        admin_form.addRow(self.tr("Admin e-&mail:"), self.admin_email)
        admin_form.addRow(self.tr("Admin pass&word:"), self.admin_password)
        self.admin_box.setVisible(require_admin)

        self.form_error = error_label(self, "formError")
        self.errors = FieldErrors({"database_url": self.url_error}, self.form_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save and reconnect"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(in_use)
        layout.addWidget(choice)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self._update_enabled()

    def _update_enabled(self) -> None:
        shared = self.shared_radio.isChecked()
        self.url_edit.setEnabled(shared)
        self.password_edit.setEnabled(shared)

    def _new_url(self) -> tuple[str | None, str | None]:
        """(URL without password or None for built-in, password typed or found in the URL)."""
        if not self.shared_radio.isChecked():
            return None, None
        text = self.url_edit.text().strip()
        if not text:
            raise ValidationError("database_url", self.tr("Enter the server URL, e.g. postgresql://user@server/welcomedly."))
        try:
            url = normalize_database_url(text)
        except ConfigurationError as exc:
            raise ValidationError("database_url", exc.user_message) from None
        from sqlalchemy.engine import make_url

        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001
            raise ValidationError("database_url", self.tr("This is not a valid database URL.")) from None
        password = self.password_edit.text() or url_password(url)  # user:pw@ or ?password=
        return strip_password(url), (str(password) if password else None)

    def save(self) -> None:
        self.errors.clear()
        try:
            url, password = self._new_url()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        db, require_admin = self.db, self.require_admin
        email, admin_password = self.admin_email.text(), self.admin_password.text()
        settings = self.settings

        def work():  # noqa: ANN202
            if require_admin:
                if db is None:
                    raise PermissionDenied("The current database cannot be reached to check the administrator.")
                actor = auth.login(db, email, admin_password, client="gui")
                if not actor.is_admin:
                    raise PermissionDenied("Only an administrator can change the database.")
            return save_settings(settings, database_url=url)

        def done(new_settings: Settings) -> None:
            if url and password:
                if not credentials.remember(url, password):
                    messages.information(self, self.tr("Password not remembered"), self.tr(
                        "This computer has no system keyring, so the database password cannot be remembered "
                        "here. It is used for this session only; you will be asked for it at the next start."))
            self.settings_changed.emit(new_settings)
            self.accept()

        def failed(exc: BaseException) -> bool:
            self.save_button.setEnabled(True)
            if isinstance(exc, WelcomedlyError):
                self.errors.show(ValidationError(None, exc.user_message))
                return True
            return False

        self.save_button.setEnabled(False)
        self.runner.run(work, done, failed, parent=self, label="save database settings")

