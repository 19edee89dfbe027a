"""User accounts: profiles for everyone, roles/activation/unlock for admins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import ROLE_VALUES, LoginThrottle, User
from welcomedly_desktop.errors import DuplicateError, NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.services import agents, audit, auth, sessions
from welcomedly_desktop.services.concurrency import check_version, flush_or_conflict
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_admin
from welcomedly_desktop.services.validation import (
    MAX_EMAIL_LENGTH,
    clean_choice,
    clean_email,
    clean_line,
    clean_name,
    existing_id,
)
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    email: str
    role: str
    active: bool
    locked: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    def to_dict(self) -> dict:
        return asdict(self)


def _view(user: User, locked: bool = False) -> UserView:
    return UserView(
        id=user.id,
        name=user.name,
        email=user.email,
        role=user.role,
        active=user.active,
        locked=locked,
        created_at=user.created_at,
        updated_at=user.updated_at,
        version=user.version,
    )


def _locked_emails(session: Session) -> set[str]:
    rows = session.scalars(
        select(LoginThrottle.email_key).where(LoginThrottle.locked_until > func.now())
    )
    return set(rows)


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, existing_id(user_id, "User"))
    if user is None:
        raise NotFoundError(translate("services", "User {user_id} does not exist.").format(user_id=user_id))
    return user


def list_users(session: Session, actor: Actor, *, ids: Collection[int] | None = None) -> list[UserView]:
    """All accounts; with ``ids``, only those (for a live view's targeted refresh)."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "list users"))
    locked = _locked_emails(session)
    query = select(User).order_by(func.lower(User.name), User.id)
    if ids is not None:
        query = query.where(User.id.in_(list(ids)))
    users = session.scalars(query)
    return [_view(u, u.email.lower() in locked) for u in users]


def get_profile(session: Session, actor: Actor, user_id: int | None = None) -> UserView:
    user_id = actor.user_id if user_id is None else user_id
    if user_id != actor.user_id:
        require_admin(actor, QT_TRANSLATE_NOOP("permissions", "see other users' profiles"))
    user = _get(session, user_id)
    return _view(user, user.email.lower() in _locked_emails(session))


def update_profile(
    session: Session,
    actor: Actor,
    user_id: int,
    *,
    expected_version: int | None = None,
    name: str | None = None,
    email: str | None = None,
) -> UserView:
    """Everyone edits their own name and e-mail; admins edit anyone's."""
    if user_id != actor.user_id:
        require_admin(actor, QT_TRANSLATE_NOOP("permissions", "edit other users' profiles"))
    user = _get(session, user_id)
    check_version(user, expected_version, "user")
    changes: dict[str, object] = {}
    if name is not None:
        new_name = clean_name(name)
        if new_name != user.name:
            changes["name"] = new_name
    if email is not None:
        new_email = clean_email(email)
        if new_email.lower() != user.email.lower():
            clash = session.scalar(
                select(User.id).where(func.lower(User.email) == new_email.lower(), User.id != user.id)
            )
            if clash is not None:
                raise DuplicateError("email", translate("services", "A user with the e-mail {new_email} already exists.").format(new_email=new_email))
        if new_email != user.email:
            changes["email"] = new_email
    if changes and sessions.client_mode(session):
        _update_on_server(session, user, **changes)
        return _view(user)
    for key, value in changes.items():
        setattr(user, key, value)
    if changes:
        flush_or_conflict(session, user, "user")
        audit.record(session, actor, "user.update", entity_type="user", entity_id=user.id, details=changes)
    return _view(user)


def _ensure_an_admin_remains(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise ValidationError("role", translate("services", "At least one active administrator must remain."))


def set_role(session: Session, actor: Actor, user_id: int, role: str, *, expected_version: int | None = None) -> UserView:
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "change roles"))
    user = _get(session, user_id)
    check_version(user, expected_version, "user")
    role = clean_choice(role, ROLE_VALUES, field="role", label=QT_TRANSLATE_NOOP("services", "Role"))
    if role == user.role:
        return _view(user)
    if user.role == "admin":
        _ensure_an_admin_remains(session, user)
    old = user.role
    if sessions.client_mode(session):
        _update_on_server(session, user, role=role)
        return _view(user)
    user.role = role
    flush_or_conflict(session, user, "user")
    audit.record(session, actor, "user.role_change", entity_type="user", entity_id=user.id, details={"from": old, "to": role})
    return _view(user)


def set_active(session: Session, actor: Actor, user_id: int, active: bool, *, expected_version: int | None = None) -> UserView:
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "activate or deactivate users"))
    user = _get(session, user_id)
    check_version(user, expected_version, "user")
    if user.active == active:
        return _view(user)
    if not active:
        if user.id == actor.user_id:
            raise PermissionDenied(translate("services", "You cannot deactivate your own account."))
        if user.role == "admin":
            _ensure_an_admin_remains(session, user)
    if sessions.client_mode(session):
        _update_on_server(session, user, active=active)  # also ends the user's sessions
        return _view(user)
    user.active = active
    flush_or_conflict(session, user, "user")
    if not active:
        sessions.end_user_sessions(session, user.id, "deactivated")
    audit.record(session, actor, "user.activate" if active else "user.deactivate", entity_type="user", entity_id=user.id)
    return _view(user)


def unlock(session: Session, actor: Actor, email: str) -> bool:
    """Clear the failed-login lock of ``email``.  Returns whether a lock was in place."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "unlock accounts"))
    email = clean_line(email, field="email", label=QT_TRANSLATE_NOOP("services", "E-mail"), max_length=MAX_EMAIL_LENGTH)
    key = email.lower()
    user = session.scalar(select(User).where(func.lower(User.email) == key))
    if user is None:
        raise NotFoundError(translate("services", "There is no user with the e-mail {email}.").format(email=email))
    if sessions.client_mode(session):
        return bool(session.execute(text("SELECT app.user_unlock(:e)"), {"e": key}).scalar())
    was_locked = key in _locked_emails(session)
    session.execute(delete(LoginThrottle).where(LoginThrottle.email_key == key))
    audit.record(session, actor, "user.unlock", entity_type="user", entity_id=user.id, details={"was_locked": was_locked})
    return was_locked


def _update_on_server(session: Session, user: User, **changes: object) -> None:
    """Workstation connections cannot write ``users``: the server's app.user_update checks the caller's
    right again, writes and audits."""
    session.execute(text("SELECT app.user_update(:id, :name, :email, :role, :active)"),
                    {"id": user.id, "name": changes.get("name"), "email": changes.get("email"),
                     "role": changes.get("role"), "active": changes.get("active")})
    session.expire(user)


def update_user(session: Session, actor: Actor, email: str, *, name: str | None = None, role: str | None = None,
                active: bool | None = None) -> UserView:
    """``user update EMAIL``: name, role and active flag of a user found by e-mail (admins).
    Deactivating ends the user's sessions on every workstation."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "change users"))
    email = clean_line(email, field="email", label=QT_TRANSLATE_NOOP("services", "E-mail"), max_length=MAX_EMAIL_LENGTH)
    user = session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is None:
        raise NotFoundError(translate("services", "There is no user with the e-mail {email}.").format(email=email))
    if name is not None:
        update_profile(session, actor, user.id, name=name)
    if role is not None:
        set_role(session, actor, user.id, role)
    if active is not None:
        set_active(session, actor, user.id, active)
    return get_profile(session, actor, user.id)


def create_user(session: Session, actor: Actor | None, *, email: str, name: str, role: str, password: str,
                country: str | None = None) -> User:
    """A new account (``auth.register``'s rules).  An agent account sees campaigns through its agent
    profile, so one is linked in the same transaction: the unlinked profile with the same e-mail, or a
    new one.  Both faces (the New user dialog, ``welcomedly user add``) create users through here."""
    user = auth.register(session, actor, email=email, name=name, role=role, password=password, country=country)
    if user.role == "agent" and actor is not None:
        link_agent_profile(session, actor, user.id, user.name, user.email)
    return user


def link_agent_profile(session: Session, actor: Actor, user_id: int, name: str, email: str) -> None:
    existing = [a for a in agents.list_agents(session, actor, search=email) if a.email.lower() == email.lower()]
    if existing and existing[0].user_id is None:
        agents.update_agent(session, actor, existing[0].id, user_id=user_id)
    elif not existing:
        agents.create_agent(session, actor, name=name, email=email, user_id=user_id)
