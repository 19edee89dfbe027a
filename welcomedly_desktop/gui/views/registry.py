"""Which pages the main window shows, for which roles, and how optional pages are discovered.

Pages written by other issues (uploads, reports, work queue) are found by import: if the module and
class exist they are built as ``Page(ctx, parent)``; if not, a clear placeholder takes their place.
Only ImportError of *that very module* means "not written yet" — any other error inside an existing
page module is a bug and is logged with its traceback (and shown as a placeholder saying so).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from welcomedly_desktop.services.context import Actor

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("pages", text)


def optional_attr(module_name: str, attr: str) -> object | None:
    """``module.attr`` if the module exists and defines it, else None (bugs inside it are logged)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return None
        log.exception("Optional module %s failed to import", module_name)
        return None
    except Exception:  # noqa: BLE001 - a broken optional page must not stop the app
        log.exception("Optional module %s failed to import", module_name)
        return None
    return getattr(module, attr, None)


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable id: objectName of the page and key in saved UI state
    title: str
    factory: Callable[..., QWidget] | None  # called as factory(ctx, parent); None = placeholder
    placeholder_text: str = ""
    roles: tuple[str, ...] = ("admin", "supervisor", "agent")

    def visible_for(self, actor: Actor) -> bool:
        return actor.role in self.roles


def page_specs() -> list[PageSpec]:
    """The pages in sidebar order.  Imports are local so a missing optional page costs nothing."""
    from welcomedly_desktop.gui.views.agents_page import AgentsPage
    from welcomedly_desktop.gui.views.audit_page import AuditPage
    from welcomedly_desktop.gui.views.campaigns_page import CampaignsPage
    from welcomedly_desktop.gui.views.users_page import UsersPage

    return [
        PageSpec("campaigns", tr("Campaigns"), CampaignsPage),
        PageSpec("work_queue", tr("Work queue"),
                 optional_attr("welcomedly_desktop.gui.views.work_queue_page", "WorkQueuePage"),
                 tr("The work queue (the records handed out to you) arrives with a later version.")),
        # Agents work their own queue; supervisors and admins see any agent's read-only and
        # distribute or move records from there.
        PageSpec("agents", tr("Agents"), AgentsPage),
        PageSpec("uploads", tr("Uploads"),
                 optional_attr("welcomedly_desktop.gui.views.uploads_page", "UploadsPage"),
                 tr("Uploading campaign data files (CSV, Excel) arrives with a later version.")),
        PageSpec("reports", tr("Reports"),
                 optional_attr("welcomedly_desktop.gui.views.reports_page", "ReportsPage"),
                 tr("Campaign and agent reports arrive with a later version.")),
        PageSpec("users", tr("Users"), UsersPage, roles=("admin",)),
        PageSpec("audit", tr("Audit log"), AuditPage, roles=("admin",)),
    ]
