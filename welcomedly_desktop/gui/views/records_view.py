"""All records of a campaign in a table that opens at once, even with a million of them.

:class:`RecordsModel` fetches pages of 500 rows by keyset (``id > last id``) on the operation
runner, never on the GUI thread, and only when the view scrolls near the end
(``canFetchMore``/``fetchMore``).  Filters (status, agent, search) restart the paging; the total
count is fetched separately so the view can say "1,000,000 records" without loading them.

Live office: the model follows record changes of its campaign made on other workstations
(``RECORD_CHANGES``).  Changes naming ids re-read only those records (same filter, same
permissions) and update the loaded rows in place: dataChanged for a changed row, a row removed when
it was deleted or no longer matches, a row inserted when it now matches within the loaded range.
A bulk change (a count, no ids) or a reconnect reloads the rows loaded so far; the view keeps its
selection and scroll position.  One such query runs at a time; changes arriving meanwhile are
gathered into the next one, so a burst costs a query or two, not one per change.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
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
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext, RecordChanges
from welcomedly_desktop.gui.labels import line_type_label, record_status_label
from welcomedly_desktop.gui.models.table_model import format_value
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP
from welcomedly_desktop.services import records
from welcomedly_desktop.services.records import RecordFilter, RecordRow
from welcomedly_desktop.i18n import localized

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
    #: Live: rows a change named were brought up to date in place (tests wait for it).
    rows_refreshed = Signal()
    #: Live: a reload is about to replace the rows / has replaced them (the view keeps its selection).
    reloading = Signal()
    reloaded = Signal()

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
        self._live_busy = False  # one live query at a time
        self._pending_ids: set[int] = set()
        self._pending_reload = False
        ctx.data_changed.connect(self._on_data_changed)

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
        self._live_busy = self._pending_reload = False  # this load reads every change made so far
        self._pending_ids.clear()
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

    # -- live ------------------------------------------------------------------------------------
    def row_of(self, record_id: int) -> int | None:
        """The row of ``record_id`` among the loaded rows (they are in id order), or None."""
        pos = bisect.bisect_left(self._rows, record_id, key=lambda r: r.id)
        return pos if pos < len(self._rows) and self._rows[pos].id == record_id else None

    def _on_data_changed(self, kind: str, changes: object) -> None:
        if kind != kinds.RECORD_CHANGES:
            return
        if isinstance(changes, RecordChanges) and not changes.touches(self.campaign_id):
            return  # another campaign's records
        if isinstance(changes, RecordChanges) and changes.ids is not None:
            self._pending_ids.update(changes.ids)
        else:  # a bulk change or a reconnect: reload what is loaded
            self._pending_reload = True
        self._run_live()

    def _run_live(self) -> None:
        if self._live_busy or not (self._pending_reload or self._pending_ids):
            return
        self._live_busy = True
        generation, ctx, campaign_id, flt = self._generation, self.ctx, self.campaign_id, self.filter
        last_id = self._rows[-1].id if self._rows else 0
        if self._pending_reload:
            self._pending_reload = False
            self._pending_ids.clear()  # the reload reads them too

            def reload(session):  # noqa: ANN001, ANN202 - worker thread
                rows = records.list_records(session, ctx.actor, campaign_id, limit=2**31 - 1, flt=flt, up_to_id=last_id)
                return rows, records.count_records(session, ctx.actor, campaign_id, flt)

            self.ctx.run_read(reload, lambda result: self._reloaded(generation, last_id, *result),
                              lambda exc: self._live_failed(generation, exc), label="records reload")
            return
        # Ids beyond the loaded range come with a later page (unless everything is loaded already).
        ids = frozenset(self._pending_ids)
        self._pending_ids.clear()
        wanted = ids if self._exhausted else frozenset(i for i in ids if i <= last_id)
        recount = wanted != ids  # some may have joined or left the filter beyond the loaded range

        def refresh(session):  # noqa: ANN001, ANN202 - worker thread
            rows = records.list_records(session, ctx.actor, campaign_id, limit=len(wanted), flt=flt, ids=wanted) \
                if wanted else []
            return rows, records.count_records(session, ctx.actor, campaign_id, flt) if recount else None

        self.ctx.run_read(refresh, lambda result: self._refreshed(generation, wanted, *result),
                          lambda exc: self._live_failed(generation, exc), label="records refresh")

    def _refreshed(self, generation: int, wanted: frozenset[int], rows: list[RecordRow], total: int | None) -> None:
        if generation != self._generation:
            return
        self._live_busy = False
        fresh = {r.id: r for r in rows}
        delta = 0
        last_column = len(self.COLUMNS) - 1
        for record_id in sorted(wanted):
            row = self.row_of(record_id)
            new = fresh.get(record_id)
            if row is not None and new is not None:  # changed: only its cells are drawn again
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
            elif row is not None:  # deleted, or no longer matches the filter
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                delta -= 1
            elif new is not None:  # new, or matches the filter now
                at = bisect.bisect_left(self._rows, record_id, key=lambda r: r.id)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, new)
                self.endInsertRows()
                delta += 1
        if total is None and delta and self.total is not None:
            total = self.total + delta
        if total is not None:
            self._set_total(generation, total)
        self.rows_refreshed.emit()
        self._run_live()

    def _reloaded(self, generation: int, bound: int, rows: list[RecordRow], total: int) -> None:
        if generation != self._generation:
            return
        self._live_busy = False
        self.reloading.emit()
        self.beginResetModel()
        # Rows a page brought in meanwhile (beyond the bound) stay; new ones beyond come with paging.
        self._rows = rows + [r for r in self._rows if r.id > bound]
        was_exhausted, self._exhausted = self._exhausted, False
        self.endResetModel()
        self.reloaded.emit()
        self._set_total(generation, total)
        if was_exhausted:  # everything was shown: so are the records added since
            self.fetchMore()
        self._run_live()

    def _live_failed(self, generation: int, exc: BaseException) -> bool:
        if generation == self._generation:
            self._live_busy = False
        return False  # the default handler says why; the next change or F5 tries again


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
        self._kept: tuple[list[int], int] = ([], 0)
        self.model.reloading.connect(self._keep_place)
        self.model.reloaded.connect(self._restore_place)
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

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model._rows[r].id for r in rows]

    def _keep_place(self) -> None:
        self._kept = (self.selected_ids(), self.table.verticalScrollBar().value())

    def _restore_place(self) -> None:
        """After a live reload: the same records selected, the table scrolled where it was."""
        ids, scrolled = self._kept
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for record_id in ids:
            row = self.model.row_of(record_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        if not selection.isEmpty():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().select(selection, flags)
            self.table.selectionModel().setCurrentIndex(selection.indexes()[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.verticalScrollBar().setValue(scrolled)

    def _show_count(self, total: int | None) -> None:
        loaded = self.model.rowCount()
        if total is None:
            self.count_label.setText(localized(self.tr("{n:,} records loaded")).format(n=loaded))
        elif total == 0:
            self.count_label.setText(self.tr("No records match."))
        elif loaded >= total:  # all there: no "(showing …)", and "1 record", not "1 records"
            self.count_label.setText(self.tr("1 record") if total == 1 else localized(self.tr("{n:,} records")).format(n=total))
        else:
            self.count_label.setText(localized(self.tr("{n:,} records (showing {loaded:,})")).format(n=total, loaded=loaded))


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
