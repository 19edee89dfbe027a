"""Reports page through real widgets: pickers, tables and charts, print preview, exports, roles."""

from __future__ import annotations

import csv
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from sqlalchemy import text

from welcomedly_desktop.reports import cache

from ..reports.conftest import dataset  # noqa: F401 - the hand-built data set fixture
from .conftest import wait_idle


def _open(qtbot, make_ctx, actor):  # noqa: ANN001, ANN202
    from welcomedly_desktop.gui.views.reports_page import ReportsPage

    cache.invalidate()
    ctx = make_ctx(actor)
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    wait_idle(qtbot, ctx)
    page.from_edit.setDate(QDate(2026, 11, 2))
    page.to_edit.setDate(QDate(2026, 11, 4))
    page.tz_combo.setCurrentIndex(page.tz_combo.findData("UTC"))
    return ctx, page


def _cells(widget) -> list[list[str]]:  # noqa: ANN001
    return [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]


def test_campaign_report_tables_charts_and_exports(qtbot, db, dataset, supervisor_actor, make_ctx, dialogs, tmp_path):  # noqa: F811
    ctx, page = _open(qtbot, make_ctx, supervisor_actor)
    assert [page.kind_combo.itemData(i) for i in range(page.kind_combo.count())] == ["campaign", "agent"]
    assert not page.pdf_button.isEnabled()
    page.select_subject(dataset.campaign_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.show_button.click()
    summary = dict(map(tuple, _cells(page.summary_table)))
    assert summary["Attempts"] == "6" and summary["Conversion (successes / contacts)"] == "50.0%"
    assert summary["Penetration (worked / records)"] == "66.7%"
    agents = _cells(page.table_widgets["agents"])
    assert {row[0] for row in agents} == {"Alex Agent", "Bea Agent"}
    # Charts hold the report's data.
    pie = page.chart_views[0].chart().series()[0]
    assert {s.label().split(" (")[0]: s.value() for s in pie.slices()}["Sale"] == 2
    daily = page.chart_views[1].chart().series()[0]
    assert [p.y() for p in daily.points()] == [3, 1, 2]
    bars = page.chart_views[2].chart().series()[0].barSets()[0]
    categories = page.chart_views[2].chart().axes(Qt.Orientation.Horizontal)[0].categories()
    by_hour = {int(c): bars.at(i) for i, c in enumerate(categories)}
    assert (categories[0], categories[-1]) == ("8", "17")  # active hours 9-16, one either side
    assert (by_hour[9], by_hour[10], by_hour[14], by_hour[12]) == (2, 1, 1, 0)
    grab = page.chart_views[1].grab().toImage()
    assert len({grab.pixel(x, y) for x in range(0, grab.width(), 7) for y in range(0, grab.height(), 7)}) > 5

    # Ctrl+P: the print preview dialog paints through the shared render path.
    painted = []

    def look(dialog):  # noqa: ANN001, ANN202
        assert isinstance(dialog, QPrintPreviewDialog)
        dialog.paintRequested.connect(lambda p: painted.append(True))
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        painted.append(preview.pageCount())
        dialog.reject()
        return 0

    dialogs.answer(look)
    assert page.can_print_page()
    page.print_page()
    assert dialogs.seen[-1].object_name == "printPreviewDialog"
    assert painted and painted[-1] >= 1

    for fmt in ("pdf", "csv", "xlsx"):
        target = tmp_path / f"report.{fmt}"
        with qtbot.waitSignal(page.exported, timeout=15000):
            page.export_to(fmt, target)
        assert target.stat().st_size > 0
    with open(tmp_path / "report.csv", newline="", encoding="utf-8-sig") as fh:
        assert ["Attempts", "6"] in list(csv.reader(fh))
    with qtbot.waitSignal(page.exported, timeout=15000):
        page.export_records_to(dataset.campaign_id, tmp_path / "records.csv")
    assert "Saved 6 records" in page.status_label.text()
    wait_idle(qtbot, ctx)
    with db.session() as s:
        formats = s.execute(text("SELECT details->>'format' FROM audit_log WHERE action = 'report.export' ORDER BY id")).scalars().all()
    assert formats == ["pdf", "csv", "xlsx"]


def test_agent_sees_only_own_report(qtbot, db, dataset, agent_actor, make_ctx, dialogs):  # noqa: F811
    ctx, page = _open(qtbot, make_ctx, agent_actor)
    assert [page.kind_combo.itemData(i) for i in range(page.kind_combo.count())] == ["agent"]
    assert [page.subject_combo.itemData(i) for i in range(page.subject_combo.count())] == [dataset.agent_a]
    assert not page.records_button.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.refresh()
    summary = dict(map(tuple, _cells(page.summary_table)))
    assert summary["Attempts"] == "3"
    assert [row[0] for row in _cells(page.table_widgets["campaigns"])] == ["Hand-built"]


def test_refused_period_is_one_sentence(qtbot, db, dataset, supervisor_actor, make_ctx, dialogs):  # noqa: F811
    ctx, page = _open(qtbot, make_ctx, supervisor_actor)
    page.from_edit.setDate(QDate(2026, 11, 5))
    page.refresh()
    assert dialogs.texts()[-1] == "The start date must not be after the end date."
    assert page.report is None


def test_presets_and_stale_notice(qtbot, db, dataset, supervisor_actor, make_ctx, dialogs):  # noqa: F811
    ctx, page = _open(qtbot, make_ctx, supervisor_actor)
    page.select_subject(dataset.campaign_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page._apply_preset(page.preset_combo.findText("Last 7 days"))
    assert page.from_edit.date().daysTo(page.to_edit.date()) == 6
    assert page.to_edit.date() == QDate.currentDate() and page.preset_combo.currentIndex() == 0
    assert page.report.period.days == 7
    ctx.notify_changed("activity", 1)
    assert "press Show" in page.status_label.text()
    page.set_this_month()
    assert page.from_edit.date().day() == 1


def test_ctrl_p_in_main_window_opens_print_preview(qtbot, db, dataset, supervisor_actor, open_window, dialogs):  # noqa: F811
    from PySide6.QtCore import Qt as QtKeys

    window = open_window(supervisor_actor, page="reports")
    page = window.show_page("reports")
    assert type(page).__name__ == "ReportsPage"
    wait_idle(qtbot, window.ctx)
    assert not window.page_actions["print"].isEnabled()  # nothing to print before a report is shown
    page.select_subject(dataset.campaign_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.refresh()
    assert window.page_actions["print"].isEnabled()  # the page announced it (actions_changed)
    qtbot.keyClick(window, QtKeys.Key.Key_P, QtKeys.KeyboardModifier.ControlModifier)
    assert [d.object_name for d in dialogs.seen][-1] == "printPreviewDialog"


def test_disposition_catalogue_dialog(qtbot, db, dataset, supervisor_actor, make_ctx, dialogs):  # noqa: F811
    from welcomedly_desktop.gui.dialogs.dispositions_dialog import DispositionsDialog

    ctx, page = _open(qtbot, make_ctx, supervisor_actor)
    page.select_subject(dataset.campaign_id)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.refresh()
    dialog = DispositionsDialog(ctx, dataset.campaign_id, "Hand-built", page)
    qtbot.addWidget(dialog)
    dialog.load()
    wait_idle(qtbot, ctx)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names[:2] == ["Sale", "Not interested"] and len(names) == 8
    busy = names.index("Busy")
    contact_col = DispositionsDialog.COLUMNS.index("is_contact")
    # A supervisor cannot change the global catalogue: its cells are not checkable.
    assert not (dialog.table.item(busy, contact_col).flags() & Qt.ItemFlag.ItemIsUserCheckable)
    dialog.add_row()
    new = dialog.table.rowCount() - 1
    dialog.table.item(new, 0).setText("Promise to pay")
    dialog.table.item(new, contact_col).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(new, DispositionsDialog.COLUMNS.index("is_success")).setCheckState(Qt.CheckState.Checked)
    assert dialog.changes() == ([], [{"name": "Promise to pay", "colour": "#808080", "is_contact": True,
                                      "is_success": True, "needs_callback": False, "is_dnc": False,
                                      "is_final": False, "active": True}])
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    wait_idle(qtbot, ctx)
    assert "press Show" in page.status_label.text()  # the report is out of date now
    with db.session() as s:
        row = s.execute(text("SELECT campaign_id, is_contact, is_success FROM dispositions WHERE name = 'Promise to pay'")).one()
    assert tuple(row) == (dataset.campaign_id, True, True)


def test_admin_changes_a_global_flag_from_the_page(qtbot, db, dataset, admin_actor, make_ctx, dialogs):  # noqa: F811
    from welcomedly_desktop.gui.dialogs.dispositions_dialog import DispositionsDialog

    ctx, page = _open(qtbot, make_ctx, admin_actor)
    contact_col = DispositionsDialog.COLUMNS.index("is_contact")

    def edit(dialog):  # noqa: ANN001, ANN202
        assert isinstance(dialog, DispositionsDialog)
        wait_idle(qtbot, ctx)
        busy = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())].index("Busy")
        assert dialog.table.item(busy, contact_col).flags() & Qt.ItemFlag.ItemIsUserCheckable
        dialog.table.item(busy, contact_col).setCheckState(Qt.CheckState.Checked)
        assert dialog.changes() == ([(dataset.dispositions["Busy"], {"is_contact": True})], [])
        dialog.save()
        wait_idle(qtbot, ctx)
        return dialog.result()

    dialogs.answer(edit)
    page.catalogue_button.click()
    assert dialogs.seen[-1].object_name == "dispositionsDialog"
    with db.session() as s:
        assert s.execute(text("SELECT is_contact FROM dispositions WHERE name = 'Busy'")).scalar() is True
        assert s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'disposition.update'")).scalar() == 1
