"""Report formulas on the hand-built data set (tests/reports/conftest.py), answers worked out by hand.

Period 2026-11-02 .. 2026-11-04 (UTC) holds interactions 1-6; interaction 7 (r5, 2026-11-01) is outside.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from welcomedly_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from welcomedly_desktop.reports import cache
from welcomedly_desktop.reports.model import ratio
from welcomedly_desktop.services import reports

from .conftest import at

NOW = at(26, 12)
PERIOD = reports.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 4))


def test_ratio_zero_division_is_none():
    assert ratio(3, 0) is None
    assert ratio(0, 0) is None
    assert ratio(None, 5) is None
    assert ratio(0, 4) == 0
    assert ratio(1, 4) == 0.25


def test_campaign_report_known_answers(db, dataset, supervisor_actor):
    with db.session() as s:
        r = reports.build_campaign_report(s, supervisor_actor, dataset.campaign_id, PERIOD, now=NOW)
    assert (r.records, r.worked, r.attempts, r.contacts, r.successes) == (6, 4, 6, 4, 2)
    assert r.penetration == pytest.approx(4 / 6)
    assert r.contact_rate == pytest.approx(1.0)
    assert r.conversion == pytest.approx(0.5)
    assert r.attempts_per_record == pytest.approx(1.5)
    assert r.talk_seconds == 680
    assert r.avg_handle_seconds == pytest.approx(710 / 6)
    assert (r.callbacks_due, r.callbacks_overdue) == (2, 1)
    assert r.generated_by == supervisor_actor.name
    breakdown = {d.name: d.attempts for d in r.dispositions}
    assert breakdown == {"Sale": 2, "Not interested": 1, "Call back": 1, "No answer": 1, "Busy": 1}
    assert [d.name for d in r.dispositions][:2] == ["Sale", "Not interested"]  # catalogue order
    assert sum(d.share for d in r.dispositions) == pytest.approx(1.0)
    days = {p.day.day: (p.attempts, p.contacts, p.successes) for p in r.days}
    assert days == {2: (3, 2, 0), 3: (1, 1, 1), 4: (2, 1, 1)}
    hours = {p.hour: p.attempts for p in r.hours if p.attempts}
    assert len(r.hours) == 24 and hours == {9: 2, 10: 1, 14: 1, 15: 1, 16: 1}
    agents = {a.agent_id: (a.attempts, a.contacts, a.successes, a.conversion, a.talk_seconds) for a in r.agents}
    assert agents == {dataset.agent_a: (3, 2, 1, 0.5, 360), dataset.agent_b: (3, 2, 1, 0.5, 320)}


def test_worked_counts_distinct_records_when_period_ends_before_latest_activity(db, dataset, admin_actor):
    # 11-02..11-03: interactions 1-4 on records r1, r2, r3 (the period ends before the last activity).
    period = reports.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 3))
    with db.session() as s:
        before = s.execute(text("SHOW work_mem")).scalar()
        r = reports.build_campaign_report(s, admin_actor, dataset.campaign_id, period, now=NOW)
        assert s.execute(text("SHOW work_mem")).scalar() == before  # the bigger sort memory was given back
    assert (r.worked, r.attempts, r.contacts, r.successes) == (3, 4, 3, 1)
    assert r.contact_rate == pytest.approx(1.0)
    assert r.conversion == pytest.approx(1 / 3)
    # One day, wholly after the last activity: nothing worked.
    with db.session() as s:
        r = reports.build_campaign_report(s, admin_actor, dataset.campaign_id,
                                           reports.make_period(dt.date(2026, 11, 10), dt.date(2026, 11, 10)), now=NOW)
    assert (r.worked, r.attempts, r.penetration, r.contact_rate, r.conversion) == (0, 0, 0.0, None, None)


def test_empty_campaign_gives_none_not_errors(db, dataset, admin_actor):
    with db.session() as s:
        r = reports.build_campaign_report(s, admin_actor, dataset.empty_campaign_id, PERIOD, now=NOW)
    assert (r.records, r.worked, r.attempts, r.contacts, r.successes) == (0, 0, 0, 0, 0)
    assert r.penetration is None and r.contact_rate is None and r.conversion is None
    assert r.attempts_per_record is None and r.avg_handle_seconds is None
    assert r.dispositions == [] and r.agents == []
    assert len(r.days) == 3 and all(p.attempts == 0 for p in r.days)


def test_agent_report_known_answers(db, dataset, admin_actor):
    with db.session() as s:
        r = reports.build_agent_report(s, admin_actor, dataset.agent_a, PERIOD, now=NOW)
    assert (r.attempts, r.contacts, r.successes) == (3, 2, 1)
    assert r.conversion == pytest.approx(0.5)
    assert r.talk_seconds == 360
    assert r.handle_seconds == 10 + 310 + 65
    assert r.avg_handle_seconds == pytest.approx(385 / 3)
    # 11-02: 09:10:00 -> 09:51:05; 11-03: 10:00:00 -> 10:05:10
    hours = (41 * 60 + 5 + 5 * 60 + 10) / 3600
    assert r.hours_worked == pytest.approx(hours, abs=1e-3)
    assert r.attempts_per_hour == pytest.approx(3 / hours, rel=1e-3)
    assert [(p.day.day, p.attempts) for p in r.days] == [(2, 2), (3, 1), (4, 0)]
    assert [(c.campaign_id, c.attempts, c.successes) for c in r.campaigns] == [(dataset.campaign_id, 3, 1)]


def test_agent_without_activity_has_no_rates(db, dataset, admin_actor, make_agent):
    idle = make_agent("Idle Agent")
    with db.session() as s:
        r = reports.build_agent_report(s, admin_actor, idle.id, PERIOD, now=NOW)
    assert (r.attempts, r.hours_worked) == (0, 0)
    assert r.conversion is None and r.attempts_per_hour is None and r.avg_handle_seconds is None


def test_time_zone_moves_day_and_hour_buckets(db, dataset, admin_actor):
    # New York is UTC-5 in November: 09:10 UTC is 04:10 local.
    period = reports.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 4), "America/New_York")
    with db.session() as s:
        r = reports.build_campaign_report(s, admin_actor, dataset.campaign_id, period, now=NOW)
    assert {p.hour: p.attempts for p in r.hours if p.attempts} == {4: 2, 5: 1, 9: 1, 10: 1, 11: 1}
    assert r.attempts == 6


def test_disposition_flags_define_the_metrics(db, dataset, admin_actor):
    """Cached report, then a flag changes: the next report is recomputed with the new definition."""
    with db.session() as s:
        before = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    with db.session() as s:
        s.execute(text("UPDATE dispositions SET is_contact = true, is_success = true WHERE name = 'Busy'"))
    with db.session() as s:
        after = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert (before.contacts, before.successes) == (4, 2)
    assert (after.contacts, after.successes) == (5, 3)
    assert after.conversion == pytest.approx(3 / 5)


def test_report_cache_returns_same_result_and_is_invalidated_by_activity(db, dataset, admin_actor):
    with db.session() as s:
        first = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
        again = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert dataclasses.replace(again, generated_by="x") == dataclasses.replace(first, generated_by="x")
    assert again.generated_at == first.generated_at  # served from the cache
    assert cache.size() == 1
    with db.session() as s:  # another workstation adds a call: the fingerprint changes
        s.execute(
            text(
                "INSERT INTO interactions (record_id, campaign_id, agent_id, disposition_id, started_at, ended_at) "
                "VALUES (:r, :c, :a, :d, :t, :t)"
            ),
            {"r": dataset.records["r6"], "c": dataset.campaign_id, "a": dataset.agent_a,
             "d": dataset.dispositions["Sale"], "t": at(3, 11)},
        )
    with db.session() as s:
        third = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert third.attempts == first.attempts + 1 and third.successes == first.successes + 1


def test_rollup_follows_updates_and_deletes(db, dataset, admin_actor):
    with db.session() as s:
        s.execute(text("UPDATE interactions SET agent_id = :b WHERE agent_id = :a"),
                  {"a": dataset.agent_a, "b": dataset.agent_b})
        s.execute(text("DELETE FROM interactions WHERE record_id = :r"), {"r": dataset.records["r3"]})
    with db.session() as s:
        r = reports.build_campaign_report(s, admin_actor, dataset.campaign_id, PERIOD, now=NOW)
        exact = s.execute(text(
            "SELECT count(*) FROM interactions WHERE campaign_id = :c AND started_at >= :a AND started_at < :b"),
            {"c": dataset.campaign_id, "a": at(2, 0), "b": at(5, 0)}).scalar()
    assert r.attempts == exact == 4
    assert [(a.agent_id, a.attempts) for a in r.agents] == [(dataset.agent_b, 4)]


def test_roles_agent_sees_only_own_report(db, dataset, agent_actor, supervisor_actor):
    with db.session() as s:
        own = reports.agent_report(s, agent_actor, dataset.agent_a, PERIOD)
        assert own.attempts == 3
        with pytest.raises(PermissionDenied, match="their own"):
            reports.agent_report(s, agent_actor, dataset.agent_b, PERIOD)
        with pytest.raises(PermissionDenied):
            reports.campaign_report(s, agent_actor, dataset.campaign_id, PERIOD)
        assert reports.agent_report(s, supervisor_actor, dataset.agent_b, PERIOD).attempts == 3
        with pytest.raises(NotFoundError):
            reports.campaign_report(s, supervisor_actor, 999_999, PERIOD)


def test_period_validation():
    with pytest.raises(ValidationError, match="start date"):
        reports.make_period(dt.date(2026, 11, 5), dt.date(2026, 11, 4))
    with pytest.raises(ValidationError, match="time zone"):
        reports.make_period(dt.date(2026, 11, 1), dt.date(2026, 11, 4), "Mars/Olympus")
    p = reports.make_period(today=dt.date(2026, 11, 26))
    assert (p.date_from, p.date_to, p.days) == (dt.date(2026, 10, 28), dt.date(2026, 11, 26), 30)
