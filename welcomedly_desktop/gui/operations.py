"""The one way the GUI talks to the database: run a function on a worker, answer on the main thread.

Modelled on Anki's ``CollectionOp``/``QueryOp``::

    ctx.ops.run(lambda: load(ctx), on_success=self._show, parent=self)

* ``fn`` runs on a ``QThreadPool`` worker; it typically does ``with ctx.db.session() as s: ...``.
* ``on_success(result)`` runs on the GUI thread.
* ``on_error(exc) -> bool`` runs on the GUI thread; returning True means "handled" (for instance an
  inline validation message).  Otherwise the default applies: a :class:`WelcomedlyError` shows its
  ``user_message`` in a message box; anything else is logged with its traceback and shown in the
  "Unexpected error" dialog with Copy details.
* A :class:`SessionEnded` (the server ended this workstation's app session) is no ordinary error:
  while a main window is open it goes to :attr:`OperationRunner.session_end_handler` (the app
  controller returns to the login dialog) and the operation's own callbacks are skipped.
* In-flight operations are tracked so tests and quitting can wait for them (:meth:`wait_idle`).

Delivery uses a queued signal on a QObject created on the GUI thread, so callbacks never run on
the worker (Qt widgets must only be touched from the GUI thread).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from welcomedly_desktop.errors import SessionEnded, WelcomedlyError
from welcomedly_desktop.gui import messages

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], bool | None]


class Operation(QObject):
    """One call of ``fn``; lives on the GUI thread until its result has been delivered."""

    _finished = Signal(bool, object, str)  # ok, result-or-exception, traceback text
    #: Emitted after the callbacks ran (ok).  Handy for tests: ``qtbot.waitSignal(op.done)``.
    done = Signal(bool)

    def __init__(self, runner: "OperationRunner", fn: Callable[[], Any], on_success: SuccessCallback | None,
                 on_error: ErrorCallback | None, parent_widget: QWidget | None, label: str) -> None:
        super().__init__(runner)
        self._runner = runner
        self._fn = fn
        self._on_success = on_success
        self._on_error = on_error
        self._parent_widget = parent_widget
        self.label = label
        self.ok: bool | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def execute(self) -> None:
        """Runs on the worker thread."""
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            self._finished.emit(False, exc, traceback.format_exc())
        else:
            self._finished.emit(True, result, "")

    @Slot(bool, object, str)
    def _deliver(self, ok: bool, payload: object, tb: str) -> None:
        self.ok = ok
        try:
            if not ok and isinstance(payload, SessionEnded) and self._runner.report_session_ended(payload):
                self.error = payload
                return
            if self._parent_widget is not None and not isValid(self._parent_widget):
                # The widget that asked was closed and deleted meanwhile (e.g. logout right after a
                # page started loading): its callbacks would touch dead widgets.  Bugs still get logged.
                if not ok and not isinstance(payload, WelcomedlyError):
                    log.error("Unexpected error in operation %r (its window is gone):\n%s", self.label, tb)
                return
            if ok:
                self.result = payload
                if self._on_success is not None:
                    self._on_success(payload)
            else:
                assert isinstance(payload, BaseException)
                self.error = payload
                self._handle_error(payload, tb)
        except Exception as exc:  # noqa: BLE001 - a bug in a callback must not kill the app
            log.exception("Callback of operation %r failed", self.label)
            messages.unexpected_error(self._live_parent(), exc)
        finally:
            self._runner._forget(self)
            self.done.emit(ok)

    def _live_parent(self) -> QWidget | None:
        # The widget that asked may have been closed meanwhile; a dead parent would crash the box.
        parent = self._parent_widget
        if parent is None or not isValid(parent) or not parent.isVisible():
            return None
        return parent

    def _handle_error(self, exc: BaseException, tb: str) -> None:
        if self._on_error is not None and self._on_error(exc):
            return
        if isinstance(exc, WelcomedlyError):
            log.info("Operation %r failed: %s", self.label, exc.user_message)
            messages.error(self._live_parent(), QCoreApplication.translate("operations", "Could not complete"),
                           exc.user_message)
            return
        log.error("Unexpected error in operation %r:\n%s", self.label, tb)
        messages.unexpected_error(self._live_parent(), exc, tb)


class _Job(QRunnable):
    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self._operation = operation
        self.setAutoDelete(True)

    def run(self) -> None:
        self._operation.execute()


class OperationRunner(QObject):
    """Owns the worker pool and the set of operations whose results are not yet delivered."""

    #: True while at least one operation is in flight (drives a busy indicator).
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # Small on purpose: the database pool has 5 (+5) connections and the machine two cores.
        self._pool.setMaxThreadCount(max_threads)
        self._in_flight: set[Operation] = set()
        #: Called with the SessionEnded when the server ended the app session (set by the app
        #: controller while a main window is open; None otherwise: then it is an ordinary error).
        self.session_end_handler: Callable[[SessionEnded], None] | None = None

    def report_session_ended(self, exc: SessionEnded) -> bool:
        """Hand a SessionEnded (from an operation or the live feed) to the handler; True if taken."""
        handler = self.session_end_handler
        if handler is None:
            return False
        handler(exc)
        return True

    @property
    def busy(self) -> bool:
        return bool(self._in_flight)

    def run(self, fn: Callable[[], Any], on_success: SuccessCallback | None = None,
            on_error: ErrorCallback | None = None, *, parent: QWidget | None = None,
            label: str | None = None) -> Operation:
        op = Operation(self, fn, on_success, on_error, parent, label or getattr(fn, "__name__", "operation"))
        was_busy = self.busy
        self._in_flight.add(op)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(op))
        return op

    def _forget(self, op: Operation) -> None:
        self._in_flight.discard(op)
        op.deleteLater()
        if not self._in_flight:
            self.busy_changed.emit(False)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Wait until every operation has finished *and* been delivered (tests, quitting)."""
        deadline = time.monotonic() + timeout_s
        while self._in_flight and time.monotonic() < deadline:
            self._pool.waitForDone(50)
            QCoreApplication.processEvents()
        return not self._in_flight

    def shutdown(self, timeout_s: float = 30.0) -> None:
        """Let running work finish (never kill a thread mid-transaction), then drop pending callbacks."""
        self._pool.waitForDone(int(timeout_s * 1000))
        self._in_flight.clear()
