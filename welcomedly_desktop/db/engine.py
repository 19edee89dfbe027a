"""Engine and sessions.  ``Database`` is what every service caller holds."""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from welcomedly_desktop.config import Settings, display_url
from welcomedly_desktop.errors import DatabaseUnavailable, WelcomedlyError

if TYPE_CHECKING:
    from welcomedly_desktop.db.embedded import EmbeddedServer

log = logging.getLogger(__name__)

#: This process's mark on its changes (the change feed's "origin", migration 0006): lets a
#: workstation recognise its own notifications and not reload what it has just shown.
ORIGIN = secrets.token_hex(8)


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

    @property
    def is_embedded(self) -> bool:
        return self.embedded is not None

    @property
    def display_url(self) -> str:
        if self.embedded is not None:
            return f"built-in database in {self.embedded.pgdata}"
        return display_url(self.url)

    def bind_user(self, user_id: int | None) -> None:
        """The user this process acts for, named on its connections for the change feed's "by"."""
        self.engine.welcomedly_user_id = user_id  # type: ignore[attr-defined]

    def new_session(self) -> Session:
        return self._sessions()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block succeeds, rolls back otherwise.

        Database connection failures become :class:`DatabaseUnavailable` with one sentence.
        """
        session = self._sessions()
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
