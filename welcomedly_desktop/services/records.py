"""Browsing a campaign's records: filters, counts and lazy keyset pages (the records view)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, CampaignRecord
from welcomedly_desktop.services import phone_display
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import MAX_ID, clean_search, existing_id, like_pattern
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class RecordRow:
    id: int
    source_row: int | None
    name: str | None
    phone: str
    alt_phone: str | None
    email: str | None
    external_id: str | None
    status: str
    assigned_agent_id: int | None
    agent_name: str | None
    attempts: int
    upload_id: int | None
    created_at: dt.datetime
    #: The phones as people write them (services/phone_display.py); ``phone`` keeps the E.164 digits.
    phone_display: str = ""
    alt_phone_display: str = ""
    #: mobile, fixed, fixed_or_mobile, other, unknown (the numbering plan does not know it) or None.
    line_type: str | None = None


@dataclass(frozen=True)
class RecordFilter:
    status: str | None = None
    agent_id: int | None = None  # -1 = not assigned
    search: str | None = None  # phone digits or part of the name
    upload_id: int | None = None


def _record_conditions(campaign_id: int, flt: RecordFilter) -> list:
    conditions = [CampaignRecord.campaign_id == existing_id(campaign_id, "Campaign")]
    if flt.status:
        conditions.append(CampaignRecord.status == flt.status)
    if flt.agent_id == -1:
        conditions.append(CampaignRecord.assigned_agent_id.is_(None))
    elif flt.agent_id is not None:
        conditions.append(CampaignRecord.assigned_agent_id == existing_id(flt.agent_id, "Agent"))
    if flt.upload_id is not None:
        conditions.append(CampaignRecord.upload_id == existing_id(flt.upload_id, "Upload"))
    term = clean_search(flt.search)
    if term:
        digits = "".join(ch for ch in term if ch.isdigit())
        name_match = CampaignRecord.name.ilike(like_pattern(term), escape="\\")
        if digits and len(digits) >= 3:
            conditions.append(or_(CampaignRecord.phone.contains(digits), name_match))
        else:
            conditions.append(name_match)
    return conditions


def count_records(session: Session, actor: Actor, campaign_id: int, flt: RecordFilter | None = None) -> int:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "browse campaign records"))
    return session.scalar(
        select(func.count()).select_from(CampaignRecord).where(*_record_conditions(campaign_id, flt or RecordFilter()))
    ) or 0


def list_records(
    session: Session, actor: Actor, campaign_id: int, *, after_id: int = 0, limit: int = 500,
    flt: RecordFilter | None = None, ids: Collection[int] | None = None, up_to_id: int | None = None,
) -> list[RecordRow]:
    """One page of records in id order after ``after_id`` (keyset paging: cost independent of depth).

    ``ids``: only those of them that match (a live view re-reads the records a change named);
    ``up_to_id``: only ids up to it (a live view reloads what it had loaded, no more)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "browse campaign records"))
    conditions = _record_conditions(campaign_id, flt or RecordFilter())
    if ids is not None:
        wanted = sorted({int(i) for i in ids if 0 < int(i) <= MAX_ID})
        if not wanted:
            return []
        conditions.append(CampaignRecord.id.in_(wanted))
    if up_to_id is not None:
        conditions.append(CampaignRecord.id <= min(max(up_to_id, 0), MAX_ID))
    query = (
        select(CampaignRecord, Agent.name)
        .outerjoin(Agent, Agent.id == CampaignRecord.assigned_agent_id)
        .where(*conditions, CampaignRecord.id > min(max(after_id, 0), MAX_ID))
        .order_by(CampaignRecord.id)
        .limit(min(max(limit, 0), MAX_ID))
    )
    shown = phone_display.for_campaign(session, campaign_id)
    return [
        RecordRow(
            id=r.id, source_row=r.source_row, name=r.name, phone=r.phone, alt_phone=r.alt_phone, email=r.email,
            external_id=r.external_id, status=r.status, assigned_agent_id=r.assigned_agent_id, agent_name=agent,
            attempts=r.attempts, upload_id=r.upload_id, created_at=r.created_at,
            phone_display=shown(r.phone), alt_phone_display=shown(r.alt_phone), line_type=r.line_type,
        )
        for r, agent in session.execute(query)
    ]
