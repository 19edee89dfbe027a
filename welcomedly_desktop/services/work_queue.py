"""How records are worked: the agent work queue and recording the outcome of a call.

Handing records to agents (distribution, rebalancing) is in :mod:`welcomedly_desktop.services.distribution`.

Record status life cycle: ``new`` (nobody has it) -> ``assigned`` (an agent has it, never tried)
-> ``in_progress`` (tried, not closed) -> ``done`` (closed by a final disposition).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, or_, select, text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import (
    Agent,
    Campaign,
    CampaignRecord,
    Disposition,
    DncNumber,
    Interaction,
)
from welcomedly_desktop.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.services import audit, phone_display
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import MAX_ID, clean_text, existing_id, is_valid_id, optional_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

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
        raise PermissionDenied(translate("services", "Your user account is not linked to an agent profile; ask a supervisor to link it."))
    return agent


def resolve_queue_agent(session: Session, actor: Actor, agent_id: int | None) -> tuple[Agent, bool]:
    """Which agent's queue the actor may see and whether it is read-only.

    Agents see only their own queue (read-write); supervisors and admins see any agent's, read-only.
    """
    optional_id(agent_id, "Agent")
    if actor.is_agent:
        own = agent_for_actor(session, actor)
        if agent_id is not None and agent_id != own.id:
            raise PermissionDenied(translate("services", "Agents can only see their own work queue."))
        return own, False
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "see another agent's work queue"))
    if agent_id is None:
        raise ValidationError("agent", translate("services", "Choose the agent whose work queue you want to see."))
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise NotFoundError(translate("services", "Agent {agent_id} does not exist.").format(agent_id=agent_id))
    return agent, True


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
    #: The phones as people write them (services/phone_display.py); ``phone`` keeps the E.164 digits.
    phone_display: str = ""
    alt_phone_display: str = ""
    line_type: str | None = None


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
        .where(Interaction.record_id == min(max(record_id, 0), MAX_ID))
        .order_by(Interaction.started_at.desc(), Interaction.id.desc())
        .limit(limit)
    )
    return [
        AttemptInfo(i.id, i.started_at, i.talk_seconds, dname, aname, i.notes, i.callback_at)
        for i, dname, aname in rows
    ]


def _item(session: Session, record: CampaignRecord, campaign_name: str) -> QueueItem:
    shown = phone_display.for_campaign(session, record.campaign_id)
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
        phone_display=shown(record.phone),
        alt_phone_display=shown(record.alt_phone),
        line_type=record.line_type,
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
    ).all()
    shown = phone_display.PhoneDisplay(session, {r.campaign_id for r, _ in rows})
    return [
        QueueItem(
            record_id=r.id, campaign_id=r.campaign_id, campaign_name=cname, name=r.name, phone=r.phone,
            alt_phone=r.alt_phone, email=r.email, external_id=r.external_id, extra=dict(r.extra or {}),
            status=r.status, attempts=r.attempts, last_attempt_at=r.last_attempt_at, callback_at=r.callback_at,
            reason=_reason(r), phone_display=shown(r.phone, r.campaign_id),
            alt_phone_display=shown(r.alt_phone, r.campaign_id), line_type=r.line_type,
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
    record = session.get(CampaignRecord, existing_id(record_id, "Record"))
    if record is None:
        raise NotFoundError(translate("services", "Record {record_id} does not exist.").format(record_id=record_id))
    if actor.is_agent:
        agent = agent_for_actor(session, actor)
        if record.assigned_agent_id != agent.id:
            raise PermissionDenied(translate("services", "This record is not assigned to you."))
    else:
        require_manager(actor, QT_TRANSLATE_NOOP("permissions", "see records"))
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
        raise PermissionDenied(translate("services", "Only agents can record call outcomes; supervisors see work queues read-only."))
    agent = agent_for_actor(session, actor)
    now = now or dt.datetime.now(dt.timezone.utc)
    existing_id(record_id, "Record")
    record = session.scalar(select(CampaignRecord).where(CampaignRecord.id == record_id).with_for_update())
    if record is None:
        raise NotFoundError(translate("services", "Record {record_id} does not exist.").format(record_id=record_id))
    if record.assigned_agent_id != agent.id:
        raise PermissionDenied(translate("services", "This record is not assigned to you."))
    if expected_attempts is not None and record.attempts != expected_attempts:
        raise ConflictError(
            translate("services", "This record was updated by someone else while you worked on it; it has been reloaded."),
            entity="record", entity_id=record_id,
        )
    if record.status == "done":
        raise ValidationError(None, translate("services", "This record is already closed."))
    disposition = session.get(Disposition, disposition_id) if is_valid_id(disposition_id) else None
    if disposition is None or not disposition.active or disposition.campaign_id not in (None, record.campaign_id):
        raise ValidationError("disposition", translate("services", "Choose one of this campaign's active dispositions."))
    notes = clean_text(notes, field="notes", label=QT_TRANSLATE_NOOP("services", "Notes"), max_length=MAX_NOTES)
    if talk_seconds is None or talk_seconds < 0 or talk_seconds > MAX_TALK_SECONDS:
        raise ValidationError("talk_seconds", translate("services", "Talk time must be between 0 seconds and 24 hours."))
    if disposition.needs_callback:
        if callback_at is None:
            raise ValidationError("callback_at", translate("services", "'{name}' needs a callback date and time.").format(name=disposition.name))
        if callback_at.tzinfo is None:
            raise ValidationError("callback_at", translate("services", "The callback time must include a time zone."))
        if callback_at <= now:
            raise ValidationError("callback_at", translate("services", "The callback date and time must be in the future."))
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
