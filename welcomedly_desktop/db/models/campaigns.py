"""Campaigns, agents and which agents work which campaigns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, text, Boolean
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from welcomedly_desktop.db.values import CAMPAIGN_STATUS_VALUES, CampaignStatus  # noqa: F401 - re-exported

from .base import Base, created_at_column, updated_at_column


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'active', 'paused', 'completed')", name="status"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
        Index("ix_campaigns_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, server_default=text("''"), default="")
    status: Mapped[str] = mapped_column(String(20), server_default=text("'draft'"), default="draft")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Column mapping remembered from the last import (file column -> field), see importing.mapping.
    default_mapping: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    #: ISO 3166 alpha-2 country of this campaign's phone numbers, overriding the organization's.
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class Agent(Base):
    __tablename__ = "agents"
    __table_args__ = (Index("uq_agents_email_lower", func.lower(text("email")), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"), default=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class CampaignAssignment(Base):
    __tablename__ = "campaign_assignments"
    __table_args__ = (
        UniqueConstraint("campaign_id", "agent_id", name="uq_campaign_assignments_pair"),
        Index("ix_campaign_assignments_agent", "agent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    #: Share of records for "distribute by share" (issue 5); 1 = equal weight.
    share: Mapped[int] = mapped_column(Integer, server_default=text("1"), default=1)
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
