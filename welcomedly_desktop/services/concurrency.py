"""Optimistic locking: a stale edit becomes a ConflictError instead of silently overwriting."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from welcomedly_desktop.errors import ConflictError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


#: The entity names callers pass, for the sentence (the English name stays the error's ``entity``).
_ENTITY_WORDS = (
    QT_TRANSLATE_NOOP("entities", "campaign"),
    QT_TRANSLATE_NOOP("entities", "agent"),
    QT_TRANSLATE_NOOP("entities", "user"),
    QT_TRANSLATE_NOOP("entities", "disposition"),
)


def conflict(label: str, entity_id: int | None) -> ConflictError:
    return ConflictError(
        translate("services", "This {label} was changed by someone else since you opened it; reload it to see their changes.").format(label=translate("entities", label)),
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
