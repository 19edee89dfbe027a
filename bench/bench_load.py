"""Load benchmark: 20 client processes against one PostgreSQL server for 60 s.

In ONE run, on ONE server (a fresh pgserver in a temporary folder): 4 clients edit campaigns
(optimistic versions: conflicts are expected and counted apart), 3 import small CSV files (200 rows,
phones overlapping between files, into the same campaigns), 5 record call outcomes as agents, 3 build
campaign reports (no cache), and 5 listen to the change feed.  Printed: operations/s, p50/p95/p99
latency per kind, notification delay p50/p95 (from the trigger's clock_timestamp() in the committing
transaction to the listener's receipt: the same machine's clock), errors seen by users (anything but
expected conflicts), then the checks: every import fully present or absent, no duplicate phones per
campaign, one audit row per edit and per import, one interaction per recorded outcome.

    python -m bench.bench_load [--seconds 60] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import shutil
import statistics
import tempfile
import time
import traceback
from pathlib import Path

PASSWORD = "bench password 123"
CAMPAIGNS = 3
AGENTS = 5
RECORDS_PER_CAMPAIGN = 20_000
IMPORT_ROWS = 200
ROLES = ["edit"] * 4 + ["import"] * 3 + ["outcome"] * 5 + ["report"] * 3 + ["listen"] * 5


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _client(index: int, role: str, url: str, data_dir: str, seconds: float, barrier, out) -> None:  # noqa: ANN001
    """One workstation: does its kind of operation in a loop until the time is up; sends its samples."""
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.errors import ConflictError, DuplicateError, WelcomedlyError
    from welcomedly_desktop.services import auth, campaigns, imports, reports, work_queue
    from welcomedly_desktop.services.reports import make_period

    samples: list[tuple[str, float]] = []
    delays: list[float] = []
    counts = {"ok": 0, "conflict": 0, "error": 0}
    errors: list[str] = []
    db = Database(url, Settings(data_dir=Path(data_dir) / f"client{index}"))
    rnd = random.Random(index)
    actor = None
    try:
        # One account per workstation (logins of one account serialise on its throttle row).
        email = f"agent{ROLES[:index].count('outcome')}@bench.example" if role == "outcome" \
            else f"user{index}@bench.example"
        actor = auth.login(db, email, PASSWORD, client="cli")
        db.bind_user(actor.user_id)
    except Exception:  # noqa: BLE001 - reported to the parent
        counts["error"] += 1
        errors.append(f"{role} could not log in: {traceback.format_exc(limit=2)}")
    barrier.wait(600)  # every client logged in and ready before the clock starts
    try:
        if actor is None:
            raise SystemExit
        end = time.time() + seconds
        if role == "listen":
            from welcomedly_desktop.db.changes import ChangeListener

            listener = ChangeListener(url)
            listener.connect()
            while time.time() < end:
                for change in listener.wait(0.5):
                    if change.at is not None:
                        delays.append(time.time() - change.at.timestamp())
            listener.close()
        else:
            workdir = Path(data_dir) / f"client{index}"
            workdir.mkdir(parents=True, exist_ok=True)
            n = 0
            today = dt.date.today()
            period = make_period(today - dt.timedelta(days=6), today)
            with db.session() as s:
                campaign_ids = [c.id for c in campaigns.list_campaigns(s, actor)] if role != "outcome" else []
            while time.time() < end:
                n += 1
                t0 = time.perf_counter()
                try:
                    if role == "edit":
                        cid = rnd.choice(campaign_ids)
                        with db.session() as s:
                            version = campaigns.get_campaign(s, actor, cid).version
                        time.sleep(rnd.uniform(0, 0.05))  # the user types
                        t0 = time.perf_counter()
                        with db.session() as s:
                            campaigns.update_campaign(s, actor, cid, expected_version=version,
                                                      description=f"edited by {index} #{n}")
                    elif role == "import":
                        path = workdir / f"import-{n}.csv"
                        base = rnd.randrange(0, 5_000)  # overlapping phones between files and clients
                        with path.open("w") as f:
                            f.write("name,phone\n")
                            for i in range(IMPORT_ROWS):
                                f.write(f"Client {index}-{n}-{i},+57 31{base + i * 7 + index:08d}\n")
                        t0 = time.perf_counter()
                        imports.import_file(db, actor, path, rnd.choice(campaign_ids))
                    elif role == "outcome":
                        with db.session() as s:
                            item = work_queue.next_record(s, actor)
                            if item is None:
                                time.sleep(0.1)
                                continue
                            dispositions = _dispositions(s)
                            work_queue.record_disposition(s, actor, item.record_id, rnd.choice(dispositions),
                                                          talk_seconds=rnd.randrange(0, 300),
                                                          expected_attempts=item.attempts)
                    elif role == "report":
                        with db.session() as s:
                            reports.campaign_report(s, actor, rnd.choice(campaign_ids), period, use_cache=False)
                    counts["ok"] += 1
                    samples.append((role, time.perf_counter() - t0))
                except (ConflictError, DuplicateError):
                    counts["conflict"] += 1
                except WelcomedlyError as exc:
                    counts["error"] += 1
                    errors.append(f"{role}: {exc.user_message}")
    except SystemExit:
        pass
    except Exception:  # noqa: BLE001 - reported to the parent
        counts["error"] += 1
        errors.append(f"{role} crashed: {traceback.format_exc(limit=3)}")
    finally:
        db.dispose()
        out.put({"index": index, "role": role, "samples": samples, "delays": delays, "counts": counts,
                 "errors": errors[:5]})


_DISPOSITIONS: list[int] = []


def _dispositions(session) -> list[int]:  # noqa: ANN001
    from sqlalchemy import text

    if not _DISPOSITIONS:
        _DISPOSITIONS.extend(session.scalars(text(
            "SELECT id FROM dispositions WHERE campaign_id IS NULL AND active AND NOT needs_callback")))
    return _DISPOSITIONS


def _setup(url: str, root: Path) -> None:
    from sqlalchemy import text

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import agents, assignments, auth, campaigns, demo
    from welcomedly_desktop.services.context import Actor

    db = Database(url, Settings(data_dir=root / "setup"))
    schema.upgrade(db)
    nobody = Actor(user_id=None, email=None, name="bench", role="admin", client="cli")
    with db.session() as s:
        admin = auth.actor_for(auth.register(s, nobody, email="admin@bench.example", name="Admin", role="admin",
                                             password=PASSWORD), "cli")
        for i, role in enumerate(ROLES):
            if role != "outcome":
                auth.register(s, admin, email=f"user{i}@bench.example", name=f"User {i}", role="admin",
                              password=PASSWORD)
        agent_ids = []
        for i in range(AGENTS):
            user = auth.register(s, admin, email=f"agent{i}@bench.example", name=f"Agent {i}", role="agent",
                                 password=PASSWORD)
            agent_ids.append(agents.create_agent(s, admin, name=f"Agent {i}", email=f"a{i}@bench.example",
                                                 user_id=user.id).id)
        for c in range(CAMPAIGNS):
            camp = campaigns.create_campaign(s, admin, name=f"Load {c}", status="active")
            assignments.assign(s, admin, camp.id, agent_ids)
            demo.insert_records(s, camp.id, RECORDS_PER_CAMPAIGN, phone_offset=1_000_000 * (c + 1))
            s.execute(text("UPDATE campaign_records SET assigned_agent_id = (:ids)[1 + id % :n], status = 'assigned' "
                           "WHERE campaign_id = :c"), {"ids": agent_ids, "n": AGENTS, "c": camp.id})
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    db.dispose()


def _checks(url: str, root: Path, totals: dict[str, int]) -> list[tuple[str, bool, str]]:
    from sqlalchemy import text

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database

    db = Database(url, Settings(data_dir=root / "setup"))
    out = []
    with db.session() as s:
        bad_imports = s.execute(text("""
            SELECT u.id, u.status, u.imported, (SELECT count(*) FROM campaign_records r WHERE r.upload_id = u.id)
              FROM base_campaign_data u""")).all()
        wrong = [r for r in bad_imports if (r[1] == "processed" and r[2] != r[3]) or (r[1] != "processed" and r[3])]
        out.append(("every import fully present or absent", not wrong,
                    f"{len(bad_imports)} uploads, {len(wrong)} partial"))
        dups = s.execute(text("SELECT count(*) FROM (SELECT campaign_id, phone FROM campaign_records "
                              "GROUP BY 1, 2 HAVING count(*) > 1) d")).scalar_one()
        out.append(("no duplicate phones per campaign", dups == 0, f"{dups} duplicated phones"))
        audit = dict(s.execute(text("SELECT action, count(*) FROM audit_log GROUP BY action")).all())
        edits = audit.get("campaign.update", 0)
        out.append(("one audit row per edit", edits == totals["edit"], f"{edits} rows for {totals['edit']} edits"))
        processed = s.execute(text("SELECT count(*) FROM base_campaign_data WHERE status = 'processed'")).scalar_one()
        out.append(("one audit row per import", audit.get("upload.import", 0) == processed == totals["import"],
                    f"{audit.get('upload.import', 0)} rows, {processed} processed, {totals['import']} imports"))
        interactions = s.execute(text("SELECT count(*) FROM interactions")).scalar_one()
        out.append(("one interaction per outcome", interactions == totals["outcome"],
                    f"{interactions} interactions for {totals['outcome']} outcomes"))
    db.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database folder")
    args = parser.parse_args(argv)
    import pgserver

    root = Path(tempfile.mkdtemp(prefix="wd-bench-load-"))
    server = pgserver.get_server(root / "pgdata", cleanup_mode=None if args.keep else "delete")
    try:
        url = server.get_uri("postgres").replace("postgresql://", "postgresql+psycopg://", 1).replace(
            "postgres:@", "postgres@", 1)
        t0 = time.perf_counter()
        _setup(url, root)
        print(f"PostgreSQL in {root}; set up in {time.perf_counter() - t0:.1f} s "
              f"({CAMPAIGNS} campaigns x {RECORDS_PER_CAMPAIGN:,} records, {AGENTS} agents)", flush=True)
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        barrier = ctx.Barrier(len(ROLES) + 1)
        procs = [ctx.Process(target=_client, args=(i, role, url, str(root), args.seconds, barrier, out))
                 for i, role in enumerate(ROLES)]
        for p in procs:
            p.start()
        barrier.wait(600)
        print(f"{len(ROLES)} clients logged in; running {args.seconds:g} s", flush=True)
        results = [out.get(timeout=args.seconds + 300) for _ in procs]
        for p in procs:
            p.join(30)
        _report(results, args.seconds, url, root)
    finally:
        if not args.keep:
            server.cleanup()
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _report(results: list[dict], seconds: float, url: str, root: Path) -> None:
    by_kind: dict[str, list[float]] = {}
    delays: list[float] = []
    conflicts: dict[str, int] = {}
    errors = 0
    messages: list[str] = []
    for r in results:
        for kind, latency in r["samples"]:
            by_kind.setdefault(kind, []).append(latency)
        delays.extend(r["delays"])
        conflicts[r["role"]] = conflicts.get(r["role"], 0) + r["counts"]["conflict"]
        errors += r["counts"]["error"]
        messages.extend(r["errors"])
    total = sum(len(v) for v in by_kind.values())
    print(f"\n{len(results)} clients, {seconds:g} s: {total:,} operations, {total / seconds:.1f} operations/s")
    print(f"{'kind':<9} {'ops':>6} {'ops/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in ("edit", "import", "outcome", "report"):
        v = by_kind.get(kind, [])
        print(f"{kind:<9} {len(v):>6} {len(v) / seconds:>7.1f} {_pct(v, 50) * 1000:>8.1f} {_pct(v, 95) * 1000:>8.1f} "
              f"{_pct(v, 99) * 1000:>8.1f}")
    print(f"notifications received by 5 listeners: {len(delays):,}; delay p50 {_pct(delays, 50) * 1000:.1f} ms, "
          f"p95 {_pct(delays, 95) * 1000:.1f} ms, max {max(delays, default=float('nan')) * 1000:.1f} ms")
    print(f"expected conflicts (stale edits, concurrent outcomes, duplicate files): "
          f"{', '.join(f'{k} {v}' for k, v in conflicts.items() if v) or 'none'}; errors seen by users: {errors}")
    for m in messages[:10]:
        print(f"  {m}")
    totals = {k: len(by_kind.get(k, [])) for k in ("edit", "import", "outcome")}
    print("checks:")
    for name, ok, detail in _checks(url, root, totals):
        print(f"  {'OK  ' if ok else 'FAIL'} {name}: {detail}")


if __name__ == "__main__":
    raise SystemExit(main())
