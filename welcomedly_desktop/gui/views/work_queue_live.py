"""The work queue follows the office (issue 16): what changes elsewhere reloads the queue, never the
agent's work.

:class:`QueueFollower` turns the data_changed kinds that can move a queue into one reload per burst
(gathered for :data:`GATHER_MS`).  The page then reloads the counts and the queue but keeps the
record on screen and everything typed in the outcome form; :func:`what_happened` says, in one
sentence, when that record was taken, deleted, closed or called by someone else meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from welcomedly_desktop.errors import NotFoundError, PermissionDenied
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP

#: Changes that can move a work queue: records (the change feed), assignments, campaigns (paused
#: campaigns leave the queue), dispositions (the outcome list).
QUEUE_KINDS = (kinds.RECORD_CHANGES, kinds.ASSIGNMENTS, kinds.CAMPAIGNS, kinds.DISPOSITIONS)
#: Changes arriving within this time cost one reload.
GATHER_MS = 150

TAKEN = QT_TRANSLATE_NOOP("WorkQueuePage", "Someone else took this record while you had it open; your notes "
                          "are still here to copy, and Next record moves on.")
DELETED = QT_TRANSLATE_NOOP("WorkQueuePage", "This record was deleted while you had it open; your notes are "
                            "still here to copy, and Next record moves on.")
CLOSED = QT_TRANSLATE_NOOP("WorkQueuePage", "Someone else closed this record while you had it open; your notes "
                           "are still here to copy, and Next record moves on.")
CALLED = QT_TRANSLATE_NOOP("WorkQueuePage", "Someone else recorded a call on this record while you had it open; "
                           "check its previous attempts before saving.")


def what_happened(shown, fresh, error: BaseException | None) -> tuple[str | None, bool]:  # noqa: ANN001
    """(one sentence or None, whether the record can no longer be saved) after re-reading the
    record on screen: ``fresh`` is it now (None when ``error`` says why it could not be read)."""
    def say(text: str) -> str:
        return QCoreApplication.translate("WorkQueuePage", text)

    if isinstance(error, PermissionDenied):
        return say(TAKEN), True
    if isinstance(error, NotFoundError):
        return say(DELETED), True
    if fresh is None:
        return None, False
    if fresh.status == "done" and shown.status != "done":
        return say(CLOSED), True
    if fresh.attempts != shown.attempts:
        return say(CALLED), False
    return None, False


class QueueFollower(QObject):
    """Calls ``reload`` once per burst of changes that can move the queue."""

    def __init__(self, ctx: AppContext, reload: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._reload = reload
        self.muted = False  # the page's own notifications: it reloads by itself
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(reload)
        ctx.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, kind: str, _entity_id: object) -> None:
        if kind in QUEUE_KINDS and not self.muted and not self._timer.isActive():
            self._timer.start()
