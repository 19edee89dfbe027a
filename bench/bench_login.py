"""Login benchmark: ``python -m bench.bench_login [--runs N]`` (issue 15).

On one fresh pgserver: migrates as the superuser, creates the workstations' role (``db client-role``'s
code), a user with bcrypt cost 12, then times (median of N) the app login on a workstation connection
(``app.login_salt`` + bcrypt on the client + ``app.login``: throttle, audit, session, binding) against
the owner connection's Python path (bcrypt check in Python, throttle and audit through the ORM), and
one attach of a pooled connection.  Both include bcrypt (~0.2-0.3 s at cost 12): that dominates.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _median(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    import pgserver

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db import schema, security
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import auth
    from welcomedly_desktop.services.context import Actor

    run_dir = Path(tempfile.mkdtemp(prefix="wd-bench-login-"))
    server = pgserver.get_server(run_dir / "pgdata", cleanup_mode="stop")
    try:
        server.psql("CREATE DATABASE bench;")
        owner_url = server.get_uri("bench").replace("postgresql://", "postgresql+psycopg://", 1).replace("postgres:@", "postgres@", 1)
        settings = Settings(data_dir=run_dir / "data")
        owner = Database(owner_url, settings)
        schema.upgrade(owner)
        with owner.engine.begin() as conn:
            security.create_client_role(conn, "bench_ws", "bench-ws-password")
        with owner.session() as session:
            auth.register(session, Actor.system("cli"), email="a@bench.example", name="A", role="admin",
                          password="a bench password 1")
        client = Database(owner_url.replace("postgres@", "bench_ws:bench-ws-password@", 1), settings)
        assert client.client_mode and not owner.client_mode

        def client_login() -> None:
            auth.login(client, "a@bench.example", "a bench password 1", client="cli")

        def attach() -> None:
            client.engine.dispose()  # a fresh pooled connection: connect + app.attach
            with client.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")

        workstation = _median(client_login, args.runs)
        attach_s = _median(attach, args.runs)
        maintenance = _median(lambda: auth.login(owner, "a@bench.example", "a bench password 1", client="cli"), args.runs)
        print(f"login on a workstation connection (login door): {workstation * 1000:.0f} ms (median of {args.runs})")
        print(f"login on an owner connection (Python path):     {maintenance * 1000:.0f} ms")
        print(f"new pooled connection + app.attach:              {attach_s * 1000:.1f} ms")
        client.dispose()
        owner.dispose()
    finally:
        server.cleanup()
        shutil.rmtree(run_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
