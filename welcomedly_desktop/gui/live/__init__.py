"""Live office: other workstations' changes refresh the open views by themselves.

``install(window, ctx)`` starts a :class:`LiveFeed` for the window's database, puts its
:class:`ConnectionIndicator` in the status bar and turns each batch of changes into
``ctx.notify_changed(kind)`` (the pages already reload on those, keeping selection, sort and
filter); after a reconnect every kind is announced, so open views reload fully.  On a workstation
connection the feed belongs to the app session: when the server ends it, the feed reports
SessionEnded through the operation runner, like any other operation would.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from welcomedly_desktop.config import short_url

from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.live.feed import COALESCE_MS, LiveFeed
from welcomedly_desktop.gui.live.indicator import ConnectionIndicator
from welcomedly_desktop.services import imports

__all__ = ["COALESCE_MS", "ConnectionIndicator", "LiveFeed", "KINDS_FOR_ENTITY", "install", "kinds_for"]

#: The change feed's entities -> the data_changed kinds the pages listen to.
KINDS_FOR_ENTITY = {
    "user": (kinds.USERS,),
    "campaign": (kinds.CAMPAIGNS,),
    "agent": (kinds.AGENTS,),
    "assignment": (kinds.ASSIGNMENTS,),
    "upload": (kinds.UPLOADS,),
    "record": (kinds.RECORDS, kinds.ACTIVITY),
    "disposition": (kinds.DISPOSITIONS,),
}
ALL_KINDS = (kinds.CAMPAIGNS, kinds.AGENTS, kinds.ASSIGNMENTS, kinds.USERS, kinds.UPLOADS, kinds.RECORDS,
             kinds.ACTIVITY, kinds.DISPOSITIONS, kinds.AUDIT)


def kinds_for(changes: list) -> list[str]:
    """The kinds to announce for one batch, each once, in a stable order (every write is audited)."""
    wanted = {k for c in changes for k in KINDS_FOR_ENTITY.get(c.entity, ())}
    if changes:
        wanted.add(kinds.AUDIT)
    return [k for k in ALL_KINDS if k in wanted]


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
        for kind in kinds_for(changes):
            ctx.notify_changed(kind, None)

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
