"""Campaigns page: searchable, sortable list + detail panel; create/edit/delete/assign for managers.

Agents see the campaigns they are assigned to, read-only: the write methods are absent (None), so
the main window hides New/Edit/Delete, and the panel hides its buttons.  The services refuse anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QSplitter, QWidget

from welcomedly_desktop.db.models import CAMPAIGN_STATUS_VALUES
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages, window_state
from welcomedly_desktop.gui.context import AppContext, RecordChanges
from welcomedly_desktop.gui.dialogs.assign_agents_dialog import AssignAgentsDialog
from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
from welcomedly_desktop.gui.models.campaigns_model import CampaignsModel, status_label
from welcomedly_desktop.gui.views.campaign_panel import CampaignPanel
from welcomedly_desktop.gui.views.table_page import TablePage
from welcomedly_desktop.services import campaign_progress, campaigns
from welcomedly_desktop.services.campaigns import CampaignView, DeletionSummary


class CampaignsPage(TablePage):
    state_key = "campaignsPage"
    row_kind = kinds.CAMPAIGNS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CampaignsModel(), parent)
        self.model.setParent(self)
        self.search_edit.setPlaceholderText(self.tr("Search campaigns by name or description (Ctrl+F)"))
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CAMPAIGN_STATUS_VALUES:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.currentIndexChanged.connect(self._apply_status_filter)
        self.filter_bar.addWidget(self.status_filter)

        self.manager = ctx.actor.can_manage_campaigns
        self.buttons: dict[str, QPushButton] = {}
        if self.manager:
            self.buttons = self.add_buttons((("new", self.tr("New campaign…"), self.new_item),
                                             ("edit", self.tr("Edit…"), self.edit_item),
                                             ("delete", self.tr("Delete…"), self.delete_item),
                                             ("assign", self.tr("Assign agents…"), self.assign_agents)))
        else:
            # Read-only: no write methods at all (the main window hides the matching actions).
            self.new_item = self.edit_item = self.delete_item = None  # type: ignore[assignment]
        self.button_bar.addStretch(1)

        self.panel = CampaignPanel(ctx, self)
        self.panel.edit_requested.connect(self._edit)
        self.panel.assign_requested.connect(lambda c: self._assign(c.id, c.name))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("campaignsSplitter")
        self.body_layout.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.body_layout.addWidget(self.splitter, 1)
        self.table.sortByColumn(CampaignsModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.actions_changed.connect(self._update_buttons)
        # One click shows the campaign's details (issue 18, #9); a double click still does.
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # -- data -------------------------------------------------------------------------------
    def load(self, session) -> list[CampaignView]:  # noqa: ANN001
        return campaign_progress.list_with_progress(session, self.ctx.actor)

    def load_rows(self, session, ids: frozenset) -> list[CampaignView]:  # noqa: ANN001
        return campaign_progress.list_with_progress(session, self.ctx.actor, ids=ids)

    def _on_data_changed(self, kind: str, entity_id: object) -> None:
        if kind in (kinds.CAMPAIGNS, kinds.ASSIGNMENTS):
            self.refresh_for(kind, entity_id)
        elif kind == kinds.RECORD_CHANGES:
            self._records_changed(entity_id)

    def _records_changed(self, changes: object) -> None:
        """Records changed elsewhere: the Records / Worked / Progress of their campaigns move.  Only
        the listed campaigns are counted again, all of a batch in one targeted load (and changes
        arriving while it runs in the next one); unknown campaigns (a reconnect) reload the list."""
        if not isinstance(changes, RecordChanges) or changes.campaigns is None or not self.last_loaded:
            self.refresh()
            return
        shown = frozenset(c for c in changes.campaigns if self.model.row_for_id(c) is not None)
        if shown:
            self.refresh_rows(shown)

    def _apply_status_filter(self) -> None:
        status = self.status_filter.currentData()
        self.proxy.set_row_predicate(None if status is None else (lambda c: c.status == status))

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        for key in ("edit", "delete", "assign"):
            if key in self.buttons:
                self.buttons[key].setEnabled(has)

    def empty_text(self) -> str:
        if self.manager:
            return self.tr("No campaigns yet. Create the first one with New campaign… (Ctrl+N), then bring in its "
                           "records with File > Import file… or by dropping a CSV or Excel file on it.")
        return self.tr("No campaign is assigned to you yet. Your supervisor assigns campaigns to agents.")

    def _show_selected(self) -> None:
        row = self.selected_row()
        if row is not None and (self.panel.campaign is None or self.panel.campaign.id != row.id):
            self.panel.show_campaign(row.id)

    # -- page protocol ----------------------------------------------------------------------
    def import_file(self) -> bool:
        """File > Import file…: into the selected campaign.  False when none is selected."""
        row = self.selected_row()
        if row is None or not self.manager:
            return False
        if self.panel.campaign is None or self.panel.campaign.id != row.id:
            self.panel.show_campaign(row.id)
        self.panel.choose_files(row.id, row.name)
        return True

    def on_double_click(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.panel.show_campaign(row.id)

    def _enter_pressed(self) -> None:
        if self.manager:
            self.edit_item()
        else:
            self.on_double_click()

    def can_edit_item(self) -> bool:
        return self.selected_row() is not None

    def can_delete_item(self) -> bool:
        return self.selected_row() is not None

    def new_item(self) -> None:  # type: ignore[no-redef]
        dialog = CampaignDialog(self.ctx, None, self)
        dialog.saved.connect(lambda view: self._after_save(view))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def edit_item(self) -> None:  # type: ignore[no-redef]
        row = self.selected_row()
        if row is not None:
            self._edit(row)

    def _edit(self, campaign: CampaignView) -> None:
        dialog = CampaignDialog(self.ctx, campaign, self)
        dialog.saved.connect(lambda view: self._after_save(view))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _after_save(self, view: CampaignView) -> None:
        # The list refreshes through data_changed; select the saved row once it is back.
        self.loaded.connect(lambda: self.select_id(view.id), Qt.ConnectionType.SingleShotConnection)
        if self.panel.campaign is None or self.panel.campaign.id == view.id:
            self.panel.show_campaign(view.id)

    def delete_item(self) -> None:  # type: ignore[no-redef]
        row = self.selected_row()
        if row is None:
            return
        actor = self.ctx.actor
        self.ctx.run_in_session(lambda s: campaigns.deletion_summary(s, actor, row.id),
                                lambda summary: self._confirm_delete(row, summary), parent=self,
                                label="deletion summary")

    def _confirm_delete(self, row: CampaignView, summary: DeletionSummary) -> None:
        text = self.tr("Delete the campaign “{name}”?").format(name=summary.name) + "\n\n" + self.tr(
            "This also removes its {uploads} upload(s) with {records} record(s) and its {assignments} agent "
            "assignment(s). This cannot be undone."
        ).format(uploads=summary.uploads, records=summary.records, assignments=summary.assignments)
        if not messages.confirm(self, self.tr("Delete campaign"), text, ok_text=self.tr("Delete"), destructive=True):
            return
        actor = self.ctx.actor

        def done(_summary: DeletionSummary) -> None:
            if self.panel.campaign is not None and self.panel.campaign.id == row.id:
                self.panel.clear()
            self.ctx.notify_changed(kinds.CAMPAIGNS, row.id)

        def failed(_exc: BaseException) -> bool:
            self.refresh()  # changed or deleted elsewhere: show the current list behind the message
            return False

        self.ctx.run_in_session(lambda s: campaigns.delete_campaign(s, actor, row.id, expected_version=row.version),
                                done, failed, parent=self, label="delete campaign")

    def assign_agents(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._assign(row.id, row.name)

    def _assign(self, campaign_id: int, name: str) -> None:
        dialog = AssignAgentsDialog(self.ctx, campaign_id, name, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    # -- persistence ------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        window_state.save_splitter(settings, self.state_key, self.splitter)

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        # Splitter sizes only mean something once the page has its real width: apply on first show.
        self._splitter_settings = settings

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        settings = getattr(self, "_splitter_settings", None)
        if settings is not None:
            self._splitter_settings = None
            window_state.restore_splitter(settings, self.state_key, self.splitter)
