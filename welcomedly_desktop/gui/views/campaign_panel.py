"""The campaign detail panel: fields, assigned agents, the campaign's uploads, and the way files get in
(dropped spreadsheet files and "Import file…", for supervisors and admins)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.errors import NotFoundError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import file_dialogs
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.import_dialog import start_import
from welcomedly_desktop.gui.models.campaigns_model import status_label
from welcomedly_desktop.gui.models.table_model import format_value
from welcomedly_desktop.gui.views.file_drop import IMPORT_PATTERNS, ImportDropTarget
from welcomedly_desktop.gui.views.uploads_page import CampaignUploadsWidget
from welcomedly_desktop.services import campaigns
from welcomedly_desktop.services.campaigns import CampaignView

log = logging.getLogger(__name__)

class CampaignPanel(ImportDropTarget, QWidget):
    edit_requested = Signal(object)  # CampaignView
    assign_requested = Signal(object)  # CampaignView
    loaded = Signal(object)  # CampaignView or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("campaignPanel")
        self.campaign: CampaignView | None = None
        self._request = 0
        manager = ctx.actor.can_manage_campaigns
        self._can_import = manager
        self.setAcceptDrops(self._can_import)

        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)
        self.empty_label = QLabel(self.tr("Select a campaign in the list to see its details, or create one with New campaign…"), self)
        self.empty_label.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("status", self.tr("Status:")), ("start_date", self.tr("Start:")),
                           ("end_date", self.tr("End:")), ("created_by", self.tr("Created by:")),
                           ("updated_at", self.tr("Updated:")), ("description", self.tr("Description:"))):
            value = QLabel(self)
            value.setObjectName(f"field_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)  # user data, never markup
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.fields[key] = value

        self.agents_list = QListWidget(self)
        self.agents_list.setObjectName("assignedAgentsList")
        agents_box = QGroupBox(self.tr("Assigned agents"), self)
        agents_layout = QVBoxLayout(agents_box)
        agents_layout.addWidget(self.agents_list)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("panelEditButton")
        self.assign_button = QPushButton(self.tr("Assign agents…"), self)
        self.assign_button.setObjectName("assignButton")
        self.import_button = QPushButton(self.tr("Import file…"), self)
        self.import_button.setObjectName("importButton")
        for button in (self.edit_button, self.assign_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.edit_button.setVisible(manager)
        self.assign_button.setVisible(manager)
        self.import_button.setVisible(self._can_import)
        self.edit_button.clicked.connect(lambda: self.campaign and self.edit_requested.emit(self.campaign))
        self.assign_button.clicked.connect(lambda: self.campaign and self.assign_requested.emit(self.campaign))
        self.import_button.clicked.connect(self._choose_files)

        self.uploads_box = QGroupBox(self.tr("Uploads"), self)
        self.uploads_box.setObjectName("uploadsSlot")
        self._uploads_layout = QVBoxLayout(self.uploads_box)
        self._uploads_widget: QWidget | None = None

        self.details = QWidget(self)
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.title)
        details_layout.addLayout(form)
        details_layout.addLayout(buttons)
        details_layout.addWidget(agents_box, 1)
        details_layout.addWidget(self.uploads_box, 1)
        if self._can_import:
            hint = QLabel(self.tr("Drop CSV or Excel files here to import them into this campaign."), self)
            hint.setWordWrap(True)
            details_layout.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.details, 1)
        self.details.setVisible(False)
        ctx.data_changed.connect(self._on_data_changed)

    # -- loading ----------------------------------------------------------------------------
    def show_campaign(self, campaign_id: int) -> None:
        actor = self.ctx.actor
        # Only the latest request counts (double-clicking row after row must end on the last one).
        self._request += 1
        request = self._request

        def shown(view: CampaignView) -> None:
            if request == self._request:
                self._show(view)

        def failed(exc: BaseException) -> bool:
            return True if request != self._request else self._load_failed(exc)

        self.ctx.run_in_session(lambda s: campaigns.get_campaign(s, actor, campaign_id), shown, failed,
                                parent=self, label="load campaign")

    def reload(self) -> None:
        if self.campaign is not None:
            self.show_campaign(self.campaign.id)

    def clear(self) -> None:
        self._request += 1  # a load still in flight must not bring the panel back
        self.campaign = None
        self.details.setVisible(False)
        self.empty_label.setVisible(True)
        self._set_uploads_widget(None)
        self.loaded.emit(None)

    def _load_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, NotFoundError):  # deleted on another workstation meanwhile
            self.clear()
            return True
        return False

    def _show(self, view: CampaignView) -> None:
        changed_campaign = self.campaign is None or self.campaign.id != view.id
        self.campaign = view
        self.title.setText(f"<h3>{_escape(view.name)}</h3>")
        self.fields["status"].setText(status_label(view.status))
        self.fields["start_date"].setText(format_value(view.start_date) or self.tr("not set"))
        self.fields["end_date"].setText(format_value(view.end_date) or self.tr("not set"))
        self.fields["created_by"].setText(view.created_by_name or "")
        self.fields["updated_at"].setText(format_value(view.updated_at))
        self.fields["description"].setText(view.description)
        self.agents_list.clear()
        for agent in view.agents:
            text = f"{agent['name']} <{agent['email']}>"
            if not agent.get("active", True):
                text += " " + self.tr("(inactive)")
            self.agents_list.addItem(text)
        if not view.agents:
            self.agents_list.addItem(self.tr("No agents assigned yet."))
        if changed_campaign:
            self._build_uploads_slot(view.id)
        self.empty_label.setVisible(False)
        self.details.setVisible(True)
        self.loaded.emit(view)

    def assigned_agent_names(self) -> list[str]:
        return [a["name"] for a in self.campaign.agents] if self.campaign else []

    def _build_uploads_slot(self, campaign_id: int) -> None:
        try:
            widget = CampaignUploadsWidget(self.ctx, campaign_id, self.uploads_box)
        except Exception:  # noqa: BLE001 - a broken uploads list must not break the panel
            log.exception("The uploads list of campaign %s could not be built", campaign_id)
            widget = QLabel(self.tr("The uploads list could not be shown; see the log file."))
        self._set_uploads_widget(widget)

    def _set_uploads_widget(self, widget: QWidget | None) -> None:
        if self._uploads_widget is not None:
            self._uploads_layout.removeWidget(self._uploads_widget)
            self._uploads_widget.deleteLater()
        self._uploads_widget = widget
        if widget is not None:
            self._uploads_layout.addWidget(widget)

    def _on_data_changed(self, kind: str, entity_id: object) -> None:
        if self.campaign is None:
            return
        if kind in (kinds.CAMPAIGNS, kinds.ASSIGNMENTS) and kinds.concerns(entity_id, self.campaign.id) \
                or kind == kinds.AGENTS:
            self.reload()

    # -- importing --------------------------------------------------------------------------
    def drop_campaign_id(self) -> int | None:
        return self.campaign.id if self._can_import and self.campaign is not None else None

    def start_dropped_import(self, campaign_id: int, paths: list[Path]) -> None:
        self._import(campaign_id, paths)

    def _choose_files(self) -> None:
        if self.campaign is not None:
            self.choose_files(self.campaign.id, self.campaign.name)

    def choose_files(self, campaign_id: int, campaign_name: str) -> None:
        files = file_dialogs.open_files(self.ctx, self, file_dialogs.IMPORTS,
                                        self.tr("Import into {name}").format(name=campaign_name),
                                        self.tr("Spreadsheets ({patterns})").format(patterns=IMPORT_PATTERNS))
        if files:
            self._import(campaign_id, files)

    def _import(self, campaign_id: int, paths: list[Path]) -> None:
        start_import(self.ctx, campaign_id, paths, self)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
