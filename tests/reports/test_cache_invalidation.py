"""The one cache-invalidation mechanism (services.reports): writes to report tables empty the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from welcomedly_desktop.reports import cache
from welcomedly_desktop.services import reports

from .conftest import add_interaction, at

PERIOD = reports.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 4))


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ("INSERT INTO interactions (record_id) VALUES (1)", True),
        ("update campaign_records SET status = 'done'", True),
        ("WITH x AS (SELECT 1) DELETE FROM dispositions WHERE id = 3", True),
        ("COPY campaign_records (phone) FROM STDIN", True),
        ("TRUNCATE TABLE interaction_hourly", True),
        ("SELECT * FROM campaign_records WHERE id = 1 FOR UPDATE", False),
        ("INSERT INTO audit_log (action) VALUES ('report.export')", False),
        ("SELECT count(*) FROM interactions", False),
    ],
)
def test_writes_report_data(sql, writes):
    assert reports.writes_report_data(sql) is writes


def test_committed_change_the_fingerprint_cannot_see_empties_the_cache(db, dataset, admin_actor):
    with db.session() as s:
        first = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert cache.size() == 1
    with db.session() as s:  # a deletion keeps the highest ids: only the hook notices it
        s.execute(text("DELETE FROM interactions WHERE record_id = :r"), {"r": dataset.records["r3"]})
    assert cache.size() == 0
    with db.session() as s:
        after = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert after.attempts < first.attempts


def test_reads_and_audit_writes_keep_the_cache(db, dataset, admin_actor, tmp_path):
    with db.session() as s:
        report = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    with db.session() as s:
        reports.export_report(s, admin_actor, report, "csv", tmp_path / "r.csv")
        reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    assert cache.size() == 1


def test_rolled_back_change_does_not_leave_its_report_cached(db, dataset, admin_actor):
    s = Session(db.engine)
    try:
        add_interaction(s, dataset.records["r6"], dataset.campaign_id, dataset.agent_a, dataset.dispositions["Sale"],
                        at(3, 11), at(3, 11), 0)
        reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
        assert cache.size() == 1  # built from uncommitted data
        s.rollback()
        assert cache.size() == 0
    finally:
        s.close()
