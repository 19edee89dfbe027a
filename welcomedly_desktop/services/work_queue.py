"""How records are worked: distribution to agents, rebalancing, the agent work queue, dispositions.

Distribution and rebalancing are set-based: Python only computes how many records each agent gets
(a loop over agents, never over records); one UPDATE hands them out.  Records are interleaved
between agents ("stride" order) so each agent gets a mix of the file, not one contiguous block.

Record status life cycle: ``new`` (nobody has it) -> ``assigned`` (an agent has it, never tried)
-> ``in_progress`` (tried, not closed) -> ``done`` (closed by a final disposition).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, or_, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import (
    Agent,
    Campaign,
    CampaignAssignment,
    CampaignRecord,
    Disposition,
    DncNumber,
    Interaction,
)
from welcomedly_desktop.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager

OPEN_STATUSES = ("new", "assigned", "in_progress")
#: Campaigns whose records are not handed out by the work queue.
IDLE_CAMPAIGN_STATUSES = ("paused", "completed")
MAX_NOTES = 10_000
MAX_TALK_SECONDS = 24 * 3600


# -- who is who ----------------------------------------------------------------------------------


def agent_for_actor(session: Session, actor: Actor) -> Agent:
    """The agent profile linked to the logged-in user (agent role)."""
    agent = session.scalar(select(Agent).where(Agent.user_id == actor.user_id)) if actor.user_id else None
    if agent is None:
        raise PermissionDenied("Your user account is not linked to an agent profile; ask a supervisor to link it.")
    return agent


def resolve_queue_agent(session: Session, actor: Actor, agent_id: int | None) -> tuple[Agent, bool]:
    """Which agent's queue the actor may see and whether it is read-only.

    Agents see only their own queue (read-write); supervisors and admins see any agent's, read-only.
    """
    if actor.is_agent:
        own = agent_for_actor(session, actor)
        if agent_id is not None and agent_id != own.id:
            raise PermissionDenied("Agents can only see their own work queue.")
        return own, False
    require_manager(actor, "see another agent's work queue")
    if agent_id is None:
        raise ValidationError("agent", "Choose the agent whose work queue you want to see.")
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise NotFoundError(f"Agent {agent_id} does not exist.")
    return agent, True


# -- distribution --------------------------------------------------------------------------------


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
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"Campaign {campaign_id} does not exist.")
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
        raise ValidationError("agents", "The campaign has no active agents assigned; assign agents before distributing records.")
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
            raise ValidationError("share", "Every assigned agent has a share of 0; give at least one agent a positive share.")
        quotas = share_quotas(team, unassigned)
    else:
        quotas = balanced_quotas(_open_loads(session, campaign_id, list(team)), unassigned)
    _assign_by_quotas(session, campaign_id, "assigned_agent_id IS NULL AND status <> 'done'", {}, quotas)
    return DistributionResult(campaign_id, {a: q for a, q in quotas.items() if q})


def distribute(session: Session, actor: Actor, campaign_id: int, *, by_share: bool = False) -> DistributionResult:
    """"Distribute records": balanced round-robin (default) or in proportion to each agent's share."""
    require_manager(actor, "distribute records")
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
    require_manager(actor, "rebalance records")
    _campaign(session, campaign_id)
    team = _team(session, campaign_id)
    targets = sorted(set(to_agent_ids) if to_agent_ids else set(team) - {from_agent_id})
    targets = [a for a in targets if a != from_agent_id]
    not_in_team = [a for a in targets if a not in team]
    if not_in_team:
        raise ValidationError("agents", f"Agent {not_in_team[0]} is not an active agent of this campaign.")
    if not targets:
        raise ValidationError("agents", "There is no other active agent on this campaign to move the records to.")
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


# -- the agent work queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptInfo:
    id: int
    started_at: dt.datetime
    talk_seconds: int
    disposition: str
    agent: str | None
    notes: str
    callback_at: dt.datetime | None


@dataclass(frozen=True)
class QueueItem:
    record_id: int
    campaign_id: int
    campaign_name: str
    name: str | None
    phone: str
    alt_phone: str | None
    email: str | None
    external_id: str | None
    extra: dict[str, Any]
    status: str
    attempts: int
    last_attempt_at: dt.datetime | None
    callback_at: dt.datetime | None
    #: "callback" (a callback is due), "new" (never tried) or "retry"
    reason: str
    history: list[AttemptInfo] = field(default_factory=list)


@dataclass(frozen=True)
class QueueSummary:
    agent_id: int
    agent_name: str
    read_only: bool
    callbacks_due: int
    fresh: int
    retries: int
    scheduled_callbacks: int

    @property
    def ready(self) -> int:
        return self.callbacks_due + self.fresh + self.retries


def _queue_conditions(agent_id: int, now: dt.datetime):  # noqa: ANN202
    on_dnc = exists().where(
        DncNumber.phone == CampaignRecord.phone,
        or_(DncNumber.campaign_id.is_(None), DncNumber.campaign_id == CampaignRecord.campaign_id),
    )
    return [
        CampaignRecord.assigned_agent_id == agent_id,
        CampaignRecord.status != "done",  # = OPEN_STATUSES; spelled like ix_campaign_records_queue's predicate
        Campaign.status.not_in(IDLE_CAMPAIGN_STATUSES),
        or_(CampaignRecord.callback_at.is_(None), CampaignRecord.callback_at <= now),
        ~on_dnc,
    ]


def _queue_order():  # noqa: ANN202
    # Callbacks due first (oldest promise first), then never-tried records, then retries (oldest last try first).
    # Exactly the columns of ix_campaign_records_queue, so the next record is one index step away.
    # (last_attempt_at is NULL only when attempts = 0, so its NULLS placement never matters.)
    return [
        CampaignRecord.callback_at.is_(None),  # false (= has callback) sorts first
        CampaignRecord.callback_at,
        CampaignRecord.attempts > 0,
        CampaignRecord.last_attempt_at,
        CampaignRecord.id,
    ]


def _reason(record: CampaignRecord) -> str:
    if record.callback_at is not None:
        return "callback"
    return "new" if record.attempts == 0 else "retry"


def history(session: Session, record_id: int, limit: int = 50) -> list[AttemptInfo]:
    rows = session.execute(
        select(Interaction, Disposition.name, Agent.name)
        .join(Disposition, Disposition.id == Interaction.disposition_id)
        .outerjoin(Agent, Agent.id == Interaction.agent_id)
        .where(Interaction.record_id == record_id)
        .order_by(Interaction.started_at.desc(), Interaction.id.desc())
        .limit(limit)
    )
    return [
        AttemptInfo(i.id, i.started_at, i.talk_seconds, dname, aname, i.notes, i.callback_at)
        for i, dname, aname in rows
    ]


def _item(session: Session, record: CampaignRecord, campaign_name: str) -> QueueItem:
    return QueueItem(
        record_id=record.id,
        campaign_id=record.campaign_id,
        campaign_name=campaign_name,
        name=record.name,
        phone=record.phone,
        alt_phone=record.alt_phone,
        email=record.email,
        external_id=record.external_id,
        extra=dict(record.extra or {}),
        status=record.status,
        attempts=record.attempts,
        last_attempt_at=record.last_attempt_at,
        callback_at=record.callback_at,
        reason=_reason(record),
        history=history(session, record.id),
    )


def next_record(
    session: Session, actor: Actor, *, agent_id: int | None = None, now: dt.datetime | None = None
) -> QueueItem | None:
    """The next record for the agent: callbacks that are due first, then new records, then retries."""
    agent, _read_only = resolve_queue_agent(session, actor, agent_id)
    now = now or dt.datetime.now(dt.timezone.utc)
    row = session.execute(
        select(CampaignRecord, Campaign.name)
        .join(Campaign, Campaign.id == CampaignRecord.campaign_id)
        .where(*_queue_conditions(agent.id, now))
        .order_by(*_queue_order())
        .limit(1)
    ).first()
    if row is None:
        return None
    return _item(session, row[0], row[1])


def list_queue(
    session: Session, actor: Actor, *, agent_id: int | None = None, now: dt.datetime | None = None, limit: int = 200
) -> list[QueueItem]:
    """The agent's upcoming records in queue order (without history), for the queue list."""
    agent, _ = resolve_queue_agent(session, actor, agent_id)
    now = now or dt.datetime.now(dt.timezone.utc)
    rows = session.execute(
        select(CampaignRecord, Campaign.name)
        .join(Campaign, Campaign.id == CampaignRecord.campaign_id)
        .where(*_queue_conditions(agent.id, now))
        .order_by(*_queue_order())
        .limit(limit)
    )
    return [
        QueueItem(
            record_id=r.id, campaign_id=r.campaign_id, campaign_name=cname, name=r.name, phone=r.phone,
            alt_phone=r.alt_phone, email=r.email, external_id=r.external_id, extra=dict(r.extra or {}),
            status=r.status, attempts=r.attempts, last_attempt_at=r.last_attempt_at, callback_at=r.callback_at,
            reason=_reason(r),
        )
        for r, cname in rows
    ]


def queue_summary(
    session: Session, actor: Actor, *, agent_id: int | None = None, now: dt.datetime | None = None
) -> QueueSummary:
    agent, read_only = resolve_queue_agent(session, actor, agent_id)
    now = now or dt.datetime.now(dt.timezone.utc)
    # The same rules as _queue_conditions, with the do-not-call check evaluated once per record.
    row = session.execute(
        text(
            f"""
            SELECT count(*) FILTER (WHERE ready AND callback_at IS NOT NULL),
                   count(*) FILTER (WHERE ready AND callback_at IS NULL AND attempts = 0),
                   count(*) FILTER (WHERE ready AND callback_at IS NULL AND attempts > 0),
                   count(*) FILTER (WHERE callback_at > :now)
              FROM (
                SELECT r.callback_at, r.attempts,
                       c.status NOT IN ({", ".join(f"'{s}'" for s in IDLE_CAMPAIGN_STATUSES)})
                       AND (r.callback_at IS NULL OR r.callback_at <= :now)
                       AND NOT EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = r.phone
                                        AND (d.campaign_id IS NULL OR d.campaign_id = r.campaign_id)) AS ready
                  FROM campaign_records r JOIN campaigns c ON c.id = r.campaign_id
                 WHERE r.assigned_agent_id = :agent AND r.status <> 'done'
              ) AS q
            """
        ),
        {"agent": agent.id, "now": now},
    ).one()
    return QueueSummary(agent.id, agent.name, read_only, row[0], row[1], row[2], row[3])


def get_record(session: Session, actor: Actor, record_id: int) -> QueueItem:
    """One record with its history; agents only for records assigned to them."""
    record = session.get(CampaignRecord, record_id)
    if record is None:
        raise NotFoundError(f"Record {record_id} does not exist.")
    if actor.is_agent:
        agent = agent_for_actor(session, actor)
        if record.assigned_agent_id != agent.id:
            raise PermissionDenied("This record is not assigned to you.")
    else:
        require_manager(actor, "see records")
    campaign = session.get(Campaign, record.campaign_id)
    return _item(session, record, campaign.name if campaign else "")


# -- recording the outcome of a call -------------------------------------------------------------


@dataclass(frozen=True)
class DispositionOutcome:
    interaction_id: int
    record_id: int
    status: str
    attempts: int
    added_to_dnc: bool


def record_disposition(
    session: Session,
    actor: Actor,
    record_id: int,
    disposition_id: int,
    *,
    notes: str = "",
    talk_seconds: int = 0,
    callback_at: dt.datetime | None = None,
    expected_attempts: int | None = None,
    now: dt.datetime | None = None,
) -> DispositionOutcome:
    """Record the outcome of one call attempt by the agent the record is assigned to.

    Adds an interaction and brings the record up to date (attempts, last attempt, last disposition,
    status, callback).  ``expected_attempts`` (what the agent's screen showed) turns a concurrent
    change into a ConflictError instead of a silent double count.
    """
    if not actor.is_agent:
        raise PermissionDenied("Only agents can record call outcomes; supervisors see work queues read-only.")
    agent = agent_for_actor(session, actor)
    now = now or dt.datetime.now(dt.timezone.utc)
    record = session.scalar(select(CampaignRecord).where(CampaignRecord.id == record_id).with_for_update())
    if record is None:
        raise NotFoundError(f"Record {record_id} does not exist.")
    if record.assigned_agent_id != agent.id:
        raise PermissionDenied("This record is not assigned to you.")
    if expected_attempts is not None and record.attempts != expected_attempts:
        raise ConflictError(
            "This record was updated by someone else while you worked on it; it has been reloaded.",
            entity="record", entity_id=record_id,
        )
    if record.status == "done":
        raise ValidationError(None, "This record is already closed.")
    disposition = session.get(Disposition, disposition_id)
    if disposition is None or not disposition.active or disposition.campaign_id not in (None, record.campaign_id):
        raise ValidationError("disposition", "Choose one of this campaign's active dispositions.")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError("notes", f"Notes are limited to {MAX_NOTES:,} characters.")
    if talk_seconds is None or talk_seconds < 0 or talk_seconds > MAX_TALK_SECONDS:
        raise ValidationError("talk_seconds", "Talk time must be between 0 seconds and 24 hours.")
    if disposition.needs_callback:
        if callback_at is None:
            raise ValidationError("callback_at", f"'{disposition.name}' needs a callback date and time.")
        if callback_at.tzinfo is None:
            raise ValidationError("callback_at", "The callback time must include a time zone.")
        if callback_at <= now:
            raise ValidationError("callback_at", "The callback date and time must be in the future.")
    else:
        callback_at = None
    started = now - dt.timedelta(seconds=int(talk_seconds))
    interaction = Interaction(
        record_id=record.id,
        campaign_id=record.campaign_id,
        agent_id=agent.id,
        disposition_id=disposition.id,
        started_at=started,
        ended_at=now,
        talk_seconds=int(talk_seconds),
        notes=notes,
        callback_at=callback_at,
        created_by=actor.user_id,
    )
    session.add(interaction)
    record.attempts = record.attempts + 1
    record.last_attempt_at = started
    record.last_disposition_id = disposition.id
    record.callback_at = callback_at
    record.status = "done" if disposition.is_final else "in_progress"
    added = False
    if disposition.is_dnc:
        result = session.execute(
            text(
                "INSERT INTO dnc_numbers (phone, campaign_id, reason, added_by) "
                "VALUES (:phone, NULL, :reason, :user) ON CONFLICT DO NOTHING"
            ),
            {"phone": record.phone, "reason": f"Disposition '{disposition.name}' on record {record.id}",
             "user": actor.user_id},
        )
        added = (result.rowcount or 0) > 0
        if added:
            audit.record(session, actor, "dnc.add", entity_type="record", entity_id=record.id,
                         details={"phone": record.phone, "disposition": disposition.name})
    session.flush()
    return DispositionOutcome(interaction.id, record.id, record.status, record.attempts, added)
