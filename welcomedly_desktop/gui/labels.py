"""Translated labels for stored values (roles...) shared by several widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP


def role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("roles", "Administrator"),
        "supervisor": QCoreApplication.translate("roles", "Supervisor"),
        "agent": QCoreApplication.translate("roles", "Agent"),
    }
    return labels.get(role, role)


def record_status_label(status: str) -> str:
    """A record's stored status in words (issue 18, #7: no raw ``in_progress`` on screen)."""
    labels = {
        "new": QCoreApplication.translate("recordStatus", "New"),
        "assigned": QCoreApplication.translate("recordStatus", "Assigned"),
        "in_progress": QCoreApplication.translate("recordStatus", "In progress"),
        "done": QCoreApplication.translate("recordStatus", "Done"),
    }
    return labels.get(status, status.replace("_", " ").capitalize() if status else "")


#: Every action the services write to the audit log, in words.
_AUDIT_ACTIONS = {
    "agent.activate": QT_TRANSLATE_NOOP("auditAction", "Agent reactivated"),
    "agent.create": QT_TRANSLATE_NOOP("auditAction", "Agent created"),
    "agent.deactivate": QT_TRANSLATE_NOOP("auditAction", "Agent deactivated"),
    "agent.update": QT_TRANSLATE_NOOP("auditAction", "Agent changed"),
    "backup.create": QT_TRANSLATE_NOOP("auditAction", "Backup made"),
    "backup.failed": QT_TRANSLATE_NOOP("auditAction", "Backup operation failed"),
    "backup.restore": QT_TRANSLATE_NOOP("auditAction", "Backup restored"),
    "backup.retention": QT_TRANSLATE_NOOP("auditAction", "Backup retention applied"),
    "backup.verify": QT_TRANSLATE_NOOP("auditAction", "Backup verified"),
    "campaign.assign": QT_TRANSLATE_NOOP("auditAction", "Agents assigned to a campaign"),
    "campaign.country": QT_TRANSLATE_NOOP("auditAction", "Campaign country changed"),
    "campaign.create": QT_TRANSLATE_NOOP("auditAction", "Campaign created"),
    "campaign.delete": QT_TRANSLATE_NOOP("auditAction", "Campaign deleted"),
    "campaign.unassign": QT_TRANSLATE_NOOP("auditAction", "Agent removed from a campaign"),
    "campaign.update": QT_TRANSLATE_NOOP("auditAction", "Campaign changed"),
    "demo.seed": QT_TRANSLATE_NOOP("auditAction", "Demo data added"),
    "disposition.create": QT_TRANSLATE_NOOP("auditAction", "Outcome created"),
    "disposition.update": QT_TRANSLATE_NOOP("auditAction", "Outcome changed"),
    "dnc.add": QT_TRANSLATE_NOOP("auditAction", "Number added to the do-not-call list"),
    "dnc.import": QT_TRANSLATE_NOOP("auditAction", "Do-not-call list imported"),
    "dnc.remove": QT_TRANSLATE_NOOP("auditAction", "Number removed from the do-not-call list"),
    "login.failure": QT_TRANSLATE_NOOP("auditAction", "Failed login"),
    "login.lockout": QT_TRANSLATE_NOOP("auditAction", "Account locked after failed logins"),
    "login.refused_locked": QT_TRANSLATE_NOOP("auditAction", "Login refused: account locked"),
    "login.success": QT_TRANSLATE_NOOP("auditAction", "Logged in"),
    "logout": QT_TRANSLATE_NOOP("auditAction", "Logged out"),
    "records.distribute": QT_TRANSLATE_NOOP("auditAction", "Records handed out to agents"),
    "records.export": QT_TRANSLATE_NOOP("auditAction", "Records exported"),
    "records.rebalance": QT_TRANSLATE_NOOP("auditAction", "Records moved between agents"),
    "report.export": QT_TRANSLATE_NOOP("auditAction", "Report exported"),
    "session.end": QT_TRANSLATE_NOOP("auditAction", "Session ended"),
    "settings.update": QT_TRANSLATE_NOOP("auditAction", "Organization setting changed"),
    "upload.create": QT_TRANSLATE_NOOP("auditAction", "File uploaded"),
    "upload.import": QT_TRANSLATE_NOOP("auditAction", "File imported"),
    "user.activate": QT_TRANSLATE_NOOP("auditAction", "User reactivated"),
    "user.create": QT_TRANSLATE_NOOP("auditAction", "User created"),
    "user.deactivate": QT_TRANSLATE_NOOP("auditAction", "User deactivated"),
    "user.password_change": QT_TRANSLATE_NOOP("auditAction", "Password changed"),
    "user.role_change": QT_TRANSLATE_NOOP("auditAction", "Role changed"),
    "user.unlock": QT_TRANSLATE_NOOP("auditAction", "Account unlocked"),
    "user.update": QT_TRANSLATE_NOOP("auditAction", "User changed"),
}


def audit_action_label(action: str) -> str:
    text = _AUDIT_ACTIONS.get(action)
    return QCoreApplication.translate("auditAction", text) if text else action.replace(".", ": ").replace("_", " ").capitalize()


def _detail_value(value: object) -> str:
    if isinstance(value, bool):
        return QCoreApplication.translate("table", "Yes") if value else QCoreApplication.translate("table", "No")
    if isinstance(value, int):
        from PySide6.QtCore import QLocale

        return QLocale().toString(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_detail_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{_detail_key(k)} {_detail_value(v)}" for k, v in value.items())
    return str(value)


#: The keys of the audit entries' details (services' ``audit.record(details=...)``, the server's
#: ``app.audit`` and the nested before/after of an edit), in words.
_AUDIT_DETAIL_KEYS = {
    "active": QT_TRANSLATE_NOOP("auditDetail", "Active"),
    "added": QT_TRANSLATE_NOOP("auditDetail", "Added"),
    "after": QT_TRANSLATE_NOOP("auditDetail", "After"),
    "agents": QT_TRANSLATE_NOOP("auditDetail", "Agents"),
    "assigned": QT_TRANSLATE_NOOP("auditDetail", "Records per agent"),
    "assignments": QT_TRANSLATE_NOOP("auditDetail", "Assignments"),
    "automatic": QT_TRANSLATE_NOOP("auditDetail", "Automatic"),
    "before": QT_TRANSLATE_NOOP("auditDetail", "Before"),
    "by": QT_TRANSLATE_NOOP("auditDetail", "By"),
    "bytes": QT_TRANSLATE_NOOP("auditDetail", "Size in bytes"),
    "campaign_id": QT_TRANSLATE_NOOP("auditDetail", "Campaign"),
    "campaigns": QT_TRANSLATE_NOOP("auditDetail", "Campaigns"),
    "closed": QT_TRANSLATE_NOOP("auditDetail", "Sessions closed"),
    "country": QT_TRANSLATE_NOOP("auditDetail", "Country"),
    "database": QT_TRANSLATE_NOOP("auditDetail", "Database"),
    "dedupe": QT_TRANSLATE_NOOP("auditDetail", "Repeated phones checked"),
    "deleted": QT_TRANSLATE_NOOP("auditDetail", "Deleted"),
    "description": QT_TRANSLATE_NOOP("auditDetail", "Description"),
    "disposition": QT_TRANSLATE_NOOP("auditDetail", "Outcome"),
    "dnc": QT_TRANSLATE_NOOP("auditDetail", "On the do-not-call list"),
    "duplicates": QT_TRANSLATE_NOOP("auditDetail", "Duplicates"),
    "email": QT_TRANSLATE_NOOP("auditDetail", "E-mail"),
    "end_date": QT_TRANSLATE_NOOP("auditDetail", "End date"),
    "failures": QT_TRANSLATE_NOOP("auditDetail", "Failed attempts"),
    "file": QT_TRANSLATE_NOOP("auditDetail", "File"),
    "files": QT_TRANSLATE_NOOP("auditDetail", "Files"),
    "first_user": QT_TRANSLATE_NOOP("auditDetail", "First user"),
    "format": QT_TRANSLATE_NOOP("auditDetail", "Format"),
    "from": QT_TRANSLATE_NOOP("auditDetail", "From"),
    "from_agent": QT_TRANSLATE_NOOP("auditDetail", "From agent"),
    "imported": QT_TRANSLATE_NOOP("auditDetail", "Imported"),
    "interactions": QT_TRANSLATE_NOOP("auditDetail", "Interactions"),
    "kept_as": QT_TRANSLATE_NOOP("auditDetail", "Previous data kept as"),
    "key": QT_TRANSLATE_NOOP("auditDetail", "Setting"),
    "last_seen_at": QT_TRANSLATE_NOOP("auditDetail", "Last seen"),
    "locked_until": QT_TRANSLATE_NOOP("auditDetail", "Locked until"),
    "mode": QT_TRANSLATE_NOOP("auditDetail", "Mode"),
    "moved": QT_TRANSLATE_NOOP("auditDetail", "Moved"),
    "name": QT_TRANSLATE_NOOP("auditDetail", "Name"),
    "operation": QT_TRANSLATE_NOOP("auditDetail", "Operation"),
    "path": QT_TRANSLATE_NOOP("auditDetail", "Path"),
    "phone": QT_TRANSLATE_NOOP("auditDetail", "Phone"),
    "real_path": QT_TRANSLATE_NOOP("auditDetail", "File really read"),
    "reason": QT_TRANSLATE_NOOP("auditDetail", "Reason"),
    "records": QT_TRANSLATE_NOOP("auditDetail", "Records"),
    "rejected": QT_TRANSLATE_NOOP("auditDetail", "Rejected"),
    "role": QT_TRANSLATE_NOOP("auditDetail", "Role"),
    "rows": QT_TRANSLATE_NOOP("auditDetail", "Rows"),
    "rows_total": QT_TRANSLATE_NOOP("auditDetail", "Rows in the file"),
    "s3": QT_TRANSLATE_NOOP("auditDetail", "S3 copy"),
    "s3_missing": QT_TRANSLATE_NOOP("auditDetail", "Files missing from S3"),
    "seconds": QT_TRANSLATE_NOOP("auditDetail", "Seconds"),
    "session": QT_TRANSLATE_NOOP("auditDetail", "Session"),
    "sha256": QT_TRANSLATE_NOOP("auditDetail", "SHA-256 checksum"),
    "size": QT_TRANSLATE_NOOP("auditDetail", "Size in bytes"),
    "start_date": QT_TRANSLATE_NOOP("auditDetail", "Start date"),
    "status": QT_TRANSLATE_NOOP("auditDetail", "Status"),
    "tables": QT_TRANSLATE_NOOP("auditDetail", "Tables"),
    "target": QT_TRANSLATE_NOOP("auditDetail", "Target"),
    "timezone": QT_TRANSLATE_NOOP("auditDetail", "Time zone"),
    "to": QT_TRANSLATE_NOOP("auditDetail", "To"),
    "to_agents": QT_TRANSLATE_NOOP("auditDetail", "To agents"),
    "total": QT_TRANSLATE_NOOP("auditDetail", "Total"),
    "uploads": QT_TRANSLATE_NOOP("auditDetail", "Uploads"),
    "user": QT_TRANSLATE_NOOP("auditDetail", "User"),
    "user_id": QT_TRANSLATE_NOOP("auditDetail", "User"),
    "warnings": QT_TRANSLATE_NOOP("auditDetail", "Warnings"),
    "was_locked": QT_TRANSLATE_NOOP("auditDetail", "Was locked"),
}


def _detail_key(key: str) -> str:
    """ "Key:" of an audit detail in the interface's language; an unknown key in plain words."""
    text = _AUDIT_DETAIL_KEYS.get(key)
    label = QCoreApplication.translate("auditDetail", text) if text else key.replace("_", " ").capitalize()
    return f"{label}:"


def audit_detail_lines(details: dict | None) -> list[str]:
    """An audit entry's details as "Key: value" lines, not JSON (issue 18, #7)."""
    if not details:
        return []
    return [f"{_detail_key(k)} {_detail_value(v)}" for k, v in sorted(details.items())]


def line_type_label(line_type: str | None) -> str:
    """A record's line type (importing/phones.py) in words; empty when the plan said nothing."""
    labels = {
        "mobile": QCoreApplication.translate("lineType", "Mobile"),
        "fixed": QCoreApplication.translate("lineType", "Landline"),
        "fixed_or_mobile": QCoreApplication.translate("lineType", "Landline or mobile"),
        "other": QCoreApplication.translate("lineType", "Other (toll-free, VoIP…)"),
        "unknown": QCoreApplication.translate("lineType", "Unknown to the numbering plan"),
    }
    return labels.get(line_type or "", line_type or "")


def country_label(code: str, calling_code: int | None = None) -> str:
    """A country by its name in the interface's language ("Colombia (+57)")."""
    from PySide6.QtCore import QLocale

    territory = QLocale.codeToTerritory(code)
    name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyTerritory else code
    return f"{name} (+{calling_code})" if calling_code is not None else name


def country_items() -> list[tuple[str, str]]:
    """(label, ISO code) of every country a phone number can be read in, sorted by name."""
    from welcomedly_desktop.services import org_settings

    items = [(country_label(code, calling), code) for code, calling in org_settings.country_choices()]
    return sorted(items, key=lambda item: item[0].casefold())
