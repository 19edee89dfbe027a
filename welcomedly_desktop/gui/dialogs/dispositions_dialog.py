"""The disposition catalogue dialog, opened from the Reports page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui.context import AppContext


class DispositionsDialog(QDialog):
    """The disposition catalogue: global outcomes (admins edit them) plus one campaign's additions
    (supervisors too).  The flags define every report metric, so changing them is audited."""

    COLUMNS = ("name", "scope", "colour", "is_contact", "is_success", "needs_callback", "is_dnc", "is_final", "active")
    FLAG_COLUMNS = ("is_contact", "is_success", "needs_callback", "is_dnc", "is_final", "active")

    def __init__(self, ctx: AppContext, campaign_id: int | None, campaign_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispositionsDialog")
        self.setWindowTitle(self.tr("Dispositions"))
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name
        self.views: list = []
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("dispositionsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Scope"), self.tr("Colour"), self.tr("Contact"),
                                              self.tr("Success"), self.tr("Call back"), self.tr("Do not call"),
                                              self.tr("Closes record"), self.tr("Active")])
        self.table.verticalHeader().setVisible(False)
        note = QLabel(self.tr("Contacts and successes in every report are the attempts whose disposition has "
                              "those flags; changing a flag changes past reports too."), self)
        note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add for this campaign") if campaign_id else self.tr("Add global"), self)
        self.add_button.setObjectName("addButton")
        self.add_button.setEnabled(campaign_id is not None or ctx.actor.is_admin)
        self.add_button.clicked.connect(self.add_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(860, 420)

    def _editable(self, campaign_id: int | None) -> bool:
        return self.ctx.actor.is_admin or (campaign_id is not None and self.ctx.actor.can_manage_campaigns)

    def load(self) -> None:
        from welcomedly_desktop.services.dispositions import list_dispositions

        campaign_id = self.campaign_id
        actor = self.ctx.actor
        self.ctx.run_in_session(lambda s: list_dispositions(s, actor, campaign_id=campaign_id, include_inactive=True),
                                self._show, parent=self, label="dispositions")

    def _show(self, views) -> None:  # noqa: ANN001
        self.views = list(views)
        self.table.setRowCount(0)
        for view in self.views:
            self._append(view.to_dict(), self._editable(view.campaign_id))
        self.table.resizeColumnsToContents()

    def _append(self, values: dict, editable: bool) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        scope = self.tr("global") if values.get("campaign_id") is None else (self.campaign_name or self.tr("campaign"))
        for c, key in enumerate(self.COLUMNS):
            item = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if key in self.FLAG_COLUMNS:
                item.setCheckState(Qt.CheckState.Checked if values.get(key) else Qt.CheckState.Unchecked)
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                item.setText(scope if key == "scope" else str(values.get(key) or ""))
                if editable and key != "scope":
                    flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            self.table.setItem(r, c, item)

    def add_row(self) -> None:
        self._append({"name": "", "campaign_id": self.campaign_id, "colour": "#808080", "active": True}, True)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def _row_values(self, r: int) -> dict:
        values = {}
        for c, key in enumerate(self.COLUMNS):
            item = self.table.item(r, c)
            if key in self.FLAG_COLUMNS:
                values[key] = item.checkState() == Qt.CheckState.Checked
            elif key != "scope":
                values[key] = item.text().strip()
        return values

    def changes(self) -> tuple[list[tuple[int, dict]], list[dict]]:
        """(updates of existing dispositions, new ones) as the table now stands."""
        updates, new = [], []
        for r in range(self.table.rowCount()):
            values = self._row_values(r)
            if r < len(self.views):
                original = self.views[r].to_dict()
                diff = {k: v for k, v in values.items() if v != original[k]}
                if diff:
                    updates.append((self.views[r].id, diff))
            elif values["name"]:
                new.append(values)
        return updates, new

    def save(self) -> None:
        from welcomedly_desktop.services import dispositions

        updates, new = self.changes()
        if not updates and not new:
            self.accept()
            return
        actor, campaign_id = self.ctx.actor, self.campaign_id

        def work(session):  # noqa: ANN001, ANN202
            for disposition_id, diff in updates:
                dispositions.update_disposition(session, actor, disposition_id, **diff)
            for values in new:
                active = values.pop("active")
                view = dispositions.create_disposition(session, actor, campaign_id=campaign_id, **values)
                if not active:
                    dispositions.update_disposition(session, actor, view.id, active=False)
            return len(updates) + len(new)

        self.ctx.run_in_session(work, self._saved, parent=self, label="save dispositions")

    def _saved(self, _count: int) -> None:
        self.ctx.notify_changed("dispositions", None)
        self.accept()
