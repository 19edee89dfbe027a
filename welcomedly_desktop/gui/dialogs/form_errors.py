"""Inline validation messages: a ValidationError's ``field`` picks the label under that field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

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
        fit_height(label.window())
        widget = self._focus.get(exc.field or "")
        if widget is not None:
            widget.setFocus()

    def clear_field(self, *fields: str) -> None:
        """Hide the messages of ``fields`` (and the form-level one): the user changed what they were about."""
        for label in {*(self._labels[f] for f in fields if f in self._labels), self._fallback}:
            label.clear()
            label.setVisible(False)

    def clear_on_change(self, fields: tuple[str, ...], *signals) -> None:  # noqa: ANN002 - Qt signals
        """A stale message goes as soon as one of ``signals`` says the field changed (issue 18, #6)."""
        for signal in signals:
            signal.connect(lambda *_args, f=fields: self.clear_field(*f))

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


def fit_height(window: QWidget) -> None:
    """Make a shown window tall enough for its word-wrapped labels at its current width.

    A top-level layout's minimum size ignores height-for-width, so a message that wraps onto more
    lines would be cut at the top and bottom (issue 18, #6)."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else layout.minimumSize().height()
    if needed > window.height():
        window.resize(window.width(), needed)


def add_field_rows(parent: QWidget, form: QFormLayout, rows) -> dict[str, QLabel]:  # noqa: ANN001 - (key, text, widget)s
    """Each ``(key, label text, widget)`` as a row of ``form`` with its error label under it
    (named ``<key>Error``, hidden until FieldErrors shows a message there); the labels by key."""
    labels: dict[str, QLabel] = {}
    for key, text, widget in rows:
        form.addRow(text, widget)
        labels[key] = error_label(parent, f"{key}Error")
        form.addRow("", labels[key])
    return labels

