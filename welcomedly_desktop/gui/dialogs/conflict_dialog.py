"""The stale-edit question: someone else saved this record after you opened it."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from welcomedly_desktop.gui import messages


class ConflictChoice(Enum):
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def build_conflict_box(parent: QWidget | None, what: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(tr("Changed elsewhere"))
    box.setText(tr("This {what} was changed on another workstation.").format(what=what))
    box.setInformativeText(tr(
        "Reload shows their version (your changes in this form are discarded). "
        "Overwrite saves your version over theirs. Cancel returns to your form."))
    reload_button = box.addButton(tr("&Reload"), QMessageBox.ButtonRole.ResetRole)
    reload_button.setObjectName("reloadButton")
    overwrite = box.addButton(tr("&Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    overwrite.setObjectName("overwriteButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelButton")
    box.setDefaultButton(reload_button)
    box.setEscapeButton(cancel)
    return box


def ask_conflict(parent: QWidget | None, what: str) -> ConflictChoice:
    box = build_conflict_box(parent, what)
    messages.exec_dialog(box)
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    box.deleteLater()
    if name == "reloadButton":
        return ConflictChoice.RELOAD
    if name == "overwriteButton":
        return ConflictChoice.OVERWRITE
    return ConflictChoice.CANCEL
