"""The live floor (Live page): per campaign today's progress, per agent what they are doing now.

One set of queries for the whole floor, whatever the number of campaigns and agents (the page asks
once per burst of changes, not once per agent).  The campaign figures are the campaign report's for
the period "today" (reports/builders.py): the same tables and the same definitions, so the Live page
and a report of today agree.

"Logged in" comes from the server's sessions (issue 15: a shared server whose workstations log in
through the database) when this database holds any; otherwise (the built-in database) from each
agent's last login or logout today in the audit log.  The snapshot says which (``logins_from``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from welcomedly_desktop.reports.model import ratio
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP

#: Campaigns shown on the floor (a completed campaign is history, not floor).
FLOOR_STATUSES = ("draft", "active", "paused")
#: Where "logged in" comes from: open server sessions, or today's logins and logouts in the audit log.
LOGINS_FROM_SESSIONS = "sessions"
LOGINS_FROM_AUDIT = "audit"


@dataclass(frozen=True)
class CampaignFloor:
    campaign_id: int
    name: str
    status: str
    records: int
    worked: int  # records with an attempt today
    attempts: int
    contacts: int
    successes: int
    callbacks_due: int  # open callbacks before the end of today (overdue included)
    progress: float | None  # worked / records (the report's penetration)


@dataclass(frozen=True)
class AgentFloor:
    agent_id: int
    name: str
    logged_in: bool
    campaign_id: int | None  # campaign of the latest attempt today
    campaign_name: str | None
    attempts_last_hour: int
    contacts_last_hour: int
    last_outcome_at: dt.datetime | None
    seconds_since_last_outcome: int | None


@dataclass(frozen=True)
class FloorSnapshot:
    at: dt.datetime
    day: dt.date
    timezone: str
    campaigns: list[CampaignFloor]
    agents: list[AgentFloor]
    logins_from: str = LOGINS_FROM_AUDIT  # LOGINS_FROM_SESSIONS or LOGINS_FROM_AUDIT


def _campaigns(session: Session, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[CampaignFloor]:
    rows = session.execute(text("""
        WITH c AS (SELECT id, name, status FROM campaigns WHERE status = ANY(:statuses)),
        rec AS (SELECT campaign_id, count(*) AS records,
                       count(*) FILTER (WHERE last_attempt_at IS NOT NULL AND last_attempt_at >= :start) AS worked,
                       count(*) FILTER (WHERE callback_at IS NOT NULL AND status <> 'done' AND callback_at < :end)
                           AS callbacks_due
                  FROM campaign_records WHERE campaign_id IN (SELECT id FROM c) GROUP BY campaign_id),
        act AS (SELECT h.campaign_id, sum(h.attempts) AS attempts,
                       coalesce(sum(h.attempts) FILTER (WHERE d.is_contact), 0) AS contacts,
                       coalesce(sum(h.attempts) FILTER (WHERE d.is_success), 0) AS successes
                  FROM interaction_hourly h JOIN dispositions d ON d.id = h.disposition_id
                 WHERE h.hour_start >= :start AND h.hour_start < :end AND h.campaign_id IN (SELECT id FROM c)
                 GROUP BY h.campaign_id)
        SELECT c.id, c.name, c.status, coalesce(rec.records, 0), coalesce(rec.worked, 0),
               coalesce(act.attempts, 0), coalesce(act.contacts, 0), coalesce(act.successes, 0),
               coalesce(rec.callbacks_due, 0)
          FROM c LEFT JOIN rec ON rec.campaign_id = c.id LEFT JOIN act ON act.campaign_id = c.id
         ORDER BY c.name, c.id
    """), {"statuses": list(FLOOR_STATUSES), "start": start, "end": end}).all()
    return [CampaignFloor(campaign_id=r[0], name=r[1], status=r[2], records=int(r[3]), worked=int(r[4]),
                          attempts=int(r[5]), contacts=int(r[6]), successes=int(r[7]), callbacks_due=int(r[8]),
                          progress=ratio(int(r[4]), int(r[3])))
            for r in rows]


def logged_in_users(session: Session) -> list[int] | None:
    """The users with an open server session, or None when this database holds no sessions."""
    try:
        with session.begin_nested():
            return session.execute(text("SELECT app.logged_in_users()")).scalar()
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42883":  # undefined_function: before `db upgrade`
            raise
        return None


# "Logged in" without server sessions: the agent's user's latest login or logout today (audit log)
# is a successful login.
_AUDIT_LOGINS = """
        logins AS (SELECT DISTINCT ON (actor_user_id) actor_user_id, action = 'login.success' AS logged_in
                     FROM audit_log
                    WHERE occurred_at >= :start AND action IN ('login.success', 'logout')
                      AND actor_user_id IN (SELECT user_id FROM a WHERE user_id IS NOT NULL)
                    ORDER BY actor_user_id, occurred_at DESC, id DESC)"""
_SESSION_LOGINS = """
        logins AS (SELECT u AS actor_user_id, true AS logged_in FROM unnest(CAST(:users AS integer[])) u)"""


def _agents(session: Session, start: dt.datetime, now: dt.datetime,
            users: list[int] | None) -> list[AgentFloor]:
    rows = session.execute(text("""
        WITH a AS (SELECT id, name, user_id FROM agents WHERE active),
        latest AS (SELECT DISTINCT ON (i.agent_id) i.agent_id, i.campaign_id, i.ended_at
                     FROM interactions i
                    WHERE i.agent_id IN (SELECT id FROM a) AND i.started_at >= :start
                    ORDER BY i.agent_id, i.started_at DESC, i.id DESC),
        hour AS (SELECT i.agent_id, count(*) AS attempts, count(*) FILTER (WHERE d.is_contact) AS contacts
                   FROM interactions i JOIN dispositions d ON d.id = i.disposition_id
                  WHERE i.agent_id IN (SELECT id FROM a) AND i.started_at >= :hour_ago
                  GROUP BY i.agent_id),""" + (_AUDIT_LOGINS if users is None else _SESSION_LOGINS) + """
        SELECT a.id, a.name, coalesce(logins.logged_in, false), latest.campaign_id, c.name,
               coalesce(hour.attempts, 0), coalesce(hour.contacts, 0), latest.ended_at
          FROM a LEFT JOIN latest ON latest.agent_id = a.id LEFT JOIN campaigns c ON c.id = latest.campaign_id
                 LEFT JOIN hour ON hour.agent_id = a.id LEFT JOIN logins ON logins.actor_user_id = a.user_id
         ORDER BY a.name, a.id
    """), {"start": start, "hour_ago": now - dt.timedelta(hours=1), "users": users or []}).all()
    return [AgentFloor(agent_id=r[0], name=r[1], logged_in=bool(r[2]), campaign_id=r[3], campaign_name=r[4],
                       attempts_last_hour=int(r[5]), contacts_last_hour=int(r[6]), last_outcome_at=r[7],
                       seconds_since_last_outcome=None if r[7] is None else max(0, int((now - r[7]).total_seconds())))
            for r in rows]


def floor_snapshot(session: Session, actor: Actor, *, timezone: str = "UTC",
                   now: dt.datetime | None = None) -> FloorSnapshot:
    """The whole floor now, "today" in ``timezone``.  Supervisors and admins."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "watch the live floor"))
    zone = ZoneInfo(timezone)
    now = now or session.execute(text("SELECT now()")).scalar_one()
    day = now.astimezone(zone).date()
    start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    users = logged_in_users(session)
    return FloorSnapshot(at=now, day=day, timezone=timezone, campaigns=_campaigns(session, start, end, now),
                         agents=_agents(session, start, now, users),
                         logins_from=LOGINS_FROM_AUDIT if users is None else LOGINS_FROM_SESSIONS)
