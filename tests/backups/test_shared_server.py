"""A shared server via --database-url: the bundled pg_dump 16 backs up the office's PostgreSQL 15;
restore needs the database owner's credential and renames the old database aside; a pg_dump older
than the server is refused with one sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from ..conftest import TEST_PASSWORD
from .conftest import PASSPHRASE, files_digest, fingerprint, put_uploads

pytestmark = pytest.mark.slow

OWNER_PASSWORD = "owner-secret-1"


def _cli(env: dict, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                            text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == expect, result.stdout + result.stderr
    return result


@pytest.fixture
def office(shared_pg, tmp_path):
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        for stmt in ("DROP DATABASE IF EXISTS office WITH (FORCE)", "DROP ROLE IF EXISTS clerk",
                     "DROP ROLE IF EXISTS stranger", "DROP ROLE IF EXISTS office_owner"):
            conn.execute(stmt)
        # As IT sets a shared server up (README, "Shared server security"): an owner that may create
        # the workstations' roles, and the workstations' credential made by `db client-role`.
        conn.execute(f"CREATE ROLE office_owner LOGIN CREATEDB CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
        conn.execute("CREATE ROLE stranger LOGIN PASSWORD 'stranger-secret'")
        conn.execute("CREATE DATABASE office OWNER office_owner")
    env = dict(os.environ)
    for key in ("WELCOMEDLY_USER", "WELCOMEDLY_PASSWORD", "WELCOMEDLY_DATABASE_URL"):
        env.pop(key, None)
    data = tmp_path / "data"
    data.mkdir()
    env.update({"WELCOMEDLY_DATA_DIR": str(data), "WELCOMEDLY_BACKUP_PASSPHRASE": PASSPHRASE,
                "WELCOMEDLY_NEW_PASSWORD": TEST_PASSWORD})
    url = shared_pg.libpq_url("office_owner", OWNER_PASSWORD, "office")
    _cli(env, "--database-url", url, "db", "upgrade")
    _cli({**env, "WELCOMEDLY_NEW_PASSWORD": "clerk-secret"}, "--database-url", url, "db", "client-role", "clerk")
    _cli(env, "--database-url", url, "user", "add", "--email", "it@example.com", "--name", "IT", "--role", "admin")
    env.update({"WELCOMEDLY_USER": "it@example.com", "WELCOMEDLY_PASSWORD": TEST_PASSWORD})
    _cli(env, "--database-url", url, "demo", "seed", "--records", "2000")
    put_uploads(data / "uploads")
    yield env, url, data
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        for (name,) in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'office%'").fetchall():
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_shared_server_backup_and_restore(office, shared_pg, tmp_path):
    env, url, data = office
    before = fingerprint(url)
    files_before = files_digest(data / "uploads")
    created = json.loads(_cli(env, "--database-url", url, "backup", "create", "--out", str(tmp_path / "b"), "--json").stdout)
    assert created["tables"]["campaign_records"] == 2000
    archive = Path(created["path"])
    _cli(env, "--database-url", url, "backup", "verify", str(archive))

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM interactions")
    (data / "uploads").rename(data / "uploads-lost")

    # Another role than the owner (here the workstations' credential) may not restore.
    clerk = shared_pg.libpq_url("clerk", "clerk-secret", "office")
    refused = _cli(env, "--database-url", clerk, "backup", "restore", str(archive), "--yes", expect=1)
    assert "owner" in refused.stderr
    restored = json.loads(_cli(env, "--database-url", url, "backup", "restore", str(archive), "--yes", "--json").stdout)
    assert restored["kept_as"].startswith("office_before_restore_")
    after = fingerprint(url)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in before.items() if k != "audit_log"}
    assert files_digest(data / "uploads") == files_before
    with psycopg.connect(shared_pg.libpq_url(), autocommit=True) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
        owner = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'office'").fetchone()[0]
    assert restored["kept_as"] in names and owner == "office_owner"
    # The restored database keeps the connect rights of the one it replaced: workstations connect,
    # other roles of the server do not (a dump carries no database privileges).
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT has_database_privilege('clerk', 'office', 'CONNECT'), "
                            "has_database_privilege('stranger', 'office', 'CONNECT')").fetchone() == (True, False)
    # The database renamed aside still holds the data as it was before the restore (interactions deleted).
    aside = shared_pg.libpq_url(database=restored["kept_as"])
    with psycopg.connect(aside) as conn:
        assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 0


@pytest.mark.builtin_only(reason="needs a server newer than Debian's pg_dump 15; the shared server is that 15")
def test_pg_dump_older_than_server_is_refused(db, settings, admin_actor, tmp_path, shared_pg, monkeypatch):
    """Debian's pg_dump 15 against the built-in PostgreSQL 16."""
    from welcomedly_desktop.services import backups
    from welcomedly_desktop.services.backup_pg import BackupToolError

    monkeypatch.setenv("WELCOMEDLY_PG_BIN", str(shared_pg.bindir))
    with pytest.raises(BackupToolError, match=r"pg_dump \(version 15\) is older than the database server \(PostgreSQL 16\)"):
        backups.create_backup(db, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out")
    assert not list((tmp_path / "out").iterdir())


@pytest.fixture
def busy_autovacuum(shared_pg):
    """A database owned by a non-superuser (IT's owner role) with an autovacuum worker slowly at work in it."""
    import time

    owner, password, name = "wd_av_owner", "av-owner-secret-1", "wd_av_busy"
    su = shared_pg.libpq_url()
    with psycopg.connect(su, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"DROP ROLE IF EXISTS {owner}")
        conn.execute(f"CREATE ROLE {owner} LOGIN CREATEDB PASSWORD '{password}'")
        conn.execute(f"CREATE DATABASE {name} OWNER {owner}")
        conn.execute("ALTER SYSTEM SET autovacuum_naptime = 1")
        conn.execute("SELECT pg_reload_conf()")
    try:
        with psycopg.connect(shared_pg.libpq_url(owner, password, name), autocommit=True) as conn:
            # Slow on purpose (cost limit 1): the worker stays in the database until something ends it.
            conn.execute("CREATE TABLE churn (id int, pad text) WITH (autovacuum_vacuum_cost_delay = 100, "
                         "autovacuum_vacuum_cost_limit = 1)")
            conn.execute("INSERT INTO churn SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g")
            conn.execute("DELETE FROM churn")
        deadline = time.monotonic() + 60
        with psycopg.connect(su, autocommit=True) as conn:
            while not conn.execute("SELECT 1 FROM pg_stat_activity WHERE datname = %s "
                                   "AND backend_type = 'autovacuum worker'", (name,)).fetchone():
                assert time.monotonic() < deadline, "precondition: no autovacuum worker came"
                time.sleep(0.2)
        yield shared_pg.libpq_url(owner, password, "postgres"), name
    finally:
        with psycopg.connect(su, autocommit=True) as conn:
            conn.execute("ALTER SYSTEM RESET autovacuum_naptime")
            conn.execute("SELECT pg_reload_conf()")
            for (left,) in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (name + "%",)).fetchall():
                conn.execute(f'DROP DATABASE IF EXISTS "{left}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {owner}")


def test_the_owner_role_drops_a_database_while_autovacuum_works_in_it(busy_autovacuum):
    """PostgreSQL 15 refuses DROP DATABASE ... WITH (FORCE) to a non-superuser when an autovacuum worker
    is in the database (it counts as another role's session); a restore's leftovers must drop anyway."""
    from welcomedly_desktop.services.backup_pg import database_exists, drop_database

    owner_url, name = busy_autovacuum
    with psycopg.connect(owner_url, autocommit=True) as conn:
        drop_database(conn, name)
        assert not database_exists(conn, name)


def test_a_restore_switches_databases_while_autovacuum_works_in_the_current_one(busy_autovacuum):
    """The last step of a restore ends the current database's sessions and renames it aside: as a
    non-superuser owner it must not try to end the autovacuum worker (PostgreSQL 15 refuses)."""
    from welcomedly_desktop.services.backup_pg import database_exists
    from welcomedly_desktop.services.backup_restore import _switch

    owner_url, name = busy_autovacuum
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}_restore_1 TEMPLATE template0")
        kept = _switch(conn, name, f"{name}_restore_1", "1", embedded=False)
        try:
            assert kept == f"{name}_before_restore_1"
            assert database_exists(conn, name) and database_exists(conn, kept)
        finally:
            conn.execute(f"DROP DATABASE IF EXISTS {kept}")
