"""Table model of open app sessions (rows are ``services.sessions.SessionView``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from welcomedly_desktop.gui.labels import role_label
from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("SessionsModel", text)


class SessionsModel(RowTableModel):
    COL_USER, COL_EMAIL, COL_ROLE, COL_WORKSTATION, COL_CLIENT, COL_STARTED, COL_LAST_SEEN = range(7)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        #: This window's own session (marked in the list; ended with File > Log out instead).
        self.own_id: int | None = None
        self.columns = (
            Column("name", tr("User"), lambda s: s.name),
            Column("email", tr("E-mail"), lambda s: s.email),
            Column("role", tr("Role"), lambda s: s.role, display=lambda s: role_label(s.role)),
            Column("workstation", tr("Workstation"), lambda s: s.workstation, display=self._workstation,
                   tooltip=lambda s: s.address or ""),
            Column("client", tr("Client"), lambda s: s.client or "", display=_client_label),
            Column("started_at", tr("Started"), lambda s: s.started_at, searchable=False),
            Column("last_seen_at", tr("Last seen"), lambda s: s.last_seen_at, searchable=False),
        )

    def _workstation(self, row) -> str:  # noqa: ANN001
        if row.id == self.own_id:
            return tr("{workstation} (this window)").format(workstation=row.workstation)
        return row.workstation


def _client_label(row) -> str:  # noqa: ANN001
    labels = {"gui": tr("Desktop app"), "cli": tr("Command line")}
    return labels.get(row.client or "", row.client or "")
