"""GUI test helpers: answer modal dialogs, build contexts and windows, check nothing is left behind."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox
from shiboken6 import isValid

from welcomedly_desktop.gui import messages


@dataclass
class SeenDialog:
    object_name: str
    title: str
    text: str
    informative: str
    details: str


def _plain(text: str) -> str:
    return text.replace("&", "").strip().lower()


class DialogRecorder:
    """Stands in for ``messages.exec_dialog``: records every modal dialog and answers it.

    ``answer("Delete")`` queues a click on the button with that text for the next dialog;
    ``answer(callable)`` lets the test drive the real dialog.  Unanswered dialogs are rejected
    (Cancel / Escape), which is the safe answer.
    """

    def __init__(self) -> None:
        self.seen: list[SeenDialog] = []
        self._answers: list = []
        self.allow_unexpected = False

    def answer(self, answer) -> None:  # noqa: ANN001
        self._answers.append(answer)

    def __call__(self, dialog: QDialog) -> int:
        if isinstance(dialog, QMessageBox):
            seen = SeenDialog(dialog.objectName(), dialog.windowTitle(), dialog.text(), dialog.informativeText(),
                              dialog.detailedText())
        else:
            seen = SeenDialog(dialog.objectName(), dialog.windowTitle(), "", "", "")
        self.seen.append(seen)
        if not self._answers:
            dialog.reject()
            return dialog.result()
        answer = self._answers.pop(0)
        if callable(answer):
            return answer(dialog)
        for button in dialog.findChildren(QAbstractButton):
            if _plain(button.text()) == _plain(answer):
                button.click()
                return dialog.result()
        raise AssertionError(f"no button {answer!r} in dialog {seen}")

    def texts(self) -> list[str]:
        return [s.text for s in self.seen]

    @property
    def unexpected(self) -> list[SeenDialog]:
        return [s for s in self.seen if s.object_name == "unexpectedErrorBox"]


@pytest.fixture
def dialogs(monkeypatch):
    recorder = DialogRecorder()
    monkeypatch.setattr(messages, "exec_dialog", recorder)
    yield recorder
    if not recorder.allow_unexpected:
        assert not recorder.unexpected, f"unexpected error dialog(s): {recorder.unexpected}"


@pytest.fixture(autouse=True)
def _nothing_left_behind(qapp):
    """Every GUI test must close its windows and finish its threads."""
    python_threads = {t.ident for t in threading.enumerate()}
    yield
    for _ in range(3):
        QApplication.processEvents()
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    names = [w.objectName() or type(w).__name__ for w in visible]
    for widget in visible:  # close them so one failure does not cascade into the next tests
        if isValid(widget):  # closing one may delete another (a dialog with its parent)
            widget.close()
    QApplication.processEvents()
    assert not visible, f"windows left open: {names}"
    left = [t for t in threading.enumerate()
            if t.ident not in python_threads and not isinstance(t, threading._DummyThread) and t.is_alive()]
    assert not left, f"threads left running: {left}"


@pytest.fixture
def make_ctx(db, settings, qtbot):
    """make_ctx(actor) -> AppContext with its own runner; waits for and stops its work afterwards.

    The context gets a Database (engine) of its own, watched: any SQL it runs on the GUI thread fails
    the test, because that would freeze the window.  Test code checks results through ``db``.
    """
    from sqlalchemy import event

    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.gui.context import AppContext

    app_db = Database(db.url, settings)
    on_gui_thread: list[str] = []

    @event.listens_for(app_db.engine, "before_cursor_execute")
    def _watch(conn, cursor, statement, *args):  # noqa: ANN001, ANN202
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(statement)

    contexts = []

    def _make(actor):  # noqa: ANN001, ANN202
        ctx = AppContext(app_db, actor, settings)
        contexts.append(ctx)
        return ctx

    yield _make
    for ctx in contexts:
        assert ctx.ops.wait_idle(30), "operations still running at the end of the test"
        ctx.ops.shutdown()
        ctx.deleteLater()
    app_db.dispose()
    assert not on_gui_thread, f"SQL ran on the GUI thread: {on_gui_thread[:3]}"


def closed(widget) -> bool:  # noqa: ANN001
    """True once a dialog was closed (it may already be deleted: dialogs deleteLater on finish)."""
    from shiboken6 import isValid

    return not isValid(widget) or not widget.isVisible()


def wait_idle(qtbot, ctx) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=15000)


@pytest.fixture
def open_window(make_ctx, qtbot, dialogs):
    """open_window(actor) -> a shown MainWindow whose first page has loaded."""
    from welcomedly_desktop.gui.main_window import MainWindow

    def _open(actor, *, page: str | None = None):  # noqa: ANN001, ANN202
        ctx = make_ctx(actor)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if page:
            window.show_page(page)
        wait_idle(qtbot, ctx)
        return window

    return _open

def drop_files(widget, paths) -> "QDropEvent":  # noqa: ANN001
    """Drag ``paths`` (local files) over ``widget`` and drop them, as a file manager would.

    Returns the drop event (``isAccepted()`` tells whether the widget took the files)."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    drop.setAccepted(False)
    if enter.isAccepted():
        QApplication.sendEvent(widget, drop)
    return drop
