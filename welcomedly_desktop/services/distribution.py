"""Handing a campaign's records to its agents: distribution and rebalancing.

Set-based: Python only computes how many records each agent gets (a loop over agents, never over
records); one UPDATE hands them out.  Records are interleaved between agents ("stride" order) so each
agent gets a mix of the file, not one contiguous block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, Campaign, CampaignAssignment, CampaignRecord
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.validation import existing_id
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class DistributionResult:
    campaign_id: int
    #: agent id -> records handed to that agent by this operation
    assigned: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.assigned.values())

    def to_dict(self) -> dict[str, Any]:
        return {"campaign_id": self.campaign_id, "total": self.total,
                "assigned": {str(k): v for k, v in self.assigned.items()}}


def balanced_quotas(loads: dict[int, int], count: int) -> dict[int, int]:
    """Split ``count`` new records so that the agents' open loads end up as even as possible.

    Water-filling: raise the least loaded agents first.  Ties go to the lower agent id.
    """
    if not loads or count <= 0:
        return {a: 0 for a in loads}
    agents = sorted(loads, key=lambda a: (loads[a], a))
    quotas = {a: 0 for a in agents}
    remaining = count
    # Find the level L reachable by filling agents[0..k] up to the load of agents[k+1].
    k = 0
    level = loads[agents[0]]
    while k < len(agents) - 1:
        next_level = loads[agents[k + 1]]
        need = (next_level - level) * (k + 1)
        if need > remaining:
            break
        remaining -= need
        level = next_level
        k += 1
    group = agents[: k + 1]
    base, extra = divmod(remaining, len(group))
    for i, a in enumerate(group):
        quotas[a] = level - loads[a] + base + (1 if i < extra else 0)
    return quotas


def share_quotas(shares: dict[int, int], count: int) -> dict[int, int]:
    """Split ``count`` in proportion to ``shares`` (largest remainder; agents with share <= 0 get none)."""
    positive = {a: s for a, s in shares.items() if s > 0}
    if not positive or count <= 0:
        return {a: 0 for a in shares}
    total = sum(positive.values())
    exact = {a: count * s / total for a, s in positive.items()}
    quotas = {a: int(v) for a, v in exact.items()}
    left = count - sum(quotas.values())
    for a in sorted(positive, key=lambda a: (-(exact[a] - quotas[a]), a))[:left]:
        quotas[a] += 1
    return {a: quotas.get(a, 0) for a in shares}


def _campaign(session: Session, campaign_id: int) -> Campaign:
    existing_id(campaign_id, "Campaign")
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(translate("services", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    return campaign


def _team(session: Session, campaign_id: int) -> dict[int, int]:
    """Active agents assigned to the campaign -> their share."""
    rows = session.execute(
        select(CampaignAssignment.agent_id, CampaignAssignment.share)
        .join(Agent, Agent.id == CampaignAssignment.agent_id)
        .where(CampaignAssignment.campaign_id == campaign_id, Agent.active.is_(True))
    )
    return {agent_id: share for agent_id, share in rows}


def _open_loads(session: Session, campaign_id: int, agent_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(CampaignRecord.assigned_agent_id, func.count())
        .where(
            CampaignRecord.campaign_id == campaign_id,
            CampaignRecord.assigned_agent_id.in_(agent_ids),
            CampaignRecord.status != "done",
        )
        .group_by(CampaignRecord.assigned_agent_id)
    )
    loads = {a: 0 for a in agent_ids}
    loads.update({a: n for a, n in rows})
    return loads


def _assign_by_quotas(session: Session, campaign_id: int, source_filter: str, params: dict, quotas: dict[int, int]) -> None:
    """One UPDATE: the n-th matching record (by id) goes to the agent owning slot n.

    Slots interleave agents in proportion to their quotas: agent a's k-th slot sits at position
    (k - 0.5) / quota_a, and all slots sorted by position give the hand-out order.
    """
    quotas = {a: q for a, q in quotas.items() if q > 0}
    if not quotas:
        return
    values = ", ".join(f"({int(a)}, {int(q)})" for a, q in quotas.items())
    session.execute(
        text(
            f"""
            WITH q(agent_id, quota) AS (VALUES {values}),
            slots AS (
                SELECT q.agent_id, row_number() OVER (ORDER BY (k - 0.5)::float8 / q.quota, q.agent_id) AS rn
                FROM q, generate_series(1, q.quota) AS k
            ),
            picked AS (
                SELECT id, row_number() OVER (ORDER BY id) AS rn
                FROM campaign_records
                WHERE campaign_id = :campaign_id AND {source_filter}
            )
            UPDATE campaign_records r
               SET assigned_agent_id = s.agent_id,
                   status = CASE WHEN r.status = 'new' THEN 'assigned' ELSE r.status END
              FROM picked p JOIN slots s USING (rn)
             WHERE r.id = p.id
            """
        ),
        {"campaign_id": campaign_id, **params},
    )


def distribute_unchecked(session: Session, campaign_id: int, *, by_share: bool = False) -> DistributionResult:
    """Hand the campaign's unassigned open records to its active assigned agents (no role check)."""
    team = _team(session, campaign_id)
    if not team:
        raise ValidationError("agents", translate("services", "The campaign has no active agents assigned; assign agents before distributing records."))
    # Serialise concurrent distributions of the same campaign (two supervisors clicking at once).
    session.execute(text("SELECT pg_advisory_xact_lock(4242, :c)"), {"c": campaign_id})
    unassigned = session.scalar(
        select(func.count()).select_from(CampaignRecord).where(
            CampaignRecord.campaign_id == campaign_id,
            CampaignRecord.assigned_agent_id.is_(None),
            CampaignRecord.status != "done",
        )
    ) or 0
    if by_share:
        if not any(s > 0 for s in team.values()):
            raise ValidationError("share", translate("services", "Every assigned agent has a share of 0; give at least one agent a positive share."))
        quotas = share_quotas(team, unassigned)
    else:
        quotas = balanced_quotas(_open_loads(session, campaign_id, list(team)), unassigned)
    _assign_by_quotas(session, campaign_id, "assigned_agent_id IS NULL AND status <> 'done'", {}, quotas)
    return DistributionResult(campaign_id, {a: q for a, q in quotas.items() if q})


def distribute(session: Session, actor: Actor, campaign_id: int, *, by_share: bool = False) -> DistributionResult:
    """"Distribute records": balanced round-robin (default) or in proportion to each agent's share."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "distribute records"))
    _campaign(session, campaign_id)
    result = distribute_unchecked(session, campaign_id, by_share=by_share)
    audit.record(session, actor, "records.distribute", entity_type="campaign", entity_id=campaign_id,
                 details={"mode": "share" if by_share else "balanced", "total": result.total})
    return result


def rebalance(
    session: Session,
    actor: Actor,
    campaign_id: int,
    from_agent_id: int,
    to_agent_ids: list[int] | None = None,
) -> DistributionResult:
    """Move the open records of one agent to others (default: the campaign's other active agents),
    evening out the receivers' open loads."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "rebalance records"))
    _campaign(session, campaign_id)
    existing_id(from_agent_id, "Agent")
    for agent_id in to_agent_ids or ():
        existing_id(agent_id, "Agent")
    team = _team(session, campaign_id)
    targets = sorted(set(to_agent_ids) if to_agent_ids else set(team) - {from_agent_id})
    targets = [a for a in targets if a != from_agent_id]
    not_in_team = [a for a in targets if a not in team]
    if not_in_team:
        raise ValidationError("agents", translate("services", "Agent {not_in_team} is not an active agent of this campaign.").format(not_in_team=not_in_team[0]))
    if not targets:
        raise ValidationError("agents", translate("services", "There is no other active agent on this campaign to move the records to."))
    session.execute(text("SELECT pg_advisory_xact_lock(4242, :c)"), {"c": campaign_id})
    moving = session.scalar(
        select(func.count()).select_from(CampaignRecord).where(
            CampaignRecord.campaign_id == campaign_id,
            CampaignRecord.assigned_agent_id == from_agent_id,
            CampaignRecord.status != "done",
        )
    ) or 0
    quotas = balanced_quotas(_open_loads(session, campaign_id, targets), moving)
    _assign_by_quotas(
        session, campaign_id, "assigned_agent_id = :from_agent AND status <> 'done'", {"from_agent": from_agent_id}, quotas
    )
    audit.record(session, actor, "records.rebalance", entity_type="campaign", entity_id=campaign_id,
                 details={"from_agent": from_agent_id, "to_agents": targets, "moved": moving})
    return DistributionResult(campaign_id, {a: q for a, q in quotas.items() if q})
