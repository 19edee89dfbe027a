"""Engine and sessions.  ``Database`` is what every service caller holds."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from welcomedly_desktop.config import Settings, display_url
from welcomedly_desktop.errors import DatabaseUnavailable, SessionEnded, WelcomedlyError

if TYPE_CHECKING:
    from welcomedly_desktop.db.embedded import EmbeddedServer

log = logging.getLogger(__name__)


def _connect_args(settings: Settings) -> dict:
    # Server-side limits per connection: a stuck lock or a forgotten transaction must not freeze
    # other workstations.  Passed as libpq "options" so they hold from the first statement.
    options = " ".join(
        [
            f"-c statement_timeout={int(settings.statement_timeout_ms)}",
            f"-c lock_timeout={int(settings.lock_timeout_ms)}",
            f"-c idle_in_transaction_session_timeout={int(settings.idle_in_transaction_timeout_ms)}",
            "-c application_name=welcomedly",
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

    return engine


def describe_connection_error(url: str, exc: BaseException) -> str:
    """One sentence saying which server could not be reached and why."""
    target = display_url(url)
    reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"Could not connect to the database server {target}: {reason}."


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
            raise SessionEnded("Your session was ended (signed out elsewhere or by an administrator); please log in again.")
        record.info["wd_token"] = token

    @property
    def is_embedded(self) -> bool:
        return self.embedded is not None

    @property
    def display_url(self) -> str:
        if self.embedded is not None:
            return f"built-in database in {self.embedded.pgdata}"
        return display_url(self.url)

    def new_session(self) -> Session:
        return self._sessions(info={"database": self})

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block succeeds, rolls back otherwise.

        Database connection failures become :class:`DatabaseUnavailable` with one sentence.
        """
        session = self.new_session()
        try:
            yield session
            session.commit()
        except WelcomedlyError:
            session.rollback()
            raise
        except OperationalError as exc:
            session.rollback()
            raise DatabaseUnavailable(describe_connection_error(self.url, exc), detail=str(exc)) from exc
        except DBAPIError as exc:
            session.rollback()
            if getattr(exc.orig, "sqlstate", None) == "42501":  # the server's roles refused it (issue 15)
                from welcomedly_desktop.errors import PermissionDenied

                reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "permission denied"
                raise PermissionDenied(f"The database refused this for your account ({reason}).", detail=str(exc)) from exc
            if exc.connection_invalidated:
                raise DatabaseUnavailable(
                    "The connection to the database was lost; please try again.", detail=str(exc)
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

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
        raise DatabaseUnavailable(f"The database URL {display_url(url)} is not valid.") from exc
    db = Database(url, settings)
    try:
        db.ping()
        if check_schema:
            schema.ensure_current(db)
    except BaseException:
        db.close()
        raise
    return db
