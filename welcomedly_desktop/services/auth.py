"""Registration, login (with throttling shared by every workstation), logout, password changes."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import ROLE_VALUES, LoginThrottle, User
from welcomedly_desktop.errors import AuthenticationError, DuplicateError, PermissionDenied, ValidationError
from welcomedly_desktop.services import audit, default_dispositions, login_identifiers, org_settings, sessions
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.passwords import hash_password, validate_password, verify_password
from welcomedly_desktop.services.validation import clean_choice, clean_email, clean_name
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, current_language, translate

log = logging.getLogger(__name__)

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCK_DURATION = dt.timedelta(minutes=15)

#: The one message for every failed login: unknown user, wrong password, inactive or locked account.
LOGIN_FAILED_MESSAGE = QT_TRANSLATE_NOOP(
    "services",
    "The e-mail or password is incorrect, or the account is locked. "
    "After 5 failed attempts an account is locked for 15 minutes.",
)

#: A locked account is told so, with the local time the lock ends (the throttle is keyed by the typed
#: e-mail, known or not, so this tells nothing about which accounts exist).
LOCKED_MESSAGE = QT_TRANSLATE_NOOP(
    "services",
    "This account is locked after {failures} failed attempts until {until}. "
    "An administrator can unlock it sooner on the Users page, or with: welcomedly user unlock EMAIL --local."
)


def locked_message(locked_until: dt.datetime) -> str:
    """The lockout sentence, with the end of the lock in the workstation's time zone."""
    return translate("services", LOCKED_MESSAGE).format(failures=MAX_FAILURES, until=locked_until.astimezone().strftime("%H:%M"))


# Serialises "is this the first user?" so two workstations cannot both create a first admin.
_FIRST_USER_LOCK_KEY = 0x57454C43  # "WELC"


def actor_for(user: User, client: str) -> Actor:
    return Actor(user_id=user.id, email=user.email, name=user.name, role=user.role, client=client)


def has_users(session: Session) -> bool:
    if sessions.client_mode(session):  # row-level security hides users before a login
        return bool(session.execute(text("SELECT app.has_users()")).scalar())
    return session.scalar(select(func.count()).select_from(User)) > 0


def _find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def register(
    session: Session,
    actor: Actor | None,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    country: str | None = None,
) -> User:
    """Create a user.  Admins only — except the very first user of an empty database, who becomes admin
    and gives the organization its ``country`` (ISO code, from the first-start dialog or the OS
    locale) when none is set yet."""
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _FIRST_USER_LOCK_KEY})
    first_user = not has_users(session)
    if not first_user and (actor is None or not actor.is_admin):
        raise PermissionDenied(translate("services", "Only administrators can create users."))
    email = clean_email(email)
    name = clean_name(name)
    role = "admin" if first_user else clean_choice(role, ROLE_VALUES, field="role", label=QT_TRANSLATE_NOOP("services", "Role"))
    password_hash = hash_password(password)
    if _find_user(session, email) is not None:
        raise DuplicateError("email", translate("services", "A user with the e-mail {email} already exists.").format(email=email))
    if sessions.client_mode(session):
        # The server checks the caller is an admin (or the database is empty) and audits.
        new_id = session.execute(text("SELECT app.user_create(:e, :n, :r, :h)"),
                                 {"e": email, "n": name, "r": role, "h": password_hash}).scalar()
        return session.get(User, new_id)
    user = User(email=email, name=name, role=role, password_hash=password_hash, active=True)
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.create",
        entity_type="user",
        entity_id=user.id,
        details={"email": email, "role": role, "first_user": first_user},
    )
    if first_user and country:
        org_settings.adopt_first_country(session, actor_for(user, "first-user"), country)
    if first_user:
        # The first administrator's language names the untouched default dispositions (Spanish: "Venta"...).
        default_dispositions.adopt_language(session, current_language())
    return user


def _throttle_row(session: Session, key: str) -> LoginThrottle:
    # Make sure the row exists, then lock it: concurrent attempts from two workstations queue here.
    session.execute(pg_insert(LoginThrottle).values(email_key=key, failures=0).on_conflict_do_nothing())
    return session.scalar(select(LoginThrottle).where(LoginThrottle.email_key == key).with_for_update())


def login(db, email: str, password: str, *, client: str = "gui") -> Actor:  # noqa: ANN001 - Database
    """Check the credentials and return the Actor.  Raises AuthenticationError with the uniform message.

    Failures are committed before raising, so the lockout counter and the audit trail keep them.
    """
    typed = login_identifiers.normalise(email)
    if not typed or not password:
        raise AuthenticationError(translate("services", LOGIN_FAILED_MESSAGE))
    if db.client_mode:
        return sessions.login_via_database(db, typed, password, client=client,
                                           message=translate("services", LOGIN_FAILED_MESSAGE))
    failure = False
    locked_until = None
    with db.session() as session:
        # An identifier no user has is stored only as a keyed hash, audited as "unknown" (issue 20).
        user = login_identifiers.find_user(session, typed)
        # Always spend one bcrypt check (a dummy hash for unknown users) so timing tells nothing.
        # Before the throttle row is locked: concurrent logins to one account then wait only for
        # each other's few statements, not for each other's bcrypt (~0.25 s each), so a burst of them
        # no longer runs into lock_timeout.
        password_ok = verify_password(password, user.password_hash if user else None)
        throttle = _throttle_row(session, login_identifiers.throttle_key(session, typed, user))
        now = session.scalar(select(func.now()))
        who = Actor(
            user_id=user.id if user else None,
            email=user.email if user else login_identifiers.UNKNOWN,
            name=user.name if user else login_identifiers.UNKNOWN,
            role=user.role if user else "unknown",
            client=client,
        )
        if throttle.locked_until is not None and throttle.locked_until > now:
            audit.record(session, who, "login.refused_locked", entity_type="user", entity_id=who.user_id,
                         details={"locked_until": throttle.locked_until})
            failure = True
            locked_until = throttle.locked_until
        elif password_ok and user is not None and user.active:
            throttle.failures = 0
            throttle.window_started_at = None
            throttle.locked_until = None
            audit.record(session, who, "login.success", entity_type="user", entity_id=user.id)
            actor = actor_for(user, client)
        else:
            reason = "unknown_user" if user is None else ("inactive" if not user.active else "wrong_password")
            if throttle.window_started_at is None or now - throttle.window_started_at > FAILURE_WINDOW:
                throttle.failures = 1
                throttle.window_started_at = now
            else:
                throttle.failures += 1
            audit.record(session, who, "login.failure", entity_type="user", entity_id=who.user_id,
                         details={"reason": reason, "failures": throttle.failures})
            if throttle.failures >= MAX_FAILURES:
                throttle.locked_until = now + LOCK_DURATION
                throttle.failures = 0
                throttle.window_started_at = None
                audit.record(session, who, "login.lockout", entity_type="user", entity_id=who.user_id,
                             details={"locked_until": throttle.locked_until})
                locked_until = throttle.locked_until
            failure = True
    if failure:
        raise AuthenticationError(translate("services", LOGIN_FAILED_MESSAGE) if locked_until is None else locked_message(locked_until))
    return actor


def logout(db, actor: Actor) -> None:  # noqa: ANN001
    if db.client_mode:
        sessions.logout(db)  # ends the server-side session; the server audits it
        return
    with db.session() as session:
        audit.record(session, actor, "logout", entity_type="user", entity_id=actor.user_id)


def change_password(session: Session, actor: Actor, *, current_password: str, new_password: str) -> None:
    if sessions.client_mode(session):
        validate_password(new_password, field="new_password")
        if current_password == new_password:
            raise ValidationError("new_password", translate("services", "The new password must differ from the current one."))
        salt = session.execute(text("SELECT app.login_salt(:e)"), {"e": actor.email}).scalar()
        changed = session.execute(text("SELECT app.user_change_password(:p, :h)"),
                                  {"p": sessions.proof(current_password, salt), "h": hash_password(new_password)}).scalar()
        if not changed:
            raise ValidationError("current_password", translate("services", "The current password is not correct."))
        return
    user = session.get(User, actor.user_id) if actor.user_id else None
    if user is None:
        raise PermissionDenied(translate("services", "Only a logged-in user can change their password."))
    if not verify_password(current_password, user.password_hash):
        raise ValidationError("current_password", translate("services", "The current password is not correct."))
    validate_password(new_password, field="new_password")
    if current_password == new_password:
        raise ValidationError("new_password", translate("services", "The new password must differ from the current one."))
    user.password_hash = hash_password(new_password)
    session.flush()
    audit.record(session, actor, "user.password_change", entity_type="user", entity_id=user.id)


def is_locked(session: Session, email: str) -> bool:
    throttle = session.get(LoginThrottle, email.strip().lower())
    if throttle is None or throttle.locked_until is None:
        return False
    return throttle.locked_until > session.scalar(select(func.now()))
