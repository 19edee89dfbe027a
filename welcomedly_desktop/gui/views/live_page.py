"""Live page (supervisors, admins): the floor now, per campaign and per agent, updated by itself.

Driven by the change feed (gui/live): a burst of changes reloads the page once, through one
floor snapshot (services/floor.py), a short moment after the burst; a hidden page only notes that
it is out of date.  A 30-second timer is the fallback when nothing changes (time since the last
outcome keeps moving).  The time of the last update is shown, and where "Logged in" comes from
(the server's sessions, or the audit log on a database that holds none).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QProgressBar, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.services import floor
from welcomedly_desktop.formatting import format_number, format_percent

#: data_changed kinds that can move a figure of the floor
FLOOR_KINDS = (kinds.CAMPAIGNS, kinds.AGENTS, kinds.ASSIGNMENTS, kinds.RECORDS, kinds.ACTIVITY, kinds.UPLOADS,
               kinds.DISPOSITIONS, kinds.SESSIONS, kinds.AUDIT)  # SESSIONS: "Logged in"
FALLBACK_MS = 30_000
BURST_MS = 200


def _since(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class LivePage(QWidget):
    #: Emitted after a snapshot was drawn (tests wait for it).
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.snapshot: floor.FloorSnapshot | None = None
        self._loading = self._pending = self._stale = False
        self.updated_label = QLabel(self.tr("Not loaded yet"), self)
        self.updated_label.setObjectName("liveUpdated")
        self.campaign_table = _table(self, "liveCampaigns", [
            self.tr("Campaign"), self.tr("Records"), self.tr("Worked today"), self.tr("Contacts"),
            self.tr("Successes"), self.tr("Callbacks due"), self.tr("Progress")])
        self.agent_table = _table(self, "liveAgents", [
            self.tr("Agent"), self.tr("Logged in"), self.tr("Current campaign"), self.tr("Attempts (last hour)"),
            self.tr("Contacts (last hour)"), self.tr("Since last outcome")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.updated_label)
        layout.addWidget(QLabel(self.tr("Campaigns today"), self))
        layout.addWidget(self.campaign_table, 1)
        layout.addWidget(QLabel(self.tr("Agents"), self))
        self.logins_label = QLabel(self)
        self.logins_label.setObjectName("liveLoginsFrom")
        self.logins_label.setWordWrap(True)
        layout.addWidget(self.logins_label)
        layout.addWidget(self.agent_table, 1)
        self._burst = QTimer(self)
        self._burst.setSingleShot(True)
        self._burst.setInterval(BURST_MS)
        self._burst.timeout.connect(self.refresh)
        self._fallback = QTimer(self)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self.refresh)
        self._fallback.start()
        ctx.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, kind: str, _entity_id: object) -> None:
        if kind not in FLOOR_KINDS:
            return
        if self.isVisible():
            self._burst.start()  # restarted by each change of a burst: one snapshot per burst
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt naming
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if not self.isVisible() and self.snapshot is not None:
            self._stale = True
            return
        if self._loading:
            self._pending = True
            return
        self._loading, self._pending, self._stale = True, False, False
        actor = self.ctx.actor
        self.ctx.run_read(lambda s: floor.floor_snapshot(s, actor), self._loaded, self._failed, parent=self,
                          label="live floor")

    def _failed(self, _exc: BaseException) -> bool:
        self._loading = False
        self.updated_label.setText(self.tr("Could not update the floor; retrying with the next change."))
        return True  # the status bar already says when the server is unreachable

    def _loaded(self, snap: floor.FloorSnapshot) -> None:
        self._loading = False
        if self._pending:
            self.refresh()
            return
        self.snapshot = snap
        self._fill_campaigns(snap.campaigns)
        self._fill_agents(snap.agents)
        self.logins_label.setText(
            self.tr("Logged in: open sessions on the server.") if snap.logins_from == floor.LOGINS_FROM_SESSIONS
            else self.tr("Logged in: each agent's last login or logout today in the audit log, because this "
                         "database keeps no server sessions."))
        self.updated_label.setText(self.tr("Updated at {time}").format(time=snap.at.astimezone().strftime("%H:%M:%S")))
        self.loaded.emit()

    def _fill_campaigns(self, rows: list[floor.CampaignFloor]) -> None:
        table = self.campaign_table
        table.setRowCount(len(rows))
        for i, c in enumerate(rows):
            for j, value in enumerate((c.name, c.records, c.worked, c.contacts, c.successes, c.callbacks_due)):
                table.setItem(i, j, QTableWidgetItem(format_number(value) if isinstance(value, int) else str(value)))
            bar = table.cellWidget(i, 6) or QProgressBar(table)
            bar.setRange(0, 1000)
            bar.setValue(int(round((c.progress or 0) * 1000)))
            bar.setFormat(format_percent(c.progress or 0))
            table.setCellWidget(i, 6, bar)

    def _fill_agents(self, rows: list[floor.AgentFloor]) -> None:
        table = self.agent_table
        table.setRowCount(len(rows))
        for i, a in enumerate(rows):
            values = (a.name, self.tr("Yes") if a.logged_in else self.tr("No"), a.campaign_name or "—",
                      format_number(a.attempts_last_hour), format_number(a.contacts_last_hour), _since(a.seconds_since_last_outcome))
            for j, value in enumerate(values):
                table.setItem(i, j, QTableWidgetItem(value))
