"""Campaign and agent report builders: set-based SQL over the hourly roll-up, plain dataclasses out.

Activity metrics read ``interaction_hourly`` (kept exact by triggers, see migration 0003): a month of
a busy campaign is a few thousand roll-up rows instead of millions of interactions.  One query with
GROUPING SETS produces totals, the disposition breakdown, the daily trend, the hour-of-day profile
and the per-agent (or per-campaign) table; Python only reshapes those few aggregate rows.

Day and hour buckets are in the report's time zone; the roll-up is hourly in UTC, so time zones
with whole-hour offsets are exact (a half-hour zone's buckets are shifted by 30 minutes).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Agent, Campaign
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.reports.model import (
    AgentReport,
    AgentRow,
    CampaignReport,
    CampaignRow,
    DayPoint,
    DispositionCount,
    HourPoint,
    Period,
    ratio,
)
from welcomedly_desktop.i18n import translate

DEFAULT_DAYS = 30
MAX_DAYS = 3660
#: work_mem for the one statement that counts distinct records of a past period
DISTINCT_WORK_MEM = "64MB"


def make_period(
    date_from: dt.date | None = None, date_to: dt.date | None = None, timezone: str | None = None,
    *, today: dt.date | None = None,
) -> Period:
    """Validate a report period; missing ends default to the last 30 days up to today."""
    tz = (timezone or "UTC").strip() or "UTC"
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("timezone", translate("reports", "'{tz}' is not a known time zone (for example Europe/Madrid or UTC).").format(tz=tz)) from None
    today = today or dt.datetime.now(zone).date()
    if date_to is None:
        date_to = today if date_from is None or date_from <= today else date_from
    if date_from is None:
        date_from = date_to - dt.timedelta(days=DEFAULT_DAYS - 1)
    if date_from > date_to:
        raise ValidationError("date_from", translate("reports", "The start date must not be after the end date."))
    if (date_to - date_from).days + 1 > MAX_DAYS:
        raise ValidationError("date_from", translate("reports", "A report can cover at most ten years."))
    return Period(date_from, date_to, tz)


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(period.timezone)
    start = dt.datetime.combine(period.date_from, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.date_to + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return start, end


# One pass over the roll-up rows of the period, grouped five ways at once.
_ACTIVITY_SQL = """
WITH b AS (
    SELECT h.agent_id, h.campaign_id, h.disposition_id, h.attempts, h.talk_seconds, h.handle_seconds,
           h.first_started_at, h.last_ended_at,
           (h.hour_start AT TIME ZONE :tz)::date AS day,
           extract(hour FROM h.hour_start AT TIME ZONE :tz)::int AS hour,
           d.is_contact, d.is_success
      FROM interaction_hourly h JOIN dispositions d ON d.id = h.disposition_id
     WHERE {subject} AND h.hour_start >= :start AND h.hour_start < :end
)
SELECT GROUPING(day) AS g_day, GROUPING(hour) AS g_hour, GROUPING({split}) AS g_split,
       GROUPING(disposition_id) AS g_disp,
       day, hour, {split} AS split, disposition_id,
       sum(attempts)::bigint AS attempts,
       coalesce(sum(attempts) FILTER (WHERE is_contact), 0)::bigint AS contacts,
       coalesce(sum(attempts) FILTER (WHERE is_success), 0)::bigint AS successes,
       sum(talk_seconds)::bigint AS talk_seconds,
       sum(handle_seconds)::bigint AS handle_seconds,
       min(first_started_at) AS first_started_at,
       max(last_ended_at) AS last_ended_at
  FROM b
 GROUP BY GROUPING SETS ((), (day), (hour), ({split}), (disposition_id))
"""


def _activity(session: Session, subject_sql: str, split: str, params: dict[str, Any]) -> dict[str, list[Any]]:
    rows = session.execute(text(_ACTIVITY_SQL.format(subject=subject_sql, split=split)), params).mappings().all()
    out: dict[str, list[Any]] = {"total": [], "day": [], "hour": [], "split": [], "disp": []}
    for r in rows:  # a few hundred aggregate rows at most
        g = (r["g_day"], r["g_hour"], r["g_split"], r["g_disp"])
        if g == (1, 1, 1, 1):
            out["total"].append(r)
        elif g == (0, 1, 1, 1):
            out["day"].append(r)
        elif g == (1, 0, 1, 1):
            out["hour"].append(r)
        elif g == (1, 1, 0, 1):
            out["split"].append(r)
        else:
            out["disp"].append(r)
    return out


def _days(period: Period, rows: list[Any], hours_by_day: dict[dt.date, float] | None = None) -> list[DayPoint]:
    by_day = {r["day"]: r for r in rows}
    points = []
    for i in range(period.days):
        day = period.date_from + dt.timedelta(days=i)
        r = by_day.get(day)
        hours = (hours_by_day or {}).get(day, 0.0)
        if r is None:
            points.append(DayPoint(day, hours_worked=hours))
        else:
            points.append(DayPoint(day, int(r["attempts"]), int(r["contacts"]), int(r["successes"]),
                                   int(r["talk_seconds"]), hours))
    return points


def _hours(rows: list[Any]) -> list[HourPoint]:
    by_hour = {r["hour"]: r for r in rows}
    return [
        HourPoint(h, int(by_hour[h]["attempts"]), int(by_hour[h]["contacts"]), int(by_hour[h]["successes"]))
        if h in by_hour else HourPoint(h)
        for h in range(24)
    ]


def _dispositions(session: Session, rows: list[Any], total_attempts: int) -> list[DispositionCount]:
    if not rows:
        return []
    counts = {r["disposition_id"]: int(r["attempts"]) for r in rows}
    meta = session.execute(
        text("SELECT id, name, colour, is_contact, is_success, sort_order FROM dispositions WHERE id = ANY(:ids)"),
        {"ids": list(counts)},
    ).mappings().all()
    meta = sorted(meta, key=lambda m: (m["sort_order"], m["name"].lower()))
    return [
        DispositionCount(m["id"], m["name"], m["colour"], m["is_contact"], m["is_success"], counts[m["id"]],
                         ratio(counts[m["id"]], total_attempts))
        for m in meta
    ]


def _totals(rows: list[Any]) -> dict[str, int]:
    r = rows[0] if rows else None
    keys = ("attempts", "contacts", "successes", "talk_seconds", "handle_seconds")
    return {k: int(r[k]) if r is not None and r[k] is not None else 0 for k in keys}


# -- campaign report ---------------------------------------------------------------------------


def _records_and_worked(session: Session, campaign_id: int, start: dt.datetime, end: dt.datetime) -> tuple[int, int]:
    """(records, records with at least one attempt in [start, end)).

    A record's ``last_attempt_at`` is its latest attempt, so when the period reaches past the
    campaign's latest activity, "worked in the period" is "last attempt at or after the start":
    both counts come from narrow index-only scans.  A period that ends before the campaign's
    latest activity counts the distinct records of the period's interactions instead.
    """
    last = session.scalar(
        text("SELECT max(hour_start) FROM interaction_hourly WHERE campaign_id = :c"), {"c": campaign_id}
    )
    # Two index-only scans: all records through (campaign_id, phone); worked ones through the
    # partial (campaign_id, last_attempt_at) index, which holds only records tried at least once.
    records = session.scalar(
        text("SELECT count(*) FROM campaign_records WHERE campaign_id = :c"), {"c": campaign_id}
    )
    worked_since_start = session.scalar(
        text(
            "SELECT count(*) FROM campaign_records "
            "WHERE campaign_id = :c AND last_attempt_at IS NOT NULL AND last_attempt_at >= :start"
        ),
        {"c": campaign_id, "start": start},
    )
    if last is None or last + dt.timedelta(hours=1) <= end:
        return int(records), int(worked_since_start)
    # Sort the ids in memory rather than on disk: raise work_mem for this one statement
    # (transaction-local, so a failure's rollback undoes it too), then put the previous value back.
    previous = session.scalar(text("SELECT current_setting('work_mem')"))
    session.execute(text("SELECT set_config('work_mem', :wm, true)"), {"wm": DISTINCT_WORK_MEM})
    worked = session.scalar(
        text(
            "SELECT count(DISTINCT record_id) FROM interactions "
            "WHERE campaign_id = :c AND started_at >= :start AND started_at < :end"
        ),
        {"c": campaign_id, "start": start, "end": end},
    ) or 0
    session.execute(text("SELECT set_config('work_mem', :wm, true)"), {"wm": previous})
    return int(records), int(worked)


def build_campaign_report(
    session: Session, campaign_id: int, period: Period, *, generated_by: str, now: dt.datetime | None = None
) -> CampaignReport:
    """The campaign report, computed now (permissions and caching are the caller's: services.reports)."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(translate("reports", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    now = now or dt.datetime.now(dt.timezone.utc)
    start, end = _bounds(period)
    params = {"c": campaign_id, "tz": period.timezone, "start": start, "end": end}
    act = _activity(session, "h.campaign_id = :c", "agent_id", params)
    totals = _totals(act["total"])
    zone = ZoneInfo(period.timezone)
    end_of_today = dt.datetime.combine(now.astimezone(zone).date() + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    due, overdue = session.execute(
        text(
            """
            SELECT count(*) FILTER (WHERE callback_at < :eod),
                   count(*) FILTER (WHERE callback_at < :now)
              FROM campaign_records
             WHERE campaign_id = :c AND callback_at IS NOT NULL AND status <> 'done' AND callback_at < :eod
            """
        ),
        {"c": campaign_id, "eod": end_of_today, "now": now},
    ).one()
    records, worked = _records_and_worked(session, campaign_id, start, end)
    names = dict(
        session.execute(
            text("SELECT id, name FROM agents WHERE id = ANY(:ids)"), {"ids": [r["split"] for r in act["split"]]}
        ).all()
    )
    agents = sorted(
        (
            AgentRow(
                agent_id=r["split"] or None,
                name=names.get(r["split"], "(no agent)"),
                attempts=int(r["attempts"]),
                contacts=int(r["contacts"]),
                successes=int(r["successes"]),
                conversion=ratio(int(r["successes"]), int(r["contacts"])),
                talk_seconds=int(r["talk_seconds"]),
                avg_handle_seconds=ratio(int(r["handle_seconds"]), int(r["attempts"])),
            )
            for r in act["split"]
        ),
        key=lambda a: (-a.attempts, a.name.lower()),
    )
    return CampaignReport(
        campaign_id=campaign.id,
        campaign_name=campaign.name,
        period=period,
        generated_at=now,
        generated_by=generated_by,
        records=int(records),
        worked=int(worked),
        penetration=ratio(worked, records),
        attempts=totals["attempts"],
        contacts=totals["contacts"],
        contact_rate=ratio(totals["contacts"], worked),
        successes=totals["successes"],
        conversion=ratio(totals["successes"], totals["contacts"]),
        attempts_per_record=ratio(totals["attempts"], worked),
        talk_seconds=totals["talk_seconds"],
        avg_handle_seconds=ratio(totals["handle_seconds"], totals["attempts"]),
        callbacks_due=int(due),
        callbacks_overdue=int(overdue),
        dispositions=_dispositions(session, act["disp"], totals["attempts"]),
        days=_days(period, act["day"]),
        hours=_hours(act["hour"]),
        agents=agents,
    )


# -- agent report ------------------------------------------------------------------------------


def build_agent_report(
    session: Session, agent_id: int, period: Period, *, generated_by: str, now: dt.datetime | None = None
) -> AgentReport:
    """The agent report, computed now (permissions and caching are the caller's: services.reports)."""
    agent = session.get(Agent, agent_id)
    if agent is None:
        raise NotFoundError(translate("reports", "Agent {agent_id} does not exist.").format(agent_id=agent_id))
    now = now or dt.datetime.now(dt.timezone.utc)
    start, end = _bounds(period)
    params = {"a": agent_id, "tz": period.timezone, "start": start, "end": end}
    act = _activity(session, "h.agent_id = :a", "campaign_id", params)
    totals = _totals(act["total"])
    # Hours worked: per day, from the first attempt's start to the last attempt's end.
    hours_by_day = {
        r["day"]: max((r["last_ended_at"] - r["first_started_at"]).total_seconds(), 0.0) / 3600.0
        for r in act["day"]
    }
    hours_worked = sum(hours_by_day.values())
    names = dict(
        session.execute(
            text("SELECT id, name FROM campaigns WHERE id = ANY(:ids)"), {"ids": [r["split"] for r in act["split"]]}
        ).all()
    )
    campaigns = sorted(
        (
            CampaignRow(
                campaign_id=r["split"],
                name=names.get(r["split"], f"Campaign {r['split']}"),
                attempts=int(r["attempts"]),
                contacts=int(r["contacts"]),
                successes=int(r["successes"]),
                conversion=ratio(int(r["successes"]), int(r["contacts"])),
                talk_seconds=int(r["talk_seconds"]),
            )
            for r in act["split"]
        ),
        key=lambda c: (-c.attempts, c.name.lower()),
    )
    return AgentReport(
        agent_id=agent.id,
        agent_name=agent.name,
        period=period,
        generated_at=now,
        generated_by=generated_by,
        attempts=totals["attempts"],
        contacts=totals["contacts"],
        successes=totals["successes"],
        conversion=ratio(totals["successes"], totals["contacts"]),
        talk_seconds=totals["talk_seconds"],
        handle_seconds=totals["handle_seconds"],
        avg_handle_seconds=ratio(totals["handle_seconds"], totals["attempts"]),
        hours_worked=round(hours_worked, 4),
        attempts_per_hour=ratio(totals["attempts"], hours_worked),
        days=_days(period, act["day"], {d: round(h, 4) for d, h in hours_by_day.items()}),
        hours=_hours(act["hour"]),
        campaigns=campaigns,
        dispositions=_dispositions(session, act["disp"], totals["attempts"]),
    )


def fingerprint(session: Session) -> tuple:
    """Cheap summary that changes whenever another process adds activity or edits dispositions."""
    return tuple(
        session.execute(
            text(
                """
                SELECT (SELECT max(id) FROM interactions),
                       (SELECT max(id) FROM campaign_records),
                       (SELECT string_agg(md5(concat_ws(',', id, name, colour, sort_order, active, is_contact,
                                                         is_success, needs_callback, is_dnc, is_final)), '' ORDER BY id)
                          FROM dispositions)
                """
            )
        ).one()
    )
