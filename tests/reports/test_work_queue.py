"""Distribution, rebalancing, the agent work queue and recording dispositions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from welcomedly_desktop.errors import ConflictError, PermissionDenied, ValidationError
from welcomedly_desktop.services import agents, assignments, distribution, work_queue
from welcomedly_desktop.services.dispositions import list_dispositions

from .conftest import add_records, disposition_ids

UTC = dt.timezone.utc


def _loads(db, campaign_id):
    with db.session() as s:
        return dict(s.execute(text(
            "SELECT assigned_agent_id, count(*) FROM campaign_records WHERE campaign_id = :c "
            "AND assigned_agent_id IS NOT NULL AND status <> 'done' GROUP BY 1"), {"c": campaign_id}).all())


@pytest.fixture
def team(db, admin_actor, make_campaign, make_agent):
    campaign = make_campaign("Queue", status="active")
    a, b, c = make_agent("A"), make_agent("B"), make_agent("C")
    with db.session() as s:
        assignments.assign(s, admin_actor, campaign.id, [a.id, b.id, c.id])
    return campaign.id, [a.id, b.id, c.id]


def test_balanced_quotas_fill_least_loaded_first():
    assert distribution.balanced_quotas({1: 3, 2: 0}, 5) == {1: 1, 2: 4}
    assert distribution.balanced_quotas({1: 0, 2: 0, 3: 0}, 7) == {1: 3, 2: 2, 3: 2}
    assert distribution.balanced_quotas({1: 10, 2: 0}, 4) == {1: 0, 2: 4}
    assert distribution.share_quotas({1: 3, 2: 1, 3: 0}, 8) == {1: 6, 2: 2, 3: 0}
    assert sum(distribution.share_quotas({1: 1, 2: 1, 3: 1}, 100).values()) == 100


def test_distribute_balanced_round_robin_and_by_share(db, admin_actor, team):
    campaign_id, (a, b, c) = team
    with db.session() as s:
        add_records(s, campaign_id, [f"x{i}" for i in range(10)])
        result = distribution.distribute(s, admin_actor, campaign_id)
    assert result.total == 10 and sorted(result.assigned.values()) == [3, 3, 4]
    assert sorted(_loads(db, campaign_id).values()) == [3, 3, 4]
    with db.session() as s:  # records interleave: consecutive ids go to different agents
        owners = s.execute(text("SELECT assigned_agent_id FROM campaign_records WHERE campaign_id = :c ORDER BY id"),
                           {"c": campaign_id}).scalars().all()
        assert owners[0] != owners[1] != owners[2]
        assert set(s.execute(text("SELECT status FROM campaign_records WHERE campaign_id = :c"),
                             {"c": campaign_id}).scalars()) == {"assigned"}
    with db.session() as s:  # by share: 3 : 1 : 0
        s.execute(text("UPDATE campaign_assignments SET share = CASE agent_id WHEN :a THEN 3 WHEN :b THEN 1 ELSE 0 END "
                       "WHERE campaign_id = :c"), {"a": a, "b": b, "c": campaign_id})
        add_records(s, campaign_id, [f"y{i}" for i in range(8)])
        result = distribution.distribute(s, admin_actor, campaign_id, by_share=True)
    assert result.assigned == {a: 6, b: 2}
    with db.session() as s:  # nothing left to hand out
        assert distribution.distribute(s, admin_actor, campaign_id).total == 0


def test_distribute_refusals(db, admin_actor, agent_actor, make_campaign, team):
    campaign_id, _ = team
    lonely = make_campaign("Nobody assigned")
    with db.session() as s:
        with pytest.raises(ValidationError, match="no active agents"):
            distribution.distribute(s, admin_actor, lonely.id)
        with pytest.raises(PermissionDenied):
            distribution.distribute(s, agent_actor, campaign_id)


def test_rebalance_moves_open_records_only(db, admin_actor, team):
    campaign_id, (a, b, c) = team
    with db.session() as s:
        ids = add_records(s, campaign_id, [f"z{i}" for i in range(7)], agent_id=a)
        s.execute(text("UPDATE campaign_records SET status = 'done' WHERE id = :id"), {"id": ids["z0"]})
        add_records(s, campaign_id, ["b-own"], agent_id=b)
        result = distribution.rebalance(s, admin_actor, campaign_id, a)
    # 6 open records move; B already had one, so C gets one more: loads end 3/3... B 1+2=3? water-filling
    assert result.total == 6
    loads = _loads(db, campaign_id)
    assert a not in loads and loads[b] + loads[c] == 7 and abs(loads[b] - loads[c]) <= 1
    with db.session() as s:
        assert s.execute(text("SELECT assigned_agent_id FROM campaign_records WHERE id = :id"),
                         {"id": ids["z0"]}).scalar() == a  # closed records stay with who closed them
        with pytest.raises(ValidationError, match="not an active agent"):
            distribution.rebalance(s, admin_actor, campaign_id, b, [999_999])


def _queue_fixture(db, admin_actor, agent_actor, make_campaign):
    campaign = make_campaign("Work", status="active")
    with db.session() as s:
        me = agents.get_for_user(s, agent_actor.user_id).id
        assignments.assign(s, admin_actor, campaign.id, [me])
        r = add_records(s, campaign.id, ["fresh", "retry", "callback-due", "callback-later", "on-dnc"], agent_id=me)
        now = dt.datetime.now(UTC)
        s.execute(text("UPDATE campaign_records SET attempts = 1, status = 'in_progress', last_attempt_at = :t "
                       "WHERE id = :id"), {"t": now - dt.timedelta(days=1), "id": r["retry"]})
        s.execute(text("UPDATE campaign_records SET attempts = 1, status = 'in_progress', callback_at = :t "
                       "WHERE id = :id"), {"t": now - dt.timedelta(minutes=5), "id": r["callback-due"]})
        s.execute(text("UPDATE campaign_records SET attempts = 1, status = 'in_progress', callback_at = :t "
                       "WHERE id = :id"), {"t": now + dt.timedelta(days=1), "id": r["callback-later"]})
        phone = s.execute(text("SELECT phone FROM campaign_records WHERE id = :id"), {"id": r["on-dnc"]}).scalar()
        s.execute(text("INSERT INTO dnc_numbers (phone) VALUES (:p)"), {"p": phone})
    return campaign.id, me, r


def test_queue_order_callbacks_first_then_new_then_retries(db, admin_actor, agent_actor, supervisor_actor, make_campaign):
    campaign_id, me, r = _queue_fixture(db, admin_actor, agent_actor, make_campaign)
    with db.session() as s:
        queue = work_queue.list_queue(s, agent_actor)
        assert [q.name for q in queue] == ["callback-due", "fresh", "retry"]
        assert [q.reason for q in queue] == ["callback", "new", "retry"]
        nxt = work_queue.next_record(s, agent_actor)
        assert nxt.name == "callback-due" and nxt.campaign_name == "Work"
        summary = work_queue.queue_summary(s, agent_actor)
        assert (summary.callbacks_due, summary.fresh, summary.retries, summary.scheduled_callbacks) == (1, 1, 1, 1)
        assert not summary.read_only
        # Supervisors: any agent's queue, read-only; agents: only their own.
        assert work_queue.queue_summary(s, supervisor_actor, agent_id=me).read_only
        assert work_queue.next_record(s, supervisor_actor, agent_id=me).name == "callback-due"
        with pytest.raises(PermissionDenied):
            work_queue.list_queue(s, agent_actor, agent_id=me + 1000)
        # A paused campaign hands nothing out.
        s.execute(text("UPDATE campaigns SET status = 'paused' WHERE id = :c"), {"c": campaign_id})
        assert work_queue.next_record(s, agent_actor) is None


def test_record_disposition_updates_record_report_and_dnc(db, admin_actor, agent_actor, supervisor_actor, make_campaign):
    from welcomedly_desktop.services import reports

    campaign_id, me, r = _queue_fixture(db, admin_actor, agent_actor, make_campaign)
    with db.session() as s:
        d = disposition_ids(s)
        with pytest.raises(PermissionDenied, match="read-only"):
            work_queue.record_disposition(s, supervisor_actor, r["fresh"], d["Sale"])
        with pytest.raises(ValidationError, match="callback"):
            work_queue.record_disposition(s, agent_actor, r["fresh"], d["Call back"])
        later = dt.datetime.now(UTC) + dt.timedelta(hours=3)
        out = work_queue.record_disposition(s, agent_actor, r["fresh"], d["Call back"], notes="  call after lunch ",
                                            talk_seconds=95, callback_at=later, expected_attempts=0)
        assert (out.status, out.attempts, out.added_to_dnc) == ("in_progress", 1, False)
        with pytest.raises(ConflictError):
            work_queue.record_disposition(s, agent_actor, r["fresh"], d["Sale"], expected_attempts=0)
    with db.session() as s:
        rec = s.execute(text("SELECT attempts, status, callback_at, last_disposition_id, last_attempt_at "
                             "FROM campaign_records WHERE id = :id"), {"id": r["fresh"]}).one()
        assert rec.attempts == 1 and rec.status == "in_progress" and rec.callback_at == later
        assert rec.last_disposition_id == d["Call back"] and rec.last_attempt_at is not None
        inter = s.execute(text("SELECT agent_id, notes, talk_seconds, callback_at, created_by FROM interactions "
                               "WHERE record_id = :id"), {"id": r["fresh"]}).one()
        assert tuple(inter) == (me, "call after lunch", 95, later, agent_actor.user_id)
        item = work_queue.get_record(s, agent_actor, r["fresh"])
        assert [h.disposition for h in item.history] == ["Call back"]
        # Do not call: closes the record and lists the number.
        out = work_queue.record_disposition(s, agent_actor, r["retry"], d["Do not call"])
        assert (out.status, out.added_to_dnc) == ("done", True)
        with pytest.raises(ValidationError, match="already closed"):
            work_queue.record_disposition(s, agent_actor, r["retry"], d["Sale"])
    with db.session() as s:
        phone = s.execute(text("SELECT phone FROM campaign_records WHERE id = :id"), {"id": r["retry"]}).scalar()
        assert s.execute(text("SELECT count(*) FROM dnc_numbers WHERE phone = :p"), {"p": phone}).scalar() == 1
        assert s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'dnc.add'")).scalar() == 1
        today = dt.datetime.now(UTC).date()
        rep = reports.agent_report(s, agent_actor, me, reports.make_period(today, today))
        assert (rep.attempts, rep.contacts, rep.talk_seconds) == (2, 2, 95)
        # The callback is in the future: the record left the ready queue.
        assert "fresh" not in [q.name for q in work_queue.list_queue(s, agent_actor)]


def test_dispositions_catalogue_global_plus_campaign(db, admin_actor, agent_actor, make_campaign):
    from welcomedly_desktop.services import dispositions

    one, two = make_campaign("One"), make_campaign("Two")
    with db.session() as s:
        added = dispositions.create_disposition(s, admin_actor, campaign_id=one.id, name="Left message with spouse",
                                                colour="#123456", is_contact=True)
        with pytest.raises(ValidationError):
            dispositions.create_disposition(s, admin_actor, campaign_id=one.id, name="sale")  # clashes with global
        with pytest.raises(PermissionDenied):
            dispositions.create_disposition(s, agent_actor, campaign_id=one.id, name="Mine")
        names_one = [d.name for d in list_dispositions(s, admin_actor, campaign_id=one.id)]
        names_two = [d.name for d in list_dispositions(s, admin_actor, campaign_id=two.id)]
    assert len(names_two) == 8 and names_two[0] == "Sale"
    assert names_one == names_two + ["Left message with spouse"]
    assert added.is_contact and not added.is_success
