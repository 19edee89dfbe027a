"""SIGINT/SIGTERM/SIGHUP end the Qt event loop cleanly (so the embedded server's atexit stop runs).

Python runs signal handlers only when the interpreter gets control; inside ``app.exec()`` it is in
C++ for as long as no Python slot is called.  A wakeup fd watched by a QSocketNotifier wakes the
loop at once when a signal arrives (a timer would add latency and idle wakeups).
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)


class QuitOnSignals(QObject):
    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {}
        for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                self._previous[sig] = signal.signal(sig, self._handler)

    def _handler(self, signum: int, _frame) -> None:  # noqa: ANN001
        log.info("Received signal %s: quitting", signum)
        self._on_signal(signum)

    def _drain(self) -> None:
        # The Python-level handler has run (or runs now, since we are in Python); just empty the fd.
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
