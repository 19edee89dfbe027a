"""Backup, verify and restore of a large database: seconds, MB/s, peak memory, archive vs raw dump.

In ONE run, on ONE PostgreSQL server (a fresh pgserver in a temporary folder):

1. builds a database with N records (default 1,000,000) and 2 x N interactions, plus upload files
   (default 50 MB of CSV text) in the data folder (not timed);
2. baseline: a plain ``pg_dump --format=custom`` to a file (the raw dump: its time and size);
3. ``backups.create_backup`` (dump + files, encrypted, written, fsynced, read back and verified);
4. ``backups.verify_backup`` of the archive;
5. ``backup_restore.restore_backup`` over the database (verify, new database, counts, switch).

Steps 3-5 each run in a child process so its peak RSS (``ru_maxrss`` from ``wait4``, which
includes the pg_dump/pg_restore it waited for) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORDS = 1_000_000
UPLOAD_MB = 50
PASSPHRASE = "benchmark passphrase"

CHILD = r"""
import json, sys, time
from pathlib import Path
from welcomedly_desktop.config import Settings
from welcomedly_desktop.db.engine import Database
from welcomedly_desktop.services import backups, backup_restore
from welcomedly_desktop.services.context import Actor

op, url, data_dir, arg = sys.argv[1:5]
settings = Settings(data_dir=Path(data_dir), database_url=url, statement_timeout_ms=3_600_000)
db = Database(url, settings)
actor = Actor(user_id=None, email="bench@example.com", name="Benchmark", role="admin", client="cli")
t = time.perf_counter()
if op == "create":
    r = backups.create_backup(db, settings, actor, sys.argv[5], out_dir=Path(arg))
    out = {"path": str(r.path), "bytes": r.bytes, "dump_bytes": r.dump_bytes, "files": r.files}
elif op == "verify":
    r = backups.verify_backup(Path(arg), sys.argv[5])
    out = {"bytes": r.bytes}
else:
    r = backup_restore.restore_backup(db, settings, actor, Path(arg), sys.argv[5])
    out = {"kept_as": r.kept_as}
out["seconds"] = time.perf_counter() - t
db.dispose()
print(json.dumps(out))
"""


def _child(*args: str) -> tuple[dict, float, float]:
    """Run one operation in a child process: (its JSON, wall seconds, peak RSS in MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {err.decode()[-2000:]}")
    return json.loads(out.decode().strip().splitlines()[-1]), wall, usage.ru_maxrss / 1024


def _uploads(root: Path, megabytes: int) -> int:
    """CSV-like lead files (names, phones, e-mails), as callers upload them, stored by SHA-256."""
    import hashlib

    rng = random.Random(17)
    names = ["María", "José", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Andrés", "Sofía", "Pedro"]
    files = max(1, megabytes // 2)
    for n in range(files):
        lines = ["nombre,telefono,correo,ciudad"]
        size = 0
        while size < megabytes * 1024 * 1024 // files:
            line = (f"{rng.choice(names)} {rng.choice(names)}ez,+57 3{rng.randrange(10**9):09d},"
                    f"user{rng.randrange(10**7)}@example.com,Bogotá")
            lines.append(line)
            size += len(line) + 1
        data = ("\n".join(lines) + "\n").encode()
        digest = hashlib.sha256(data).hexdigest()
        target = root / digest[:2] / f"{digest}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_backup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=RECORDS, help="records (interactions = 2 x records)")
    parser.add_argument("--upload-mb", type=int, default=UPLOAD_MB, help="MB of upload files")
    args = parser.parse_args(argv)
    if args.records % 5:
        parser.error("--records must be a multiple of 5")

    import pgserver
    import psycopg

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.db.models import Agent, Campaign, CampaignAssignment
    from welcomedly_desktop.services import demo
    from welcomedly_desktop.services.backup_pg import tool

    root = Path(tempfile.mkdtemp(prefix="wd-bench-backup-"))
    root.chmod(0o755)
    server = pgserver.get_server(root / "pgdata", cleanup_mode="delete")
    try:
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE wdbench")
        url = server.get_uri("wdbench").replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)
        data_dir = root / "data"
        data_dir.mkdir()
        db = Database(url, Settings(data_dir=data_dir, database_url=url, statement_timeout_ms=3_600_000))
        schema.upgrade(db)
        print(f"Building {args.records:,} records, {2 * args.records:,} interactions, {args.upload_mb} MB of uploads...",
              flush=True)
        t0 = time.perf_counter()
        with db.session() as s:
            campaign = Campaign(name="Benchmark campaign", status="active")
            s.add(campaign)
            s.flush()
            agents = [Agent(name=f"Bench Agent {i:02d}", email=f"bench{i}@example.com") for i in range(12)]
            s.add_all(agents)
            s.flush()
            s.add_all(CampaignAssignment(campaign_id=campaign.id, agent_id=a.id) for a in agents)
            s.flush()
            demo.insert_records(s, campaign.id, args.records)
            interactions = demo.generate_interactions(s, campaign.id, days=30, attempts_pattern="exact2")
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        db.dispose()
        files = _uploads(data_dir / "uploads", args.upload_mb)
        upload_bytes = sum(p.stat().st_size for p in (data_dir / "uploads").rglob("*") if p.is_file())
        print(f"  built in {time.perf_counter() - t0:.1f} s: {interactions:,} interactions, {files} files "
              f"({upload_bytes / 1e6:.1f} MB)", flush=True)

        raw = root / "raw.dump"
        t = time.perf_counter()
        subprocess.run([tool("pg_dump"), "--format=custom", "--compress=6", "--file", str(raw),
                        f"--dbname={server.get_uri('wdbench')}"], check=True)
        raw_seconds = time.perf_counter() - t
        raw_bytes = raw.stat().st_size
        raw.unlink()
        with psycopg.connect(server.get_uri("wdbench")) as conn:
            db_bytes = conn.execute("SELECT pg_database_size('wdbench')").fetchone()[0]

        out = root / "backups"
        created, c_wall, c_rss = _child("create", url, str(data_dir), str(out), PASSPHRASE)
        archive = Path(created["path"])
        verified, v_wall, v_rss = _child("verify", url, str(data_dir), str(archive), PASSPHRASE)
        restored, r_wall, r_rss = _child("restore", url, str(data_dir), str(archive), PASSPHRASE)

        mb = created["bytes"] / 1e6
        print(f"\ndatabase {db_bytes / 1e6:,.0f} MB on disk; raw pg_dump -Fc: {raw_bytes / 1e6:,.1f} MB in {raw_seconds:.1f} s; "
              f"uploads {upload_bytes / 1e6:.1f} MB")
        print(f"archive {mb:,.1f} MB = {created['bytes'] / (raw_bytes + upload_bytes):.3f} x (raw dump + uploads), "
              f"{created['bytes'] / raw_bytes:.3f} x raw dump")
        print(f"{'step':<10}{'seconds':>10}{'archive MB/s':>14}{'peak RSS MB':>13}")
        for name, wall, rss in (("backup", c_wall, c_rss), ("verify", v_wall, v_rss), ("restore", r_wall, r_rss)):
            print(f"{name:<10}{wall:>10.1f}{mb / wall:>14.1f}{rss:>13.0f}")
        print(f"(backup includes its own read-back verification; restore includes its verification; raw pg_dump "
              f"alone {raw_seconds:.1f} s)")
        return 0
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
