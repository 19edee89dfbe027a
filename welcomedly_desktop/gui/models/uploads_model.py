"""Table models of uploads (``services.imports.UploadView``) and of one upload's rejected rows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("UploadsModel", text)


def status_label(status: str) -> str:
    return {
        "uploaded": tr("Uploaded"),
        "processing": tr("Processing"),
        "processed": tr("Processed"),
        "failed": tr("Failed"),
        "cancelled": tr("Cancelled"),
    }.get(status, status)


_STATUS_COLOURS = {"failed": "#b00020", "cancelled": "#8a6d00", "processing": "#1565c0"}


class UploadsModel(RowTableModel):
    COL_FILE, COL_CAMPAIGN, COL_STATUS, COL_ROWS, COL_IMPORTED, COL_REJECTED, COL_DUPLICATES, COL_DNC, \
        COL_WARNINGS, COL_BY, COL_AT, COL_MESSAGE = range(12)

    columns = (
        Column("file", tr("File"), lambda u: u.original_filename, tooltip=lambda u: u.file_path or ""),
        Column("campaign", tr("Campaign"), lambda u: u.campaign_name),
        Column("status", tr("Status"), lambda u: u.status, display=lambda u: status_label(u.status),
               tooltip=lambda u: u.error_message or ""),
        Column("rows", tr("Rows"), lambda u: u.rows_total, align_right=True, searchable=False),
        Column("imported", tr("Imported"), lambda u: u.imported, align_right=True, searchable=False),
        Column("rejected", tr("Rejected"), lambda u: u.rejected, align_right=True, searchable=False),
        Column("duplicates", tr("Duplicates"), lambda u: u.duplicates, align_right=True, searchable=False),
        Column("dnc", tr("Do not call"), lambda u: u.dnc, align_right=True, searchable=False),
        # Imported rows whose number the numbering plan does not know (services/upload_warnings.py).
        Column("warnings", tr("Warnings"), lambda u: u.warnings, align_right=True, searchable=False,
               tooltip=lambda u: tr("Imported, but the numbering plan does not know the number; see Rejected rows…")
               if u.warnings else ""),
        Column("uploaded_by", tr("Uploaded by"), lambda u: u.uploaded_by_name),
        Column("uploaded_at", tr("Uploaded"), lambda u: u.uploaded_at, searchable=False),
        Column("message", tr("Message"), lambda u: u.error_message or ""),
    )

    def extra_data(self, row, column: Column, role: int):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "status" and row.status in _STATUS_COLOURS:
            return QColor(_STATUS_COLOURS[row.status])
        return None


@dataclass(frozen=True)
class RejectRow:
    """A rejected row as the table shows it (``id`` is its position: rows have no id of their own)."""

    id: int
    source_row: int | None
    column_name: str | None
    reason: str


class RejectsModel(RowTableModel):
    COL_ROW, COL_COLUMN, COL_REASON = range(3)

    columns = (
        Column("row", tr("Row"), lambda r: r.source_row, align_right=True),
        Column("column", tr("Column"), lambda r: r.column_name or ""),
        Column("reason", tr("Reason"), lambda r: r.reason),
    )
