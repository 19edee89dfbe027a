"""The status bar's connection indicator: "Live: server" or "Database unreachable: server"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class ConnectionIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLive")
        self.connected: bool | None = None
        self.set_state(False, self.tr("Connecting to the change feed…"), initial=True)

    def set_state(self, connected: bool, message: str, *, initial: bool = False) -> None:
        self.connected = None if initial else connected
        self.setText(("● " if connected else "○ ") + message)
        self.setToolTip(message)
        # Colour plus the symbol and words: never colour alone.
        self.setStyleSheet("" if connected or initial else "color: #b00020; font-weight: bold;")
