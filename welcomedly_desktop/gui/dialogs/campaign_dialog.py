"""Create or edit a campaign (form from ui/campaign_form.ui).

The dialog stays open until the service accepted the change: a ValidationError is shown under its
field (nothing is saved, nothing typed is lost); a ConflictError asks Reload / Overwrite / Cancel.
It is opened with ``open()`` (window-modal, non-blocking) and saves through the operation runner.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from welcomedly_desktop.db.models import CAMPAIGN_STATUS_VALUES
from welcomedly_desktop.errors import ConflictError, ValidationError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.date_typing import make_typeable
from welcomedly_desktop.gui.dialogs.conflict_dialog import ConflictChoice, ask_conflict
from welcomedly_desktop.gui.dialogs.form_errors import FieldErrors
from welcomedly_desktop.gui.generated.ui_campaign_form import Ui_CampaignForm
from welcomedly_desktop.gui.labels import country_items, country_label
from welcomedly_desktop.gui.models.campaigns_model import status_label
from welcomedly_desktop.services import campaigns, org_settings
from welcomedly_desktop.services.campaigns import CampaignView


class CampaignDialog(QDialog):
    saved = Signal(object)  # CampaignView

    def __init__(self, ctx: AppContext, campaign: CampaignView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign = campaign
        self.ui = Ui_CampaignForm()
        self.ui.setupUi(self)
        self.setObjectName("campaignDialog")
        self.setWindowTitle(self.tr("New campaign") if campaign is None else self.tr("Edit campaign"))
        for status in CAMPAIGN_STATUS_VALUES:
            self.ui.statusCombo.addItem(status_label(status), status)
        # The campaign's own country (issue 18); the first item, None, is the organization's.
        self.ui.countryCombo.addItem(self.tr("The organization's country"), None)
        for text, code in country_items():
            self.ui.countryCombo.addItem(text, code)
        self._show_organization_country()
        self.errors = FieldErrors(
            {
                "name": self.ui.nameError,
                "status": self.ui.statusError,
                "start_date": self.ui.startDateError,
                "end_date": self.ui.endDateError,
                "country": self.ui.countryError,
            },
            self.ui.formError,
            {"name": self.ui.nameEdit, "status": self.ui.statusCombo,
             "start_date": self.ui.startDateEdit, "end_date": self.ui.endDateEdit, "country": self.ui.countryCombo},
        )
        # The date fields stay typeable; changing one ticks its box (a disabled field ignored every key).
        make_typeable(self.ui.startDateEdit, self.ui.endDateEdit)
        self.ui.startDateEdit.dateChanged.connect(lambda _d: self.ui.startCheck.setChecked(True))
        self.ui.endDateEdit.dateChanged.connect(lambda _d: self.ui.endCheck.setChecked(True))
        # "End before start" is about both dates: fixing either one clears both messages.
        dates = ("start_date", "end_date")
        self.errors.clear_on_change(dates, self.ui.startDateEdit.dateChanged, self.ui.endDateEdit.dateChanged,
                                    self.ui.startCheck.toggled, self.ui.endCheck.toggled)
        self.errors.clear_on_change(("name",), self.ui.nameEdit.textEdited)
        self.errors.clear_on_change(("status",), self.ui.statusCombo.currentIndexChanged)
        self.errors.clear_on_change(("country",), self.ui.countryCombo.currentIndexChanged)
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._fill(campaign)

    # -- form <-> values --------------------------------------------------------------------
    def _fill(self, campaign: CampaignView | None) -> None:
        today = QDate.currentDate()
        self.ui.nameEdit.setText(campaign.name if campaign else "")
        self.ui.descriptionEdit.setPlainText(campaign.description if campaign else "")
        status = campaign.status if campaign else "draft"
        self.ui.statusCombo.setCurrentIndex(max(0, self.ui.statusCombo.findData(status)))
        country = campaign.country if campaign else None
        self.ui.countryCombo.setCurrentIndex(max(0, self.ui.countryCombo.findData(country)) if country else 0)
        for check, edit, value in (
            (self.ui.startCheck, self.ui.startDateEdit, campaign.start_date if campaign else None),
            (self.ui.endCheck, self.ui.endDateEdit, campaign.end_date if campaign else None),
        ):
            edit.blockSignals(True)  # filling is not the user changing a date
            edit.setDate(QDate(value.year, value.month, value.day) if value else today)
            edit.blockSignals(False)
            check.setChecked(value is not None)
        self.version = campaign.version if campaign else None

    def set_dates(self, start: dt.date | None, end: dt.date | None) -> None:
        """Convenience for tests and callers: set both optional dates."""
        for check, edit, value in ((self.ui.startCheck, self.ui.startDateEdit, start),
                                   (self.ui.endCheck, self.ui.endDateEdit, end)):
            check.setChecked(value is not None)
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))

    def values(self) -> dict[str, Any]:
        def date_of(check, edit) -> dt.date | None:  # noqa: ANN001
            if not check.isChecked():
                return None
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return {
            "name": self.ui.nameEdit.text(),
            "description": self.ui.descriptionEdit.toPlainText(),
            "status": self.ui.statusCombo.currentData(),
            "start_date": date_of(self.ui.startCheck, self.ui.startDateEdit),
            "end_date": date_of(self.ui.endCheck, self.ui.endDateEdit),
            "country": self.ui.countryCombo.currentData(),
        }

    def _show_organization_country(self) -> None:
        """Name the organization's country in the first item ("The organization's: Colombia (+57)")."""

        def shown(country: str | None) -> None:
            if country:
                text = self.tr("The organization's: {country}").format(country=country_label(country))
                self.ui.countryCombo.setItemText(0, text)

        self.ctx.run_in_session(lambda s: org_settings.get_settings(s).country, shown, parent=self,
                                label="organization country")

    # -- saving -----------------------------------------------------------------------------
    def save(self, *, expected_version: Any = "form") -> None:
        self.errors.clear()
        values = self.values()
        actor = self.ctx.actor
        if expected_version == "form":
            expected_version = self.version
        if self.campaign is None:
            def work(session):  # noqa: ANN001, ANN202
                return campaigns.create_campaign(session, actor, **values)
        else:
            campaign_id = self.campaign.id

            def work(session):  # noqa: ANN001, ANN202
                return campaigns.update_campaign(session, actor, campaign_id, expected_version=expected_version, **values)

        self.save_button.setEnabled(False)
        self.ctx.run_in_session(work, self._saved, self._failed, parent=self, label="save campaign")

    def _saved(self, view: CampaignView) -> None:
        self.save_button.setEnabled(True)
        self.campaign = view
        self.version = view.version
        self.ctx.notify_changed(kinds.CAMPAIGNS, view.id)
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc)
            return True
        if isinstance(exc, ConflictError) and self.campaign is not None:
            choice = ask_conflict(self, self.tr("campaign"))
            if choice is ConflictChoice.RELOAD:
                self._reload()
            elif choice is ConflictChoice.OVERWRITE:
                self.save(expected_version=None)
            return True
        return False

    def _reload(self) -> None:
        assert self.campaign is not None
        campaign_id, actor = self.campaign.id, self.ctx.actor

        def done(view: CampaignView) -> None:
            self.campaign = view
            self._fill(view)
            self.ctx.notify_changed(kinds.CAMPAIGNS, view.id)

        self.ctx.run_in_session(lambda s: campaigns.get_campaign(s, actor, campaign_id), done, parent=self,
                                label="reload campaign")
