"""Table model of the do-not-call list (rows are ``services.dnc.DncEntry``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("DncModel", text)


def _scope(entry) -> str:  # noqa: ANN001 - which list: the global one or a campaign's
    return entry.campaign_name or QCoreApplication.translate("DncModel", "Every campaign")


class DncModel(RowTableModel):
    COL_PHONE, COL_LIST, COL_REASON, COL_ADDED_BY, COL_ADDED_AT = range(5)

    columns = (
        # As people write it (services/phone_display.py), like the records view; the stored E.164 in the tooltip.
        Column("phone", tr("Phone"), lambda e: e.phone, display=lambda e: e.phone_display or e.phone,
               tooltip=lambda e: f"+{e.phone}"),
        Column("list", tr("List"), _scope),
        Column("reason", tr("Reason"), lambda e: e.reason or ""),
        Column("added_by", tr("Added by"), lambda e: e.added_by or ""),
        Column("added_at", tr("Added"), lambda e: e.added_at, searchable=False),
    )
