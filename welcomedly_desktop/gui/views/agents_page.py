"""Agents page: list with search and an "inactive too" switch; create, edit, (de)activate for managers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.agent_dialog import AgentDialog
from welcomedly_desktop.gui.models.agents_model import AgentsModel
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.services import agents
from welcomedly_desktop.services.agents import AgentView


class AgentsPage(TablePage):
    state_key = "agentsPage"
    row_kind = kinds.AGENTS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AgentsModel(), parent)
        self.model.setParent(self)
        self.search_edit.setPlaceholderText(self.tr("Search agents by name, e-mail or phone (Ctrl+F)"))
        self.show_inactive = QCheckBox(self.tr("Show inactive"), self)
        self.show_inactive.setObjectName("showInactive")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(self._apply_active_filter)
        self.filter_bar.addWidget(self.show_inactive)
        self.manager = ctx.actor.can_manage_campaigns
        self.buttons: dict[str, QPushButton] = {}
        if self.manager:
            self.buttons = self.add_buttons((("new", self.tr("New agent…"), self.new_item),
                                             ("edit", self.tr("Edit…"), self.edit_item),
                                             ("toggle", self.tr("Deactivate"), self.delete_item)))
        else:
            self.new_item = self.edit_item = self.delete_item = None  # type: ignore[assignment]
        self.button_bar.addStretch(1)
        self.table.sortByColumn(AgentsModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.actions_changed.connect(self._update_buttons)
        ctx.data_changed.connect(lambda kind, id_: kind in (kinds.AGENTS, kinds.ASSIGNMENTS) and self.refresh_for(kind, id_))
        self._update_buttons()

    def empty_text(self) -> str:
        if self.manager:
            return self.tr("No agents yet. Add the first one with New agent… (Ctrl+N), then assign agents to a "
                           "campaign on the Campaigns page.")
        return self.tr("There are no agents to show.")

    def load(self, session) -> list[AgentView]:  # noqa: ANN001
        return agents.list_agents(session, self.ctx.actor)

    def load_rows(self, session, ids: frozenset) -> list[AgentView]:  # noqa: ANN001
        return agents.list_agents(session, self.ctx.actor, ids=ids)

    def _apply_active_filter(self, show: bool) -> None:
        self.proxy.set_row_predicate(None if show else (lambda a: a.active))

    def _update_buttons(self) -> None:
        row = self.selected_row()
        if "edit" in self.buttons:
            self.buttons["edit"].setEnabled(row is not None)
            self.buttons["toggle"].setEnabled(row is not None)
            self.buttons["toggle"].setText(self.tr("Reactivate") if row is not None and not row.active
                                           else self.tr("Deactivate"))

    def can_edit_item(self) -> bool:
        return self.selected_row() is not None

    def can_delete_item(self) -> bool:
        return self.selected_row() is not None

    def _open(self, agent: AgentView | None) -> None:
        dialog = AgentDialog(self.ctx, agent, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.saved.connect(lambda view: self.loaded.connect(lambda: self.select_id(view.id),
                                                              Qt.ConnectionType.SingleShotConnection))
        self.dialog = dialog
        dialog.open()

    def new_item(self) -> None:  # type: ignore[no-redef]
        self._open(None)

    def edit_item(self) -> None:  # type: ignore[no-redef]
        row = self.selected_row()
        if row is not None:
            self._open(row)

    def delete_item(self) -> None:  # type: ignore[no-redef]
        """Agents are never deleted (their history stays): Delete deactivates, or reactivates."""
        row = self.selected_row()
        if row is None:
            return
        actor = self.ctx.actor
        if row.active:
            text = self.tr("Deactivate {name}? They keep their history and assignments but cannot be "
                           "assigned to new campaigns.").format(name=row.name)
            if not messages.confirm(self, self.tr("Deactivate agent"), text, ok_text=self.tr("Deactivate")):
                return
            work = lambda s: agents.deactivate_agent(s, actor, row.id, expected_version=row.version)  # noqa: E731
        else:
            work = lambda s: agents.reactivate_agent(s, actor, row.id, expected_version=row.version)  # noqa: E731
        self.ctx.run_in_session(work, lambda view: self.ctx.notify_changed(kinds.AGENTS, view.id), parent=self,
                                label="toggle agent")
