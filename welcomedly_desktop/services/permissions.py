"""Role checks.  The GUI hides what a role may not do; these checks refuse it anyway."""

from __future__ import annotations

from welcomedly_desktop.errors import PermissionDenied
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

MANAGERS = ("admin", "supervisor")

_ACTION_WORDS = {
    "admin": QT_TRANSLATE_NOOP("permissions", "administrators"),
    "supervisor": QT_TRANSLATE_NOOP("permissions", "supervisors"),
    "agent": QT_TRANSLATE_NOOP("permissions", "agents"),
}


def require_role(actor: Actor, *roles: str, action: str) -> None:
    """Raise PermissionDenied unless ``actor`` has one of ``roles``.  ``action`` completes
    "Only ... can <action>." for the message."""
    if actor.role not in roles:
        words = [translate("permissions", _ACTION_WORDS.get(r, r)) for r in roles]
        who = words[0] if len(words) == 1 else translate("permissions", "{first} and {second}").format(
            first=", ".join(words[:-1]), second=words[-1])
        # ``action`` is marked with QT_TRANSLATE_NOOP("permissions", ...) by the callers.
        raise PermissionDenied(translate("services", "Only {who} can {action}.").format(
            who=who, action=translate("permissions", action)))


def require_admin(actor: Actor, action: str) -> None:
    require_role(actor, "admin", action=action)


def require_manager(actor: Actor, action: str) -> None:
    require_role(actor, *MANAGERS, action=action)
