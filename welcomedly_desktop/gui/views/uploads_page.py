"""Uploads: every uploaded file with its status and counts, its rejected rows (exportable to CSV),
its stored original, and the records it produced.  Also a drop target for new files.

* :class:`UploadsPage` - the sidebar page (all campaigns, or one chosen in the filter).
* :class:`CampaignUploadsWidget` - the compact list in a campaign's detail panel.
* :class:`RejectsDialog` - the rejected rows of one upload (row, column, reason) + "Export CSV…".
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import file_dialogs
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext, ChangedIds
from welcomedly_desktop.gui.models.table_model import RowFilterProxy
from welcomedly_desktop.gui.models.uploads_model import RejectRow, RejectsModel, UploadsModel
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.gui.views.file_drop import IMPORT_PATTERNS, ImportDropTarget
from welcomedly_desktop.services import campaigns, imports, upload_rejects, upload_warnings
from welcomedly_desktop.i18n import localized

#: The rejected-rows table shows this many; the CSV export always has all of them.
REJECTS_SHOWN = 20_000


def _start_import(ctx: AppContext, campaign_id: int, paths: list[Path], parent: QWidget) -> None:
    from welcomedly_desktop.gui.dialogs.import_dialog import start_import

    start_import(ctx, campaign_id, paths, parent)


class UploadActions:
    """Rejected rows / records / original of the selected upload; shared by the page and the widget."""

    ctx: AppContext

    def show_rejects(self, upload: imports.UploadView | None) -> "RejectsDialog | None":
        if upload is None:
            return None
        dialog = RejectsDialog(self.ctx, upload, self)  # type: ignore[arg-type]
        dialog.open()
        return dialog

    def show_records(self, upload: imports.UploadView | None) -> QDialog | None:
        if upload is None:
            return None
        from welcomedly_desktop.gui.views.records_view import RecordsDialog

        title = self.tr("Records from {file}").format(file=upload.original_filename)  # type: ignore[attr-defined]
        dialog = RecordsDialog(self.ctx, upload.campaign_id, title, self, upload_id=upload.id)  # type: ignore[arg-type]
        dialog.open()
        return dialog

    def open_original(self, upload: imports.UploadView | None) -> None:
        if upload is None:
            return
        ctx, target = self.ctx, Path(tempfile.mkdtemp(prefix="welcomedly-original-"))
        ctx.run(lambda: imports.fetch_original(ctx.db, ctx.actor, upload.id, target),
                lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
                parent=self, label="open original")  # type: ignore[arg-type]


class UploadsPage(ImportDropTarget, TablePage, UploadActions):
    state_key = "uploadsPage"
    row_kind = kinds.UPLOADS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, UploadsModel(), parent)
        self.model.setParent(self)
        self.manager = ctx.actor.can_manage_campaigns
        self.search_edit.setPlaceholderText(self.tr("Search uploads by file, campaign, status or user (Ctrl+F)"))
        self.campaign_filter = QComboBox(self)
        self.campaign_filter.setObjectName("campaignFilter")
        self.campaign_filter.addItem(self.tr("All campaigns"), None)
        self.campaign_filter.currentIndexChanged.connect(lambda _i: (self.refresh(), self.actions_changed.emit()))
        self.filter_bar.addWidget(self.campaign_filter)
        self.table.sortByColumn(UploadsModel.COL_AT, Qt.SortOrder.DescendingOrder)
        self.buttons: dict[str, QPushButton] = {}
        if self.manager:
            for key, text, slot in (
                ("import", self.tr("Import file…"), self.new_item),
                ("rejects", self.tr("Rejected rows…"), lambda: self.show_rejects(self.selected_row())),
                ("records", self.tr("Records…"), lambda: self.show_records(self.selected_row())),
                ("original", self.tr("Open original"), lambda: self.open_original(self.selected_row())),
            ):
                button = QPushButton(text, self)
                button.setObjectName(f"{key}Button")
                button.clicked.connect(slot)
                self.button_bar.addWidget(button)
                self.buttons[key] = button
            self.setAcceptDrops(True)
            hint = QLabel(self.tr("Choose a campaign above, then drop CSV or Excel files here."), self)
            hint.setObjectName("dropHint")
            self.button_bar.addWidget(hint)
        else:
            self.new_item = None  # type: ignore[assignment]
            self.table.setEnabled(False)
            self.count_label.setText(self.tr("Only administrators and supervisors see uploads."))
        self.edit_item = self.delete_item = None  # type: ignore[assignment]
        self.button_bar.addStretch(1)
        self.actions_changed.connect(self._update_buttons)
        ctx.data_changed.connect(self._on_data_changed)
        self._campaigns_loaded = False
        self._update_buttons()

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.manager:
            return
        if not self._campaigns_loaded:
            self._campaigns_loaded = True
            self.ctx.run_in_session(lambda s: campaigns.list_campaigns(s, self.ctx.actor), self._fill_campaigns,
                                    parent=self, label="campaigns for uploads filter")
        super().refresh()

    def _fill_campaigns(self, views) -> None:  # noqa: ANN001
        self.campaign_filter.blockSignals(True)
        current = self.campaign_filter.currentData()
        while self.campaign_filter.count() > 1:
            self.campaign_filter.removeItem(1)
        for view in sorted(views, key=lambda v: v.name.lower()):
            self.campaign_filter.addItem(view.name, view.id)
        self.campaign_filter.setCurrentIndex(max(0, self.campaign_filter.findData(current)))
        self.campaign_filter.blockSignals(False)

    def empty_text(self) -> str:
        if self.manager:
            return self.tr("No files imported yet. Choose a campaign above, then Import file… (Ctrl+N), or drop a "
                           "CSV or Excel file on this page.")
        return self.tr("No files were imported into your campaigns yet.")

    def load(self, session) -> list[imports.UploadView]:  # noqa: ANN001
        return imports.list_uploads(session, self.ctx.actor, self.campaign_filter.currentData())

    def load_rows(self, session, ids: frozenset) -> list[imports.UploadView]:  # noqa: ANN001
        return imports.list_uploads(session, self.ctx.actor, self.campaign_filter.currentData(), ids=ids)

    def _on_data_changed(self, kind: str, entity_id: object) -> None:
        if kind == kinds.UPLOADS:
            self.refresh_for(kind, entity_id)
        elif kind == kinds.CAMPAIGNS:
            self._campaigns_loaded = False
            self.refresh()

    @property
    def chosen_campaign(self) -> int | None:
        return self.campaign_filter.currentData()

    # -- actions ------------------------------------------------------------------------------
    def new_item(self) -> None:  # Ctrl+N: import a file into the chosen campaign
        if self.chosen_campaign is None:
            messages.information(self, self.tr("Import"), self.tr("Choose the campaign to import into first."))
            return
        files = file_dialogs.open_files(self.ctx, self, file_dialogs.IMPORTS, self.tr("Import file"),
                                        self.tr("Spreadsheets ({patterns})").format(patterns=IMPORT_PATTERNS))
        if files:
            _start_import(self.ctx, self.chosen_campaign, files, self)

    def import_file(self) -> bool:
        """File > Import file…: into the campaign chosen in the filter.  False when none is chosen."""
        if self.chosen_campaign is None:
            return False
        self.new_item()
        return True

    def can_new_item(self) -> bool:
        return self.chosen_campaign is not None

    def _update_buttons(self) -> None:
        selected = self.selected_row() is not None
        for key, button in self.buttons.items():
            button.setEnabled(self.chosen_campaign is not None if key == "import" else selected)

    # -- drop target --------------------------------------------------------------------------
    def drop_campaign_id(self) -> int | None:
        return self.chosen_campaign if self.manager else None

    def start_dropped_import(self, campaign_id: int, paths: list[Path]) -> None:
        _start_import(self.ctx, campaign_id, paths, self)


class CampaignUploadsWidget(QWidget, UploadActions):
    """The uploads of one campaign, for the campaign detail panel."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignUploads")
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.model = UploadsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("campaignUploadsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for column in (UploadsModel.COL_CAMPAIGN, UploadsModel.COL_BY, UploadsModel.COL_MESSAGE):
            self.table.hideColumn(column)
        self.rejects_button = QPushButton(self.tr("Rejected rows…"), self)
        self.rejects_button.setObjectName("rejectsButton")
        self.rejects_button.clicked.connect(lambda: self.show_rejects(self.selected_upload()))
        self.records_button = QPushButton(self.tr("All records…"), self)
        self.records_button.setObjectName("recordsButton")
        self.records_button.clicked.connect(self.show_all_records)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rejects_button)
        buttons.addWidget(self.records_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()
        self.refresh()

    def selected_upload(self) -> imports.UploadView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.rejects_button.setEnabled(self.selected_upload() is not None)

    def refresh(self) -> None:
        if not self.ctx.actor.can_manage_campaigns:
            return
        ctx, campaign_id = self.ctx, self.campaign_id
        ctx.run_in_session(lambda s: imports.list_uploads(s, ctx.actor, campaign_id), self._show, parent=self,
                           label="campaign uploads")

    def _show(self, rows: list[imports.UploadView]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._update_buttons()
        self.loaded.emit()

    def _on_data_changed(self, kind: str, entity_id: object) -> None:
        # Locally the id is the campaign's; from the change feed, the uploads' (any may be this one's).
        if kind == kinds.UPLOADS and (isinstance(entity_id, ChangedIds) or entity_id in (None, self.campaign_id)):
            self.refresh()

    def show_all_records(self) -> QDialog:
        from welcomedly_desktop.gui.views.records_view import RecordsDialog

        dialog = RecordsDialog(self.ctx, self.campaign_id, self.tr("Campaign records"), self)
        dialog.open()
        return dialog


class RejectsDialog(QDialog):
    loaded = Signal()
    exported = Signal(int)

    def __init__(self, ctx: AppContext, upload: imports.UploadView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.upload = upload
        self.setObjectName("rejectsDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Rejected rows — {file}").format(file=upload.original_filename))
        self.resize(760, 520)
        self.model = RejectsModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("rejectsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("rejectsSummary")
        self.summary.setWordWrap(True)
        export = QPushButton(self.tr("Export CSV…"), self)
        export.setObjectName("exportButton")
        export.clicked.connect(self._choose_export_file)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(export)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        if upload.error_message:
            message = QLabel(upload.error_message, self)
            message.setWordWrap(True)
            layout.addWidget(message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.run_in_session(self._load, self._show, parent=self, label="rejected rows")

    def _load(self, session):  # noqa: ANN001, ANN202
        total = upload_rejects.count_rejects(session, self.ctx.actor, self.upload.id)
        rows = upload_rejects.list_rejects(session, self.ctx.actor, self.upload.id, limit=REJECTS_SHOWN)
        # The rows imported with a warning follow the rejected ones (their reason says so).
        warnings = upload_warnings.list_warnings(session, self.ctx.actor, self.upload.id, limit=REJECTS_SHOWN)
        return total, rows, self.upload.warnings, warnings

    def _show(self, result) -> None:  # noqa: ANN001
        total, rows, warning_total, warnings = result
        shown = [*((r.source_row, r.column_name, r.reason) for r in rows),
                 *((w.source_row, w.column_name, w.reason) for w in warnings)]
        self.model.set_rows([RejectRow(i, *row) for i, row in enumerate(shown)])
        self.table.resizeColumnsToContents()
        if total > len(rows) or warning_total > len(warnings):
            text = localized(self.tr("{shown:,} of {total:,} rows shown; the CSV export has them all.")).format(
                shown=len(shown), total=total + warning_total)
        else:
            text = localized(self.tr("{total:,} rows were not imported.")).format(total=total)
        if warning_total:
            text += " " + localized(self.tr("{warnings:,} rows were imported with a warning: the numbering plan does not know "
                                  "their number.")).format(warnings=warning_total)
        self.summary.setText(text)
        self.loaded.emit()

    def _choose_export_file(self) -> None:
        default = f"{Path(self.upload.original_filename or 'upload').stem}-rejected.csv"
        path = file_dialogs.save_file(self.ctx, self, file_dialogs.REJECTS, self.tr("Export rejected rows"), default,
                                      self.tr("CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        ctx, upload_id = self.ctx, self.upload.id
        ctx.run_in_session(lambda s: upload_rejects.export_rejects_csv(s, ctx.actor, upload_id, path,
                                                                       include_warnings=True),
                           self.exported.emit, parent=self, label="export rejected rows")
