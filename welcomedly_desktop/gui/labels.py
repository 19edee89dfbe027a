"""Translated labels for stored values (roles...) shared by several widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("roles", "Administrator"),
        "supervisor": QCoreApplication.translate("roles", "Supervisor"),
        "agent": QCoreApplication.translate("roles", "Agent"),
    }
    return labels.get(role, role)


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def record_status_label(status: str) -> str:
    """A record's stored status in words (issue 18, #7: no raw ``in_progress`` on screen)."""
    labels = {
        "new": _t("recordStatus", "New"),
        "assigned": _t("recordStatus", "Assigned"),
        "in_progress": _t("recordStatus", "In progress"),
        "done": _t("recordStatus", "Done"),
    }
    return labels.get(status, status.replace("_", " ").capitalize() if status else "")


#: Every action the services write to the audit log, in words.
_AUDIT_ACTIONS = {
    "agent.activate": "Agent reactivated", "agent.create": "Agent created", "agent.deactivate": "Agent deactivated",
    "agent.update": "Agent changed", "campaign.assign": "Agents assigned to a campaign",
    "campaign.country": "Campaign's country changed",
    "campaign.create": "Campaign created", "campaign.delete": "Campaign deleted",
    "campaign.unassign": "Agent removed from a campaign", "campaign.update": "Campaign changed",
    "demo.seed": "Demo data added", "disposition.create": "Outcome created", "disposition.update": "Outcome changed",
    "dnc.add": "Number added to the do-not-call list", "dnc.import": "Do-not-call list imported",
    "login.failure": "Failed login", "login.lockout": "Account locked after failed logins",
    "login.refused_locked": "Login refused: account locked", "login.success": "Logged in", "logout": "Logged out",
    "records.distribute": "Records handed out to agents", "records.export": "Records exported",
    "records.rebalance": "Records moved between agents", "report.export": "Report exported",
    "settings.update": "Organization setting changed",
    "upload.create": "File uploaded", "upload.import": "File imported", "user.activate": "User reactivated",
    "user.create": "User created", "user.deactivate": "User deactivated", "user.password_change": "Password changed",
    "user.role_change": "Role changed", "user.unlock": "Account unlocked", "user.update": "User changed",
}


def audit_action_label(action: str) -> str:
    text = _AUDIT_ACTIONS.get(action)
    return _t("auditAction", text) if text else action.replace(".", ": ").replace("_", " ").capitalize()


def _detail_value(value: object) -> str:
    if isinstance(value, bool):
        return _t("table", "Yes") if value else _t("table", "No")
    if isinstance(value, int):
        from PySide6.QtCore import QLocale

        return QLocale().toString(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_detail_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{_detail_key(k)} {_detail_value(v)}" for k, v in value.items())
    return str(value)


def _detail_key(key: str) -> str:
    return key.replace("_", " ").capitalize() + ":"


def audit_detail_lines(details: dict | None) -> list[str]:
    """An audit entry's details as "Key: value" lines, not JSON (issue 18, #7)."""
    if not details:
        return []
    return [f"{_detail_key(k)} {_detail_value(v)}" for k, v in sorted(details.items())]


def line_type_label(line_type: str | None) -> str:
    """A record's line type (importing/phones.py) in words; empty when the plan said nothing."""
    labels = {
        "mobile": _t("lineType", "Mobile"),
        "fixed": _t("lineType", "Landline"),
        "fixed_or_mobile": _t("lineType", "Landline or mobile"),
        "other": _t("lineType", "Other (toll-free, VoIP…)"),
        "unknown": _t("lineType", "Unknown to the numbering plan"),
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
