"""Issue 18, "the rough edges": each finding a test can see, with real widgets offscreen."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from welcomedly_desktop.gui.dialogs.import_dialog import ImportDialog

from .conftest import wait_idle


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_first_click_on_import_counts_while_the_encoding_box_has_focus(qtbot, supervisor_actor, make_campaign,
                                                                        make_ctx, tmp_path):
    # (4) The cursor sits in the editable Encoding box; the first click on Import must start the import.
    campaign = make_campaign("First click")
    leads = _write(tmp_path / "leads.csv", [["name", "phone"], ["Ana", "3124900097"], ["Luis", "3001112233"]])
    ctx = make_ctx(supervisor_actor)
    dialog = ImportDialog(ctx, campaign.id, leads)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    edit = dialog.encoding_combo.lineEdit()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.encoding_combo, timeout=2000)  # the edit's focus proxy
    assert dialog.import_button.isEnabled()
    started = []
    dialog.import_started.connect(started.append)
    center = dialog.import_button.rect().center()
    qtbot.mousePress(dialog.import_button, Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseRelease(dialog.import_button, Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    progress = started[0]
    qtbot.waitUntil(lambda: progress.summary is not None or progress.error is not None, timeout=30000)
    assert progress.summary is not None, progress.error
    progress.close_button.click()
    wait_idle(qtbot, ctx)


def test_a_changed_encoding_then_one_click_on_import_still_imports(qtbot, supervisor_actor, make_campaign, make_ctx,
                                                                   tmp_path):
    # (4) A real change re-reads the preview; the click that caused it is not lost either.
    campaign = make_campaign("Changed encoding")
    leads = _write(tmp_path / "leads.csv", [["name", "phone"], ["Ana", "3124900097"]])
    ctx = make_ctx(supervisor_actor)
    dialog = ImportDialog(ctx, campaign.id, leads)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    edit = dialog.encoding_combo.lineEdit()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.encoding_combo, timeout=2000)  # the edit's focus proxy
    edit.selectAll()
    qtbot.keyClicks(edit, "latin-1")
    started, events = [], []
    dialog.preview_loaded.connect(lambda: events.append(("preview", dialog.encoding_combo.currentText())))
    dialog.import_started.connect(lambda p: events.append(("import", None)))
    dialog.import_started.connect(started.append)
    center = dialog.import_button.rect().center()
    qtbot.mousePress(dialog.import_button, Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseRelease(dialog.import_button, Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    progress = started[0]
    qtbot.waitUntil(lambda: progress.summary is not None or progress.error is not None, timeout=30000)
    assert progress.summary is not None, progress.error
    # The new encoding was read first (so the mapping matches it), then the same click imported.
    assert events == [("preview", "iso8859-1"), ("import", None)]  # latin-1, by its codec name
    progress.close_button.click()
    wait_idle(qtbot, ctx)


# -- (6) clipped and stale messages, typing into dates ------------------------------------------------
def _shown(qtbot, dialog):  # noqa: ANN001, ANN202
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def test_campaign_end_date_error_is_whole_and_goes_when_fixed(qtbot, supervisor_actor, make_ctx):
    import datetime as dt

    from PySide6.QtCore import QDate

    from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog

    from . import layout_check

    ctx = make_ctx(supervisor_actor)
    dialog = _shown(qtbot, CampaignDialog(ctx, None))
    dialog.ui.nameEdit.setText("Back to school")
    dialog.set_dates(dt.date(2026, 9, 1), dt.date(2026, 8, 15))
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("end_date")), timeout=10000)
    QApplication.processEvents()
    assert "end date" in dialog.errors.message("end_date").lower()
    assert layout_check.clipped_labels(dialog) == [] and layout_check.overlaps(dialog) == []
    # Fixing the end date clears the message at once, before any save.
    dialog.ui.endDateEdit.setDate(QDate(2026, 9, 30))
    assert dialog.errors.message("end_date") == "" and not dialog.ui.endDateError.isVisible()
    dialog.close()
    wait_idle(qtbot, ctx)


def test_typing_into_a_clicked_date_field_changes_it(qtbot, supervisor_actor, make_ctx):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QLineEdit

    from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog

    ctx = make_ctx(supervisor_actor)
    dialog = CampaignDialog(ctx, None)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    edit = dialog.ui.startDateEdit
    edit.setDate(QDate(2026, 1, 10))
    line = edit.findChild(QLineEdit)
    # Click inside the year, as a user would, then type a year.
    x = line.fontMetrics().horizontalAdvance("20") + 2
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.wait(20)
    qtbot.keyClicks(edit, "2027")
    assert edit.date() == QDate(2027, 1, 10)
    assert dialog.ui.startCheck.isChecked()  # a date typed is a date meant
    dialog.close()


def test_agent_and_first_admin_messages_wrap_uncut(qtbot, db, supervisor_actor, make_ctx):
    from welcomedly_desktop.errors import ValidationError
    from welcomedly_desktop.gui.dialogs.agent_dialog import AgentDialog
    from welcomedly_desktop.gui.dialogs.login_dialog import FirstAdminDialog

    from . import layout_check

    ctx = make_ctx(supervisor_actor)
    agent = _shown(qtbot, AgentDialog(ctx, None))
    agent.name_edit.setText("Ana")
    agent.email_edit.setText("not an e-mail address at all, written by someone in a hurry")
    agent.save()
    qtbot.waitUntil(lambda: bool(agent.errors.message("email")), timeout=10000)
    QApplication.processEvents()
    assert layout_check.clipped_labels(agent) == [] and layout_check.overlaps(agent) == []
    qtbot.keyClicks(agent.email_edit, "x")
    assert agent.errors.message("email") == ""
    agent.close()

    first = _shown(qtbot, FirstAdminDialog(ctx.ops, ctx.db))
    first.errors.show(ValidationError("password", "The password must be at least 12 characters long; a short "
                                                  "sentence you can remember is easier to type and harder to guess."))
    QApplication.processEvents()
    assert layout_check.clipped_labels(first) == [] and layout_check.overlaps(first) == []
    first.close()
    wait_idle(qtbot, ctx)


# -- (8) file dialogs remember the last folder per kind of file ----------------------------------------
def test_file_dialogs_start_in_the_last_folder_of_their_kind(qtbot, supervisor_actor, make_ctx, tmp_path,
                                                            monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QWidget

    from welcomedly_desktop.gui import file_dialogs

    asked: list[tuple[str, str]] = []
    answers: list[str] = []

    def fake_open(parent, caption, directory, file_filter):  # noqa: ANN001, ANN202 - the OS dialog, answered
        asked.append(("open", directory))
        return [answers.pop(0)], file_filter

    def fake_save(parent, caption, directory, file_filter):  # noqa: ANN001, ANN202
        asked.append(("save", directory))
        return answers.pop(0), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    downloads, reports = tmp_path / "Descargas", tmp_path / "Informes"
    downloads.mkdir()
    reports.mkdir()
    ctx = make_ctx(supervisor_actor)
    parent = QWidget()
    qtbot.addWidget(parent)

    # First time: the home folder, not the program's folder.
    answers.append(str(downloads / "leads.csv"))
    assert file_dialogs.open_files(ctx, parent, file_dialogs.IMPORTS, "Import", "*.csv") == [downloads / "leads.csv"]
    assert asked[-1] == ("open", str(Path.home()))
    # Reports have their own folder, through the real reports page.
    from welcomedly_desktop.gui.views.reports_page import ReportsPage

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    wait_idle(qtbot, ctx)
    answers.append(str(reports / "campaign.pdf"))
    assert page._ask_path("Export report", "campaign.pdf", "PDF (*.pdf)") == reports / "campaign.pdf"
    assert asked[-1] == ("save", str(Path.home() / "campaign.pdf"))
    answers.append(str(reports / "again.pdf"))
    page._ask_path("Export report", "again.pdf", "PDF (*.pdf)")
    assert asked[-1] == ("save", str(reports / "again.pdf"))
    # The import folder was kept apart, and survives a new session (ui-state file).
    answers.append(str(downloads / "more.csv"))
    file_dialogs.open_files(make_ctx(supervisor_actor), parent, file_dialogs.IMPORTS, "Import", "*.csv")
    assert asked[-1] == ("open", str(downloads))
    # A remembered folder that was deleted falls back to the home folder.
    downloads.joinpath("leads.csv").unlink(missing_ok=True)
    downloads.rmdir()
    assert file_dialogs.last_folder(ctx, file_dialogs.IMPORTS) == Path.home()
    wait_idle(qtbot, ctx)
