"""Small pieces of the work queue page: read-only tables and how phones and times are shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from welcomedly_desktop.gui.labels import line_type_label
from welcomedly_desktop.formatting import format_datetime


def phone_text(item) -> str:  # noqa: ANN001 - a QueueItem
    """The phone as people write it, with its line type: "312 4900097 (Mobile)"."""
    phone = item.phone_display or item.phone
    kind = line_type_label(item.line_type)
    return f"{phone} ({kind})" if kind else phone


def when(value: dt.datetime | None) -> str:
    return format_datetime(value.astimezone()) if value else ""


def table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setAlternatingRowColors(True)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
