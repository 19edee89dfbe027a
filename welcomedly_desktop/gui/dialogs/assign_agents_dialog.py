"""Choose a campaign's agents: a filterable checkbox list saved in one transaction."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.services import agents, assignments


class AssignAgentsDialog(QDialog):
    saved = Signal(object)  # AssignmentChange
    loaded = Signal()

    def __init__(self, ctx: AppContext, campaign_id: int, campaign_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.setObjectName("assignAgentsDialog")
        self.setWindowTitle(self.tr("Assign agents — {name}").format(name=campaign_name))
        self.resize(420, 480)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter agents by name or e-mail"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.list = QListWidget(self)
        self.list.setObjectName("agentList")
        self.summary = QLabel(self)
        self.summary.setObjectName("summaryLabel")
        self.list.itemChanged.connect(lambda _i: self._update_summary())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the list is loaded
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._load()

    def _load(self) -> None:
        actor, campaign_id = self.ctx.actor, self.campaign_id

        def work(session):  # noqa: ANN001, ANN202
            assigned = set(assignments.assigned_agent_ids(session, campaign_id))
            # Inactive agents are offered only if already assigned (so they can be removed).
            rows = [a for a in agents.list_agents(session, actor) if a.active or a.id in assigned]
            return rows, assigned

        self.ctx.run_in_session(work, self._fill, parent=self, label="load agents to assign")

    def _fill(self, result) -> None:  # noqa: ANN001
        rows, assigned = result
        self.list.blockSignals(True)
        for agent in rows:
            text = f"{agent.name} <{agent.email}>"
            if not agent.active:
                text += " " + self.tr("(inactive)")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, agent.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if agent.id in assigned else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.save_button.setEnabled(True)
        self._update_summary()
        self._apply_filter(self.filter_edit.text())
        self.loaded.emit()

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def checked_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, agent_id: int, checked: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == agent_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(agent_id)

    def _update_summary(self) -> None:
        n = len(self.checked_ids())
        self.summary.setText(self.tr("No agent selected") if n == 0 else self.tr("1 agent selected") if n == 1
                             else self.tr("{n} agents selected").format(n=n))

    def save(self) -> None:
        ids, actor, campaign_id = self.checked_ids(), self.ctx.actor, self.campaign_id
        self.save_button.setEnabled(False)

        def done(change) -> None:  # noqa: ANN001
            self.ctx.notify_changed(kinds.ASSIGNMENTS, campaign_id)
            self.ctx.notify_changed(kinds.CAMPAIGNS, campaign_id)
            self.saved.emit(change)
            self.accept()

        def failed(_exc: BaseException) -> bool:
            self.save_button.setEnabled(True)
            return False

        self.ctx.run_in_session(lambda s: assignments.set_assignments(s, actor, campaign_id, ids), done, failed,
                                parent=self, label="save assignments")
