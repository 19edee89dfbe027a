"""The visual identity: the application icon, the sidebar/toolbar icons and the stylesheet, all read
from ``resources/`` (a source checkout or the PyInstaller bundle).

The icons are drawn for Welcomedly as plain SVG (``resources/icons/*.svg``, same license as the
program), so Qt renders them sharp at any device pixel ratio; ``welcomedly.png/.ico/.icns`` are
rendered from ``welcomedly.svg`` by ``scripts/render_icons.py``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def stylesheet_path() -> Path:
    return resources_dir() / "style" / "welcomedly.qss"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon when there is none: text stays)."""
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


@cache
def app_icon() -> QIcon:
    """The application icon: the SVG (any size, sharp at 2x) with the rendered PNG as a fallback."""
    result = QIcon()
    for name in ("welcomedly.svg", "welcomedly.png"):
        path = icons_dir() / name
        if path.is_file():
            result.addFile(str(path))
    return result


def apply(app: QApplication) -> None:
    """Window and taskbar icon, and the stylesheet, for the whole application."""
    app.setWindowIcon(app_icon())
    path = stylesheet_path()
    if path.is_file():
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    if sys.platform.startswith("linux"):
        # Wayland/X11 match the window to a desktop file of this name for the taskbar icon.
        app.setDesktopFileName("welcomedly")
