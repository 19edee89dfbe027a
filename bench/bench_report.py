"""Report benchmark: ``python -m bench.bench_report`` (``make bench-report``).

In ONE run, on ONE PostgreSQL server (a fresh built-in PostgreSQL in a temporary folder):

1. builds one campaign with 1,000,000 records and 2,000,000 interactions over 30 days (12 agents,
   the default dispositions), with the same SQL generators as ``welcomedly demo seed``, then
   ``VACUUM ANALYZE`` (what autovacuum does on a live database);
2. baselines on the same data: ``count(*)`` of the campaign's interactions (the cheapest full
   read) and the naive report query (one GROUP BY over the raw interactions, what the hourly
   roll-up replaces);
3. times (median of 5, cache off) the campaign report for the 30 days, the campaign report for the
   last 7 days, the campaign report for a closed week in the past (distinct-record path), the
   agent report for 30 days, and the rendering of a 20+-page PDF of a campaign report.

Prints seconds, the targets (campaign < 0.5 s, agent < 0.2 s, 20-page PDF < 2 s) and ratios
against the baselines.  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RECORDS = 1_000_000
AGENTS = 12
DAYS = 30


def _median(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=RECORDS, help="records (interactions = 2 x records)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database folder")
    args = parser.parse_args(argv)
    if args.records % 5:
        parser.error("--records must be a multiple of 5 (exactly two attempts per record on average)")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import text

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.db.models import Agent, Campaign, CampaignAssignment
    from welcomedly_desktop.services import reports as report_service
    from welcomedly_desktop.services import demo
    from welcomedly_desktop.services.context import Actor

    root = Path(tempfile.mkdtemp(prefix="wd-bench-report-"))
    from welcomedly_desktop.db.embedded import get_server

    server = get_server(root / "pgdata", cleanup_mode=None if args.keep else "delete")
    try:
        url = server.get_uri("postgres").replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)
        db = Database(url, Settings(data_dir=root, statement_timeout_ms=3_600_000))
        schema.upgrade(db)
        print(f"PostgreSQL in {root}; building {args.records:,} records and {2 * args.records:,} interactions...",
              flush=True)
        t0 = time.perf_counter()
        now = dt.datetime.now(dt.timezone.utc)
        with db.session() as s:
            campaign = Campaign(name="Benchmark campaign", status="active")
            s.add(campaign)
            s.flush()
            agents = [Agent(name=f"Bench Agent {i:02d}", email=f"bench{i}@example.com") for i in range(AGENTS)]
            s.add_all(agents)
            s.flush()
            s.add_all(CampaignAssignment(campaign_id=campaign.id, agent_id=a.id) for a in agents)
            s.flush()
            demo.insert_records(s, campaign.id, args.records)
            interactions = demo.generate_interactions(s, campaign.id, days=DAYS, end=now, attempts_pattern="exact2")
            campaign_id, agent_id = campaign.id, agents[0].id
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        print(f"  built in {time.perf_counter() - t0:.1f} s: {interactions:,} interactions", flush=True)

        actor = Actor(user_id=None, email=None, name="Benchmark", role="admin", client="cli")
        today = now.date()
        month = report_service.make_period(today - dt.timedelta(days=DAYS), today)
        week = report_service.make_period(today - dt.timedelta(days=6), today)
        past_week = report_service.make_period(today - dt.timedelta(days=20), today - dt.timedelta(days=14))

        def run_sql(sql: str, **params) -> None:
            with db.engine.connect() as conn:
                conn.execute(text(sql), params).all()

        base_count = _median(lambda: run_sql("SELECT count(*) FROM interactions WHERE campaign_id = :c", c=campaign_id))
        base_naive = _median(lambda: run_sql(
            "SELECT date_trunc('day', started_at), extract(hour FROM started_at), agent_id, disposition_id, "
            "count(*), sum(talk_seconds) FROM interactions WHERE campaign_id = :c AND started_at >= :a "
            "GROUP BY 1, 2, 3, 4", c=campaign_id, a=now - dt.timedelta(days=DAYS + 1)))

        def campaign_report(period):
            def go():
                with db.session() as s:
                    return report_service.build_campaign_report(s, actor, campaign_id, period)
            return go

        def agent_report():
            with db.session() as s:
                return report_service.build_agent_report(s, actor, agent_id, month)

        report = campaign_report(month)()
        assert report.attempts == interactions, (report.attempts, interactions)
        t_month = _median(campaign_report(month))
        t_week = _median(campaign_report(week))
        t_past = _median(campaign_report(past_week))
        t_agent = _median(agent_report)

        # A 20-page PDF: a campaign report whose period gives enough daily rows to fill 20+ pages.
        from welcomedly_desktop.printing.report_document import ensure_qt_app, write_pdf

        ensure_qt_app()
        pdf = root / "report.pdf"
        days_back, pages = 730, 0
        while pages < 20:
            long_report = campaign_report(report_service.make_period(today - dt.timedelta(days=days_back), today))()
            pages = write_pdf(long_report, pdf)  # also the warm-up (fonts, Qt plugins)
            days_back += 60
        t_pdf = _median(lambda: write_pdf(long_report, pdf), runs=3)

        def line(name: str, seconds: float, target: float | None = None) -> None:
            verdict = "" if target is None else (f"  target < {target:g} s: {'OK' if seconds < target else 'MISSED'}")
            print(f"  {name:<48} {seconds * 1000:8.1f} ms   x{seconds / base_count:5.2f} count(*)"
                  f"   x{seconds / base_naive:5.2f} naive GROUP BY{verdict}")

        print(f"\nBaselines (same data, same server): count(*) {base_count * 1000:.1f} ms, "
              f"naive GROUP BY over raw interactions {base_naive * 1000:.1f} ms")
        line("campaign report, 30 days", t_month, 0.5)
        line("campaign report, last 7 days", t_week, 0.5)
        line("campaign report, a closed week in the past", t_past, 0.5)
        line("agent report, 30 days", t_agent, 0.2)
        line(f"PDF render, {pages} pages", t_pdf, 2.0 if pages >= 20 else None)
        print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} cores")
        db.dispose()
    finally:
        if not args.keep:
            server.cleanup()
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
