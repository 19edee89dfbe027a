"""Live office: other workstations' changes refresh the open views by themselves.

``install(window, ctx)`` starts a :class:`LiveFeed` for the window's database, puts its
:class:`ConnectionIndicator` in the status bar and turns each batch of changes into
``ctx.notify_changed(kind, ...)``: when every change of an entity in the batch names its ids, the
entity's own kind comes with :class:`ChangedIds` and list pages refresh only those rows; a bulk
change (a count instead of ids) comes with None and pages reload fully, keeping selection, sort and
filter.  Record changes also come once per batch as ``RECORD_CHANGES`` with :class:`RecordChanges`
(ids and campaigns), for the views that follow records of a campaign.  After a reconnect every kind is announced with None, so open views reload fully.  On a
workstation connection the feed belongs to the app session: when the server ends it, the feed
reports SessionEnded through the operation runner, like any other operation would.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from welcomedly_desktop.config import short_url

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext, ChangedIds, RecordChanges
from welcomedly_desktop.gui.live.feed import COALESCE_MS, LiveFeed
from welcomedly_desktop.gui.live.indicator import ConnectionIndicator
from welcomedly_desktop.services import imports

__all__ = ["COALESCE_MS", "ConnectionIndicator", "LiveFeed", "KINDS_FOR_ENTITY", "announcements", "install",
           "kinds_for", "record_changes"]

#: The change feed's entities -> the data_changed kinds the pages listen to.
KINDS_FOR_ENTITY = {
    "user": (kinds.USERS,),
    "campaign": (kinds.CAMPAIGNS,),
    "agent": (kinds.AGENTS,),
    "assignment": (kinds.ASSIGNMENTS,),
    "upload": (kinds.UPLOADS,),
    "record": (kinds.RECORDS, kinds.ACTIVITY, kinds.RECORD_CHANGES),
    "disposition": (kinds.DISPOSITIONS,),
    "session": (kinds.SESSIONS,),
}
#: The kind whose pages list rows of the entity (ids in a change are that kind's row ids).
OWN_KIND = {"user": kinds.USERS, "campaign": kinds.CAMPAIGNS, "agent": kinds.AGENTS, "upload": kinds.UPLOADS,
            "record": kinds.RECORDS}
ALL_KINDS = (kinds.CAMPAIGNS, kinds.AGENTS, kinds.ASSIGNMENTS, kinds.USERS, kinds.UPLOADS, kinds.RECORDS,
             kinds.ACTIVITY, kinds.RECORD_CHANGES, kinds.DISPOSITIONS, kinds.SESSIONS, kinds.AUDIT)


def kinds_for(changes: list) -> list[str]:
    """The kinds to announce for one batch, each once, in a stable order (every write is audited)."""
    wanted = {k for c in changes for k in KINDS_FOR_ENTITY.get(c.entity, ())}
    if changes:
        wanted.add(kinds.AUDIT)
    return [k for k in ALL_KINDS if k in wanted]


def announcements(changes: list) -> list[tuple[str, ChangedIds | None]]:
    """(kind, entity id) to announce for one batch: each kind once; :class:`ChangedIds` (the union
    of the batch's ids) for an entity's own kind when every change of it named ids, else None."""
    named: dict[str, set[int] | None] = {}
    for change in changes:
        kind = OWN_KIND.get(change.entity)
        if kind is None:
            continue
        if change.ids is None or named.get(kind, set()) is None:
            named[kind] = None  # a bulk change: only a full reload is right
        else:
            named.setdefault(kind, set()).update(change.ids)  # type: ignore[union-attr]
    return [(kind, record_changes(changes) if kind == kinds.RECORD_CHANGES
             else ChangedIds.of(named[kind]) if named.get(kind) is not None else None)  # type: ignore[arg-type]
            for kind in kinds_for(changes)]


def record_changes(changes: list) -> RecordChanges:
    """The batch's record changes summed up: their ids (None if one was bulk) and campaigns (None if
    one did not say), so that a page asks once per batch for what the whole burst touched."""
    ids: set[int] | None = set()
    campaigns: set[int] | None = set()
    for change in changes:
        if change.entity != "record":
            continue
        ids = None if ids is None or change.ids is None else ids | set(change.ids)
        touched = change.campaigns
        campaigns = None if campaigns is None or touched is None else campaigns | touched
    return RecordChanges(frozenset(ids) if ids is not None else None,
                         frozenset(campaigns) if campaigns is not None else None)


def install(window: QMainWindow, ctx: AppContext) -> LiveFeed:
    db = ctx.db
    # The status bar names the server briefly (host:port/database); the database label's tooltip has all of it.
    server = QCoreApplication.translate("MainWindow", "built-in") if db.is_embedded else short_url(db.display_url)
    feed = LiveFeed(db.url, server, connect_timeout_s=int(db.settings.connect_timeout_s),
                    session_token=lambda: db.session_token, parent=window)
    indicator = ConnectionIndicator(window)
    window.statusBar().addPermanentWidget(indicator)
    feed.state_changed.connect(indicator.set_state)

    def announce(changes: list) -> None:
        for kind, entity_id in announcements(changes):
            ctx.notify_changed(kind, entity_id)

    def reload_all() -> None:
        # Notifications sent while away are lost: reload everything.  An import whose connection
        # died with the server is marked failed first, so the Uploads page shows it so.
        def recover(session) -> int:  # noqa: ANN001 - runs on a worker thread
            return imports.mark_interrupted_uploads(session)

        def announce_all(_marked: object = None) -> None:
            for kind in ALL_KINDS:
                ctx.notify_changed(kind, None)

        ctx.run_in_session(recover, announce_all, lambda _exc: (announce_all(), True)[1], label="live reconnect")

    feed.changes_arrived.connect(announce)
    feed.reconnected.connect(reload_all)
    # Ended by an administrator (or a login elsewhere): the app returns to the login dialog.
    feed.session_ended.connect(ctx.ops.report_session_ended)
    feed.indicator = indicator  # type: ignore[attr-defined] - tests and the window find it here
    feed.start()
    return feed
