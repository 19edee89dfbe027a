"""The standard shortcuts reach the current page through real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from welcomedly_desktop.gui.dialogs.campaign_dialog import CampaignDialog

from .conftest import wait_idle


def test_keyboard_shortcuts(qtbot, admin_actor, make_campaign, open_window, dialogs):
    make_campaign("Shortcut target")
    window = open_window(admin_actor)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    page = window.show_page("campaigns")
    page.table.setFocus()
    page.table.selectRow(0)

    with qtbot.waitSignal(page.loaded, timeout=5000):  # F5: refresh
        qtbot.keyClick(page.table, Qt.Key.Key_F5)

    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: search
    assert QApplication.focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "target")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Delete)  # Delete in a text field edits the text
    assert dialogs.seen == []

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # Delete: confirmation (cancelled)
    wait_idle(qtbot, window.ctx)
    assert len(dialogs.seen) == 1 and "Shortcut target" in dialogs.seen[0].text

    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E: edit
    assert isinstance(page.dialog, CampaignDialog) and page.dialog.campaign.name == "Shortcut target"
    page.dialog.reject()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter: edit too
    assert page.dialog.isVisible() and page.dialog.campaign is not None
    page.dialog.reject()

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: new
    assert page.dialog.isVisible() and page.dialog.campaign is None
    page.dialog.reject()

    with qtbot.waitSignal(window.closed, timeout=3000):  # Ctrl+Q: quit
        qtbot.keyClick(page.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
