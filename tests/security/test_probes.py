"""Issue 15's probes, run with real psql and only the workstation's credential on an office server."""

from __future__ import annotations

import subprocess

import bcrypt
import pytest

from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.slow


def psql(office, *statements: str) -> subprocess.CompletedProcess:
    """Statements in one psql session (one connection), stopping at the first error."""
    cmd = [office.psql, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", office.client_libpq]
    for sql in statements:
        cmd += ["-c", sql]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


#: What an attacker tries with the workstation credential and psql, before any app login.
REFUSED = [
    "SELECT password_hash FROM users",
    "SELECT password_verifier FROM users",
    "SELECT * FROM users",
    "UPDATE users SET role = 'admin'",
    "UPDATE users SET active = true",
    "UPDATE users SET password_hash = 'x'",
    "INSERT INTO users (name, email, password_hash, role) VALUES ('x', 'x@x', 'x', 'admin')",
    "DELETE FROM users",
    "UPDATE audit_log SET action = 'x'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "INSERT INTO audit_log (workstation, action) VALUES ('forged', 'login.success')",
    "SELECT app.audit('forged', NULL, NULL, '{}'::jsonb, 1, 'admin@office.example', 'forged', 'gui')",
    "DELETE FROM login_throttle",
    "UPDATE login_throttle SET locked_until = NULL",
    "CREATE TABLE evil (i int)",
    "CREATE TEMP TABLE evil (i int)",
    "CREATE SCHEMA evil",
    "CREATE FUNCTION public.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE VIEW evil AS SELECT 1",
    "ALTER TABLE campaigns ADD COLUMN evil int",
    "DROP TABLE campaign_records",
    "SET session_replication_role = replica",
    "COPY (SELECT 1) TO PROGRAM 'true'",
    "COPY campaign_records TO '/tmp/evil.csv'",
    "SELECT * FROM app.sessions",
    "SELECT * FROM app.secret",
    "SELECT * FROM app.bindings",
    "SELECT app.end_sessions(ARRAY[1::bigint], 'x')",
    "SELECT app.bind(1)",
    "SELECT app.audit_row(1, 'a', 'b', 'c', 'd', NULL, NULL, '{}'::jsonb)",
    "SELECT * FROM app.session_list()",
    "SELECT app.user_create('x@x', 'x', 'admin', '$2b$04$' || repeat('a', 53))",
    "SELECT app.user_update(1, NULL, NULL, 'admin', NULL)",
    "SELECT app.user_unlock('agent@office.example')",
    "ALTER FUNCTION app.login(text, text, text, text) OWNER TO CURRENT_USER",
    "GRANT welcomedly_client TO PUBLIC",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_workstation_credential_refused(office, statement):
    done = psql(office, statement)
    assert done.returncode != 0, f"{statement!r} was allowed: {done.stdout}"
    assert "ERROR" in done.stderr


#: Allowed to run, but show nothing before an app login (row-level security).
EMPTY_BEFORE_LOGIN = ["campaigns", "campaign_records", "agents", "campaign_assignments", "interactions",
                      "dnc_numbers", "base_campaign_data", "import_rejects", "interaction_hourly", "audit_log",
                      "login_throttle", "dispositions"]


def test_no_business_row_before_login(office):
    counts = psql(office, *[f"SELECT count(*) FROM {t}" for t in EMPTY_BEFORE_LOGIN],
                  "SELECT count(*) FROM users",
                  # Session variables do not help: the binding is the server's, not the client's.
                  "SELECT set_config('app.user_id', '1', false)", "SELECT count(*) FROM campaign_records")
    assert counts.returncode == 0, counts.stderr
    lines = counts.stdout.split()
    assert lines[: len(EMPTY_BEFORE_LOGIN) + 1] == ["0"] * (len(EMPTY_BEFORE_LOGIN) + 1)
    assert lines[-1] == "0"
    nothing_owned = psql(office, "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                 "WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND NOT r.rolsuper")
    assert nothing_owned.stdout.split() == ["0"]
    cannot_write = psql(office, "WITH u AS (UPDATE campaign_records SET name = 'x' RETURNING 1) SELECT count(*) FROM u")
    assert cannot_write.stdout.split() == ["0"]


def _login_sql(office, email: str, password: str) -> str:
    salt = psql(office, f"SELECT app.login_salt('{email}')").stdout.strip()
    proof = bcrypt.hashpw(password.encode(), salt.encode()).decode()
    return f"SELECT app.login('{email}', '{proof}', 'probe-host', 'psql') IS NOT NULL"


def test_login_salt_does_not_tell_whether_an_account_exists(office):
    real = psql(office, "SELECT app.login_salt('agent@office.example')").stdout.strip()
    unknown = psql(office, "SELECT app.login_salt('nobody@office.example')").stdout.strip()
    again = psql(office, "SELECT app.login_salt('nobody@office.example')").stdout.strip()
    assert len(real) == len(unknown) == 29 and real[:7] == unknown[:7]
    assert unknown == again  # deterministic: asking twice tells nothing either
    bcrypt.hashpw(b"anything", unknown.encode())  # a salt bcrypt accepts


def test_agent_after_login_sees_only_their_campaigns_and_cannot_escalate(office):
    done = psql(office, _login_sql(office, "agent@office.example", TEST_PASSWORD),
                "SELECT count(*) FROM campaign_records", "SELECT string_agg(name, ',' ORDER BY name) FROM campaigns",
                "SELECT count(*) FROM users",
                "WITH u AS (UPDATE campaign_records SET name = 'x' WHERE name LIKE 'Theirs%' RETURNING 1) SELECT count(*) FROM u",
                "WITH u AS (UPDATE campaign_records SET status = 'in_progress' WHERE assigned_agent_id IS NOT NULL RETURNING 1) "
                "SELECT count(*) FROM u",
                "WITH u AS (UPDATE campaigns SET name = 'x' RETURNING 1) SELECT count(*) FROM u",
                "SELECT app.audit('probe.check', NULL, NULL, '{}'::jsonb, 1, 'admin@office.example', 'forged', 'gui')")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:7] == ["t", "10", "Mine", "1", "0", "3", "0"]
    for statement in ("UPDATE users SET role = 'admin'", "SELECT password_hash FROM users", "DELETE FROM audit_log",
                      "SELECT app.user_update(%d, NULL, NULL, 'admin', NULL)" % office.users["agent@office.example"],
                      "INSERT INTO campaigns (name) VALUES ('mine now')"):
        refused = psql(office, _login_sql(office, "agent@office.example", TEST_PASSWORD), statement)
        assert refused.returncode != 0, statement
    # The audit row the agent asked for names the agent and the session's workstation, not what was passed.
    admin = psql(office, _login_sql(office, "admin@office.example", TEST_PASSWORD),
                 "SELECT actor_email || ' ' || workstation FROM audit_log WHERE action = 'probe.check'")
    assert admin.stdout.split("\n")[1] == "agent@office.example probe-host"


def test_supervisor_reads_all_business_data_but_cannot_manage_users(office):
    done = psql(office, _login_sql(office, "super@office.example", TEST_PASSWORD),
                "SELECT count(*) FROM campaign_records", "SELECT count(*) FROM campaigns",
                "WITH u AS (UPDATE campaigns SET description = 'checked' RETURNING 1) SELECT count(*) FROM u",
                "SELECT count(*) FROM audit_log")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:5] == ["t", "35", "2", "2", "0"]
    refused = psql(office, _login_sql(office, "super@office.example", TEST_PASSWORD),
                   "SELECT app.user_update(%d, NULL, NULL, 'admin', NULL)" % office.users["super@office.example"])
    assert refused.returncode != 0 and "only admin may" in refused.stderr


def test_every_attempt_through_the_door_counts_and_a_locked_account_stays_locked(office):
    email = "agent2@office.example"
    for _ in range(5):
        assert psql(office, f"SELECT app.login('{email}', 'not-a-proof', 'probe-host', 'psql') IS NULL").stdout.strip() == "t"
    # The right password no longer opens the door while the account is locked, for psql too.
    locked = psql(office, _login_sql(office, email, TEST_PASSWORD), "SELECT count(*) FROM campaign_records")
    assert locked.stdout.split() == ["f", "0"]
    admin = psql(office, _login_sql(office, "admin@office.example", TEST_PASSWORD),
                 f"SELECT app.user_unlock('{email}')")
    assert admin.stdout.split() == ["t", "t"]
    assert psql(office, _login_sql(office, email, TEST_PASSWORD)).stdout.strip() == "t"


def test_agent_records_outcomes_only_of_records_handed_to_them(office):
    outcome = ("INSERT INTO interactions (record_id, campaign_id, agent_id, disposition_id, started_at, ended_at) "
               "SELECT r.id, r.campaign_id, r.assigned_agent_id, (SELECT min(id) FROM dispositions), now(), now() "
               "FROM campaign_records r WHERE {where} LIMIT 1 RETURNING 1")
    mine = psql(office, _login_sql(office, "agent@office.example", TEST_PASSWORD),
                outcome.format(where="r.assigned_agent_id IS NOT NULL"),
                "SELECT count(*) FROM interaction_hourly")  # kept by its triggers, which run for the agent too
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout.split("\n")[:3] == ["t", "1", "1"]
    # A record of their campaign not handed to them: the policy refuses the row.
    not_handed = psql(office, _login_sql(office, "agent@office.example", TEST_PASSWORD),
                      outcome.format(where="r.assigned_agent_id IS NULL").replace("r.assigned_agent_id, (",
                                                                                 "(SELECT app.current_agent_id()), ("))
    assert not_handed.returncode != 0 and "row-level security" in not_handed.stderr


def test_an_unknown_identifier_through_the_door_is_never_stored_as_typed(office):
    """Issue 20's rule holds for the login written in SQL too: a password typed in the e-mail field is
    throttled under a keyed hash and audited as 'unknown'."""
    typed = "Hunter2-Secret-Typed-As-Email"
    assert psql(office, f"SELECT app.login('{typed}', 'not-a-proof', 'probe-host', 'psql') IS NULL").stdout.strip() == "t"
    import psycopg

    with psycopg.connect(office.owner_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        throttled = conn.execute("SELECT email_key FROM login_throttle WHERE email_key ILIKE %s OR email_key LIKE 'unknown:%%'",
                                 (f"%{typed}%",)).fetchall()
        audited = conn.execute("SELECT actor_email, details::text FROM audit_log WHERE workstation = 'probe-host' "
                               "AND action = 'login.failure' ORDER BY id DESC LIMIT 1").fetchone()
        leaked = conn.execute("SELECT count(*) FROM audit_log WHERE actor_email ILIKE %s OR details::text ILIKE %s",
                              (f"%{typed}%", f"%{typed}%")).fetchone()[0]
    assert throttled and all(key.startswith("unknown:") and typed.lower() not in key for (key,) in throttled)
    assert audited[0] == "unknown"
    assert leaked == 0
