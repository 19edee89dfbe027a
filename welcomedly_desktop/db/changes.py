"""The change feed: PostgreSQL notifications sent by the triggers of migration 0006, as ``Change``s.

One dedicated autocommit psycopg connection per process LISTENs on ``welcomedly_changes`` (a pooled
connection would be returned to the pool, and notifications arrive only between transactions).
Nothing sent while the connection is down is replayed: after a reconnect the caller reloads fully.
Qt-free: the GUI watches :meth:`ChangeListener.fileno` with a QSocketNotifier, the CLI blocks in
:meth:`ChangeListener.wait`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import select
import time
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from sqlalchemy.engine import make_url

from welcomedly_desktop.db import engine as engine_module
from welcomedly_desktop.errors import SessionEnded
from welcomedly_desktop.i18n import translate

log = logging.getLogger(__name__)

CHANNEL = "welcomedly_changes"
#: "session": an app session started or ended (schema app's trigger, db/security/upkeep.py).
ENTITIES = ("user", "campaign", "agent", "assignment", "upload", "record", "disposition", "session")
OPS = ("insert", "update", "delete")
#: Reconnect delays in seconds (the last one repeats): quick after a restart, gentle when the
#: server stays away.
BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


@dataclass(frozen=True)
class Change:
    """One notification.  ``ids`` is None for a bulk change: then ``count`` rows of
    ``campaign_id``/``upload_id`` (records) or of the entity's table changed."""

    entity: str
    op: str
    ids: tuple[int, ...] | None
    at: dt.datetime | None
    by: int | None
    origin: str | None = None
    count: int | None = None
    campaign_id: int | None = None
    upload_id: int | None = None
    #: Records listed by id: their campaigns (migration 0009), None when not said.
    campaign_ids: tuple[int, ...] | None = None

    @property
    def campaigns(self) -> frozenset[int] | None:
        """Records: the campaigns the change touched (bulk: its one campaign); None when unknown."""
        if self.ids is None:
            return frozenset((self.campaign_id,)) if self.campaign_id is not None else None
        return frozenset(self.campaign_ids) if self.campaign_ids is not None else None

    @property
    def is_own(self) -> bool:
        """Made by this process (its connections carry :data:`engine.ORIGIN`)."""
        return self.origin is not None and self.origin == engine_module.ORIGIN

    def as_json(self) -> dict:
        """The ``welcomedly watch --json`` object (a contract: keys are only ever added)."""
        out: dict = {"entity": self.entity, "op": self.op}
        if self.ids is not None:
            out["ids"] = list(self.ids)
            if self.campaign_ids is not None:
                out["campaign_ids"] = list(self.campaign_ids)
        else:
            for key in ("upload_id", "campaign_id"):
                value = getattr(self, key)
                if value is not None:
                    out[key] = value
            out["count"] = self.count
        out["at"] = self.at.isoformat() if self.at is not None else None
        out["by"] = self.by
        return out

    def describe(self) -> str:
        """One plain line: ``record update 3 rows (12, 13, 14) by user 2``."""
        if self.ids is not None:
            shown = ", ".join(str(i) for i in self.ids[:10]) + (", ..." if len(self.ids) > 10 else "")
            what = f"{len(self.ids)} row{'s' if len(self.ids) != 1 else ''} ({shown})"
        else:
            scope = "".join(f" {k.split('_')[0]} {getattr(self, k)}" for k in ("campaign_id", "upload_id")
                            if getattr(self, k) is not None)
            what = f"{self.count} rows{' of' + scope if scope else ''}"
        at = self.at.isoformat(timespec="seconds") if self.at else "?"
        by = f"user {self.by}" if self.by is not None else "unknown user"
        return f"{at} {self.entity} {self.op} {what} by {by}"


def parse_payload(payload: str) -> Change | None:
    """A Change from a notification's payload; None (logged) for anything not from our triggers."""
    try:
        data = json.loads(payload)
        entity, op = data["entity"], data["op"]
        if entity not in ENTITIES or op not in OPS:
            raise ValueError(f"unknown entity/op {entity}/{op}")
        ids = data.get("ids")
        at = data.get("at")
        return Change(
            entity=entity,
            op=op,
            ids=tuple(int(i) for i in ids) if ids is not None else None,
            at=dt.datetime.fromisoformat(at) if at else None,
            by=int(data["by"]) if data.get("by") is not None else None,
            origin=data.get("origin"),
            count=int(data["count"]) if data.get("count") is not None else (len(ids) if ids is not None else None),
            campaign_id=data.get("campaign_id"),
            upload_id=data.get("upload_id"),
            campaign_ids=tuple(int(i) for i in data["campaign_ids"]) if data.get("campaign_ids") is not None else None,
        )
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("Ignored a change notification that is not ours: %s (%s)", payload[:200], exc)
        return None


def libpq_conninfo(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://...``) as a libpq connection string."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ChangeListener:
    """One autocommit connection listening for changes.  Not thread-safe: one owner thread."""

    def __init__(self, url: str, *, connect_timeout_s: int = 5, session_token: str | None = None) -> None:
        self.url = url
        self.connect_timeout_s = connect_timeout_s
        # Issue 15: on a workstation connection the listener joins the app session, so ending the
        # session closes it too and the reconnect learns why (SessionEnded) within a second.
        self.session_token = session_token
        self.conn: psycopg.Connection | None = None

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.closed

    def connect(self) -> None:
        """Open the connection and LISTEN; raises psycopg.OperationalError when unreachable and
        SessionEnded when the app session it should join was ended on the server."""
        self.close()
        # Keepalives: a silently dropped network is noticed within ~30 s, not hours.
        conn = psycopg.connect(libpq_conninfo(self.url), autocommit=True, connect_timeout=self.connect_timeout_s,
                               application_name="welcomedly-listen", keepalives=1, keepalives_idle=10,
                               keepalives_interval=5, keepalives_count=3)
        if self.session_token is not None:
            attached = conn.execute("SELECT app.attach(%s)", (self.session_token,)).fetchone()[0]
            if not attached:
                conn.close()
                raise SessionEnded(translate("services", engine_module.SESSION_ENDED_MESSAGE))
        conn.execute(f"LISTEN {CHANNEL}")
        self.conn = conn

    def fileno(self) -> int:
        assert self.conn is not None
        return self.conn.fileno()

    def drain(self) -> list[Change]:
        """The notifications already received, without blocking.  Raises psycopg.OperationalError
        (and closes) when the connection is gone."""
        assert self.conn is not None
        try:
            found = [parse_payload(n.payload) for n in self.conn.notifies(timeout=0, stop_after=None)]
        except psycopg.OperationalError:
            self.close()
            raise
        if self.conn.closed or self.conn.broken:
            self.close()
            raise psycopg.OperationalError("the listening connection was closed")
        return [c for c in found if c is not None]

    def wait(self, timeout_s: float) -> list[Change]:
        """Block up to ``timeout_s`` for notifications; the ones received (maybe none).

        Waits in ``select`` rather than in psycopg's ``notifies(timeout=...)``: on Ctrl+C psycopg
        cancels and waits again, with no timeout, for a notification that may never come."""
        assert self.conn is not None
        readable, _, _ = select.select([self.conn.fileno()], [], [], timeout_s)
        return self.drain() if readable else []

    def check_alive(self) -> None:
        """A round trip: an idle connection whose server went away raises OperationalError here."""
        assert self.conn is not None
        try:
            self.conn.execute("SELECT 1")
        except psycopg.OperationalError:
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self.conn = None


def backoff_delays() -> Iterator[float]:
    """The reconnect delays: :data:`BACKOFF_S`, then its last value forever."""
    yield from BACKOFF_S
    while True:
        yield BACKOFF_S[-1]


def reconnect(listener: ChangeListener, *, sleep=time.sleep, on_retry=None) -> int:  # noqa: ANN001
    """Connect, retrying with backoff until it works; the number of failed attempts."""
    failures = 0
    for delay in backoff_delays():
        try:
            listener.connect()
            return failures
        except psycopg.OperationalError as exc:
            failures += 1
            if on_retry is not None:
                on_retry(exc, delay)
            sleep(delay)
    raise AssertionError("unreachable")
