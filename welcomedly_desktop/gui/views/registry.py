"""Which pages the main window shows, in sidebar order, and for which roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from welcomedly_desktop.services.context import Actor


def tr(text: str) -> str:
    return QCoreApplication.translate("pages", text)


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id: objectName of the page and key in saved UI state
    title: str
    factory: Callable[..., QWidget]  # called as factory(ctx, parent)
    roles: tuple[str, ...] = ("admin", "supervisor", "agent")

    def visible_for(self, actor: Actor) -> bool:
        return actor.role in self.roles


def page_specs() -> list[PageSpec]:
    """The pages in sidebar order.  Imported here, when the main window is built, not at start-up."""
    from welcomedly_desktop.gui.views.agents_page import AgentsPage
    from welcomedly_desktop.gui.views.audit_page import AuditPage
    from welcomedly_desktop.gui.views.campaigns_page import CampaignsPage
    from welcomedly_desktop.gui.views.dnc_page import DncPage
    from welcomedly_desktop.gui.views.live_page import LivePage
    from welcomedly_desktop.gui.views.reports_page import ReportsPage
    from welcomedly_desktop.gui.views.uploads_page import UploadsPage
    from welcomedly_desktop.gui.views.users_page import UsersPage
    from welcomedly_desktop.gui.views.work_queue_page import WorkQueuePage

    return [
        PageSpec("campaigns", tr("Campaigns"), CampaignsPage),
        PageSpec("work_queue", tr("Work queue"), WorkQueuePage),
        # Agents work their own queue; supervisors and admins see any agent's read-only and
        # distribute or move records from there.
        PageSpec("agents", tr("Agents"), AgentsPage),
        PageSpec("uploads", tr("Uploads"), UploadsPage),
        PageSpec("reports", tr("Reports"), ReportsPage),
        PageSpec("live", tr("Live"), LivePage, roles=("admin", "supervisor")),
        PageSpec("dnc", tr("Do-not-call"), DncPage, roles=("admin", "supervisor")),
        PageSpec("users", tr("Users"), UsersPage, roles=("admin",)),
        PageSpec("audit", tr("Audit log"), AuditPage, roles=("admin",)),
    ]
