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
