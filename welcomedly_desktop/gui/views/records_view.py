"""All records of a campaign in a table that opens at once, even with a million of them.

:class:`RecordsModel` fetches pages of 500 rows by keyset (``id > last id``) on the operation
runner, never on the GUI thread, and only when the view scrolls near the end
(``canFetchMore``/``fetchMore``).  Filters (status, agent, search) restart the paging; the total
count is fetched separately so the view can say "1,000,000 records" without loading them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.db.models import RecordStatus
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.labels import line_type_label, record_status_label
from welcomedly_desktop.gui.models.table_model import format_value
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP
from welcomedly_desktop.services import records
from welcomedly_desktop.services.records import RecordFilter, RecordRow

PAGE_SIZE = 500
_Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    COLUMNS = (
        ("id", "ID"),
        ("name", QT_TRANSLATE_NOOP("RecordsModel", "Name")),
        ("phone", QT_TRANSLATE_NOOP("RecordsModel", "Phone")),
        ("line_type", QT_TRANSLATE_NOOP("RecordsModel", "Line")),
        ("alt_phone", QT_TRANSLATE_NOOP("RecordsModel", "Alternate phone")),
        ("email", QT_TRANSLATE_NOOP("RecordsModel", "E-mail")),
        ("external_id", QT_TRANSLATE_NOOP("RecordsModel", "External id")),
        ("status", QT_TRANSLATE_NOOP("RecordsModel", "Status")),
        ("agent_name", QT_TRANSLATE_NOOP("RecordsModel", "Agent")),
        ("attempts", QT_TRANSLATE_NOOP("RecordsModel", "Attempts")),
        ("source_row", QT_TRANSLATE_NOOP("RecordsModel", "Row in file")),
        ("created_at", QT_TRANSLATE_NOOP("RecordsModel", "Added")),
    )

    #: Emitted (GUI thread) after a page arrived; tests and the status label listen.
    page_loaded = Signal(int)
    #: Total number of records matching the filter.
    total_changed = Signal(int)

    def __init__(self, ctx: AppContext, campaign_id: int, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.filter = RecordFilter()
        self._rows: list[RecordRow] = []
        self._exhausted = False
        self._fetching = False
        self._generation = 0  # answers for an older filter are dropped
        self.total: int | None = None

    # -- Qt interface ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.ToolTipRole:  # the number as stored (E.164), for copying into a dialler
            value = getattr(row, key) if key in ("phone", "alt_phone") else None
            return f"+{value}" if value and value.isdigit() else None
        if key == "status":
            return record_status_label(row.status)
        if key in ("phone", "alt_phone"):  # as people write them; the stored E.164 is the tooltip's
            return getattr(row, f"{key}_display") or format_value(getattr(row, key))
        if key == "line_type":
            return line_type_label(row.line_type)
        return format_value(getattr(row, key))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        after = self._rows[-1].id if self._rows else 0
        generation, flt, ctx, campaign_id = self._generation, self.filter, self.ctx, self.campaign_id

        def load(session):  # noqa: ANN001, ANN202 - worker thread
            return records.list_records(session, ctx.actor, campaign_id, after_id=after, limit=PAGE_SIZE, flt=flt)

        self.ctx.run_in_session(load, lambda rows: self._append(generation, rows),
                                lambda exc: self._failed(generation, exc), label="records page")

    # -- paging --------------------------------------------------------------------------------
    def _append(self, generation: int, rows: list[RecordRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if len(rows) < PAGE_SIZE:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(rows))

    def _failed(self, generation: int, exc: BaseException) -> bool:
        if generation == self._generation:
            self._fetching = False
            self._exhausted = True  # stop asking; the error is shown by the default handler
        return False

    def set_filter(self, flt: RecordFilter) -> None:
        self._generation += 1
        self.beginResetModel()
        self.filter = flt
        self._rows = []
        self._exhausted = False
        self._fetching = False
        self.total = None
        self.endResetModel()
        generation, ctx, campaign_id = self._generation, self.ctx, self.campaign_id

        def count(session):  # noqa: ANN001, ANN202
            return records.count_records(session, ctx.actor, campaign_id, flt)

        self.ctx.run_in_session(count, lambda n: self._set_total(generation, n), label="records count")
        self.fetchMore()

    def _set_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.total_changed.emit(total)


class RecordsView(QWidget):
    """Filter bar + lazy table over one campaign's records."""

    def __init__(self, ctx: AppContext, campaign_id: int, parent: QWidget | None = None,
                 *, upload_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsView")
        self.ctx = ctx
        self.upload_id = upload_id
        self.model = RecordsModel(ctx, campaign_id, self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("recordsSearch")
        self.search_edit.setPlaceholderText(self.tr("Search phone or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in RecordStatus:
            self.status_combo.addItem(record_status_label(status.value), status.value)
        self.agent_combo = QComboBox(self)
        self.agent_combo.setObjectName("agentCombo")
        self.agent_combo.addItem(self.tr("All agents"), None)
        self.agent_combo.addItem(self.tr("Not assigned"), -1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("recordsCount")
        self.table = QTableView(self)
        self.table.setObjectName("recordsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Fixed row height: Qt then never measures rows, which keeps a million-row view instant.
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.agent_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        # Typing searches after a short pause, not on every key.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.agent_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.total_changed.connect(self._show_count)
        self.model.page_loaded.connect(lambda _n: self._show_count(self.model.total))
        self._load_agents()
        self.apply_filter()

    def _load_agents(self) -> None:
        from welcomedly_desktop.db.models import Agent
        from sqlalchemy import select

        def load(session):  # noqa: ANN001, ANN202
            return list(session.execute(select(Agent.id, Agent.name).order_by(Agent.name)).all())

        def show(agents) -> None:  # noqa: ANN001
            for agent_id, name in agents:
                self.agent_combo.addItem(name, agent_id)

        self.ctx.run_in_session(load, show, parent=self, label="agents for records filter")

    def apply_filter(self) -> None:
        self.model.set_filter(RecordFilter(
            status=self.status_combo.currentData(), agent_id=self.agent_combo.currentData(),
            search=self.search_edit.text().strip() or None, upload_id=self.upload_id,
        ))

    def _show_count(self, total: int | None) -> None:
        loaded = self.model.rowCount()
        if total is None:
            self.count_label.setText(self.tr("{n:,} records loaded").format(n=loaded))
        elif total == 0:
            self.count_label.setText(self.tr("No records match."))
        elif loaded >= total:  # all there: no "(showing …)", and "1 record", not "1 records"
            self.count_label.setText(self.tr("1 record") if total == 1 else self.tr("{n:,} records").format(n=total))
        else:
            self.count_label.setText(self.tr("{n:,} records (showing {loaded:,})").format(n=total, loaded=loaded))


class RecordsDialog(QDialog):
    def __init__(self, ctx: AppContext, campaign_id: int, title: str, parent: QWidget | None = None,
                 *, upload_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.resize(1000, 640)
        self.view = RecordsView(ctx, campaign_id, self, upload_id=upload_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
