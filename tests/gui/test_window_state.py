"""Window geometry/state, splitters and columns persist; bad saved state never crashes."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect
from PySide6.QtGui import QGuiApplication

from welcomedly_desktop.gui import window_state
from welcomedly_desktop.gui.context import ui_settings, ui_settings_path


def test_state_is_restored_in_a_new_main_window(qtbot, admin_actor, settings, open_window):
    first = open_window(admin_actor)
    first.resize(700, 520)
    first.move(20, 10)
    first.splitter.setSizes([230, 470])
    first.show_page("agents")
    page = first.show_page("campaigns")
    page.splitter.setSizes([300, 170])
    qtbot.wait(10)
    saved_split = page.splitter.sizes()
    header = page.table.horizontalHeader()
    header.resizeSection(0, 311)
    first.toolbar.setVisible(False)
    first.show_page("users")
    first.close()  # saves

    second = open_window(admin_actor)
    assert (second.width(), second.height()) == (700, 520)
    assert second.splitter.sizes()[0] == 230
    assert not second.toolbar.isVisible()
    assert second.current_page().objectName() == "page_users"
    page = second.show_page("campaigns")
    assert page.table.horizontalHeader().sectionSize(0) == 311
    qtbot.wait(10)
    assert page.splitter.sizes() == saved_split
    second.close()


def test_corrupt_settings_file_never_crashes_start_up(qtbot, admin_actor, settings, open_window):
    path = ui_settings_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[mainWindow]\ngeometry=@ByteArray(\\x01garbage)\nstate=not a blob\nsplitter=@Variant(\\0\\0)\n"
                     b"\x00\xff\xfe binary junk\n[campaignsPage]\nheader=@ByteArray(zz)\npage=42\n")
    window = open_window(admin_actor)
    assert window.isVisible()
    assert window.show_page("campaigns").table.horizontalHeader().count() == 10  # name … records, worked, progress … updated
    window.close()


def test_invalid_blobs_are_ignored(qtbot, settings, qapp):
    from PySide6.QtWidgets import QMainWindow

    qs = ui_settings(settings)
    qs.setValue("w/geometry", QByteArray(b"\x01\x02not a geometry"))
    qs.setValue("w/state", "text instead of bytes")
    w = QMainWindow()
    qtbot.addWidget(w)
    assert window_state.restore_window(qs, "w", w) is False


def test_window_saved_off_every_screen_comes_back(qtbot, qapp):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.show()
    w.move(QPoint(50_000, 50_000))  # a monitor that was unplugged
    window_state.ensure_on_screen(w)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.intersects(QRect(w.pos(), w.size()))
    w.close()
