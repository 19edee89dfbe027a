"""Every modal message box and blocking dialog goes through :func:`exec_dialog`.

Why one choke point: modal ``exec()`` blocks a test forever.  Tests replace ``exec_dialog`` (see
``tests/gui/conftest.py``) with a recorder that inspects the real, fully built dialog and answers it;
the production code path builds exactly the same widgets.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def exec_dialog(dialog: QDialog) -> int:
    """Run ``dialog`` modally and return its result (QMessageBox: the clicked StandardButton)."""
    return dialog.exec()


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
         default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName("messageBox")
    # Texts carry user data (campaign names...): never let "<b>" in a name be rendered as markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return box


def run_and_dispose(dialog: QDialog) -> int:
    """exec_dialog, then schedule deletion (a parented box would otherwise live as long as its parent)."""
    try:
        return exec_dialog(dialog)
    finally:
        dialog.deleteLater()


def information(parent: QWidget | None, title: str, text: str) -> None:
    run_and_dispose(_box(parent, QMessageBox.Icon.Information, title, text))


def warning(parent: QWidget | None, title: str, text: str) -> None:
    run_and_dispose(_box(parent, QMessageBox.Icon.Warning, title, text))


def error(parent: QWidget | None, title: str, text: str) -> None:
    run_and_dispose(_box(parent, QMessageBox.Icon.Critical, title, text))


def confirm(parent: QWidget | None, title: str, text: str, *, ok_text: str | None = None,
            destructive: bool = False) -> bool:
    """Ask yes/no; the safe answer (No/Cancel) is the default for destructive actions."""
    buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    default = QMessageBox.StandardButton.Cancel if destructive else QMessageBox.StandardButton.Ok
    box = _box(parent, QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
               title, text, buttons, default)
    if ok_text:
        box.button(QMessageBox.StandardButton.Ok).setText(ok_text)
    ok = box.button(QMessageBox.StandardButton.Ok)
    run_and_dispose(box)
    # Compare the clicked button, not exec()'s int: robust whatever the enum/int conversion does.
    return box.clickedButton() is ok


def unexpected_error(parent: QWidget | None, exc: BaseException, details: str | None = None) -> None:
    """The "this is a bug" dialog: one sentence, where the log is, and a Copy details button."""
    from welcomedly_desktop.logging_setup import log_file

    details = details or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    where = log_file()
    text = tr("Something went wrong that the program did not expect. Your data is safe; "
              "the last action may not have been completed.")
    if where:
        text += "\n\n" + tr("Details were written to {path}.").format(path=where)
    box = _box(parent, QMessageBox.Icon.Critical, tr("Unexpected error"), text)
    box.setObjectName("unexpectedErrorBox")
    box.setDetailedText(details)
    copy = box.addButton(tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
    # An ActionRole button closes the box by default; copying should not, so disconnect and handle.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    run_and_dispose(box)
