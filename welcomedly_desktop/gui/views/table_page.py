"""Shared parts of the list pages: a search box, a sortable table, selection helpers, saved columns.

Subclasses provide the model, the loading function and the page actions; this class only wires the
table, the proxy and the persistence so that every list page behaves the same way.

Live office: a page whose ``row_kind`` is set refreshes only the rows a change from another
workstation named (:meth:`TablePage.refresh_for` with :class:`ChangedIds`), through
``load_rows`` (the list's own query restricted to those ids); anything else reloads the list.
One load runs at a time, full or targeted, so an older answer never overwrites a newer one.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui import window_state
from welcomedly_desktop.gui.context import AppContext, ChangedIds
from welcomedly_desktop.gui.models.table_model import RowFilterProxy, RowTableModel


MAX_INITIAL_COLUMN_WIDTH = 280


class TablePage(QWidget):
    #: The main window re-reads can_* when this fires (selection or data changed).
    actions_changed = Signal()
    #: Emitted after a refresh delivered its rows (tests and the smoke test wait for it).
    loaded = Signal()
    #: Emitted after a targeted refresh brought the rows a change named up to date.
    rows_refreshed = Signal()

    state_key = "page"
    #: The main window reloads this page when the user returns to it with old data.
    auto_refresh = True
    #: The data_changed kind whose ids are this page's row ids; such a change with ChangedIds
    #: refreshes only those rows (through :meth:`load_rows`).  None: every change reloads.
    row_kind: str | None = None

    def __init__(self, ctx: AppContext, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)
        self._loading = False
        self._reload_pending = False
        self._pending_ids: set[Any] = set()  # rows to refresh once the load under way is in
        self.last_loaded = 0.0  # time.monotonic() of the last delivered load

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search_edit.textChanged.connect(self.proxy.set_search_text)

        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self._columns_sized = False  # sized to contents once, unless the user's widths were restored
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.actions_changed.emit())
        self.table.doubleClicked.connect(lambda _i: self.on_double_click())
        # Enter edits (Ctrl+E is the window action); scoped to the table so Enter in the search box
        # does not open a dialog.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._enter_pressed)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        model.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search_edit, 1)
        self.button_bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.filter_bar)
        layout.addLayout(self.button_bar)
        self.body_layout = QVBoxLayout()
        self.body_layout.addWidget(self.table, 1)
        layout.addLayout(self.body_layout, 1)
        # Empty state (issue 18, #9): instead of a bare table, one sentence on what to do next.
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setProperty("role", "empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(False)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.count_label)

    def add_buttons(self, specs) -> dict[str, QPushButton]:  # noqa: ANN001 - [(key, text, slot)]
        """Buttons above the table, named ``<key>Button`` (tests and style sheets find them)."""
        buttons = {}
        for key, text, slot in specs:
            button = QPushButton(text, self)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            self.button_bar.addWidget(button)
            buttons[key] = button
        return buttons

    # -- to override ----------------------------------------------------------------------
    def load(self, session) -> Any:  # noqa: ANN001 - runs on a worker thread
        raise NotImplementedError

    def load_rows(self, session, ids: frozenset) -> Any:  # noqa: ANN001 - runs on a worker thread
        """The rows among ``ids`` that :meth:`load` would list now (pages with a ``row_kind``)."""
        raise NotImplementedError

    def on_double_click(self) -> None:
        edit = getattr(self, "edit_item", None)
        if callable(edit):
            edit()

    def _enter_pressed(self) -> None:
        edit = getattr(self, "edit_item", None)
        can = getattr(self, "can_edit_item", None)
        if callable(edit) and (not callable(can) or can()):
            edit()

    # -- page protocol ----------------------------------------------------------------------
    def refresh(self) -> None:
        # One load at a time: with several workers two loads could finish out of order and the
        # older rows would win.  A refresh asked for meanwhile runs once the current one is in.
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        self._reload_pending = False
        self._pending_ids.clear()  # this load starts after those changes: it reads them too
        self.ctx.run_read(self.load, self._loaded, self._on_load_failed, parent=self,
                                label=f"load {self.state_key}")

    def refresh_for(self, kind: str, entity_id: Any) -> None:
        """React to ``data_changed``: only the named rows when the page can, else the whole list."""
        if kind == self.row_kind and isinstance(entity_id, ChangedIds) and self.last_loaded:
            self.refresh_rows(entity_id.ids)
        else:
            self.refresh()

    def refresh_rows(self, ids: frozenset) -> None:
        """Re-read only the rows ``ids`` (changed, new or deleted) and update them in place."""
        self._pending_ids.update(ids)
        if not self._loading:
            self._start_rows_load()

    def _start_rows_load(self) -> None:
        ids = frozenset(self._pending_ids)
        self._pending_ids.clear()
        self._loading = True
        self.ctx.run_read(lambda session: self.load_rows(session, ids), lambda rows: self._rows_loaded(ids, rows),
                          self._on_rows_failed, parent=self, label=f"refresh rows of {self.state_key}")

    def _rows_loaded(self, ids: frozenset, rows: Any) -> None:
        self._loading = False
        if self._reload_pending:  # a full reload was asked for meanwhile: it covers these rows
            self.refresh()
            return
        self.model.apply_rows(ids, rows)
        self._fit_number_columns()
        self._update_count()
        self.actions_changed.emit()
        self.rows_refreshed.emit()
        if self._pending_ids:
            self._start_rows_load()

    def _on_rows_failed(self, exc: BaseException) -> bool:
        # The rows could not be read: the whole list is read again (and says why if that fails).
        self._loading = False
        self.refresh()
        return True

    def _loaded(self, rows: Any) -> None:
        self._loading = False
        if self._reload_pending:
            self.refresh()
            return
        self._on_loaded(rows)
        if self._pending_ids:  # named while this load ran: it may have read them before the change
            self._start_rows_load()

    def _is_number_column(self, column: int) -> bool:
        columns = getattr(self.model, "columns", ())
        return 0 <= column < len(columns) and columns[column].align_right

    def _fit_number_columns(self) -> None:
        """Widen number columns to their widest value: "10,000…" must never be elided (issue 18, #7)."""
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            if self._is_number_column(column) and not header.isSectionHidden(column):
                needed = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                if header.sectionSize(column) < needed:
                    header.resizeSection(column, needed)

    def _on_loaded(self, rows: Any) -> None:
        self.last_loaded = time.monotonic()
        selected = self.selected_id()
        scrolled = self.table.verticalScrollBar().value()
        self.model.set_rows(rows)
        if not self._columns_sized and self.model.rowCount():
            self._columns_sized = True
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(header.count() - 1):
                if not self._is_number_column(column):  # long texts are capped; numbers never are
                    header.resizeSection(column, min(header.sectionSize(column), MAX_INITIAL_COLUMN_WIDTH))
        self._fit_number_columns()
        if selected is None or not self.select_id(selected):
            self.table.verticalScrollBar().setValue(scrolled)  # a reload keeps the scroll position
        self._update_count()
        self.actions_changed.emit()
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> bool:
        self._loading = False
        if self._reload_pending:
            self.refresh()
            return True
        return False  # default handling: message box

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def save_state(self, settings: QSettings) -> None:
        window_state.save_header(settings, self.state_key, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        if window_state.restore_header(settings, self.state_key, self.table.horizontalHeader()):
            self._columns_sized = True

    # -- selection --------------------------------------------------------------------------
    def selected_row(self) -> Any:
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.row_object(indexes[0]) if indexes else None

    def selected_id(self) -> Any:
        row = self.selected_row()
        return None if row is None else row.id

    def select_id(self, entity_id: Any) -> bool:
        source_row = self.model.row_for_id(entity_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def empty_text(self) -> str:
        """What to do when the list is empty; pages override it."""
        return self.tr("Nothing here yet.")

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0 and bool(getattr(self, "last_loaded", 0.0))
        self.empty_label.setText(self.empty_text() if empty else "")
        self.empty_label.setVisible(empty)

    def _update_count(self, *_args: Any) -> None:
        self._update_empty_state()
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        locale = QLocale()  # thousands separators of the user's locale
        text = self.tr("{shown} of {total} shown").format(shown=locale.toString(shown), total=locale.toString(total)) \
            if shown != total else self.tr("{total} in total").format(total=locale.toString(total))
        self.count_label.setText(text)
