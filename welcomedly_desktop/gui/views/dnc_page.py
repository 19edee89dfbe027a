"""Do-not-call page (supervisors and admins): the numbers never to be called, newest first; add one,
import a file of them, remove one put there by mistake.

The list can hold millions of numbers: the page shows the newest LIMIT and says how many there are
in all.  The change feed has no do-not-call entity, so other workstations' additions appear on
Refresh (F5), on returning to the page after a while, or after a change made here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import file_dialogs, messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.dnc_dialog import DncDialog
from welcomedly_desktop.gui.models.dnc_model import DncModel
from welcomedly_desktop.gui.views.file_drop import IMPORT_PATTERNS
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.services import dnc
from welcomedly_desktop.services.dnc import DncEntry, DncImportSummary, DncList

LIMIT = 1000


class DncPage(TablePage):
    state_key = "dncPage"
    row_kind = None  # every change reloads (the list is read newest first, up to LIMIT)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, DncModel(), parent)
        self.model.setParent(self)
        self.total = 0
        self.search_edit.setPlaceholderText(self.tr("Search the numbers shown, their list or reason (Ctrl+F)"))
        self.buttons: dict[str, QPushButton] = self.add_buttons((
            ("new", self.tr("Add number…"), self.new_item),
            ("import", self.tr("Import file…"), self.import_dnc_file),
            ("remove", self.tr("Remove"), self.delete_item),
        ))
        self.button_bar.addStretch(1)
        self.table.sortByColumn(DncModel.COL_ADDED_AT, Qt.SortOrder.DescendingOrder)
        self.actions_changed.connect(self._update_buttons)
        ctx.data_changed.connect(lambda kind, _id: kind == kinds.DNC and self.refresh())
        self._update_buttons()

    def empty_text(self) -> str:
        return self.tr("No numbers on the do-not-call list yet. Add one with Add number… (Ctrl+N), or import a "
                       "file of them with Import file… (Ctrl+I).")

    def load(self, session) -> DncList:  # noqa: ANN001
        return dnc.list_dnc(session, self.ctx.actor, limit=LIMIT)

    def _on_loaded(self, result: DncList) -> None:
        self.total = result.total
        super()._on_loaded(result.entries)

    def _update_count(self, *args) -> None:  # noqa: ANN002
        super()._update_count(*args)
        if self.total > self.model.rowCount():
            locale = QLocale()
            self.count_label.setText(self.tr("Showing the newest {shown} of {total} numbers on the list.").format(
                shown=locale.toString(self.model.rowCount()), total=locale.toString(self.total)))

    def _update_buttons(self) -> None:
        self.buttons["remove"].setEnabled(self.selected_row() is not None)

    def can_delete_item(self) -> bool:
        return self.selected_row() is not None

    # -- actions ------------------------------------------------------------------------------
    def new_item(self) -> None:
        dialog = DncDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def import_file(self) -> bool:
        """File > Import file… (Ctrl+I) on this page: a file of numbers for the do-not-call list."""
        self.import_dnc_file()
        return True

    def import_dnc_file(self) -> None:
        files = file_dialogs.open_files(self.ctx, self, file_dialogs.IMPORTS, self.tr("Import do-not-call numbers"),
                                        self.tr("Spreadsheets ({patterns})").format(patterns=IMPORT_PATTERNS))
        for path in files:
            self.start_import(path)

    def start_import(self, path: Path) -> None:
        """Every phone of ``path`` onto the global list, on a worker (a file can be large)."""
        actor, db = self.ctx.actor, self.ctx.db
        self.ctx.run(lambda: dnc.import_dnc(db, actor, path), lambda summary: self._imported(path, summary),
                     parent=self, label="import do-not-call numbers")

    def _imported(self, path: Path, summary: DncImportSummary) -> None:
        self.ctx.notify_changed(kinds.DNC, None)
        locale = QLocale()
        messages.information(self, self.tr("Import do-not-call numbers"), self.tr(
            "From {file}, numbers added to the do-not-call list: {added}; already on it: {already}; rows "
            "without a valid phone: {rejected}.").format(
                added=locale.toString(summary.added), file=path.name, already=locale.toString(summary.already),
                rejected=locale.toString(summary.rejected)))

    def delete_item(self) -> None:
        row: DncEntry | None = self.selected_row()
        if row is None:
            return
        text = self.tr("Remove {phone} from the do-not-call list? It can be called again.").format(
            phone=row.phone_display or row.phone)
        if not messages.confirm(self, self.tr("Remove number"), text, ok_text=self.tr("Remove"), destructive=True):
            return
        actor, entry_id = self.ctx.actor, row.id
        self.ctx.run_in_session(lambda s: dnc.remove_dnc(s, actor, entry_id),
                                lambda _result: self.ctx.notify_changed(kinds.DNC, None), parent=self,
                                label="remove from the do-not-call list")
