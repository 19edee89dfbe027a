"""Remember window geometry/state, splitters and table columns in QSettings — and never crash on them.

Saved blobs can be corrupt (hand-edited INI, another Qt version) or describe a position on a monitor
that is no longer connected.  Every restore here is defensive: a bad value is ignored (and logged),
and a window whose frame lies off every screen is moved back onto the primary screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

log = logging.getLogger(__name__)


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    try:
        value = settings.value(key)
    except Exception:  # noqa: BLE001 - a corrupt INI value must not stop start-up
        log.warning("Ignoring unreadable UI setting %s", key)
        return None
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def save_window(settings: QSettings, key: str, window: QWidget) -> None:
    settings.setValue(f"{key}/geometry", window.saveGeometry())
    if isinstance(window, QMainWindow):
        settings.setValue(f"{key}/state", window.saveState())


def restore_window(settings: QSettings, key: str, window: QWidget) -> bool:
    """Restore geometry (and main-window state); returns whether a saved geometry was applied."""
    restored = False
    geometry = _bytes(settings, f"{key}/geometry")
    if geometry is not None:
        try:
            restored = bool(window.restoreGeometry(geometry))
        except Exception:  # noqa: BLE001
            restored = False
        if not restored:
            log.warning("Ignoring invalid saved geometry for %s", key)
    if isinstance(window, QMainWindow):
        state = _bytes(settings, f"{key}/state")
        if state is not None and not window.restoreState(state):
            log.warning("Ignoring invalid saved state for %s", key)
    ensure_on_screen(window)
    return restored


def ensure_on_screen(window: QWidget) -> None:
    """Move a window whose frame is on no screen (monitor unplugged) to the primary screen."""
    screens = QGuiApplication.screens()
    if not screens:
        return
    frame = window.frameGeometry()
    if any(screen.availableGeometry().intersects(frame) for screen in screens):
        return
    available = QGuiApplication.primaryScreen().availableGeometry()
    width = min(window.width(), available.width())
    height = min(window.height(), available.height())
    window.resize(width, height)
    window.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)
    log.info("Moved window %s back onto the primary screen", window.objectName())


def save_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    settings.setValue(f"{key}/splitter", splitter.saveState())


def restore_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    state = _bytes(settings, f"{key}/splitter")
    if state is not None and not splitter.restoreState(state):
        log.warning("Ignoring invalid splitter state for %s", key)


def save_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    settings.setValue(f"{key}/header", header.saveState())


def restore_header(settings: QSettings, key: str, header: QHeaderView) -> bool:
    """Returns whether saved column widths/order were applied."""
    state = _bytes(settings, f"{key}/header")
    if state is None:
        return False
    if not header.restoreState(state):
        log.warning("Ignoring invalid column state for %s", key)
        return False
    return True
