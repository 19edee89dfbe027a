"""A small hand-built activity data set with answers worked out by hand (see test_metrics.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from welcomedly_desktop.reports import cache

UTC = dt.timezone.utc


def at(day: int, hh: int, mm: int = 0, ss: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hh, mm, ss, tzinfo=UTC)


@dataclass
class Dataset:
    campaign_id: int
    empty_campaign_id: int
    agent_a: int  # linked to agent_actor
    agent_b: int
    records: dict[str, int]
    dispositions: dict[str, int]


def disposition_ids(session) -> dict[str, int]:
    return dict(session.execute(text("SELECT name, id FROM dispositions WHERE campaign_id IS NULL")).all())


def add_records(session, campaign_id: int, names: list[str], agent_id: int | None = None) -> dict[str, int]:
    ids = {}
    for i, name in enumerate(names):
        ids[name] = session.execute(
            text(
                "INSERT INTO campaign_records (campaign_id, name, phone, status, assigned_agent_id) "
                "VALUES (:c, :n, :p, :s, :a) RETURNING id"
            ),
            {"c": campaign_id, "n": name, "p": f"+1555{campaign_id:03d}{i:04d}", "a": agent_id,
             "s": "assigned" if agent_id else "new"},
        ).scalar_one()
    return ids


def add_interaction(session, record_id, campaign_id, agent_id, disposition_id, started, ended, talk, callback=None):
    session.execute(
        text(
            "INSERT INTO interactions (record_id, campaign_id, agent_id, disposition_id, started_at, ended_at, "
            "talk_seconds, callback_at) VALUES (:r, :c, :a, :d, :s, :e, :t, :cb)"
        ),
        {"r": record_id, "c": campaign_id, "a": agent_id, "d": disposition_id, "s": started, "e": ended, "t": talk,
         "cb": callback},
    )


@pytest.fixture(autouse=True)
def _fresh_report_cache():
    cache.invalidate()
    yield
    cache.invalidate()


@pytest.fixture
def dataset(db, admin_actor, agent_actor, make_campaign, make_agent) -> Dataset:
    from welcomedly_desktop.services import agents, assignments, demo

    campaign = make_campaign("Hand-built", status="active")
    empty = make_campaign("Empty", status="active")
    agent_b = make_agent("Bea Agent")
    with db.session() as s:
        agent_a = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, campaign.id, [agent_a, agent_b.id])
        d = disposition_ids(s)
        r = add_records(s, campaign.id, ["r1", "r2", "r3", "r4", "r5", "r6"])
        c = campaign.id
        a, b = agent_a, agent_b.id
        add_interaction(s, r["r1"], c, a, d["No answer"], at(2, 9, 10), at(2, 9, 10, 10), 0)
        add_interaction(s, r["r1"], c, a, d["Sale"], at(3, 10, 0), at(3, 10, 5, 10), 300)
        add_interaction(s, r["r2"], c, a, d["Not interested"], at(2, 9, 50), at(2, 9, 51, 5), 60)
        add_interaction(s, r["r3"], c, b, d["Call back"], at(2, 14, 0), at(2, 14, 2), 120, callback=at(4, 15))
        add_interaction(s, r["r3"], c, b, d["Sale"], at(4, 15, 30), at(4, 15, 33, 20), 200)
        add_interaction(s, r["r4"], c, b, d["Busy"], at(4, 16, 0), at(4, 16, 0, 5), 0)
        add_interaction(s, r["r5"], c, a, d["Voicemail"], at(1, 12, 0), at(1, 12, 0, 20), 0)
        demo.refresh_record_state(s, c, now=at(26, 12))
        # Open callbacks relative to "now" = 2026-11-26 12:00 UTC.
        s.execute(text("UPDATE campaign_records SET callback_at = :t, status = 'assigned' WHERE id = :id"),
                  {"t": at(26, 11), "id": r["r6"]})
        s.execute(text("UPDATE campaign_records SET callback_at = :t WHERE id = :id"), {"t": at(26, 18), "id": r["r4"]})
        s.execute(text("UPDATE campaign_records SET callback_at = :t WHERE id = :id"), {"t": at(27, 10), "id": r["r5"]})
    return Dataset(campaign.id, empty.id, agent_a, agent_b.id, r, d)


@pytest.fixture(autouse=True)
def _widget_application(qapp):
    """Report tests paint PDFs (which needs only QtGui's application) beside widget tests: make
    sure the process's one Qt application is pytest-qt's QApplication, whatever runs first."""
    return qapp
