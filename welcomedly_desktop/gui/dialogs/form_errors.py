"""Inline validation messages: a ValidationError's ``field`` picks the label under that field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from welcomedly_desktop.errors import ValidationError


class FieldErrors:
    def __init__(self, labels: dict[str, QLabel], fallback: QLabel, focus: dict[str, QWidget] | None = None) -> None:
        self._labels = labels
        self._fallback = fallback
        self._focus = focus or {}
        self.clear()

    def clear(self) -> None:
        for label in {*self._labels.values(), self._fallback}:
            label.clear()
            label.setVisible(False)

    def show(self, exc: ValidationError) -> None:
        self.clear()
        label = self._labels.get(exc.field or "", self._fallback)
        label.setText(exc.message)
        label.setVisible(True)
        widget = self._focus.get(exc.field or "")
        if widget is not None:
            widget.setFocus()

    def message(self, field: str | None = None) -> str:
        """The message currently shown for ``field`` (None: the form-level one)."""
        label = self._labels.get(field or "", self._fallback)
        return label.text() if label.isVisible() else ""


def error_label(parent: QWidget, name: str) -> QLabel:
    """A red, word-wrapped label for code-built forms (the .ui forms declare theirs)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what the user typed
    label.setVisible(False)
    return label
