"""Engine and sessions.  ``Database`` is what every service caller holds."""

from __future__ import annotations

import contextlib
import logging
import secrets
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from welcomedly_desktop.config import Settings, display_url, url_password
from welcomedly_desktop.errors import ConnectionLost, DatabaseUnavailable, SessionEnded, WelcomedlyError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from welcomedly_desktop.db.embedded import EmbeddedServer

log = logging.getLogger(__name__)

T = TypeVar("T")
#: How long a lost connection's follow-up (a read's one retry, a write's outcome check) waits for
#: the server to come back: a restart takes a second or two.
RECONNECT_WAIT_S = 15.0

#: This process's mark on its changes (the change feed's "origin", migration 0006): lets a
#: workstation recognise its own notifications and not reload what it has just shown.
ORIGIN = secrets.token_hex(8)

SESSION_ENDED_MESSAGE = QT_TRANSLATE_NOOP("services", "Your session was ended (signed out elsewhere or by an administrator); "
                                              "please log in again.")


def _connect_args(settings: Settings) -> dict:
    # Server-side limits per connection: a stuck lock or a forgotten transaction must not freeze
    # other workstations.  Passed as libpq "options" so they hold from the first statement.
    options = " ".join(
        [
            f"-c statement_timeout={int(settings.statement_timeout_ms)}",
            f"-c lock_timeout={int(settings.lock_timeout_ms)}",
            f"-c idle_in_transaction_session_timeout={int(settings.idle_in_transaction_timeout_ms)}",
            "-c application_name=welcomedly",
            f"-c welcomedly.origin={ORIGIN}",
        ]
    )
    return {"options": options, "connect_timeout": int(settings.connect_timeout_s)}


def create_db_engine(url: str, settings: Settings) -> Engine:
    engine = create_engine(
        url,
        pool_pre_ping=True,  # a dropped connection is replaced instead of failing the next query
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
        connect_args=_connect_args(settings),
    )

    @event.listens_for(engine, "connect")
    def _set_timezone(dbapi_conn, _record) -> None:  # noqa: ANN001
        with dbapi_conn.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
        dbapi_conn.commit()

    _bind_change_feed_user(engine)
    return engine


def _bind_change_feed_user(engine: Engine) -> None:
    """Name the logged-in user on every pooled connection (``welcomedly.user_id``, the change feed's
    "by"); set once per connection and again only when the user changes."""

    @event.listens_for(engine, "checkout")
    def _bind(dbapi_conn, record, _proxy) -> None:  # noqa: ANN001
        user_id = getattr(engine, "welcomedly_user_id", None)
        if record.info.get("welcomedly_user_id", None) == user_id:
            return
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT set_config('welcomedly.user_id', %s, false)", ("" if user_id is None else str(user_id),))
        dbapi_conn.commit()
        record.info["welcomedly_user_id"] = user_id


def _lost(exc: BaseException) -> bool:
    """An established connection that dropped (as opposed to one that could not be opened)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    text_ = str(getattr(exc, "orig", exc)).lower()
    return any(m in text_ for m in ("terminating connection", "server closed the connection", "connection is closed",
                                    "consuming input failed", "connection already closed", "ssl syscall"))


def describe_connection_error(url: str, exc: BaseException) -> str:
    """One sentence saying which server could not be reached and why."""
    target = display_url(url)
    reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    secret = url_password(url)
    if secret:  # the driver's message never carries it today; make sure it never will
        reason = reason.replace(secret, "***")
    return translate("services", "Could not connect to the database server {target}: {reason}.").format(
        target=target, reason=reason)


class Database:
    """An engine, a session factory and (in embedded mode) the server that backs them."""

    def __init__(self, url: str, settings: Settings, embedded: "EmbeddedServer | None" = None) -> None:
        self.url = url
        self.settings = settings
        self.embedded = embedded
        self.engine = create_db_engine(url, settings)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Issue 15: the app session's token; every pooled connection presents it once (app.attach).
        self.session_token: str | None = None
        self._client_mode: bool | None = None
        event.listen(self.engine, "checkout", self._bind_on_checkout)

    @property
    def client_mode(self) -> bool:
        """True when connected as a workstation (client) role: users change through schema app's
        functions and connections are bound to the app session.  False for the owner/superuser."""
        if self._client_mode is None:
            with self.engine.connect() as conn:
                self._client_mode = bool(conn.exec_driver_sql(
                    "SELECT to_regclass('public.users') IS NOT NULL "
                    "AND NOT has_table_privilege('public.users', 'UPDATE')").scalar())
        return self._client_mode

    def _bind_on_checkout(self, dbapi_conn, record, _proxy) -> None:  # noqa: ANN001
        token = self.session_token
        if token is None or record.info.get("wd_token") == token:
            return
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT app.attach(%s)", (token,))
            attached = cur.fetchone()[0]
        dbapi_conn.commit()
        if not attached:
            raise SessionEnded(translate("services", SESSION_ENDED_MESSAGE))
        record.info["wd_token"] = token

    @property
    def is_embedded(self) -> bool:
        return self.embedded is not None

    @property
    def display_url(self) -> str:
        if self.embedded is not None:
            return translate("services", "built-in database in {path}").format(path=self.embedded.pgdata)
        return display_url(self.url)

    def bind_user(self, user_id: int | None) -> None:
        """The user this process acts for, named on its connections for the change feed's "by"."""
        self.engine.welcomedly_user_id = user_id  # type: ignore[attr-defined]

    def new_session(self) -> Session:
        return self._sessions(info={"database": self})

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block succeeds, rolls back otherwise.

        Database connection failures become :class:`DatabaseUnavailable` with one sentence; a
        connection lost on the way becomes :class:`ConnectionLost`, whose ``saved`` says whether
        the work was committed.  A lost COMMIT is never retried: its transaction id is looked up
        once the server is back (``txid_status``), so the user is told it did or did not happen.
        """
        session = self.new_session()
        txid: int | None = None
        committing = False
        try:
            yield session
            session.flush()
            if session.in_transaction():
                # Cheap (no id is assigned when nothing was written); what makes a lost COMMIT checkable.
                txid = session.execute(text("SELECT txid_current_if_assigned()")).scalar()
            committing = True
            session.commit()
        except WelcomedlyError:
            session.rollback()
            raise
        except OperationalError as exc:
            session.rollback()
            if not _lost(exc):  # e.g. a lock timeout: not a lost connection
                raise DatabaseUnavailable(describe_connection_error(self.url, exc), detail=str(exc)) from exc
            if self._lost_commit_was_saved(exc, txid if committing else None):
                return
        except DBAPIError as exc:
            session.rollback()
            if getattr(exc.orig, "sqlstate", None) == "42501":  # the server's roles refused it (issue 15)
                from welcomedly_desktop.errors import PermissionDenied

                reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "permission denied"
                raise PermissionDenied(translate("services", "The database refused this for your account ({reason}).")
                                       .format(reason=reason), detail=str(exc)) from exc
            if not exc.connection_invalidated:
                raise
            if self._lost_commit_was_saved(exc, txid if committing else None):
                return
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _lost_commit_was_saved(self, exc: BaseException, txid: int | None) -> bool:
        """True when the lost transaction did commit (nothing to tell); raises ConnectionLost otherwise."""
        server = self.display_url
        if txid is None:  # lost before COMMIT, or nothing written: certainly not saved
            self._raise_if_session_ended(exc)
            raise ConnectionLost(translate("services", "The connection to the database server {server} was lost; nothing "
                                           "was saved, please try again.").format(server=server),
                                 detail=str(exc), saved=False) from exc
        status = self._transaction_status(txid)
        log.warning("Connection lost during COMMIT of transaction %s: %s", txid, status or "unknown")
        if status == "committed":
            return True
        if status is None:
            raise ConnectionLost(translate("services", "The connection to the database server {server} was lost while "
                                           "saving; whether the change was saved is not known yet: check once the "
                                           "server is back.").format(server=server),
                                 detail=str(exc), saved=None) from exc
        raise ConnectionLost(translate("services", "The change was not saved: the connection to the database server "
                                       "{server} was lost. Please try again.").format(server=server),
                             detail=str(exc), saved=False) from exc

    def _raise_if_session_ended(self, exc: BaseException) -> None:
        """A connection closed because the server ended this app session is not a lost connection:
        the user must log in again, not "try again" (a fresh connection's attach says which)."""
        if self.session_token is None:
            return
        try:
            self.ping()
        except SessionEnded as ended:
            raise ended from exc
        except DatabaseUnavailable:
            pass

    def _transaction_status(self, txid: int) -> str | None:
        """'committed', 'aborted', ... for a transaction id, once the server answers; None if it does not."""
        deadline = time.monotonic() + RECONNECT_WAIT_S
        delay = 0.1
        while True:
            try:
                with self.engine.connect() as conn:
                    return conn.execute(text("SELECT txid_status(:t)"), {"t": txid}).scalar()
            except (OperationalError, DBAPIError):
                if time.monotonic() + delay > deadline:
                    return None
                time.sleep(delay)
                delay = min(delay * 2, 2.0)

    def read(self, fn: Callable[[Session], T]) -> T:
        """``fn(session)`` for a read: retried once, transparently, when the connection was lost
        (after waiting up to RECONNECT_WAIT_S for the server to answer again).  Never for writes."""
        try:
            with self.session() as session:
                return fn(session)
        except ConnectionLost:
            log.info("Connection lost during a read; retrying once")
            self.wait_until_reachable()
            with self.session() as session:
                return fn(session)

    def wait_until_reachable(self, timeout_s: float = RECONNECT_WAIT_S) -> bool:
        """Ping with backoff until the server answers or ``timeout_s`` passes."""
        deadline = time.monotonic() + timeout_s
        delay = 0.1
        while True:
            try:
                self.ping()
                return True
            except DatabaseUnavailable:
                if time.monotonic() + delay > deadline:
                    return False
                time.sleep(delay)
                delay = min(delay * 2, 2.0)

    def ping(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except OperationalError as exc:
            raise DatabaseUnavailable(describe_connection_error(self.url, exc), detail=str(exc)) from exc

    def dispose(self) -> None:
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()
        if self.embedded is not None:
            self.embedded.stop()


def open_database(settings: Settings, *, upgrade_embedded: bool = True, check_schema: bool = True) -> Database:
    """Connect to the configured database (starting the embedded one if none is configured).

    Never falls back to the embedded server when a shared URL is configured but unreachable.
    The embedded database is migrated automatically; a shared one is only checked.
    """
    from welcomedly_desktop.db import schema

    if settings.uses_embedded_database:
        from welcomedly_desktop.db.embedded import EmbeddedServer

        server = EmbeddedServer(settings.pgdata_dir)
        url = server.start()
        db = Database(url, settings, embedded=server)
        try:
            db.ping()
            if upgrade_embedded:
                schema.upgrade(db)
        except BaseException:
            db.close()
            raise
        return db

    url = settings.database_url
    assert url is not None
    try:
        make_url(url)
    except Exception as exc:  # noqa: BLE001
        raise DatabaseUnavailable(translate("services", "The database URL {url} is not valid.").format(url=display_url(url))) from exc
    db = Database(url, settings)
    try:
        db.ping()
        if check_schema:
            schema.ensure_current(db)
    except BaseException:
        db.close()
        raise
    return db
