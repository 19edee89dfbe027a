"""Typing into date fields (issue 18, #6).

A QDateEdit clicked with the mouse gets a text cursor inside a section without selecting it, so
typed digits are inserted next to the old ones, the text becomes an invalid date and Qt drops every
key: "typing does nothing".  Selecting the section under the cursor after a click or on focus makes
typing replace that section, as it does after Tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDateTimeEdit


class _SelectSection(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        edit = watched if isinstance(watched, QDateTimeEdit) else watched.parent()
        if isinstance(edit, QDateTimeEdit) and event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.FocusIn):
            # After Qt has placed the cursor for this event.
            QTimer.singleShot(0, edit, lambda: edit.hasFocus() and edit.setSelectedSection(edit.currentSection()))
        return False


def make_typeable(*edits: QDateTimeEdit) -> None:
    """Let the user type over the day, month or year they clicked in."""
    for edit in edits:
        selector = _SelectSection(edit)
        edit.installEventFilter(selector)
        line = edit.findChild(QObject, "qt_spinbox_lineedit")
        if line is not None:  # mouse events go to the line edit inside
            line.installEventFilter(selector)
