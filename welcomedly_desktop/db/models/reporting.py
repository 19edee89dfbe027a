"""Derived data that keeps reports fast: an hourly roll-up of interactions.

``interaction_hourly`` holds, per campaign, agent, disposition and UTC hour, the number of attempts,
talk and handle seconds and the first start / last end of those attempts.  It is maintained
inside PostgreSQL by statement-level triggers on ``interactions`` (see migration 0003), so every
writer — the services, bulk generators, imports, cascaded deletes — keeps it exact, in the same
transaction.  Reports read it instead of scanning millions of interactions.

No foreign keys on purpose: it is derived from ``interactions`` and rebuilt from it by the
triggers; ``agent_id`` 0 stands for "no agent" (an agent deleted since).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class InteractionHourly(Base):
    __tablename__ = "interaction_hourly"
    __table_args__ = (Index("ix_interaction_hourly_agent_hour", "agent_id", "hour_start"),)

    campaign_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hour_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    disposition_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False)
    talk_seconds: Mapped[int] = mapped_column(BigInteger, nullable=False)
    handle_seconds: Mapped[int] = mapped_column(BigInteger, nullable=False)
    first_started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_ended_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
