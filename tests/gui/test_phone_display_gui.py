"""Phones as people write them, line types in words, the campaign's country and upload warnings,
through real widgets (issue 18)."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from welcomedly_desktop.db.models import Campaign
from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog
from welcomedly_desktop.gui.dialogs.import_dialog import ImportDialog, ImportProgressDialog
from welcomedly_desktop.gui.models.uploads_model import UploadsModel
from welcomedly_desktop.gui.views.records_view import RecordsModel, RecordsView
from welcomedly_desktop.gui.views.uploads_page import CampaignUploadsWidget, RejectsDialog
from welcomedly_desktop.services import agents, assignments, imports, org_settings

from .conftest import closed, drop_files, wait_idle

ROWS = [["nombre", "telefono"], ["Ana", "3124900097"], ["Luis", "(601) 490 0097"], ["Eva", "3994900097"],
        ["Iván", "312490009"], ["Sara", "+1 312 555 0100"]]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _colombia(db, admin_actor) -> None:  # noqa: ANN001
    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")


def _column(key: str) -> int:
    return [k for k, _t in RecordsModel.COLUMNS].index(key)


def test_records_view_shows_national_numbers_and_line_types(qtbot, db, admin_actor, supervisor_actor, make_campaign,
                                                             make_ctx, tmp_path):
    _colombia(db, admin_actor)
    campaign = make_campaign("Leads CO")
    summary = imports.import_file(db, supervisor_actor, _write(tmp_path / "l.csv", ROWS), campaign.id)
    assert (summary.imported, summary.warnings) == (4, 1)
    ctx = make_ctx(supervisor_actor)
    view = RecordsView(ctx, campaign.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=10000)
    model = view.model
    shown = {model.index(r, _column("name")).data(): (model.index(r, _column("phone")).data(),
                                                      model.index(r, _column("line_type")).data())
             for r in range(model.rowCount())}
    assert shown == {"Ana": ("312 4900097", "Mobile"), "Luis": ("(601) 4900097", "Landline"),
                     "Eva": ("3994900097", "Unknown to the numbering plan"),
                     "Sara": ("+1 312-555-0100", "Landline or mobile")}
    assert model.headerData(_column("line_type"), Qt.Orientation.Horizontal) == "Line"
    ana = next(r for r in range(model.rowCount()) if model.index(r, _column("name")).data() == "Ana")
    assert model.index(ana, _column("phone")).data(Qt.ItemDataRole.ToolTipRole) == "+573124900097"
    view.close()
    wait_idle(qtbot, ctx)


def test_work_queue_shows_the_number_as_written_with_its_line_type(qtbot, db, admin_actor, agent_actor,
                                                                   make_campaign, make_ctx, tmp_path):
    from welcomedly_desktop.gui.views.work_queue_page import WorkQueuePage

    _colombia(db, admin_actor)
    campaign = make_campaign("Calls CO", status="active")
    imports.import_file(db, admin_actor, _write(tmp_path / "q.csv", ROWS[:2]), campaign.id)
    with db.session() as session:
        me = agents.get_for_user(session, agent_actor.user_id).id
        assignments.assign(session, admin_actor, campaign.id, [me])
        from welcomedly_desktop.services import distribution

        distribution.distribute(session, admin_actor, campaign.id)
    ctx = make_ctx(agent_actor)
    page = WorkQueuePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    wait_idle(qtbot, ctx)
    assert page.fields["name"].text() == "Ana"
    assert page.fields["phone"].text() == "312 4900097 (Mobile)"
    assert page.queue_table.item(0, 2).text() == "312 4900097"
    page.close()
    wait_idle(qtbot, ctx)


def test_campaign_dialog_country_defaults_to_the_organizations(qtbot, db, admin_actor, supervisor_actor, make_ctx):
    _colombia(db, admin_actor)
    ctx = make_ctx(supervisor_actor)
    dialog = CampaignDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    combo = dialog.ui.countryCombo
    assert combo.currentIndex() == 0 and combo.currentData() is None
    qtbot.waitUntil(lambda: "Colombia" in combo.itemText(0), timeout=5000)
    dialog.ui.nameEdit.setText("Leads MX")
    combo.setCurrentIndex(combo.findData("MX"))
    assert "Mexico" in combo.currentText() and "+52" in combo.currentText()
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save_button.click()
    view = saved.args[0]
    assert view.country == "MX"
    with db.session() as session:
        assert session.scalar(select(Campaign.country).where(Campaign.id == view.id)) == "MX"
    # Editing shows the campaign's own country; choosing the first item goes back to the organization's.
    edit = CampaignDialog(ctx, view)
    qtbot.addWidget(edit)
    edit.open()
    assert edit.ui.countryCombo.currentData() == "MX"
    edit.ui.countryCombo.setCurrentIndex(0)
    with qtbot.waitSignal(edit.saved, timeout=5000) as saved:
        edit.save_button.click()
    assert saved.args[0].country is None
    wait_idle(qtbot, ctx)
    assert closed(dialog) and closed(edit)


def test_upload_warnings_in_the_import_result_uploads_and_rejected_rows(qtbot, db, admin_actor, supervisor_actor,
                                                                        make_campaign, open_window, tmp_path):
    _colombia(db, admin_actor)
    campaign = make_campaign("Leads CO")
    window = open_window(supervisor_actor)
    panel = window.show_page("campaigns").panel
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_campaign(campaign.id)
    uploads_widget = panel.findChild(CampaignUploadsWidget)
    assert drop_files(panel, [_write(tmp_path / "leads.csv", ROWS)]).isAccepted()
    found: list[ImportDialog] = []
    qtbot.waitUntil(lambda: bool(found.extend(panel.findChildren(ImportDialog)) or found), timeout=5000)
    dialog = found[0]
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    with qtbot.waitSignal(dialog.import_started, timeout=5000) as started:
        dialog.import_button.click()
    progress: ImportProgressDialog = started.args[0]
    qtbot.waitUntil(lambda: progress.summary is not None or progress.error is not None, timeout=30000)
    assert progress.summary is not None, progress.error
    result = progress.result_label.text()
    assert "4 records added from 5 rows: 1 rejected" in result
    assert "1 of the records were added with a warning" in result
    qtbot.waitUntil(lambda: uploads_widget.model.rowCount() == 1, timeout=5000)
    progress.close_button.click()
    assert closed(progress) and closed(dialog)

    model = uploads_widget.model
    assert model.headerData(UploadsModel.COL_WARNINGS, Qt.Orientation.Horizontal) == "Warnings"
    assert model.index(0, UploadsModel.COL_WARNINGS).data() == "1"
    assert model.index(0, UploadsModel.COL_AT).data()  # the columns after it moved along
    upload = model.row_at(0)
    rejects = RejectsDialog(uploads_widget.ctx, upload, window)
    qtbot.addWidget(rejects)
    with qtbot.waitSignal(rejects.loaded, timeout=5000):
        rejects.open()
    reasons = [rejects.proxy.index(r, 2).data() for r in range(rejects.proxy.rowCount())]
    assert len(reasons) == 2 and any(r.startswith("phone '312490009'") for r in reasons)
    assert ("imported with a warning: the number 3994900097 has the right length but is unknown to the "
            "numbering plan") in reasons
    assert "1 rows were not imported." in rejects.summary.text()
    assert "1 rows were imported with a warning" in rejects.summary.text()
    out = tmp_path / "rejected.csv"
    with qtbot.waitSignal(rejects.exported, timeout=5000) as exported:
        rejects.export_to(out)
    assert exported.args[0] == 1  # the rejected rows; the warnings follow them
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:3] == ["row", "column", "reason"] and lines[1][0] == "5" and lines[1][3:] == ["Iván", "312490009"]
    assert lines[2][:2] == ["4", "telefono"] and "imported with a warning" in lines[2][2]
    rejects.close()
    window.close()
