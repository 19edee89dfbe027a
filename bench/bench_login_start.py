"""Time `welcomedly campaign list` on a shared-URL database (bcrypt cost 12) for two source trees.

Usage: python bench/bench_login_start.py BEFORE_TREE AFTER_TREE (two source checkouts).
Issue 20 used it to measure removing cli._check_password_early (see bench/README.md)."""
import os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path
import pgserver
root = Path(tempfile.mkdtemp(prefix="h20a-bench-"))
server = pgserver.get_server(root / "pgdata", cleanup_mode="delete")
try:
    uri = server.get_uri()
    url = uri.replace("postgresql://", "postgresql+psycopg://", 1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOMEDLY_")}
    env.update(WELCOMEDLY_DATABASE_URL=url, WELCOMEDLY_DATA_DIR=str(root / "data"), WELCOMEDLY_USER="a@example.com",
               WELCOMEDLY_PASSWORD="correct horse battery", WELCOMEDLY_NEW_PASSWORD="correct horse battery")
    py = "/work/main/.venv/bin/python"
    trees = {"before": sys.argv[1], "after": sys.argv[2]}
    urls = {}
    for name, tree in trees.items():
        server.psql(f"CREATE DATABASE db_{name};")
        urls[name] = url.replace("/postgres?", f"/db_{name}?")
        e = dict(env, PYTHONPATH=tree, WELCOMEDLY_DATABASE_URL=urls[name])
        subprocess.run([py, "-m", "welcomedly_desktop", "db", "upgrade"], env=e, cwd=tree, check=True, capture_output=True)
        subprocess.run([py, "-m", "welcomedly_desktop", "user", "add", "--email", "a@example.com", "--name", "A", "--role", "admin"],
                       env=e, cwd=tree, check=True, capture_output=True)
    times = {k: [] for k in trees}
    for _ in range(7):
        for name, tree in trees.items():
            e = dict(env, PYTHONPATH=tree, WELCOMEDLY_DATABASE_URL=urls[name])
            t = time.perf_counter()
            r = subprocess.run([py, "-m", "welcomedly_desktop", "campaign", "list"], env=e, cwd=tree, capture_output=True, text=True)
            times[name].append(time.perf_counter() - t)
            assert r.returncode == 0, (name, r.stderr)
    for name, ts in times.items():
        print(name, "median %.3f s" % statistics.median(ts), "min %.3f" % min(ts), [round(x, 2) for x in ts])
finally:
    server.cleanup(); shutil.rmtree(root, ignore_errors=True)
