"""Create or edit an agent profile (code-built: three fields, nothing a Designer form would add)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from welcomedly_desktop.errors import ConflictError, ValidationError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.conflict_dialog import ConflictChoice, ask_conflict
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors, add_field_rows, error_label
from welcomedly_desktop.services import agents
from welcomedly_desktop.services.agents import AgentView


class AgentDialog(QDialog):
    saved = Signal(object)  # AgentView

    def __init__(self, ctx: AppContext, agent: AgentView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent = agent
        self.setObjectName("agentDialog")
        self.setWindowTitle(self.tr("New agent") if agent is None else self.tr("Edit agent"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("emailEdit")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phoneEdit")
        form = QFormLayout()
        labels = add_field_rows(self, form, (("name", self.tr("&Name:"), self.name_edit),
                                             ("email", self.tr("&E-mail:"), self.email_edit),
                                             ("phone", self.tr("&Phone:"), self.phone_edit)))
        self.form_error = error_label(self, "formError")
        self.errors = FieldErrors(labels, self.form_error,
                                  {"name": self.name_edit, "email": self.email_edit, "phone": self.phone_edit})
        for key, edit in (("name", self.name_edit), ("email", self.email_edit), ("phone", self.phone_edit)):
            self.errors.clear_on_change((key,), edit.textEdited)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self._fill(agent)

    def _fill(self, agent: AgentView | None) -> None:
        self.name_edit.setText(agent.name if agent else "")
        self.email_edit.setText(agent.email if agent else "")
        self.phone_edit.setText((agent.phone or "") if agent else "")
        self.version = agent.version if agent else None

    def save(self, *, expected_version: Any = "form") -> None:
        self.errors.clear()
        values = {"name": self.name_edit.text(), "email": self.email_edit.text(), "phone": self.phone_edit.text()}
        actor = self.ctx.actor
        version = self.version if expected_version == "form" else expected_version
        if self.agent is None:
            def work(session):  # noqa: ANN001, ANN202
                return agents.create_agent(session, actor, **values)
        else:
            agent_id = self.agent.id

            def work(session):  # noqa: ANN001, ANN202
                return agents.update_agent(session, actor, agent_id, expected_version=version, **values)

        self.ctx.run_in_session(work, self._saved, self._failed, parent=self, label="save agent")

    def _saved(self, view: AgentView) -> None:
        self.agent = view
        self.ctx.notify_changed(kinds.AGENTS, view.id)
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, ValidationError):
            self.errors.show(exc)
            return True
        if isinstance(exc, ConflictError) and self.agent is not None:
            choice = ask_conflict(self, self.tr("agent"))
            if choice is ConflictChoice.OVERWRITE:
                self.save(expected_version=None)
            elif choice is ConflictChoice.RELOAD:
                agent_id, actor = self.agent.id, self.ctx.actor
                self.ctx.run_in_session(lambda s: agents.get_agent(s, actor, agent_id), self._reloaded, parent=self)
            return True
        return False

    def _reloaded(self, view: AgentView) -> None:
        self.agent = view
        self._fill(view)
