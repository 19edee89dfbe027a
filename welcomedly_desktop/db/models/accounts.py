"""Users, login throttling and the append-only audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from welcomedly_desktop.db.values import ROLE_VALUES, Role  # noqa: F401 - re-exported

from .base import Base, created_at_column, updated_at_column


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        # E-mail is unique regardless of case: "Ana@x.com" and "ana@x.com" are one account.
        Index("uq_users_email_lower", func.lower(text("email")), unique=True),
        CheckConstraint("role IN ('admin', 'supervisor', 'agent')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    # Deferred: the workstations' database role may not read these columns (issue 15), so they are
    # loaded only when asked for (on owner connections).  The verifier is kept by a trigger.
    password_hash: Mapped[str] = mapped_column(String(100), deferred=True)
    password_verifier: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"), default=True)
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:  # pragma: no cover
        return f"<User {self.id} {self.email} {self.role}>"


class LoginThrottle(Base):
    """Failed-login bookkeeping per e-mail (lower-cased), shared by every workstation.

    Kept apart from ``users`` so that counting failures does not bump the user's optimistic-lock
    version (which would make a supervisor's open profile edit look stale).  Keyed by e-mail, not
    user id, so that unknown e-mails are throttled exactly like known ones.
    """

    __tablename__ = "login_throttle"

    email_key: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    window_started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginKey(Base):
    """One random secret per database: the key of the hash that stands for a login identifier no
    user has (login_throttle.email_key = 'unknown:' + hex(sha256(secret || identifier))), so what
    was typed (maybe a password) is never stored as typed.  Made by migration 0008."""

    __tablename__ = "login_key"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    secret: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class AuditLog(Base):
    """Append-only: a trigger (see the initial migration) refuses UPDATE, DELETE and TRUNCATE."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_occurred_at", "occurred_at"),
        Index("ix_audit_log_action", "action"),
        Index("ix_audit_log_actor", "actor_user_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # clock_timestamp(): the server's clock at the moment of the insert, not the client's.
    occurred_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp(), nullable=False
    )
    # No foreign key on purpose: the log outlives whatever it mentions.
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    actor_email: Mapped[str | None] = mapped_column(String(320))
    workstation: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str | None] = mapped_column(String(80))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"), default=dict)
    client: Mapped[str | None] = mapped_column(Text)  # "gui" or "cli"
