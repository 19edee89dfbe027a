"""Campaigns: list/create/get/update/delete with validation, roles and optimistic locking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import (
    CAMPAIGN_STATUS_VALUES,
    Agent,
    BaseCampaignData,
    Campaign,
    CampaignAssignment,
    CampaignRecord,
    User,
)
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.concurrency import check_version, flush_or_conflict
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import clean_choice, clean_name, clean_search, clean_text, existing_id, like_pattern
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

_UNSET: Any = object()


@dataclass(frozen=True)
class CampaignView:
    id: int
    name: str
    description: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    created_by: int | None
    created_by_name: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    agent_count: int = 0
    agents: list[dict[str, Any]] = field(default_factory=list)
    #: ISO 3166 alpha-2 country of the campaign's phone numbers; None: the organization's.
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DeletionSummary:
    campaign_id: int
    name: str
    uploads: int
    records: int
    assignments: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _view(campaign: Campaign, creator_name: str | None, agent_count: int = 0, agents: list | None = None) -> CampaignView:
    return CampaignView(
        id=campaign.id,
        name=campaign.name,
        description=campaign.description or "",
        status=campaign.status,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        created_by=campaign.created_by,
        created_by_name=creator_name,
        created_at=campaign.created_at,
        updated_at=campaign.updated_at,
        version=campaign.version,
        agent_count=agent_count,
        agents=agents or [],
        country=campaign.country,
    )


def agent_id_for_user(session: Session, user_id: int | None) -> int | None:
    if user_id is None:
        return None
    return session.scalar(select(Agent.id).where(Agent.user_id == user_id))


def visible_campaign_ids_clause(session: Session, actor: Actor):  # noqa: ANN201
    """SQL condition limiting campaigns to what ``actor`` may see (agents: assigned ones only)."""
    if actor.can_manage_campaigns:
        return None
    agent_id = agent_id_for_user(session, actor.user_id)
    if agent_id is None:
        return Campaign.id.in_([])
    return Campaign.id.in_(select(CampaignAssignment.campaign_id).where(CampaignAssignment.agent_id == agent_id))


def _validate_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("end_date", translate("services", "The end date must be on or after the start date."))


def _coerce_date(value: Any, field_name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        label = translate("services", "start date") if field_name == "start_date" else translate("services", "end date")
        raise ValidationError(field_name, translate("services", "The {label} must be a date like 2026-01-31.").format(label=label)) from None


def _clean_country(code: str | None) -> str | None:
    from welcomedly_desktop.services.org_settings import clean_country

    return clean_country(code) if code and str(code).strip() else None


def list_campaigns(
    session: Session,
    actor: Actor,
    *,
    status: str | None = None,
    search: str | None = None,
    ids: Collection[int] | None = None,
) -> list[CampaignView]:
    """The campaigns ``actor`` may see, newest first; with ``ids``, only those of them (the same
    visibility and filters: a live view refreshes the rows a change named without reading all)."""
    assigned = select(CampaignAssignment.campaign_id, func.count().label("n"))
    if ids is not None:
        assigned = assigned.where(CampaignAssignment.campaign_id.in_(list(ids)))
    agent_counts = assigned.group_by(CampaignAssignment.campaign_id).subquery()
    query = (
        select(Campaign, User.name, func.coalesce(agent_counts.c.n, 0))
        .outerjoin(User, User.id == Campaign.created_by)
        .outerjoin(agent_counts, agent_counts.c.campaign_id == Campaign.id)
        .order_by(Campaign.created_at.desc(), Campaign.id.desc())
    )
    visible = visible_campaign_ids_clause(session, actor)
    if visible is not None:
        query = query.where(visible)
    if ids is not None:
        query = query.where(Campaign.id.in_(list(ids)))
    if status:
        query = query.where(Campaign.status == clean_choice(status, CAMPAIGN_STATUS_VALUES, field="status", label=QT_TRANSLATE_NOOP("services", "Status")))
    if search:
        pattern = like_pattern(clean_search(search))
        query = query.where(or_(Campaign.name.ilike(pattern, escape="\\"), Campaign.description.ilike(pattern, escape="\\")))
    return [_view(c, creator, n) for c, creator, n in session.execute(query)]


def _load(session: Session, actor: Actor, campaign_id: int, *, for_update: bool = False) -> Campaign:
    existing_id(campaign_id, "Campaign")
    query = select(Campaign).where(Campaign.id == campaign_id)
    visible = visible_campaign_ids_clause(session, actor)
    if visible is not None:
        query = query.where(visible)
    if for_update:
        query = query.with_for_update()
    campaign = session.scalar(query)
    if campaign is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    return campaign


def get_campaign(session: Session, actor: Actor, campaign_id: int) -> CampaignView:
    campaign = _load(session, actor, campaign_id)
    creator = session.scalar(select(User.name).where(User.id == campaign.created_by)) if campaign.created_by else None
    agents = [
        {"id": a.id, "name": a.name, "email": a.email, "active": a.active}
        for a in session.scalars(
            select(Agent)
            .join(CampaignAssignment, CampaignAssignment.agent_id == Agent.id)
            .where(CampaignAssignment.campaign_id == campaign.id)
            .order_by(func.lower(Agent.name))
        )
    ]
    return _view(campaign, creator, len(agents), agents)


def create_campaign(
    session: Session,
    actor: Actor,
    *,
    name: str,
    description: str | None = "",
    status: str | None = "draft",
    start_date: dt.date | str | None = None,
    end_date: dt.date | str | None = None,
    country: str | None = None,
) -> CampaignView:
    """A new campaign; ``country`` (ISO code) reads its phone numbers, None: the organization's."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "create campaigns"))
    start = _coerce_date(start_date, "start_date")
    end = _coerce_date(end_date, "end_date")
    campaign = Campaign(
        name=clean_name(name),
        description=clean_text(description),
        status=clean_choice(status or "draft", CAMPAIGN_STATUS_VALUES, field="status", label=QT_TRANSLATE_NOOP("services", "Status")),
        start_date=start,
        end_date=end,
        created_by=actor.user_id,
        country=_clean_country(country),
    )
    _validate_dates(start, end)
    session.add(campaign)
    session.flush()
    session.refresh(campaign)
    audit.record(
        session, actor, "campaign.create", entity_type="campaign", entity_id=campaign.id,
        details={"name": campaign.name, "status": campaign.status, "country": campaign.country},
    )
    return get_campaign(session, actor, campaign.id)


def update_campaign(
    session: Session,
    actor: Actor,
    campaign_id: int,
    *,
    expected_version: int | None = None,
    name: Any = _UNSET,
    description: Any = _UNSET,
    status: Any = _UNSET,
    start_date: Any = _UNSET,
    end_date: Any = _UNSET,
    country: Any = _UNSET,
) -> CampaignView:
    """Change the given fields (omitted ones stay; ``country`` None or "": the organization's from
    now on).  ``expected_version`` detects stale edits.  A new country applies to the imports that
    follow; stored numbers stay as they are."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "edit campaigns"))
    campaign = _load(session, actor, campaign_id)
    check_version(campaign, expected_version, "campaign")
    new = {
        "name": campaign.name if name is _UNSET else clean_name(name),
        "description": campaign.description if description is _UNSET else clean_text(description),
        "status": campaign.status
        if status is _UNSET
        else clean_choice(status, CAMPAIGN_STATUS_VALUES, field="status", label=QT_TRANSLATE_NOOP("services", "Status")),
        "start_date": campaign.start_date if start_date is _UNSET else _coerce_date(start_date, "start_date"),
        "end_date": campaign.end_date if end_date is _UNSET else _coerce_date(end_date, "end_date"),
        "country": campaign.country if country is _UNSET else _clean_country(country),
    }
    _validate_dates(new["start_date"], new["end_date"])
    changes = {k: v for k, v in new.items() if getattr(campaign, k) != v}
    if changes:
        before = {k: getattr(campaign, k) for k in changes}
        for key, value in changes.items():
            setattr(campaign, key, value)
        flush_or_conflict(session, campaign, "campaign")
        session.refresh(campaign)
        audit.record(
            session, actor, "campaign.update", entity_type="campaign", entity_id=campaign.id,
            details={"before": before, "after": changes},
        )
    return get_campaign(session, actor, campaign.id)


def deletion_summary(session: Session, actor: Actor, campaign_id: int) -> DeletionSummary:
    """What deleting the campaign would remove (for the confirmation message)."""
    campaign = _load(session, actor, campaign_id)

    def count(model, column) -> int:  # noqa: ANN001
        return session.scalar(select(func.count()).select_from(model).where(column == campaign_id)) or 0

    return DeletionSummary(
        campaign_id=campaign.id,
        name=campaign.name,
        uploads=count(BaseCampaignData, BaseCampaignData.campaign_id),
        records=count(CampaignRecord, CampaignRecord.campaign_id),
        assignments=count(CampaignAssignment, CampaignAssignment.campaign_id),
    )


def delete_campaign(session: Session, actor: Actor, campaign_id: int, *, expected_version: int | None = None) -> DeletionSummary:
    """Delete the campaign with its uploads, records and assignments (ON DELETE CASCADE)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "delete campaigns"))
    campaign = _load(session, actor, campaign_id, for_update=True)
    check_version(campaign, expected_version, "campaign")
    summary = deletion_summary(session, actor, campaign_id)
    session.execute(delete(Campaign).where(Campaign.id == campaign_id))
    session.expunge(campaign)
    audit.record(session, actor, "campaign.delete", entity_type="campaign", entity_id=campaign_id, details=summary.to_dict())
    return summary
