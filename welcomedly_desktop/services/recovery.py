"""Recovery without a login: the owner of the database unlocks a locked account.

The only administrator, locked out after 5 wrong passwords, has nobody to unlock them.  Whoever owns
the database already holds every power over it (they can edit any table with psql), so letting them
clear a lock adds no new power: on the built-in database that is the OS account owning its data
folder, on a shared server whoever connects with the database owner's (or a superuser's) credential.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import LoginThrottle, User
from welcomedly_desktop.errors import NotFoundError, PermissionDenied
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

NOT_OWNER_MESSAGE = QT_TRANSLATE_NOOP(
    "services",
    "Only the owner of the database can unlock an account without logging in: run the command as the "
    "computer account that owns the built-in database, or connect to the shared server with the database "
    "owner's credential."
)


def _owns_data_folder(pgdata: Path) -> bool:
    """True when this OS account owns the built-in database's data folder."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the data folder lives in the user's own profile, readable only by them
        return pgdata.is_dir()
    try:
        return pgdata.stat().st_uid == getuid()
    except OSError:
        return False


def _connected_as_owner(session: Session) -> bool:
    """True when the connected role is a superuser or owns the current database."""
    return bool(session.scalar(text(
        "SELECT r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d "
        "WHERE r.rolname = current_user AND d.datname = current_database()"
    )))


def owner_unlock(session: Session, email: str, *, builtin_pgdata: Path | None, client: str = "cli") -> bool:
    """Clear the failed-login lock of ``email`` as the database owner.  Returns whether a lock was in place.

    ``builtin_pgdata`` is the built-in database's data folder, or None on a shared server.
    """
    local_owner = builtin_pgdata is None or _owns_data_folder(builtin_pgdata)
    if not (local_owner and _connected_as_owner(session)):
        raise PermissionDenied(translate("services", NOT_OWNER_MESSAGE))
    key = email.strip().lower()
    user = session.scalar(select(User).where(func.lower(User.email) == key))
    if user is None:
        raise NotFoundError(translate("services", "There is no user with the e-mail {email}.").format(email=email))
    throttle = session.get(LoginThrottle, key)
    now = session.scalar(select(func.now()))
    was_locked = bool(throttle and throttle.locked_until and throttle.locked_until > now)
    session.execute(delete(LoginThrottle).where(LoginThrottle.email_key == key))
    owner = Actor(user_id=None, email=None, name="database owner", role="system", client=client)
    audit.record(session, owner, "user.unlock", entity_type="user", entity_id=user.id,
                 details={"was_locked": was_locked, "by": "database owner"})
    return was_locked
