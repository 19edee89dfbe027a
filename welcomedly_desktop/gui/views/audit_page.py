"""Audit log page (admins, read-only): newest first, filtered by action, user and date range.

Filtering happens in the database (``audit.list_entries``), because the log grows without bound;
the page shows the newest 1,000 matching entries and says so when the limit is reached.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPushButton, QWidget

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.date_typing import make_typeable
from welcomedly_desktop.gui.labels import audit_action_label
from welcomedly_desktop.gui.models.audit_model import AuditModel
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.services import audit

LIMIT = 1000


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    """The user's calendar day starts at local midnight; the database compares in UTC."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.timezone.utc)


class AuditPage(TablePage):
    state_key = "auditPage"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AuditModel(), parent)
        self.model.setParent(self)
        self.search_edit.setPlaceholderText(self.tr("Search shown entries (Ctrl+F)"))
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("actionFilter")
        self.action_combo.addItem(self.tr("All actions"), None)
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("userFilter")
        self.user_edit.setPlaceholderText(self.tr("User e-mail contains…"))
        self.since_check = QCheckBox(self.tr("From"), self)
        self.since_check.setObjectName("sinceCheck")
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-7), self)
        self.since_edit.setObjectName("sinceEdit")
        self.until_check = QCheckBox(self.tr("to"), self)
        self.until_check.setObjectName("untilCheck")
        self.until_edit = QDateEdit(QDate.currentDate(), self)
        self.until_edit.setObjectName("untilEdit")
        make_typeable(self.since_edit, self.until_edit)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        self.apply_button = QPushButton(self.tr("Apply filters"), self)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self.refresh)
        self.user_edit.returnPressed.connect(self.refresh)
        self.action_combo.activated.connect(lambda _i: self.refresh())
        for widget in (self.action_combo, self.user_edit, self.since_check, self.since_edit,
                       self.until_check, self.until_edit, self.apply_button):
            self.button_bar.addWidget(widget)
        self.button_bar.addStretch(1)
        self.table.sortByColumn(AuditModel.COL_WHEN, Qt.SortOrder.DescendingOrder)
        ctx.data_changed.connect(lambda kind, _id: kind == kinds.AUDIT and self.refresh())

    def filters(self) -> dict:
        since = until = None
        if self.since_check.isChecked():
            since = _local_midnight_utc(self.since_edit.date().toPython())
        if self.until_check.isChecked():
            # "to" is inclusive for the user: until the end of that day.
            until = _local_midnight_utc(self.until_edit.date().toPython() + dt.timedelta(days=1))
        return {
            "action": self.action_combo.currentData(),
            "actor_email": self.user_edit.text().strip() or None,
            "since": since,
            "until": until,
        }

    def empty_text(self) -> str:
        return self.tr("No entries match these filters. Widen the dates or clear the action and user filters.")

    def load(self, session):  # noqa: ANN001, ANN201
        filters = self.filters()
        entries = audit.list_entries(session, self.ctx.actor, limit=LIMIT, **filters)
        actions = audit.distinct_actions(session, self.ctx.actor)
        return entries, actions

    def _on_loaded(self, result) -> None:  # noqa: ANN001
        entries, actions = result
        current = self.action_combo.currentData()
        known = [self.action_combo.itemData(i) for i in range(1, self.action_combo.count())]
        if known != actions:
            self.action_combo.blockSignals(True)
            while self.action_combo.count() > 1:
                self.action_combo.removeItem(1)
            for action in actions:
                self.action_combo.addItem(audit_action_label(action), action)
            self.action_combo.setCurrentIndex(max(0, self.action_combo.findData(current)))
            self.action_combo.blockSignals(False)
        super()._on_loaded(entries)
        if len(entries) >= LIMIT:
            self.count_label.setText(self.tr("Showing the newest {n} matching entries; narrow the filters to "
                                             "see older ones.").format(n=LIMIT))
