"""Every user's own profile: name and e-mail, and changing the password."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.errors import ConflictError, ValidationError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, error_label
from welcomedly_desktop.gui.labels import role_label
from welcomedly_desktop.services import auth, users
from welcomedly_desktop.services.users import UserView


class ProfileDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile: UserView | None = None
        self.setObjectName("profileDialog")
        self.setWindowTitle(self.tr("My profile"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("emailEdit")
        self.role_label = QLabel(role_label(ctx.actor.role), self)
        profile_box = QGroupBox(self.tr("Profile"), self)
        form = QFormLayout(profile_box)
        labels = {"name": error_label(self, "nameError"), "email": error_label(self, "emailError")}
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow("", labels["name"])
        form.addRow(self.tr("&E-mail:"), self.email_edit)
        form.addRow("", labels["email"])
        form.addRow(self.tr("Role:"), self.role_label)
        self.profile_error = error_label(self, "profileError")
        form.addRow(self.profile_error)
        self.profile_errors = FieldErrors(labels, self.profile_error)
        self.save_profile_button = QPushButton(self.tr("Save profile"), self)
        self.save_profile_button.setObjectName("saveProfileButton")
        self.save_profile_button.setEnabled(False)
        self.save_profile_button.clicked.connect(self.save_profile)
        form.addRow(self.save_profile_button)

        password_box = QGroupBox(self.tr("Change password"), self)
        pform = QFormLayout(password_box)
        self.current_edit, self.new_edit, self.repeat_edit = (QLineEdit(self) for _ in range(3))
        plabels = {}
        for key, text, edit in (("current_password", self.tr("&Current password:"), self.current_edit),
                                ("new_password", self.tr("Ne&w password:"), self.new_edit),
                                ("repeat", self.tr("&Repeat new password:"), self.repeat_edit)):
            edit.setObjectName(f"{key}Edit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            pform.addRow(text, edit)
            plabels[key] = error_label(self, f"{key}Error")
            pform.addRow("", plabels[key])
        self.password_error = error_label(self, "passwordError")
        pform.addRow(self.password_error)
        self.password_errors = FieldErrors(plabels, self.password_error)
        self.password_button = QPushButton(self.tr("Change password"), self)
        self.password_button.setObjectName("changePasswordButton")
        self.password_button.clicked.connect(self.change_password)
        pform.addRow(self.password_button)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(profile_box)
        layout.addWidget(password_box)
        layout.addWidget(close)
        actor = ctx.actor
        ctx.run_in_session(lambda s: users.get_profile(s, actor), self._fill, parent=self, label="load profile")

    def _fill(self, profile: UserView) -> None:
        self.profile = profile
        self.name_edit.setText(profile.name)
        self.email_edit.setText(profile.email)
        self.save_profile_button.setEnabled(True)

    def save_profile(self) -> None:
        if self.profile is None:
            return
        self.profile_errors.clear()
        actor, profile = self.ctx.actor, self.profile
        name, email = self.name_edit.text(), self.email_edit.text()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.profile_errors.show(exc)
                return True
            if isinstance(exc, ConflictError):
                self.profile_errors.show(ValidationError(None, self.tr(
                    "Your profile was changed on another workstation; close this dialog and open it again.")))
                return True
            return False

        def done(view: UserView) -> None:
            self.profile = view
            self.ctx.set_actor(dataclasses.replace(self.ctx.actor, name=view.name, email=view.email))
            self.ctx.notify_changed(kinds.USERS, view.id)
            messages.information(self, self.tr("Profile"), self.tr("Your profile was saved."))

        self.ctx.run_in_session(
            lambda s: users.update_profile(s, actor, profile.id, expected_version=profile.version, name=name, email=email),
            done, failed, parent=self, label="save profile")

    def change_password(self) -> None:
        self.password_errors.clear()
        if self.new_edit.text() != self.repeat_edit.text():
            self.password_errors.show(ValidationError("repeat", self.tr("The two new passwords differ.")))
            return
        actor, current, new = self.ctx.actor, self.current_edit.text(), self.new_edit.text()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.password_errors.show(exc)
                return True
            return False

        def done(_none: None) -> None:
            for edit in (self.current_edit, self.new_edit, self.repeat_edit):
                edit.clear()
            messages.information(self, self.tr("Password"), self.tr("Your password was changed."))

        self.ctx.run_in_session(lambda s: auth.change_password(s, actor, current_password=current, new_password=new),
                                done, failed, parent=self, label="change password")
