"""``LiveFeed``: the change feed (db/changes.py) as Qt signals on the GUI thread.

A QSocketNotifier on the listening connection's socket wakes the GUI thread when a notification
(or the server's goodbye) arrives; nothing polls.  Notifications are gathered for COALESCE_MS so
that a burst (an import's chunks, a bulk assignment) becomes one batch.  When the connection is
lost the feed says so, reconnects on a worker thread with backoff (a connect can wait for a
timeout; the window must not freeze meanwhile), LISTENs again and announces ``reconnected`` so
that open views reload fully: notifications sent while away are not replayed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from welcomedly_desktop.db.changes import Change, ChangeListener, backoff_delays
from welcomedly_desktop.errors import SessionEnded

log = logging.getLogger(__name__)

#: Notifications arriving within this window are delivered as one batch.
COALESCE_MS = 100


class LiveFeed(QObject):
    #: list[Change] from other workstations (this process's own changes are left out).
    changes_arrived = Signal(list)
    #: (connected, one sentence for the status bar)
    state_changed = Signal(bool, str)
    #: The feed is back after a loss: open views should reload fully.
    reconnected = Signal()
    #: The server ended the app session this feed belonged to (SessionEnded): it stops for good.
    session_ended = Signal(object)
    _connect_done = Signal(object, object)  # (listener or None, error or None), from the worker thread

    def __init__(self, url: str, server_name: str, *, connect_timeout_s: int = 5,
                 session_token: Callable[[], str | None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        #: The app session's token, asked at each connect (None on the built-in database).
        self.session_token = session_token or (lambda: None)
        self.server_name = server_name
        self.connect_timeout_s = connect_timeout_s
        self.connected = False
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._pending: list[Change] = []
        self._stopped = False
        self._ever_connected = False
        self._delays = backoff_delays()
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(self._deliver)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._start_connect)
        self._connect_done.connect(self._on_connect_done)
        self._connecting = False
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        self._start_connect()

    def stop(self) -> None:
        self._stopped = True
        self._retry.stop()
        self._coalesce.stop()
        self._drop_notifier()
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        if self._thread is not None:
            self._thread.join(self.connect_timeout_s + 1)  # a connect under way ends with its timeout
            self._thread = None

    def _start_connect(self) -> None:
        if self._stopped or self._connecting:
            return
        self._connecting = True
        listener = ChangeListener(self.url, connect_timeout_s=self.connect_timeout_s,
                                  session_token=self.session_token())

        def work() -> None:
            try:
                listener.connect()
            except Exception as exc:  # noqa: BLE001 - reported through the signal
                self._connect_done.emit(None, exc)
            else:
                self._connect_done.emit(listener, None)

        self._thread = threading.Thread(target=work, name="live-feed-connect", daemon=True)
        self._thread.start()

    def _on_connect_done(self, listener: ChangeListener | None, error: BaseException | None) -> None:
        self._connecting = False
        if self._stopped or self.listener is not None:
            if listener is not None:
                listener.close()
            return
        if isinstance(error, SessionEnded):  # not a lost connection: no reconnecting
            log.info("Change feed: the app session on %s was ended", self.server_name)
            self._stopped = True
            self.session_ended.emit(error)
            return
        if listener is None:
            delay = next(self._delays)
            log.info("Change feed: %s unreachable (%s); retrying in %.2f s", self.server_name, error, delay)
            self._set_state(False, self.tr("Database unreachable: {server}. Reconnecting…").format(server=self.server_name))
            self._retry.start(int(delay * 1000))
            return
        self.listener = listener
        self._delays = backoff_delays()
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        was_connected_before = self._ever_connected
        self._ever_connected = True
        self._set_state(True, self.tr("Live: {server}").format(server=self.server_name))
        if was_connected_before:
            log.info("Change feed: reconnected to %s", self.server_name)
            self.reconnected.emit()

    # -- notifications ----------------------------------------------------------------------
    def _on_readable(self, *_args: object) -> None:
        if self.listener is None:
            return
        try:
            changes = self.listener.drain()
        except psycopg.OperationalError as exc:
            self._lost(exc)
            return
        fresh = [c for c in changes if not c.is_own]
        if fresh:
            self._pending.extend(fresh)
            if not self._coalesce.isActive():
                self._coalesce.start()

    def _deliver(self) -> None:
        batch, self._pending = self._pending, []
        if batch:
            self.changes_arrived.emit(batch)

    def _lost(self, exc: BaseException) -> None:
        log.warning("Change feed: lost the connection to %s: %s", self.server_name, exc)
        self._drop_notifier()
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self._set_state(False, self.tr("Database unreachable: {server}. Reconnecting…").format(server=self.server_name))
        self._retry.start(int(next(self._delays) * 1000))

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _set_state(self, connected: bool, message: str) -> None:
        changed = connected != self.connected or not connected
        self.connected = connected
        if changed or connected:
            self.state_changed.emit(connected, message)
