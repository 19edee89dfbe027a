"""``welcomedly watch --json`` prints one event per committed change, for every entity of the feed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from tests.live.helpers import WatchProcess
from welcomedly_desktop.services import agents, assignments, campaigns, dispositions, users


def _records(db, campaign_id: int, count: int) -> None:  # noqa: ANN001
    with db.session() as s:
        s.execute(text("INSERT INTO campaign_records (campaign_id, phone) "
                       "SELECT :c, (3000000000 + g)::text FROM generate_series(1, :n) g"),
                  {"c": campaign_id, "n": count})


def test_watch_json_prints_each_entity_with_ids_time_and_author(db, cli_env, admin_actor):
    watcher = WatchProcess(cli_env, admin_actor.email, "--json")
    try:
        watcher.wait_stderr("watching changes")
        db.bind_user(admin_actor.user_id)
        start = dt.datetime.now(dt.timezone.utc)

        with db.session() as s:
            camp = campaigns.create_campaign(s, admin_actor, name="Live drive")
        [event] = watcher.events(1)
        assert event == {"entity": "campaign", "op": "insert", "ids": [camp.id], "at": event["at"],
                         "by": admin_actor.user_id}
        assert abs(dt.datetime.fromisoformat(event["at"]) - start) < dt.timedelta(seconds=30)

        with db.session() as s:
            campaigns.update_campaign(s, admin_actor, camp.id, description="now live")
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("campaign", "update", [camp.id])

        with db.session() as s:
            agent = agents.create_agent(s, admin_actor, name="Ana", email="ana@callcenter.example")
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("agent", "insert", [agent.id])

        with db.session() as s:
            assignments.assign(s, admin_actor, camp.id, [agent.id])
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], len(event["ids"])) == ("assignment", "insert", 1)

        with db.session() as s:
            disp = dispositions.create_disposition(s, admin_actor, name="Sold", is_contact=True, is_success=True)
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("disposition", "insert", [disp.id])

        with db.session() as s:
            users.update_profile(s, admin_actor, admin_actor.user_id, name="Ada Lovelace")
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("user", "update", [admin_actor.user_id])

        # A few records: their ids.  Many: one event per campaign with a count, not one per row.
        _records(db, camp.id, 3)
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], len(event["ids"])) == ("record", "insert", 3)
        _records(db, camp.id, 5000)
        [event] = watcher.events(1)
        assert event["entity"] == "record" and event["op"] == "insert"
        assert event["campaign_id"] == camp.id and event["count"] == 5000 and "ids" not in event

        # Records notify for what other views show (assignment), not for every column.
        with db.session() as s:
            s.execute(text("UPDATE campaign_records SET assigned_agent_id = :a WHERE campaign_id = :c AND phone < '3000000003'"),
                      {"a": agent.id, "c": camp.id})
        [event] = watcher.events(1)  # phones ...01 and ...02 are in both batches: 4 records
        assert (event["entity"], event["op"], len(event["ids"])) == ("record", "update", 4)
        with db.session() as s:
            s.execute(text("UPDATE campaign_records SET name = 'x' WHERE campaign_id = :c"), {"c": camp.id})
        assert watcher.quiet(0.7) == []

        # Uploads (status, progress) and deletes; a rolled-back change sends nothing.
        with db.session() as s:
            upload_id = s.execute(text("INSERT INTO base_campaign_data (campaign_id, status) VALUES (:c, 'processing') "
                                       "RETURNING id"), {"c": camp.id}).scalar_one()
            s.execute(text("UPDATE base_campaign_data SET imported = 10 WHERE id = :u"), {"u": upload_id})
        inserted, updated = watcher.events(2)
        assert (inserted["entity"], inserted["op"], inserted["ids"]) == ("upload", "insert", [upload_id])
        assert (updated["entity"], updated["op"], updated["ids"]) == ("upload", "update", [upload_id])
        with db.session() as s:
            s.execute(text("DELETE FROM campaign_assignments WHERE campaign_id = :c"), {"c": camp.id})
        [event] = watcher.events(1)
        assert (event["entity"], event["op"]) == ("assignment", "delete")
        s = db.new_session()
        s.execute(text("UPDATE campaigns SET description = 'never' WHERE id = :c"), {"c": camp.id})
        s.rollback()
        s.close()
        assert watcher.quiet(0.7) == []
    finally:
        assert watcher.stop() == 0


def test_watch_plain_prints_one_readable_line_per_change(db, cli_env, admin_actor, make_campaign):
    watcher = WatchProcess(cli_env, admin_actor.email)
    try:
        watcher.wait_stderr("watching changes")
        camp = make_campaign("Plain")
        line = watcher.out.get(timeout=10)
        assert f"campaign insert 1 row ({camp.id})" in line
    finally:
        watcher.stop()
