"""Admin dialogs for accounts: create a user (with role and first password) and change a role."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from welcomedly_desktop.db.models import ROLE_VALUES
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, add_field_rows, error_label
from welcomedly_desktop.gui.labels import role_label
from welcomedly_desktop.services import users
from welcomedly_desktop.services.users import UserView


def role_combo(parent: QWidget, current: str = "supervisor") -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("roleCombo")
    for role in ROLE_VALUES:
        combo.addItem(role_label(role), role)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


link_agent_profile = users.link_agent_profile  # the rule lives in services (issue 15)


class NewUserDialog(QDialog):
    saved = Signal(int)  # user id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newUserDialog")
        self.setWindowTitle(self.tr("New user"))
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("emailEdit")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.role_combo = role_combo(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("confirmEdit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        labels = add_field_rows(self, form, (("email", self.tr("&E-mail:"), self.email_edit),
                                             ("name", self.tr("&Name:"), self.name_edit),
                                             ("role", self.tr("&Role:"), self.role_combo),
                                             ("password", self.tr("&Password:"), self.password_edit),
                                             ("confirm", self.tr("&Repeat password:"), self.confirm_edit)))
        self.form_error = error_label(self, "formError")
        self.errors = FieldErrors(labels, self.form_error, {"email": self.email_edit, "name": self.name_edit,
                                                            "password": self.password_edit})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.errors.clear()
        if self.password_edit.text() != self.confirm_edit.text():
            self.errors.show(ValidationError("confirm", self.tr("The two passwords differ.")))
            return
        actor = self.ctx.actor
        email, name, role, password = (self.email_edit.text(), self.name_edit.text(),
                                       self.role_combo.currentData(), self.password_edit.text())

        def work(session):  # noqa: ANN001, ANN202
            # An agent account gets its agent profile in the same transaction (services.users).
            return users.create_user(session, actor, email=email, name=name, role=role, password=password).id

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.errors.show(exc)
                return True
            return False

        def done(user_id: int) -> None:
            self.ctx.notify_changed(kinds.USERS, user_id)
            self.saved.emit(user_id)
            self.accept()

        self.ctx.run_in_session(work, done, failed, parent=self, label="create user")


class RoleDialog(QDialog):
    saved = Signal(object)  # UserView

    def __init__(self, ctx: AppContext, user: UserView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("roleDialog")
        self.setWindowTitle(self.tr("Change role of {name}").format(name=user.name))
        self.role_combo = role_combo(self, user.role)
        self.error = error_label(self, "formError")
        form = QFormLayout()
        form.addRow(self.tr("&Role:"), self.role_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        actor, user, role = self.ctx.actor, self.user, self.role_combo.currentData()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.error.setText(exc.message)
                self.error.setVisible(True)
                return True
            return False

        def done(view: UserView) -> None:
            self.ctx.notify_changed(kinds.USERS, view.id)
            self.saved.emit(view)
            self.accept()

        self.ctx.run_in_session(lambda s: users.set_role(s, actor, user.id, role, expected_version=user.version),
                                done, failed, parent=self, label="change role")
