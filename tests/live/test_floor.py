"""The live floor's figures are the campaign report's for "today"; agents' state comes in one snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from welcomedly_desktop.errors import PermissionDenied
from welcomedly_desktop.reports.builders import build_campaign_report, make_period
from welcomedly_desktop.services import assignments, auth, demo, floor


def test_floor_figures_equal_the_campaign_report_of_today(db, admin_actor, supervisor_actor, agent_actor,
                                                         make_campaign, make_agent):
    busy = make_campaign("Busy", status="active")
    quiet = make_campaign("Quiet", status="active")
    other = make_agent("Bea")
    with db.session() as s:
        agent_id = s.execute(text("SELECT id FROM agents WHERE user_id = :u"), {"u": agent_actor.user_id}).scalar_one()
        assignments.assign(s, admin_actor, busy.id, [agent_id, other.id])
        demo.insert_records(s, busy.id, 500)
        demo.insert_records(s, quiet.id, 40, phone_offset=10_000)
        now = s.execute(text("SELECT now()")).scalar_one()
        demo.generate_interactions(s, busy.id, days=2, end=now)
    auth.login(db, agent_actor.email, "correct horse battery", client="gui")  # the agent is logged in

    with db.session() as s:
        snap = floor.floor_snapshot(s, supervisor_actor, now=now)
        today = now.astimezone(dt.timezone.utc).date()
        for camp in snap.campaigns:
            report = build_campaign_report(s, camp.campaign_id, make_period(today, today, "UTC"),
                                           generated_by="test", now=now)
            assert (camp.records, camp.worked, camp.attempts, camp.contacts, camp.successes, camp.callbacks_due) == (
                report.records, report.worked, report.attempts, report.contacts, report.successes,
                report.callbacks_due), camp.name
            assert camp.progress == report.penetration
        expected_hour = dict(s.execute(text(
            "SELECT agent_id, count(*) FROM interactions WHERE started_at >= :h GROUP BY agent_id"),
            {"h": now - dt.timedelta(hours=1)}).all())
        last = dict(s.execute(text("SELECT agent_id, max(ended_at) FROM interactions GROUP BY agent_id")).all())
    assert [c.name for c in snap.campaigns] == ["Busy", "Quiet"]
    busy_row = snap.campaigns[0]
    assert busy_row.records == 500 and busy_row.worked > 0 and busy_row.attempts > 0
    assert snap.campaigns[1].worked == 0 and snap.campaigns[1].progress == 0
    agents = {a.agent_id: a for a in snap.agents}
    assert agents[agent_id].logged_in is True and agents[other.id].logged_in is False
    for aid in (agent_id, other.id):
        assert agents[aid].attempts_last_hour == expected_hour.get(aid, 0)
    # Time since the last outcome, and the campaign worked, for an agent with attempts today.
    worked_today = [a for a in snap.agents if a.last_outcome_at is not None]
    assert worked_today
    for a in worked_today:
        assert a.campaign_name == "Busy"
        assert a.last_outcome_at <= last[a.agent_id]
        assert a.seconds_since_last_outcome == max(0, int((now - a.last_outcome_at).total_seconds()))


def test_agents_cannot_watch_the_floor(db, agent_actor):
    with db.session() as s, pytest.raises(PermissionDenied):
        floor.floor_snapshot(s, agent_actor)
