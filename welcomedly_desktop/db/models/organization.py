"""Organization-wide settings, one row shared by every workstation (migration 0007)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class OrganizationSettings(Base):
    __tablename__ = "organization_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, default=1)
    #: ISO 3166 alpha-2 country whose numbering plan reads national phone numbers (None: not chosen yet).
    country: Mapped[str | None] = mapped_column(String(2))
    #: IANA time zone of the call center (None: each workstation's own).
    timezone: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
