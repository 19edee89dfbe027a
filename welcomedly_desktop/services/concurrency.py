"""Optimistic locking: a stale edit becomes a ConflictError instead of silently overwriting."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from welcomedly_desktop.errors import ConflictError


def conflict(label: str, entity_id: int | None) -> ConflictError:
    return ConflictError(
        f"This {label} was changed by someone else since you opened it; reload it to see their changes.",
        entity=label,
        entity_id=entity_id,
    )


def check_version(entity, expected_version: int | None, label: str) -> None:  # noqa: ANN001
    """``expected_version`` is the version the user's form was loaded with (None = don't check)."""
    if expected_version is not None and entity.version != expected_version:
        raise conflict(label, entity.id)


def flush_or_conflict(session: Session, entity, label: str) -> None:  # noqa: ANN001
    """Flush; an UPDATE that matched no row at the expected version means someone else won the race."""
    identity = inspect(entity).identity  # read before flushing: a failed flush expires the object
    try:
        session.flush()
    except StaleDataError as exc:
        raise conflict(label, identity[0] if identity else None) from exc
