"""A small window saying what start-up is waiting for (the embedded database takes a moment to start)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class StartupSplash(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("startupSplash")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        bar = QProgressBar(self)
        bar.setRange(0, 0)  # busy indicator: the duration is unknown
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Welcomedly</h2>", self))
        layout.addWidget(self.label)
        layout.addWidget(bar)
        self.resize(380, 120)
