"""What each role can read and write through ``welcomedly db psql`` (the app's own connection path),
and the admin's user/session commands, all as workstation processes holding only the client credential."""

from __future__ import annotations

import json

import pytest

from tests.security.conftest import welcomedly

pytestmark = pytest.mark.slow

COUNT_RECORDS = "select count(*) from campaign_records"


@pytest.mark.parametrize(("user", "records", "campaigns", "users_visible"), [
    ("agent@office.example", "10", "1", "1"),
    ("super@office.example", "35", "2", "5"),
    ("admin@office.example", "35", "2", "5"),
])
def test_db_psql_reads_with_the_users_rights(office, user, records, campaigns, users_visible):
    done = welcomedly(office.env, "db", "psql", "-qtAX", "-c", COUNT_RECORDS, "-c", "select count(*) from campaigns",
                      "-c", "select count(*) from users", user=user)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{records}\n{campaigns}\n{users_visible}\n"  # nothing of its own in psql's output


@pytest.mark.parametrize(("user", "allowed"), [
    ("agent@office.example", {"audit": False, "campaign": False, "users": False}),
    ("super@office.example", {"audit": False, "campaign": True, "users": False}),
    ("admin@office.example", {"audit": True, "campaign": True, "users": False}),
])
def test_db_psql_writes_with_the_users_rights(office, user, allowed):
    campaign = welcomedly(office.env, "db", "psql", "-qtAX", "-c",
                          "with u as (update campaigns set description = description returning 1) select count(*) > 0 from u",
                          user=user)
    assert campaign.stdout.strip() == ("t" if allowed["campaign"] else "f"), campaign.stderr
    audit = welcomedly(office.env, "db", "psql", "-qtAX", "-c", "select count(*) > 0 from audit_log", user=user)
    assert audit.stdout.strip() == ("t" if allowed["audit"] else "f")
    # Even an admin cannot write users directly: only through the functions, which audit.
    direct = welcomedly(office.env, "db", "psql", "-qtAX", "-c", "update users set role = 'admin'", user=user)
    assert direct.returncode != 0 and "permission denied" in direct.stderr


def test_db_psql_refused_login_exits_1_with_one_sentence(office):
    done = welcomedly(office.env, "db", "psql", "-qtAX", "-c", COUNT_RECORDS, user="agent@office.example",
                      WELCOMEDLY_PASSWORD="wrong password here")
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "incorrect" in done.stderr


def test_user_update_and_session_list_as_admin(office):
    listed = welcomedly(office.env, "session", "list", "--json", user="admin@office.example")
    assert listed.returncode == 0, listed.stderr
    assert isinstance(json.loads(listed.stdout), list)
    renamed = welcomedly(office.env, "user", "update", "agent2@office.example", "--name", "Agent Two", "--json",
                         user="admin@office.example")
    assert renamed.returncode == 0, renamed.stderr
    assert json.loads(renamed.stdout)["name"] == "Agent Two"
    refused = welcomedly(office.env, "user", "update", "agent2@office.example", "--role", "admin",
                         user="super@office.example")
    assert refused.returncode == 1 and "administrator" in refused.stderr.lower()


def test_user_add_agent_creates_or_links_the_agent_profile(office):
    created = welcomedly(office.env, "user", "add", "--email", "newagent@office.example", "--name", "New Agent",
                         "--role", "agent", user="admin@office.example", WELCOMEDLY_NEW_PASSWORD="a new password 123")
    assert created.returncode == 0, created.stderr
    profile = welcomedly(office.env, "db", "psql", "-qtAX", "-c",
                         "select a.email from agents a join users u on u.id = a.user_id where u.email = 'newagent@office.example'",
                         user="admin@office.example")
    assert profile.stdout == "newagent@office.example\n"
    # The new agent logs in through the workstation credential and sees no campaign yet.
    own = welcomedly(office.env, "db", "psql", "-qtAX", "-c", "select count(*) from campaigns",
                     user="newagent@office.example", WELCOMEDLY_PASSWORD="a new password 123")
    assert own.stdout == "0\n", own.stderr
