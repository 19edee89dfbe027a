"""The `welcomedly` command line end to end, as a subprocess (exit codes, JSON, no tracebacks)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..conftest import TEST_PASSWORD


@pytest.fixture
def run(cli_env):
    def _run(*args: str, user: str | None = None, password: str | None = TEST_PASSWORD, new_password: str | None = None,
             expect: int | None = 0):
        env = dict(cli_env)
        if user:
            env["WELCOMEDLY_USER"] = user
        if password is not None:
            env["WELCOMEDLY_PASSWORD"] = password
        if new_password is not None:
            env["WELCOMEDLY_NEW_PASSWORD"] = new_password
        result = subprocess.run(
            [sys.executable, "-m", "welcomedly_desktop", *args],
            env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        )
        assert "Traceback" not in result.stderr, result.stderr
        if expect is not None:
            assert result.returncode == expect, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    return _run


def _one_sentence(stderr: str) -> str:
    lines = [l for l in stderr.strip().splitlines() if l.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("welcomedly: ") and lines[0].endswith("."), lines[0]
    return lines[0]


def test_cli_scenario(run):
    # db status on the migrated test database
    status = run("db", "status", "--json")
    assert json.loads(status.stdout)["up_to_date"] is True

    # first user on an empty database needs no login and becomes admin
    admin = json.loads(run("user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "supervisor",
                           "--json", password=None, new_password=TEST_PASSWORD).stdout)
    assert admin["role"] == "admin" and admin["id"] >= 1 and "password_hash" not in admin

    as_admin = {"user": "boss@example.com"}
    sup = json.loads(run("user", "add", "--email", "sup@example.com", "--name", "Sup", "--role", "supervisor",
                         "--json", new_password=TEST_PASSWORD, **as_admin).stdout)
    assert sup["role"] == "supervisor"

    # supervisor creates a campaign; end before start is refused with one sentence
    as_sup = {"user": "sup@example.com"}
    bad = run("campaign", "add", "--name", "Bad", "--start", "2026-02-01", "--end", "2026-01-01", expect=1, **as_sup)
    assert "end date" in _one_sentence(bad.stderr)
    camp = json.loads(run("campaign", "add", "--name", "Spring", "--status", "active", "--start", "2026-01-01",
                          "--end", "2026-02-01", "--json", **as_sup).stdout)
    assert camp["name"] == "Spring" and camp["status"] == "active" and camp["start_date"] == "2026-01-01"

    a1 = json.loads(run("agent", "add", "--name", "Ann", "--email", "ann@example.com", "--json", **as_sup).stdout)
    a2 = json.loads(run("agent", "add", "--name", "Ben", "--email", "ben@example.com", "--json", **as_sup).stdout)
    dup = run("agent", "add", "--name", "Ann 2", "--email", "ANN@example.com", expect=1, **as_sup)
    assert "already exists" in _one_sentence(dup.stderr)

    run("assign", "--campaign", str(camp["id"]), "--agent", str(a1["id"]), "--agent", str(a2["id"]), **as_sup)
    shown = json.loads(run("campaign", "show", str(camp["id"]), "--json", **as_sup).stdout)
    assert sorted(a["id"] for a in shown["agents"]) == sorted([a1["id"], a2["id"]])

    updated = json.loads(run("campaign", "update", str(camp["id"]), "--status", "paused", "--json", **as_sup).stdout)
    assert updated["status"] == "paused" and updated["name"] == "Spring"

    listed = json.loads(run("campaign", "list", "--json", **as_sup).stdout)
    assert [c["id"] for c in listed] == [camp["id"]]
    agents = json.loads(run("agent", "list", "--json", **as_sup).stdout)
    assert {a["email"] for a in agents} == {"ann@example.com", "ben@example.com"}

    # supervisors may not manage users
    refused = run("user", "list", expect=1, **as_sup)
    assert "Only administrators" in _one_sentence(refused.stderr)
    users = json.loads(run("user", "list", "--json", **as_admin).stdout)
    assert {u["email"] for u in users} == {"boss@example.com", "sup@example.com"}

    run("campaign", "delete", str(camp["id"]), **as_sup)
    missing = run("campaign", "show", str(camp["id"]), expect=1, **as_sup)
    assert "does not exist" in _one_sentence(missing.stderr)


def test_cli_login_failures_and_unlock(run):
    run("user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin",
        password=None, new_password=TEST_PASSWORD)
    wrong = run("campaign", "list", user="boss@example.com", password="not the password", expect=1)
    assert "incorrect" in _one_sentence(wrong.stderr)
    nobody = run("campaign", "list", password=TEST_PASSWORD, expect=1)
    assert "--user" in _one_sentence(nobody.stderr)
    short = run("user", "add", "--email", "x@example.com", "--name", "X", "--role", "agent",
                user="boss@example.com", new_password="short", expect=1)
    assert "at least 12" in _one_sentence(short.stderr)
    run("user", "unlock", "boss@example.com", user="boss@example.com")


def test_cli_usage_errors_exit_2(run):
    result = run("campaign", "add", "--name", "X", "--start", "tomorrow", expect=2)
    assert "YYYY-MM-DD" in result.stderr
    result = run("user", "add", "--email", "a@b.c", "--name", "n", "--role", "boss", expect=2)
    assert "invalid choice" in result.stderr
    run("no-such-command", expect=2)


def test_cli_unreachable_shared_server_is_one_sentence(run, cli_env):
    result = subprocess.run(
        [sys.executable, "-m", "welcomedly_desktop", "--database-url", "postgresql://nobody@127.0.0.1:1/none", "db", "status"],
        env=cli_env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    line = _one_sentence(result.stderr)
    assert "Could not connect to the database server postgresql+psycopg://nobody@127.0.0.1:1/none" in line


def test_cli_shared_database_behind_head(pg_server, admin_uri, cli_env):
    import psycopg

    from ..conftest import database_uri

    name = "wd_behind_cli"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = dict(cli_env, WELCOMEDLY_DATABASE_URL=database_uri(pg_server, name),
               WELCOMEDLY_USER="a@example.com", WELCOMEDLY_PASSWORD=TEST_PASSWORD)

    def call(*args):
        return subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)

    try:
        status = call("db", "status")
        assert status.returncode == 3 and "behind" in status.stdout
        refused = call("campaign", "list")
        assert refused.returncode == 3 and "welcomedly db upgrade" in _one_sentence(refused.stderr)
        assert call("db", "upgrade").returncode == 0
        assert call("db", "status").returncode == 0
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.builtin_only(reason="PostgreSQL 16's rule (CREATEROLE grants only roles it holds ADMIN on); the office server is 15")
def test_client_role_by_an_owner_without_admin_on_the_group_is_one_sentence(pg_server, admin_uri, cli_env):
    """PostgreSQL 16+ (the built-in server): a CREATEROLE owner may grant only roles it holds the
    ADMIN option on.  Here the cluster-wide group was created by the superuser (the suite's template),
    so ``db client-role`` by the database's owner is refused: one sentence saying who may do it,
    not "an unexpected error"; nothing is left half-made."""
    import psycopg

    from ..conftest import database_uri

    name, owner = "wd_cr_owner_db", "wd_cr_owner"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute("DROP ROLE IF EXISTS wd_cr_ws")
        conn.execute(f"DROP ROLE IF EXISTS {owner}")
        conn.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE")
        conn.execute(f'CREATE DATABASE "{name}" OWNER {owner}')
    url = database_uri(pg_server, name).replace("postgres@", f"{owner}@", 1)
    env = dict(cli_env, WELCOMEDLY_DATABASE_URL=url, WELCOMEDLY_NEW_PASSWORD="workstation secret 1")

    def call(*args):
        return subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)

    try:
        assert call("db", "upgrade").returncode == 0
        refused = call("db", "client-role", "wd_cr_ws")
        assert refused.returncode == 1
        line = _one_sentence(refused.stderr)
        assert "may not create or update the workstation role" in line and "welcomedly_client" in line
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'wd_cr_ws'").fetchone()[0] == 0
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {owner}")
