"""A table model over a list of service view objects (frozen dataclasses), Vorta style.

* Columns are declared once (:class:`Column`): a key constant, a title, how to get the raw value and
  how to show it.
* ``SORT_ROLE`` returns the raw value (a date, an int) so sorting is chronological/numeric, not
  alphabetical on the displayed text; :class:`RowFilterProxy` compares those values in Python
  (None first) because QVariant cannot order arbitrary Python objects.
* ``ROW_ROLE`` returns the row object itself, so views never re-parse display text.
* :meth:`RowTableModel.set_rows` keeps unchanged rows and emits targeted ``dataChanged`` for rows
  whose object changed; only a change in the set of ids resets the model (which would drop the
  user's selection and scroll position).
* :meth:`RowTableModel.apply_rows` brings only the rows a change named up to date (changed in
  place, new inserted, gone removed), for the live office's targeted refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from welcomedly_desktop.formatting import format_date, format_datetime

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return QCoreApplication.translate("table", "Yes") if value else QCoreApplication.translate("table", "No")
    if isinstance(value, dt.datetime):
        # Stored in UTC; shown in the workstation's local time without seconds, as the language writes it.
        return format_datetime(value.astimezone())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int):
        return QLocale().toString(value)  # thousands separators of the user's locale (10,000 / 10.000)
    return str(value)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    value: Callable[[Any], Any]  # raw value (sort role)
    display: Callable[[Any], str] | None = None  # text; default format_value(raw)
    align_right: bool = False
    searchable: bool = True
    tooltip: Callable[[Any], str] | None = field(default=None)


class RowTableModel(QAbstractTableModel):
    """Rows are objects with an ``id`` attribute; columns come from :attr:`columns`."""

    columns: Sequence[Column] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            raw = column.value(row)
            return column.display(row) if column.display else format_value(raw)
        if role == SORT_ROLE:
            return column.value(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        return self.extra_data(row, column, role)

    def extra_data(self, row: Any, column: Column, role: int) -> Any:
        """Hook for subclasses (colours, fonts); None by default."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            # Titles are set when the model class is defined, maybe before the translators are
            # installed: look them up again (an already translated title comes back unchanged).
            return QCoreApplication.translate("", self.columns[section].title)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- rows ----------------------------------------------------------------------------------
    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_for_id(self, entity_id: Any) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == entity_id:
                return i
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        last = len(self.columns) - 1
        for i, row in enumerate(rows):
            if row != self._rows[i]:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def apply_rows(self, ids: Iterable[Any], rows: Sequence[Any]) -> None:
        """Bring the rows named by ``ids`` up to date; ``rows`` are those of them the list holds
        now.  A changed row is replaced in place (``dataChanged`` for that row only), a new one is
        inserted at the top (the proxy sorts and filters it), one no longer listed (deleted, or
        out of the query's filter) is removed; every other row is left alone."""
        fresh = {row.id: row for row in rows}
        position = {row.id: i for i, row in enumerate(self._rows)}
        last = len(self.columns) - 1
        for entity_id, row in fresh.items():
            i = position.get(entity_id)
            if i is not None and self._rows[i] != row:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        for i in sorted((position[e] for e in set(ids) if e in position and e not in fresh), reverse=True):
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
        new = [row for row in rows if row.id not in position]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._rows[0:0] = new
            self.endInsertRows()

    def update_row(self, row_object: Any) -> None:
        """Replace one row (same id) and tell the views about that row only."""
        i = self.row_for_id(row_object.id)
        if i is None:
            return
        self._rows[i] = row_object
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))


def _sort_key(value: Any) -> tuple:
    # None sorts first; mixed types never raise (compared by type name, then value).
    if value is None:
        return (0, "", 0)
    if isinstance(value, str):
        return (1, "str", value.casefold())
    if isinstance(value, dt.datetime):
        return (1, "datetime", value.timestamp())
    if isinstance(value, dt.date):
        return (1, "date", value.toordinal())
    if isinstance(value, bool):
        return (1, "num", int(value))
    if isinstance(value, (int, float)):
        return (1, "num", value)
    return (1, type(value).__name__, str(value))


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` values and filters by a search text plus an optional row predicate."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._search = ""
        self._predicate: Callable[[Any], bool] | None = None

    def set_search_text(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_row_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        # Read the raw values from the source rows: a date passed through QVariant comes back as
        # a QDate (or not at all for other objects), so the sort role is only for outside users.
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return super().lessThan(left, right)
        column = model.columns[left.column()]
        return _sort_key(column.value(model.row_at(left.row()))) < _sort_key(column.value(model.row_at(right.row())))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        row = model.row_at(source_row)
        if self._predicate is not None and not self._predicate(row):
            return False
        if not self._search:
            return True
        for column in model.columns:
            if column.searchable:
                raw = column.value(row)
                text = column.display(row) if column.display else format_value(raw)
                if self._search in text.casefold():
                    return True
        return False

    def row_object(self, proxy_index: _Index) -> Any:
        return proxy_index.data(ROW_ROLE) if proxy_index.isValid() else None
