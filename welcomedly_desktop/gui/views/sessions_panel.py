"""The Users page's "Signed-in sessions" section (issue 15): who is logged in where, since when, and
ending a session (admins).  Everything goes through ``services.sessions``; the server closes the
session's connections and that workstation returns to its login dialog."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.models.sessions_model import SessionsModel
from welcomedly_desktop.gui.models.table_model import RowFilterProxy
from welcomedly_desktop.services import sessions
from welcomedly_desktop.services.sessions import SessionsOverview, SessionView


class SessionsPanel(QGroupBox):
    #: Emitted after a load delivered its rows (tests wait for it).
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sessionsPanel")
        self.setTitle(self.tr("Signed-in sessions"))
        self.tracked: bool | None = None
        self.last_loaded = 0.0
        self._loading = False
        self._reload_pending = False

        self.model = SessionsModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("sessionsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SessionsModel.COL_STARTED, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.refresh_button = QPushButton(self.tr("Refresh sessions"), self)
        self.refresh_button.setObjectName("refreshSessionsButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.end_button = QPushButton(self.tr("End session…"), self)
        self.end_button.setObjectName("endSessionButton")
        self.end_button.clicked.connect(self.end_selected)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("sessionsEmptyLabel")
        self.empty_label.setProperty("role", "empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        self._reload_pending = False
        actor = self.ctx.actor
        self.ctx.run_read(lambda s: sessions.overview(s, actor), self._loaded, self._load_failed, parent=self,
                          label="load sessions")

    def _loaded(self, found: SessionsOverview) -> None:
        self._loading = False
        if self._reload_pending:
            self.refresh()
            return
        self.last_loaded = time.monotonic()
        self.tracked = found.tracked
        selected = self.selected_row()
        self.model.own_id = found.own_id
        self.model.set_rows(found.rows)
        self.model.layoutChanged.emit()  # the "(this window)" mark may have moved
        if selected is not None and (row := self.model.row_for_id(selected.id)) is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        if not found.tracked:
            text = self.tr("Sessions are kept only when workstations sign in to a shared office server with the "
                           "workstation account, so there is nothing to list on this database.")
        elif not found.rows:
            text = self.tr("Nobody is signed in at the moment.")
        else:
            text = ""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.table.setVisible(found.tracked)
        self.refresh_button.setVisible(found.tracked)
        self.end_button.setVisible(found.tracked)
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, _exc: BaseException) -> bool:
        self._loading = False
        if self._reload_pending:
            self.refresh()
            return True
        return False  # default: the error's sentence in a message box

    # -- ending a session -------------------------------------------------------------------
    def selected_row(self) -> SessionView | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.row_object(indexes[0]) if indexes else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        own = row is not None and row.id == self.model.own_id
        self.end_button.setEnabled(row is not None and not own)
        self.end_button.setToolTip(self.tr("This is your own session: use File > Log out.") if own else "")

    def end_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.id == self.model.own_id:
            return
        if not messages.confirm(
                self, self.tr("End session"),
                self.tr("End {name}'s session on {workstation}? That window returns to the login dialog and "
                        "anything not yet saved there is lost.").format(name=row.name, workstation=row.workstation),
                ok_text=self.tr("End session"), destructive=True):
            return
        actor, session_id = self.ctx.actor, row.id

        def failed(_exc: BaseException) -> bool:
            self.refresh()  # e.g. ended meanwhile: the list shows what is left
            return False

        self.ctx.run_in_session(lambda s: sessions.end_session(s, actor, session_id), lambda _n: self.refresh(),
                                failed, parent=self, label="end session")
