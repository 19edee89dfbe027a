"""Append-only audit trail of logins and critical changes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import AuditLog
from welcomedly_desktop.services.context import Actor, workstation_name
from welcomedly_desktop.services.permissions import require_admin
from welcomedly_desktop.services.validation import clean_search, existing_id, like_pattern
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP

# Keys that must never reach the log, whatever a caller passes in ``details``.
_SECRET_KEYS = {"password", "password_hash", "new_password", "old_password", "secret", "token"}


def _scrub(details: dict[str, Any] | None) -> dict[str, Any]:
    if not details:
        return {}
    clean: dict[str, Any] = {}
    for key, value in details.items():
        if key.lower() in _SECRET_KEYS:
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, dict):
            value = _scrub(value)
        clean[key] = value
    return clean


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    entity_type: str | None = None,
    entity_id: int | str | None = None,
    details: dict[str, Any] | None = None,
    actor_email: str | None = None,
) -> None:
    """Add one audit row to the current transaction (so it commits or rolls back with the change).

    On a workstation connection the row is written by the server's ``app.audit``, which takes the
    actor, workstation and time from the logged-in session (the client may not insert rows)."""
    from welcomedly_desktop.services.sessions import client_mode

    if client_mode(session):
        session.execute(
            text("SELECT app.audit(:a, :t, :i, CAST(:d AS jsonb))"),
            {"a": action, "t": entity_type, "i": None if entity_id is None else str(entity_id),
             "d": json.dumps(_scrub(details), default=str)},
        )
        return
    session.add(
        AuditLog(
            actor_user_id=actor.user_id if actor else None,
            actor_email=actor_email if actor_email is not None else (actor.email if actor else None),
            workstation=actor.workstation if actor else workstation_name(),
            client=actor.client if actor else None,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            details=_scrub(details),
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    occurred_at: dt.datetime
    actor_user_id: int | None
    actor_email: str | None
    workstation: str
    action: str
    entity_type: str | None
    entity_id: str | None
    details: dict[str, Any]


def list_entries(
    session: Session,
    actor: Actor,
    *,
    action: str | None = None,
    actor_user_id: int | None = None,
    actor_email: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """Newest first.  Admins only."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "read the audit log"))
    query = select(AuditLog).order_by(AuditLog.occurred_at.desc(), AuditLog.id.desc()).limit(limit)
    if action:
        query = query.where(AuditLog.action == action)
    if actor_user_id is not None:
        query = query.where(AuditLog.actor_user_id == existing_id(actor_user_id, "User"))
    actor_email = clean_search(actor_email, field="actor_email", label=QT_TRANSLATE_NOOP("services", "The e-mail searched for"))
    if actor_email:
        query = query.where(AuditLog.actor_email.ilike(like_pattern(actor_email), escape="\\"))
    if since is not None:
        query = query.where(AuditLog.occurred_at >= since)
    if until is not None:
        query = query.where(AuditLog.occurred_at < until)
    return [
        AuditEntry(
            id=row.id,
            occurred_at=row.occurred_at,
            actor_user_id=row.actor_user_id,
            actor_email=row.actor_email,
            workstation=row.workstation,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            details=row.details or {},
        )
        for row in session.scalars(query)
    ]


def distinct_actions(session: Session, actor: Actor) -> list[str]:
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "read the audit log"))
    return list(session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))
