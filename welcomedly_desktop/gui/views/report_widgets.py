"""Widgets of the Reports page: report tables as QTableWidgets, and the workstation's time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from welcomedly_desktop.printing.report_document import page_layout
from welcomedly_desktop.reports.tables import ReportTable


def system_timezone() -> str:
    """The workstation's IANA time zone when Python knows it, else UTC."""
    try:
        name = bytes(QTimeZone.systemTimeZoneId()).decode()
        ZoneInfo(name)
        return name
    except Exception:  # noqa: BLE001 - any doubt: UTC
        return "UTC"


def fill_table(widget: QTableWidget, table: ReportTable) -> None:
    widget.clear()
    widget.setColumnCount(len(table.columns))
    widget.setRowCount(len(table.rows))
    widget.setHorizontalHeaderLabels([c.title for c in table.columns])
    for r, row in enumerate(table.formatted()):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()


def table_widget(parent: QWidget, name: str) -> QTableWidget:
    widget = QTableWidget(parent)
    widget.setObjectName(name)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setAlternatingRowColors(True)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return widget


def new_printer() -> QPrinter:
    """A printer set up like every report page (printing.report_document.page_layout), high resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    return printer
