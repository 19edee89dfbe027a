"""Put one number on the do-not-call list: the phone, the list (global or one campaign's), a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, add_field_rows, error_label
from welcomedly_desktop.services import campaigns, dnc


class DncDialog(QDialog):
    saved = Signal(object)  # services.dnc.DncResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dncDialog")
        self.setWindowTitle(self.tr("Add to the do-not-call list"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setPlaceholderText(self.tr("As people write it, e.g. 312 490 0097"))
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("scopeCombo")
        self.scope_combo.addItem(self.tr("Every campaign"), None)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("Optional, e.g. asked not to be called"))
        form = QFormLayout()
        labels = add_field_rows(self, form, (("phone", self.tr("&Phone:"), self.phone_edit),
                                             ("campaign_id", self.tr("&List:"), self.scope_combo),
                                             ("reason", self.tr("&Reason:"), self.reason_edit)))
        self.form_error = error_label(self, "formError")
        self.errors = FieldErrors(labels, self.form_error, {"phone": self.phone_edit, "reason": self.reason_edit})
        self.errors.clear_on_change(("phone",), self.phone_edit.textEdited)
        self.errors.clear_on_change(("reason",), self.reason_edit.textEdited)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        actor = ctx.actor
        ctx.run_read(lambda s: campaigns.list_campaigns(s, actor), self._campaigns_loaded, parent=self,
                     label="campaigns for the do-not-call list")

    def _campaigns_loaded(self, views) -> None:  # noqa: ANN001
        for view in views:
            self.scope_combo.addItem(self.tr("Campaign {name}").format(name=view.name), view.id)

    def save(self) -> None:
        self.errors.clear()
        phone, reason = self.phone_edit.text(), self.reason_edit.text()
        campaign_id = self.scope_combo.currentData()
        actor, country = self.ctx.actor, self.ctx.settings.default_country_code
        self.ctx.run_in_session(lambda s: dnc.add_dnc(s, actor, phone, campaign_id=campaign_id, reason=reason,
                                                      country_code=country),
                                self._saved, self._failed, parent=self, label="add to the do-not-call list")

    def _saved(self, result) -> None:  # noqa: ANN001
        self.ctx.notify_changed(kinds.DNC, None)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, ValidationError):
            self.errors.show(exc)
            return True
        return False
