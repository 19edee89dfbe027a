"""Table model of agents (rows are ``services.agents.AgentView``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("AgentsModel", text)


class AgentsModel(RowTableModel):
    COL_NAME, COL_EMAIL, COL_PHONE, COL_ACTIVE, COL_CAMPAIGNS, COL_UPDATED = range(6)

    columns = (
        Column("name", tr("Name"), lambda a: a.name),
        Column("email", tr("E-mail"), lambda a: a.email),
        Column("phone", tr("Phone"), lambda a: a.phone),
        Column("active", tr("Active"), lambda a: a.active, searchable=False),
        Column("campaigns", tr("Campaigns"), lambda a: a.campaign_count, align_right=True, searchable=False),
        Column("updated_at", tr("Updated"), lambda a: a.updated_at, searchable=False),
    )

    def extra_data(self, row, column, role):  # noqa: ANN001, ANN201
        # Inactive agents are greyed out so they stand apart without hiding them.
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None
