"""Table model of audit entries (rows are ``services.audit.AuditEntry``; read-only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from welcomedly_desktop.gui.labels import audit_action_label, audit_detail_lines
from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def _details(entry) -> str:  # noqa: ANN001 - one line in the table: "Email: a@b.co · Role: admin"
    return " · ".join(audit_detail_lines(entry.details))


def _details_list(entry) -> str:  # noqa: ANN001 - the tooltip: one "Key: value" a line
    return "\n".join(audit_detail_lines(entry.details))


def _entity(entry) -> str:  # noqa: ANN001
    if not entry.entity_type:
        return ""
    return f"{entry.entity_type} {entry.entity_id or ''}".strip()


class AuditModel(RowTableModel):
    COL_WHEN, COL_USER, COL_WORKSTATION, COL_ACTION, COL_ENTITY, COL_DETAILS = range(6)

    columns = (
        Column("occurred_at", tr("When"), lambda e: e.occurred_at),
        Column("actor_email", tr("User"), lambda e: e.actor_email),
        Column("workstation", tr("Workstation"), lambda e: e.workstation),
        Column("action", tr("Action"), lambda e: e.action, display=lambda e: audit_action_label(e.action),
               tooltip=lambda e: e.action),
        Column("entity", tr("Entity"), _entity),
        Column("details", tr("Details"), _details, tooltip=_details_list),
    )
