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
