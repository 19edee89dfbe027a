"""Agent profiles: list, create, update, deactivate/reactivate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, CampaignAssignment, User
from welcomedly_desktop.errors import DuplicateError, NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.services import audit
from welcomedly_desktop.services.concurrency import check_version, flush_or_conflict
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import (
    clean_email,
    clean_name,
    clean_phone,
    clean_search,
    existing_id,
    is_valid_id,
    like_pattern,
)
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

_UNSET: Any = object()


@dataclass(frozen=True)
class AgentView:
    id: int
    name: str
    email: str
    phone: str | None
    active: bool
    user_id: int | None
    campaign_count: int
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _view(agent: Agent, campaign_count: int = 0) -> AgentView:
    return AgentView(
        id=agent.id,
        name=agent.name,
        email=agent.email,
        phone=agent.phone,
        active=agent.active,
        user_id=agent.user_id,
        campaign_count=campaign_count,
        created_at=agent.created_at,
        updated_at=agent.updated_at,
        version=agent.version,
    )


def _get(session: Session, agent_id: int) -> Agent:
    existing_id(agent_id, "Agent")
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise NotFoundError(translate("services", "Agent {agent_id} does not exist.").format(agent_id=agent_id))
    return agent


def _check_email_free(session: Session, email: str, agent_id: int | None = None) -> None:
    query = select(Agent.id).where(func.lower(Agent.email) == email.lower())
    if agent_id is not None:
        query = query.where(Agent.id != agent_id)
    if session.scalar(query) is not None:
        raise DuplicateError("email", translate("services", "An agent with the e-mail {email} already exists.").format(email=email))


def _check_user_link(session: Session, user_id: int | None, agent_id: int | None = None) -> None:
    if user_id is None:
        return
    if not is_valid_id(user_id) or session.get(User, user_id) is None:
        raise ValidationError("user_id", translate("services", "User {user_id} does not exist.").format(user_id=user_id))
    query = select(Agent.id).where(Agent.user_id == user_id)
    if agent_id is not None:
        query = query.where(Agent.id != agent_id)
    if session.scalar(query) is not None:
        raise DuplicateError("user_id", translate("services", "User {user_id} is already linked to another agent profile.").format(user_id=user_id))


def list_agents(
    session: Session, actor: Actor, *, include_inactive: bool = True, search: str | None = None,
    ids: Collection[int] | None = None,
) -> list[AgentView]:
    """With ``ids``, only those agents (same permissions and filters), for a live targeted refresh."""
    if not actor.can_manage_campaigns:
        own = get_for_user(session, actor.user_id)
        return [own] if own and (ids is None or own.id in ids) else []
    assigned = select(CampaignAssignment.agent_id, func.count().label("n"))
    if ids is not None:
        assigned = assigned.where(CampaignAssignment.agent_id.in_(list(ids)))
    counts = assigned.group_by(CampaignAssignment.agent_id).subquery()
    query = (
        select(Agent, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.agent_id == Agent.id)
        .order_by(func.lower(Agent.name), Agent.id)
    )
    if ids is not None:
        query = query.where(Agent.id.in_(list(ids)))
    if not include_inactive:
        query = query.where(Agent.active.is_(True))
    if search:
        pattern = like_pattern(clean_search(search))
        query = query.where(or_(Agent.name.ilike(pattern, escape="\\"), Agent.email.ilike(pattern, escape="\\")))
    return [_view(a, n) for a, n in session.execute(query)]


def get_agent(session: Session, actor: Actor, agent_id: int) -> AgentView:
    agent = _get(session, agent_id)
    if not actor.can_manage_campaigns and agent.user_id != actor.user_id:
        raise PermissionDenied(translate("services", "Agents can only see their own profile."))
    n = session.scalar(select(func.count()).select_from(CampaignAssignment).where(CampaignAssignment.agent_id == agent_id))
    return _view(agent, n or 0)


def get_for_user(session: Session, user_id: int | None) -> AgentView | None:
    if user_id is None:
        return None
    agent = session.scalar(select(Agent).where(Agent.user_id == user_id))
    return None if agent is None else _view(agent)


def create_agent(
    session: Session,
    actor: Actor,
    *,
    name: str,
    email: str,
    phone: str | None = None,
    user_id: int | None = None,
) -> AgentView:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "create agents"))
    name = clean_name(name)
    email = clean_email(email)
    phone = clean_phone(phone)
    _check_email_free(session, email)
    _check_user_link(session, user_id)
    agent = Agent(name=name, email=email, phone=phone, user_id=user_id, active=True)
    session.add(agent)
    session.flush()
    session.refresh(agent)
    audit.record(session, actor, "agent.create", entity_type="agent", entity_id=agent.id, details={"name": name, "email": email})
    return _view(agent)


def update_agent(
    session: Session,
    actor: Actor,
    agent_id: int,
    *,
    expected_version: int | None = None,
    name: Any = _UNSET,
    email: Any = _UNSET,
    phone: Any = _UNSET,
    user_id: Any = _UNSET,
    active: Any = _UNSET,
) -> AgentView:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "edit agents"))
    agent = _get(session, agent_id)
    check_version(agent, expected_version, "agent")
    changes: dict[str, Any] = {}
    if name is not _UNSET:
        changes["name"] = clean_name(name)
    if email is not _UNSET:
        changes["email"] = clean_email(email)
        _check_email_free(session, changes["email"], agent.id)
    if phone is not _UNSET and phone != agent.phone:  # a phone stored before the rules may stay as it is
        changes["phone"] = clean_phone(phone)
    if user_id is not _UNSET:
        _check_user_link(session, user_id, agent.id)
        changes["user_id"] = user_id
    if active is not _UNSET:
        changes["active"] = bool(active)
    changes = {k: v for k, v in changes.items() if getattr(agent, k) != v}
    if changes:
        for key, value in changes.items():
            setattr(agent, key, value)
        flush_or_conflict(session, agent, "agent")
        session.refresh(agent)
        action = "agent.update"
        if set(changes) == {"active"}:
            action = "agent.activate" if changes["active"] else "agent.deactivate"
        audit.record(session, actor, action, entity_type="agent", entity_id=agent.id, details=changes)
    return get_agent(session, actor, agent.id)


def deactivate_agent(session: Session, actor: Actor, agent_id: int, *, expected_version: int | None = None) -> AgentView:
    return update_agent(session, actor, agent_id, expected_version=expected_version, active=False)


def reactivate_agent(session: Session, actor: Actor, agent_id: int, *, expected_version: int | None = None) -> AgentView:
    return update_agent(session, actor, agent_id, expected_version=expected_version, active=True)
