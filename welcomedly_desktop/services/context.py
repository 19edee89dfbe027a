"""Who is acting: the logged-in user as seen by the services."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from welcomedly_desktop.db.models import Role


def workstation_name() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:  # pragma: no cover
        return "unknown"


@dataclass(frozen=True)
class Actor:
    """The logged-in user.  ``client`` is "gui" or "cli" and is recorded in the audit log."""

    user_id: int | None
    email: str | None
    name: str
    role: str
    client: str = "gui"
    workstation: str = field(default_factory=workstation_name)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR.value

    @property
    def is_agent(self) -> bool:
        return self.role == Role.AGENT.value

    @property
    def can_manage_campaigns(self) -> bool:
        return self.role in (Role.ADMIN.value, Role.SUPERVISOR.value)

    @classmethod
    def system(cls, client: str = "cli") -> "Actor":
        """An unauthenticated actor for bootstrap actions (first admin, db commands)."""
        return cls(user_id=None, email=None, name="system", role="system", client=client)
