"""App sessions held by the server (issue 15): logging in through the database's login door,
binding the app's connections to the session, logout, and the admin's list/end of sessions.

On a workstation (client-role) connection the database decides: ``app.login`` counts and audits
the attempt and binds the connection; the Python checks here only give the user one sentence early.
On an owner connection ("maintenance": the test suite, IT's credential) the services keep checking
in Python, and RLS does not apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from welcomedly_desktop.errors import AuthenticationError, NotFoundError, PermissionDenied
from welcomedly_desktop.services.context import Actor, workstation_name
from welcomedly_desktop.services.passwords import proof
from welcomedly_desktop.services.permissions import require_admin
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


def client_mode(session: Session) -> bool:
    """Whether this unit of work runs on a workstation (client-role) connection."""
    db = session.info.get("database")
    return bool(db is not None and db.client_mode)


def login_via_database(db, email: str, password: str, *, client: str, message: str) -> Actor:  # noqa: ANN001
    """The app login on a client-role connection; binds the pool to the new session."""
    db.session_token = None
    with db.engine.connect() as conn:
        salt = conn.execute(text("SELECT app.login_salt(:e)"), {"e": email}).scalar()
        token = conn.execute(text("SELECT app.login(:e, :p, :w, :c)"),
                             {"e": email, "p": proof(password, salt), "w": workstation_name(), "c": client}).scalar()
        conn.commit()  # the attempt counts (and is audited) whatever the outcome
        if token is None:
            raise AuthenticationError(message)
        conn.info["wd_token"] = token  # this connection is already bound
        row = conn.execute(text("SELECT id, email, name, role FROM public.users WHERE id = app.current_user_id()")).one()
        conn.commit()
    db.session_token = token
    return Actor(user_id=row.id, email=row.email, name=row.name, role=row.role, client=client)


def forget(db) -> None:  # noqa: ANN001
    """The server ended this workstation's session: stop presenting its token (the login starts afresh)."""
    db.session_token = None


def logout(db) -> None:  # noqa: ANN001
    """End this workstation's app session (audited by the server)."""
    if db.session_token is None:
        return
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT app.logout()"))
            conn.commit()
    finally:
        db.session_token = None


@dataclass(frozen=True)
class SessionView:
    id: int
    user_id: int
    email: str
    name: str
    role: str
    workstation: str
    client: str | None
    address: str | None
    started_at: dt.datetime
    last_seen_at: dt.datetime

    def to_dict(self) -> dict:
        return asdict(self)


def list_sessions(session: Session, actor: Actor) -> list[SessionView]:
    """Open app sessions: who is logged in where, since when (admins)."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "list sessions"))
    rows = session.execute(text("SELECT * FROM app.session_list()")).all()
    return [SessionView(r.id, r.user_id, r.email, r.name, r.role, r.workstation, r.client, r.client_addr,
                        r.started_at, r.last_seen_at) for r in rows]


@dataclass(frozen=True)
class SessionsOverview:
    """What the Users page shows: ``tracked`` is False on a database without server sessions (the
    built-in one, or an owner connection), where nobody logs in through the login door."""

    tracked: bool
    own_id: int | None
    rows: list[SessionView]


def overview(session: Session, actor: Actor) -> SessionsOverview:
    """The open sessions plus which one is this workstation's own (admins)."""
    require_admin(actor, "list sessions")
    if not client_mode(session):
        return SessionsOverview(False, None, [])
    own = session.execute(text("SELECT app.current_session_id()")).scalar()
    return SessionsOverview(True, own, list_sessions(session, actor))


def end_session(session: Session, actor: Actor, session_id: int) -> int:
    """End one session and close its connections; returns how many were closed."""
    require_admin(actor, QT_TRANSLATE_NOOP("permissions", "end sessions"))
    if not (isinstance(session_id, int) and 1 <= session_id <= 2**63 - 1):  # app.sessions.id is a bigint
        raise NotFoundError(translate("services", "There is no open session {session_id}.").format(session_id=session_id))
    try:
        with session.begin_nested():
            closed = session.execute(text("SELECT app.session_end(:id)"), {"id": session_id}).scalar()
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        if code == "P0002":
            raise NotFoundError(translate("services", "There is no open session {session_id}.").format(session_id=session_id)) from exc
        if code == "42501":
            raise PermissionDenied(translate("services", "Only administrators can end other users' sessions.")) from exc
        raise
    return int(closed or 0)


def end_user_sessions(session: Session, user_id: int, reason: str) -> None:
    """Owner connections: end a user's sessions (the client-role path does it in app.user_update)."""
    session.execute(text("SELECT app.end_sessions(ARRAY(SELECT s.id FROM app.sessions s WHERE s.user_id = :u "
                         "AND s.ended_at IS NULL), :r)"), {"u": user_id, "r": reason})
