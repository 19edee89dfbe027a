"""Last-resort handlers: an exception nobody caught is logged and shown, never silently lost.

``sys.excepthook`` covers the GUI thread (e.g. an exception in a slot); ``threading.excepthook``
covers plain Python threads.  A worker thread must not touch widgets, so its exception is passed
to the GUI thread through a queued signal before the dialog is shown.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from welcomedly_desktop.gui import messages

log = logging.getLogger(__name__)


class _Bridge(QObject):
    raised = Signal(object, str)

    def __init__(self, report: Callable[[BaseException, str], None]) -> None:
        super().__init__()
        self._report = report
        self.raised.connect(self._on_raised, Qt.ConnectionType.QueuedConnection)

    @Slot(object, str)
    def _on_raised(self, exc: BaseException, details: str) -> None:
        self._report(exc, details)


_bridge: _Bridge | None = None
_showing = False


def _show(exc: BaseException, details: str) -> None:
    global _showing
    if _showing:  # an error inside the error dialog must not recurse forever
        return
    _showing = True
    try:
        messages.unexpected_error(None, exc, details)
    finally:
        _showing = False


def install(report: Callable[[BaseException, str], None] | None = None) -> None:
    """Install both hooks (call on the GUI thread after the QApplication exists)."""
    global _bridge
    report = report or _show
    _bridge = _Bridge(report)
    main_thread = threading.main_thread()

    def sys_hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Uncaught exception:\n%s", details)
        if threading.current_thread() is main_thread:
            report(exc, details)
        elif _bridge is not None:
            _bridge.raised.emit(exc, details)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        log.error("Uncaught exception in thread %s:\n%s", getattr(args.thread, "name", "?"), details)
        if _bridge is not None and args.exc_value is not None:
            _bridge.raised.emit(args.exc_value, details)

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook
