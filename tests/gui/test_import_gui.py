"""Import through the GUI: drop on a campaign, the import dialog, progress and Cancel, the Uploads
page with its rejected rows, and the lazy records view over 100,000 records."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select, text

from welcomedly_desktop.db.models import BaseCampaignData, CampaignRecord
from welcomedly_desktop.gui.dialogs.import_dialog import ImportDialog, ImportProgressDialog, start_import
from welcomedly_desktop.gui.views.records_view import RecordsView
from welcomedly_desktop.gui.views.uploads_page import CampaignUploadsWidget, RejectsDialog, UploadsPage
from welcomedly_desktop.services import imports

from .conftest import closed, drop_files, wait_idle


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def _count(db, model=CampaignRecord) -> int:  # noqa: ANN001
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _wait_dialog(qtbot, parent: QWidget, cls):  # noqa: ANN001, ANN202
    found = []
    qtbot.waitUntil(lambda: bool(found.extend(parent.findChildren(cls)) or found), timeout=5000)
    return found[0]


def test_drop_on_campaign_panel_then_dialog_then_progress(qtbot, db, supervisor_actor, make_campaign, open_window,
                                                            tmp_path):
    campaign = make_campaign("Drop target")
    leads = _write(tmp_path / "leads.csv", [
        ["Cliente", "Dato A", "Correo", "Ciudad"],
        ["Ana", "3124900097", "ana@example.com", "Cali"],
        ["Luis", "12", "", "Pasto"],
        ["Eva", "3001112233", "", "Bogotá"],
    ], delimiter=";")
    window = open_window(supervisor_actor)
    panel = window.show_page("campaigns").panel
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_campaign(campaign.id)
    uploads_widget = panel.findChild(CampaignUploadsWidget)
    assert uploads_widget is not None

    assert drop_files(panel, [leads]).isAccepted()
    dialog = _wait_dialog(qtbot, panel, ImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.delimiter_combo.currentData() == ";"
    assert dialog.encoding_combo.currentText() == "utf-8"
    assert dialog.preview_table.rowCount() == 3 and dialog.preview_table.item(0, 0).text() == "Ana"
    # "Dato A" is not a recognised name: the user picks the phone column in the mapping editor.
    assert dialog.mapping_combos["phone"].currentData() is None
    assert dialog.mapping_combos["email"].currentData() == "Correo"
    dialog.import_button.click()
    assert "phone number" in dialog.warning_label.text() and dialog.isVisible()
    combo = dialog.mapping_combos["phone"]
    combo.setCurrentIndex(combo.findData("Dato A"))
    dialog.mapping_combos["name"].setCurrentIndex(dialog.mapping_combos["name"].findData("Cliente"))

    with qtbot.waitSignal(dialog.import_started, timeout=5000) as started:
        dialog.import_button.click()
    progress: ImportProgressDialog = started.args[0]
    qtbot.waitUntil(lambda: progress.summary is not None or progress.error is not None, timeout=30000)
    assert progress.summary is not None, progress.error
    assert progress.close_button.isVisible() and not progress.cancel_button.isVisible()
    assert "2 records added from 3 rows: 1 rejected" in progress.result_label.text()
    qtbot.waitUntil(lambda: uploads_widget.model.rowCount() == 1, timeout=5000)
    progress.close_button.click()
    assert closed(progress) and closed(dialog)
    assert _count(db) == 2
    with db.session() as session:
        assert session.scalars(select(BaseCampaignData.column_mapping)).one() == {
            "name": "Cliente", "phone": "Dato A", "email": "Correo"}
    wait_idle(qtbot, window.ctx)


def test_cancel_in_the_progress_dialog_rolls_back(qtbot, db, supervisor_actor, make_campaign, make_ctx, tmp_path):
    campaign = make_campaign("Cancel me")
    path = _write(tmp_path / "big.csv", [["nombre", "telefono"]] + [[f"N{i}", str(3_000_000_000 + i)] for i in range(60_000)])
    ctx = make_ctx(supervisor_actor)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = start_import(ctx, campaign.id, [path], host)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    with qtbot.waitSignal(dialog.import_started, timeout=5000) as started:
        dialog.import_button.click()
    progress: ImportProgressDialog = started.args[0]
    # Cancel as soon as the first rows are through (the label is updated on the GUI thread from
    # the worker's queued progress signal): the worker stops and rolls back.
    qtbot.waitUntil(lambda: progress.rate_label.text() != "", timeout=20000)
    progress.cancel_button.click()
    assert not progress.cancel_button.isEnabled()
    progress.reject()  # Esc while running only asks to cancel: the dialog stays
    assert progress.isVisible()
    with qtbot.waitSignal(progress.finished_import, timeout=30000) as finished:
        pass
    assert finished.args == [False]
    assert progress.phase_label.text() == "Import cancelled."
    assert _count(db) == 0
    with db.session() as session:
        assert session.scalars(select(BaseCampaignData.status)).one() == "cancelled"
    progress.close_button.click()
    assert closed(progress)
    wait_idle(qtbot, ctx)


def test_refused_file_is_one_sentence_in_the_dialog(qtbot, db, supervisor_actor, make_campaign, make_ctx, tmp_path):
    campaign = make_campaign("Hostile")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    ctx = make_ctx(supervisor_actor)
    host = QWidget()
    qtbot.addWidget(host)
    assert start_import(ctx, campaign.id, [tmp_path / "notes.pdf"], host) is None
    dialog = start_import(ctx, campaign.id, [empty], host)
    with qtbot.waitSignal(dialog.preview_loaded, timeout=10000):
        pass
    assert dialog.warning_label.text() == "The file empty.csv is empty."
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    wait_idle(qtbot, ctx)
    assert _count(db, BaseCampaignData) == 0


def test_uploads_page_rejects_and_export(qtbot, db, supervisor_actor, make_campaign, open_window, tmp_path, dialogs):
    campaign = make_campaign("Listed")
    path = _write(tmp_path / "list.csv", [["nombre", "telefono"], ["Ana", "3124900097"], ["Bad", "123"], ["Dup", "3124900097"]])
    imports.import_file(db, supervisor_actor, path, campaign.id)
    window = open_window(supervisor_actor, page="uploads")
    page = window.page("uploads")
    assert isinstance(page, UploadsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    row = page.model.row_at(0)
    assert (row.status, row.imported, row.rejected, row.duplicates) == ("processed", 1, 1, 1)
    assert not page.can_new_item()  # no campaign chosen yet: nothing to drop into
    page.campaign_filter.setCurrentIndex(page.campaign_filter.findData(campaign.id))
    assert page.can_new_item()
    wait_idle(qtbot, window.ctx)
    page.table.selectRow(0)
    dialog = page.show_rejects(page.selected_row())
    assert isinstance(dialog, RejectsDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    reasons = sorted(dialog.model.row_at(i).reason for i in range(dialog.model.rowCount()))
    assert len(reasons) == 2 and "duplicate of row 2 of this file" in reasons
    out = tmp_path / "rejected.csv"
    with qtbot.waitSignal(dialog.exported, timeout=5000) as exported:
        dialog.export_to(out)
    assert exported.args == [2]
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "row,column,reason,nombre,telefono"
    dialog.accept()
    wait_idle(qtbot, window.ctx)


def test_agent_sees_no_uploads(qtbot, agent_actor, open_window):
    window = open_window(agent_actor, page="uploads")
    page = window.page("uploads")
    assert page.new_item is None and "Only administrators and supervisors" in page.count_label.text()


def test_records_view_over_100k_records_is_lazy(qtbot, db, supervisor_actor, make_campaign, make_ctx):
    campaign = make_campaign("Big")
    with db.session() as session:
        session.execute(text(
            "INSERT INTO campaign_records (campaign_id, phone, name, status) "
            "SELECT :cid, (573000000000 + g)::text, 'Name ' || g, CASE WHEN g % 10 = 0 THEN 'done' ELSE 'new' END "
            "FROM generate_series(1, 100000) g"), {"cid": campaign.id})
    ctx = make_ctx(supervisor_actor)
    view = RecordsView(ctx, campaign.id)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 100_000 and view.model.rowCount() == 500, timeout=10000)
    assert "100,000 records (showing 500)" in view.count_label.text()
    # Scrolling to the end asks for the next page only (never the whole table).
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1000, timeout=10000)
    # Shown as people write it (no country chosen: international); the stored E.164 in the tooltip.
    assert view.model.index(999, 2).data() == "+57 300 0001000"
    assert view.model.index(999, 2).data(Qt.ItemDataRole.ToolTipRole) == "+573000001000"
    view.status_combo.setCurrentIndex(view.status_combo.findData("done"))
    qtbot.waitUntil(lambda: view.model.total == 10_000 and view.model.rowCount() == 500, timeout=10000)
    view.search_edit.setText("573000099990")
    qtbot.waitUntil(lambda: view.model.total == 1 and view.model.rowCount() == 1, timeout=10000)
    assert view.model.index(0, 1).data() == "Name 99990"
    view.close()
    wait_idle(qtbot, ctx)


def test_drop_on_uploads_page_needs_a_campaign(qtbot, db, supervisor_actor, make_campaign, open_window, tmp_path):
    campaign = make_campaign("Page drop")
    path = _write(tmp_path / "drop.csv", [["nombre", "telefono"], ["Ana", "3124900097"]])
    window = open_window(supervisor_actor, page="uploads")
    page = window.page("uploads")
    qtbot.waitUntil(lambda: page.campaign_filter.count() == 2, timeout=5000)
    assert not drop_files(page, [path]).isAccepted()  # "All campaigns": nowhere to import into
    page.campaign_filter.setCurrentIndex(page.campaign_filter.findData(campaign.id))
    drop = drop_files(page, [path])
    assert drop.isAccepted()
    dialog = _wait_dialog(qtbot, page, ImportDialog)
    assert dialog.campaign_id == campaign.id
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    dialog.reject()
    wait_idle(qtbot, window.ctx)


def test_closing_the_import_dialog_lets_the_previewed_workbook_go(qtbot, supervisor_actor, make_campaign, make_ctx,
                                                                   tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    from welcomedly_desktop.importing import sheet_reader

    campaign = make_campaign("Closed")
    wb = Workbook()  # with a duration: read by calamine (xlsx_batches leaves durations to it), whose parse is kept
    wb.active.append(["Nombre", "Celular", "Espera"])
    wb.active.append(["Ana", 3124900097, dt.timedelta(hours=26)])
    path = tmp_path / "leads.xlsx"
    wb.save(path)
    ctx = make_ctx(supervisor_actor)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = start_import(ctx, campaign.id, [path], host)
    with qtbot.waitSignal(dialog.preview_loaded, timeout=10000):
        pass
    assert sheet_reader._parsed is not None  # kept for the import that usually follows
    dialog.reject()
    assert sheet_reader._parsed is None
