"""Uploaded files, the records they produce, rejected rows and the do-not-call list."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, created_at_column


class UploadStatus(str, enum.Enum):
    UPLOADED = "uploaded"
    PROCESSING = "processing"
    PROCESSED = "processed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class BaseCampaignData(Base):
    """One row per uploaded file ("base campaign data")."""

    __tablename__ = "base_campaign_data"
    __table_args__ = (
        CheckConstraint(
            "status IN ('uploaded', 'processing', 'processed', 'failed', 'cancelled')", name="status"
        ),
        # The same bytes may be imported once per campaign; failed/cancelled attempts may be retried.
        Index(
            "uq_base_campaign_data_campaign_sha256",
            "campaign_id",
            "sha256",
            unique=True,
            postgresql_where=text("status NOT IN ('failed', 'cancelled')"),
        ),
        Index("ix_base_campaign_data_campaign", "campaign_id", "uploaded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    #: Storage URI of the original file (file:///... or s3://bucket/key).
    file_path: Mapped[str | None] = mapped_column(Text)
    original_filename: Mapped[str | None] = mapped_column(Text)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    file_format: Mapped[str | None] = mapped_column(String(10))
    encoding: Mapped[str | None] = mapped_column(String(40))
    delimiter: Mapped[str | None] = mapped_column(String(4))
    sheet_name: Mapped[str | None] = mapped_column(Text)
    column_mapping: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    dedupe_scope: Mapped[str | None] = mapped_column(String(20))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), server_default=text("'uploaded'"), default="uploaded")
    rows_total: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    imported: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    rejected: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    duplicates: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    dnc: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    #: Imported rows whose phone has the right length but is unknown to the numbering plan.
    warnings: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    error_message: Mapped[str | None] = mapped_column(Text)
    #: pid@host of the process working on it; lets a later start tell "interrupted" from "running".
    worker: Mapped[str | None] = mapped_column(String(300))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    processed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class RecordStatus(str, enum.Enum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class CampaignRecord(Base):
    __tablename__ = "campaign_records"
    __table_args__ = (
        CheckConstraint("status IN ('new', 'assigned', 'in_progress', 'done')", name="status"),
        Index("ix_campaign_records_campaign_phone", "campaign_id", "phone"),
        Index(
            "ix_campaign_records_agent_status",
            "assigned_agent_id",
            "status",
            postgresql_where=text("assigned_agent_id IS NOT NULL"),
        ),
        # Reports (migration 0003): worked records and open callbacks are counted from small indexes.
        # Partial, like the queue index below, so that an import (new, unassigned records) does not
        # have to maintain them: a million-row load touches only the PK and (campaign_id, phone).
        Index(
            "ix_campaign_records_campaign_last_attempt",
            "campaign_id",
            "last_attempt_at",
            postgresql_where=text("last_attempt_at IS NOT NULL"),
        ),
        # The agent work queue's order (services.work_queue._queue_order): next record in one index step.
        Index(
            "ix_campaign_records_queue",
            "assigned_agent_id",
            text("(callback_at IS NULL)"),
            "callback_at",
            text("(attempts > 0)"),
            "last_attempt_at",
            "id",
            postgresql_where=text("status <> 'done' AND assigned_agent_id IS NOT NULL"),
        ),
        Index(
            "ix_campaign_records_callbacks",
            "campaign_id",
            "callback_at",
            postgresql_where=text("callback_at IS NOT NULL AND status <> 'done'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("base_campaign_data.id", ondelete="CASCADE"))
    source_row: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    # Collation "C" (migration 0004): digit strings compared byte by byte, not through strcoll.
    phone: Mapped[str] = mapped_column(String(20, collation="C"))
    alt_phone: Mapped[str | None] = mapped_column(String(20, collation="C"))
    email: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(Text)
    #: The phone's line type by the numbering plan (importing.phones: mobile, fixed, fixed_or_mobile,
    #: other, unknown); None for records imported before migration 0007.
    line_type: Mapped[str | None] = mapped_column(String(16))
    extra: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"), default=dict)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'new'"), default="new")
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_disposition_id: Mapped[int | None] = mapped_column(ForeignKey("dispositions.id", ondelete="SET NULL"))
    callback_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = created_at_column()


class ImportReject(Base):
    __tablename__ = "import_rejects"
    __table_args__ = (Index("ix_import_rejects_upload", "upload_id", "source_row"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("base_campaign_data.id", ondelete="CASCADE"))
    source_row: Mapped[int | None] = mapped_column(Integer)
    column_name: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    raw_row: Mapped[dict[str, Any] | list[Any] | None] = mapped_column(JSONB)


class DncNumber(Base):
    __tablename__ = "dnc_numbers"
    __table_args__ = (
        # One entry per number and scope; NULL campaign (global) counts as its own scope.
        Index("uq_dnc_numbers_phone_scope", "phone", text("coalesce(campaign_id, 0)"), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20, collation="C"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    reason: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[dt.datetime] = created_at_column()
