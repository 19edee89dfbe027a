"""Role checks.  The GUI hides what a role may not do; these checks refuse it anyway."""

from __future__ import annotations

from welcomedly_desktop.errors import PermissionDenied
from welcomedly_desktop.services.context import Actor

MANAGERS = ("admin", "supervisor")

_ACTION_WORDS = {
    "admin": "administrators",
    "supervisor": "supervisors",
    "agent": "agents",
}


def require_role(actor: Actor, *roles: str, action: str) -> None:
    """Raise PermissionDenied unless ``actor`` has one of ``roles``.  ``action`` completes
    "Only ... can <action>." for the message."""
    if actor.role not in roles:
        who = " and ".join(_ACTION_WORDS.get(r, r) for r in roles)
        raise PermissionDenied(f"Only {who} can {action}.")


def require_admin(actor: Actor, action: str) -> None:
    require_role(actor, "admin", action=action)


def require_manager(actor: Actor, action: str) -> None:
    require_role(actor, *MANAGERS, action=action)
