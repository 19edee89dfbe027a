"""Which agents work which campaign.  Assigning is idempotent; saving a selection is one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, Campaign, CampaignAssignment
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.validation import existing_id
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class AssignmentChange:
    campaign_id: int
    added: list[int]
    removed: list[int]
    unchanged: list[int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _check_campaign(session: Session, campaign_id: int) -> None:
    existing_id(campaign_id, "Campaign")
    if session.get(Campaign, campaign_id) is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))


def _check_agents(session: Session, agent_ids: list[int]) -> None:
    if not agent_ids:
        return
    for agent_id in agent_ids:
        existing_id(agent_id, "Agent")
    found = set(session.scalars(select(Agent.id).where(Agent.id.in_(agent_ids))))
    missing = sorted(set(agent_ids) - found)
    if missing:
        raise NotFoundError(translate("services", "Agent {value} does not exist.").format(value=', '.join(map(str, missing))))


def assigned_agent_ids(session: Session, campaign_id: int) -> list[int]:
    return list(
        session.scalars(
            select(CampaignAssignment.agent_id)
            .where(CampaignAssignment.campaign_id == campaign_id)
            .order_by(CampaignAssignment.agent_id)
        )
    )


def assign(session: Session, actor: Actor, campaign_id: int, agent_ids: Iterable[int]) -> AssignmentChange:
    """Assign agents (already assigned ones are left as they are)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "assign agents"))
    ids = sorted(set(int(a) for a in agent_ids))
    if not ids:
        raise ValidationError("agent", translate("services", "Choose at least one agent to assign."))
    _check_campaign(session, campaign_id)
    _check_agents(session, ids)
    before = set(assigned_agent_ids(session, campaign_id))
    stmt = (
        pg_insert(CampaignAssignment)
        .values([{"campaign_id": campaign_id, "agent_id": a, "assigned_by": actor.user_id} for a in ids])
        .on_conflict_do_nothing(constraint="uq_campaign_assignments_pair")
    )
    session.execute(stmt)
    added = [a for a in ids if a not in before]
    if added:
        audit.record(session, actor, "campaign.assign", entity_type="campaign", entity_id=campaign_id, details={"agents": added})
    return AssignmentChange(campaign_id, added, [], [a for a in ids if a in before])


def unassign(session: Session, actor: Actor, campaign_id: int, agent_ids: Iterable[int]) -> AssignmentChange:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "unassign agents"))
    ids = sorted(set(int(a) for a in agent_ids))
    _check_campaign(session, campaign_id)
    before = set(assigned_agent_ids(session, campaign_id))
    removed = [a for a in ids if a in before]
    if removed:
        session.execute(
            delete(CampaignAssignment).where(
                CampaignAssignment.campaign_id == campaign_id, CampaignAssignment.agent_id.in_(removed)
            )
        )
        audit.record(session, actor, "campaign.unassign", entity_type="campaign", entity_id=campaign_id, details={"agents": removed})
    return AssignmentChange(campaign_id, [], removed, sorted(before - set(removed)))


def set_assignments(session: Session, actor: Actor, campaign_id: int, agent_ids: Iterable[int]) -> AssignmentChange:
    """Make the campaign's agents exactly ``agent_ids`` (the "Assign agents…" dialog's Save)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "assign agents"))
    wanted = set(int(a) for a in agent_ids)
    _check_campaign(session, campaign_id)
    # Lock the campaign row so two workstations saving at once apply one after the other.
    session.execute(select(Campaign.id).where(Campaign.id == campaign_id).with_for_update())
    _check_agents(session, sorted(wanted))
    before = set(assigned_agent_ids(session, campaign_id))
    to_add = sorted(wanted - before)
    to_remove = sorted(before - wanted)
    if to_add:
        assign(session, actor, campaign_id, to_add)
    if to_remove:
        unassign(session, actor, campaign_id, to_remove)
    return AssignmentChange(campaign_id, to_add, to_remove, sorted(before & wanted))
