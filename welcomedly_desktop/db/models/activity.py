"""How records are worked: the disposition catalogue and one interaction per call attempt."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Disposition(Base):
    """Outcome of a call.  The flags define every metric (see README, "Report formulas")."""

    __tablename__ = "dispositions"
    __table_args__ = (
        Index("uq_dispositions_scope_name", text("coalesce(campaign_id, 0)"), text("lower(name)"), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: NULL = global catalogue; otherwise an addition for one campaign.
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str] = mapped_column(String(9), server_default=text("'#808080'"), default="#808080")
    sort_order: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"), default=True)
    is_contact: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)
    is_success: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)
    needs_callback: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)
    is_dnc: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)
    is_final: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_campaign_started", "campaign_id", "started_at"),
        Index("ix_interactions_agent_started", "agent_id", "started_at"),
        Index("ix_interactions_record", "record_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("campaign_records.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    disposition_id: Mapped[int] = mapped_column(ForeignKey("dispositions.id", ondelete="RESTRICT"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    talk_seconds: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    notes: Mapped[str] = mapped_column(Text, server_default=text("''"), default="")
    callback_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
