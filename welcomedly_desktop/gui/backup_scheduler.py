"""The desktop app's automatic backup and the status bar's "last backup" label.

``BackupScheduler`` checks shortly after the start (a day missed while the app was closed is made
up then) and every hour whether a backup is due (services/backup_schedule.py decides), and runs it
through an operation runner of its own: one worker thread, niced, so the backup never holds up the
window's own database work.  A failure is shown to admins (a message and a warning in the status
bar) and audited by the service; it is never swallowed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.operations import OperationRunner
from welcomedly_desktop.services import backup_schedule
from welcomedly_desktop.services.backups import utcnow

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000
CHECK_EVERY_MS = 60 * 60 * 1000


class BackupScheduler(QObject):
    started = Signal()
    #: ScheduledOutcome of a backup that ran (or was not due).
    finished = Signal(object)
    #: The sentence of a failed automatic backup.
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *, clock: Callable[[], dt.datetime] = utcnow,
                 first_check_ms: int = FIRST_CHECK_MS, only_builtin: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self._only_builtin = only_builtin
        self.runner = OperationRunner(self, max_threads=1)
        self.running = False
        self.last_thread: int | None = None
        self.last_error: str | None = None
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.setObjectName("backupTimer")
        self._timer.timeout.connect(self.check)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.check)
        self._first_check_ms = first_check_ms

    @property
    def enabled(self) -> bool:
        settings = self.ctx.settings
        return bool(settings.backup.automatic) and (self.ctx.db.is_embedded or not self._only_builtin)

    def start(self) -> None:
        if not self.enabled:
            return
        self._first.start(self._first_check_ms)
        self._timer.start(CHECK_EVERY_MS)

    def stop(self) -> None:
        self._first.stop()
        self._timer.stop()
        self._cancel.set()
        self.runner.shutdown()

    def check(self, *, force: bool = False) -> None:
        """Run the backup now if one is due (or ``force``); never two at once."""
        if self.running:
            return
        self.running = True
        self._cancel.clear()
        self.started.emit()
        db, settings, clock, cancel = self.ctx.db, self.ctx.settings, self._clock, self._cancel

        def work():  # noqa: ANN202 - runs on the scheduler's own worker thread
            self.last_thread = threading.get_ident()
            backup_schedule.low_priority_thread()
            return backup_schedule.run_scheduled_backup(db, settings, clock=clock, force=force, cancel=cancel.is_set)

        self.runner.run(work, self._done, self._error, label="automatic backup")

    def _done(self, outcome) -> None:  # noqa: ANN001
        self.running = False
        self.last_error = None
        self.finished.emit(outcome)

    def _error(self, exc: BaseException) -> bool:
        self.running = False
        text = exc.user_message if isinstance(exc, WelcomedlyError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, WelcomedlyError):
            log.error("Automatic backup failed", exc_info=exc)
        self.last_error = text
        self.failed.emit(text)
        if self.ctx.actor.is_admin:
            messages.warning(None, self.tr("Automatic backup failed"), text)
        return True


class BackupAgeLabel(QLabel):
    """'Last backup: 5 h ago' in the status bar; a warning for admins past two days or after a failure."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self.setObjectName("statusBackupAge")
        self.warning = False
        self.refresh()

    def refresh(self, failure: str | None = None) -> None:
        settings, clock = self.ctx.settings, self._clock
        self.ctx.run(lambda: backup_schedule.backup_age(settings, clock()),
                     lambda result: self._show(*result, failure=failure), label="backup age", parent=self)

    def _show(self, age: dt.timedelta | None, stale: bool, *, failure: str | None = None) -> None:
        if age is None:
            text = self.tr("No backup yet")
        elif age < dt.timedelta(hours=1):
            text = self.tr("Last backup: {n} min ago").format(n=max(int(age.total_seconds() // 60), 0))
        elif age < dt.timedelta(days=2):
            text = self.tr("Last backup: {n} h ago").format(n=int(age.total_seconds() // 3600))
        else:
            text = self.tr("Last backup: {n} days ago").format(n=age.days)
        self.warning = self.ctx.actor.is_admin and (stale or failure is not None)
        if self.warning:
            text = "⚠ " + text + (self.tr(" — last automatic backup failed") if failure else "")
            self.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.setStyleSheet("")
        self.setToolTip(failure or "")
        self.setText(text)
