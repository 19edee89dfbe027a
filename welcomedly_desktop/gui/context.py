"""``AppContext``: what every page and dialog of a logged-in session receives.

It bundles the open :class:`Database`, the logged-in :class:`Actor`, the :class:`Settings`, the
operation runner and the "data changed" signals.  Pages never talk to each other: a page that changed
something calls ``ctx.notify_changed("campaigns", campaign_id)`` and every page interested refreshes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.gui.operations import ErrorCallback, Operation, OperationRunner, SuccessCallback
from welcomedly_desktop.services.context import Actor

#: Kinds of data announced through :attr:`AppContext.data_changed` (extend freely).
CAMPAIGNS = "campaigns"
AGENTS = "agents"
ASSIGNMENTS = "assignments"
USERS = "users"
UPLOADS = "uploads"
AUDIT = "audit"
ACTIVITY = "activity"  # interactions recorded (work queue)
RECORDS = "records"  # records distributed or moved
DISPOSITIONS = "dispositions"  # the outcome catalogue
DNC = "dnc"  # the do-not-call list (changed on this workstation; the change feed has no such entity)
SESSIONS = "sessions"  # app sessions started or ended on a shared server (issue 15)
#: Records changed on another workstation (the change feed); entity id :class:`RecordChanges`, or
#: None after a reconnect (anything may have changed).
RECORD_CHANGES = "record_changes"


@dataclass(frozen=True)
class ChangedIds:
    """``data_changed``'s entity id when the change feed named the changed rows of that kind
    (inserted, updated or deleted: fetching them tells which).  A page that lists rows of the kind
    refreshes only those rows; any other listener reloads as for None ("anything may have changed")."""

    ids: frozenset[int]

    @classmethod
    def of(cls, ids: Iterable[int]) -> ChangedIds:
        return cls(frozenset(ids))


@dataclass(frozen=True)
class RecordChanges:
    """``RECORD_CHANGES``' entity id: which records changed and in which campaigns, as far as the
    feed said.  ``ids`` is None when a bulk change (a count, no ids) was among them; ``campaigns`` is
    None when some change did not name its campaigns."""

    ids: frozenset[int] | None
    campaigns: frozenset[int] | None

    def touches(self, campaign_id: int) -> bool:
        """Whether records of ``campaign_id`` may be among the changed ones."""
        return self.campaigns is None or campaign_id in self.campaigns


def concerns(entity_id: object, own_id: object) -> bool:
    """Whether a ``data_changed`` entity id (None, one id, or :class:`ChangedIds`) may touch ``own_id``."""
    if entity_id is None:
        return True
    if isinstance(entity_id, ChangedIds):
        return own_id in entity_id.ids
    return entity_id == own_id


class AppContext(QObject):
    #: (kind, entity id, :class:`ChangedIds` or None).  kind is one of the constants above.
    data_changed = Signal(str, object)
    #: The logged-in user's profile changed (name/e-mail): status bar and title follow.
    actor_changed = Signal(object)

    def __init__(self, db: Database, actor: Actor, settings: Settings,
                 runner: OperationRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.settings = settings
        self.ops = runner if runner is not None else OperationRunner(self)

    # -- operations ------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], on_success: SuccessCallback | None = None,
            on_error: ErrorCallback | None = None, *, parent: QWidget | None = None,
            label: str | None = None) -> Operation:
        """Shortcut for ``ctx.ops.run``; see :mod:`welcomedly_desktop.gui.operations`."""
        return self.ops.run(fn, on_success, on_error, parent=parent, label=label)

    def run_in_session(self, fn: Callable[[Any], Any], on_success: SuccessCallback | None = None,
                       on_error: ErrorCallback | None = None, *, parent: QWidget | None = None,
                       label: str | None = None) -> Operation:
        """Run ``fn(session)`` in one unit of work (commit on success, rollback on error)."""
        db = self.db

        def work() -> Any:
            with db.session() as session:
                return fn(session)

        return self.run(work, on_success, on_error, parent=parent, label=label or getattr(fn, "__name__", None))

    def run_read(self, fn: Callable[[Any], Any], on_success: SuccessCallback | None = None,
                 on_error: ErrorCallback | None = None, *, parent: QWidget | None = None,
                 label: str | None = None) -> Operation:
        """Like :meth:`run_in_session` for a read: retried once if the connection was lost (db.read)."""
        db = self.db
        return self.run(lambda: db.read(fn), on_success, on_error, parent=parent,
                        label=label or getattr(fn, "__name__", None))

    # -- change notification ---------------------------------------------------------------
    def notify_changed(self, kind: str, entity_id: Any = None) -> None:
        self.data_changed.emit(kind, entity_id)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.actor_changed.emit(actor)

    # -- UI state --------------------------------------------------------------------------
    def ui_settings(self) -> QSettings:
        """Window state lives in an INI file in the data folder, so tests and profiles stay isolated."""
        return ui_settings(self.settings)


def ui_settings_path(settings: Settings) -> Path:
    return settings.data_dir / "ui-state.ini"


def ui_settings(settings: Settings) -> QSettings:
    return QSettings(str(ui_settings_path(settings)), QSettings.Format.IniFormat)
