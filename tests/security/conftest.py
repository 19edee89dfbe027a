"""A shared-server database set up as IT would (issue 15): a non-superuser owner runs ``db upgrade``
and ``db client-role``; workstations then hold only the client role's credential.

Every test here runs twice (issue 15): on the office server (Debian's PostgreSQL with pgcrypto,
password logins over TCP) and on the app's built-in PostgreSQL (a socket in a private folder, trust
logins: there the OS account is the boundary, but the same roles and policies must hold)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from tests.conftest import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
OWNER, OWNER_PASSWORD = "wd_owner", "owner-secret-1"
CLIENT, CLIENT_PASSWORD = "wd_ws", "workstation-secret-1"
DATABASE = "wd_security"


@dataclass
class Office:
    owner_url: str
    client_url: str
    client_libpq: str
    psql: str
    env: dict[str, str]
    users: dict[str, int] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)


def welcomedly(env: dict[str, str], *args: str, user: str | None = None, timeout: int = 120,
               **extra: str) -> subprocess.CompletedProcess:
    run_env = dict(env)
    run_env.update(extra)
    if user:
        run_env["WELCOMEDLY_USER"] = user
        run_env.setdefault("WELCOMEDLY_PASSWORD", TEST_PASSWORD)
    return subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=run_env, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


@dataclass
class BuiltinServer:
    """The suite's built-in server (tests/conftest.py ``pg_server``) with the shared server's URL helpers."""

    server: Any

    @property
    def bindir(self) -> Path:
        return Path(self.server.bin_path)

    def url(self, user: str = "postgres", password: str | None = None, database: str = "postgres",
            driver: str = "postgresql+psycopg") -> str:
        host = parse_qs(urlsplit(self.server.get_uri("postgres")).query)["host"][0]
        auth = f"{user}:{password}" if password else user
        return f"{driver}://{auth}@/{database}?host={host}"

    def libpq_url(self, user: str = "postgres", password: str | None = None, database: str = "postgres") -> str:
        return self.url(user, password, database, driver="postgresql")


@pytest.fixture(scope="session", params=["office-server", "built-in"])
def office_server(request):  # noqa: ANN001, ANN201 - SharedServer or BuiltinServer
    if request.param == "office-server":
        return request.getfixturevalue("shared_pg")
    from tests.conftest import SHARED_MODE

    if not SHARED_MODE:
        return BuiltinServer(request.getfixturevalue("pg_server"))
    # `make test-shared`: the default fixtures use the office server, so a built-in one of its own.
    import shutil
    import tempfile

    from welcomedly_desktop.db.embedded import get_server

    root = Path(tempfile.mkdtemp(prefix="wd-office-builtin-"))
    server = get_server(root / "pgdata", cleanup_mode="delete")

    def stop() -> None:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)

    request.addfinalizer(stop)
    return BuiltinServer(server)


@pytest.fixture(scope="session")
def office(office_server, tmp_path_factory) -> Office:
    shared_pg = office_server
    # On the office server IT's credential is a non-superuser owner with CREATEROLE; on the built-in
    # server the OS account's superuser is the owner (as in the app), and there the cluster-wide group
    # role already exists (the suite's template made it), which a CREATEROLE owner could not grant on
    # PostgreSQL 16 (tests/db/test_cli.py checks that sentence).
    builtin = isinstance(office_server, BuiltinServer)
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        for role in (CLIENT, OWNER):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
        if not builtin:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
        conn.execute(f"CREATE DATABASE {DATABASE} OWNER {'postgres' if builtin else OWNER}")
    owner_url = shared_pg.url("postgres", None, DATABASE) if builtin else shared_pg.url(OWNER, OWNER_PASSWORD, DATABASE)
    env = dict(os.environ)
    env.update({"WELCOMEDLY_DATA_DIR": str(tmp_path_factory.mktemp("office-data")), "PYTHONUNBUFFERED": "1",
                "PYTHONPATH": str(ROOT)})
    for key in ("WELCOMEDLY_USER", "WELCOMEDLY_PASSWORD", "WELCOMEDLY_NEW_PASSWORD", "WELCOMEDLY_DATABASE_URL"):
        env.pop(key, None)
    # IT's two steps, with the real CLI.
    for args, extra in ((("db", "upgrade"), {}), (("db", "client-role", CLIENT), {"WELCOMEDLY_NEW_PASSWORD": CLIENT_PASSWORD})):
        done = welcomedly(env, "--database-url", owner_url, *args, **extra)
        assert done.returncode == 0, done.stderr
    office = Office(owner_url, shared_pg.url(CLIENT, CLIENT_PASSWORD, DATABASE),
                    shared_pg.libpq_url(CLIENT, CLIENT_PASSWORD, DATABASE), str(shared_pg.bindir / "psql"), env)
    office.env["WELCOMEDLY_DATABASE_URL"] = office.client_url
    _seed(office)
    return office


def _seed(office: Office) -> None:
    """Users, an agent profile per agent user, two campaigns (the agent assigned to one), records."""
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import agents, assignments, auth, campaigns
    from welcomedly_desktop.services.context import Actor

    db = Database(office.owner_url, Settings(data_dir=Path(office.env["WELCOMEDLY_DATA_DIR"])))
    system = Actor(user_id=None, email=None, name="it", role="admin", client="test")
    try:
        with db.session() as session:
            for email, role in (("admin@office.example", "admin"), ("super@office.example", "supervisor"),
                                ("agent@office.example", "agent"), ("agent2@office.example", "agent"),
                                ("leaver@office.example", "agent")):
                user = auth.register(session, system, email=email, name=email.split("@")[0].title(), role=role,
                                     password=TEST_PASSWORD)
                office.users[email] = user.id
        admin = Actor(user_id=office.users["admin@office.example"], email="admin@office.example", name="Admin",
                      role="admin", client="test")
        with db.session() as session:
            profiles = {}
            for email in ("agent@office.example", "agent2@office.example", "leaver@office.example"):
                profiles[email] = agents.create_agent(session, admin, name=email.split("@")[0], email=email,
                                                      user_id=office.users[email]).id
            for name in ("Mine", "Theirs"):
                office.campaigns[name] = campaigns.create_campaign(session, admin, name=name).id
        with db.session() as session:
            assignments.assign(session, admin, office.campaigns["Mine"],
                                      [profiles["agent@office.example"], profiles["leaver@office.example"]])
            assignments.assign(session, admin, office.campaigns["Theirs"], [profiles["agent2@office.example"]])
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO campaign_records (campaign_id, phone, name, assigned_agent_id, status) "
                "SELECT %(c)s, '300' || lpad(g::text, 7, '0'), 'Mine ' || g, CASE WHEN g <= 3 THEN %(a)s END, "
                "CASE WHEN g <= 3 THEN 'assigned' ELSE 'new' END FROM generate_series(1, 10) g",
                {"c": office.campaigns["Mine"], "a": profiles["agent@office.example"]})
            conn.exec_driver_sql(
                "INSERT INTO campaign_records (campaign_id, phone, name) SELECT %(c)s, '310' || lpad(g::text, 7, '0'), "
                "'Theirs ' || g FROM generate_series(1, 25) g", {"c": office.campaigns["Theirs"]})
    finally:
        db.dispose()
