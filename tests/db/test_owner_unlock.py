"""Issue 18 (5): the sole administrator, locked out, is unlocked by the database's owner without a login."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from welcomedly_desktop.errors import AuthenticationError, PermissionDenied
from welcomedly_desktop.services import auth, recovery

from ..conftest import TEST_PASSWORD


def _lock(db, email: str) -> AuthenticationError:
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationError) as info:
            auth.login(db, email, "wrong password!!")
    return info.value


def test_lockout_message_says_locked_and_until_when(db, admin_actor):
    last = _lock(db, "admin@example.com")
    with db.session() as s:
        until = s.scalar(text("SELECT locked_until FROM login_throttle WHERE email_key = 'admin@example.com'"))
    expected = until.astimezone().strftime("%H:%M")
    # The attempt that locks the account says so, and so does every attempt while it stays locked.
    assert f"is locked after 5 failed attempts until {expected}." in last.user_message
    with pytest.raises(AuthenticationError) as info:
        auth.login(db, "admin@example.com", TEST_PASSWORD)
    assert f"until {expected}." in info.value.user_message
    # Attempts before the lock keep the uniform sentence.
    with pytest.raises(AuthenticationError) as info:
        auth.login(db, "other@example.com", "wrong password!!")
    assert info.value.user_message == auth.LOGIN_FAILED_MESSAGE
    assert until - dt.datetime.now(dt.timezone.utc) <= auth.LOCK_DURATION


def test_owner_unlock_service(db, admin_actor, tmp_path):
    _lock(db, "admin@example.com")
    # A built-in data folder this OS account owns + a connection as the database owner: allowed.
    mine = tmp_path / "pgdata"
    mine.mkdir()
    with db.session() as s:
        assert recovery.owner_unlock(s, "ADMIN@example.com", builtin_pgdata=mine) is True
    assert auth.login(db, "admin@example.com", TEST_PASSWORD).role == "admin"
    with db.session() as s:
        row = s.execute(text("SELECT actor_user_id, details FROM audit_log WHERE action = 'user.unlock'")).one()
    assert row.actor_user_id is None and row.details["by"] == "database owner"
    # A data folder that is not there (or not ours) is refused with one sentence.
    with db.session() as s, pytest.raises(PermissionDenied, match="Only the owner of the database"):
        recovery.owner_unlock(s, "admin@example.com", builtin_pgdata=tmp_path / "missing")


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="needs a non-root POSIX account")
def test_owner_unlock_refuses_a_folder_of_another_account(db, admin_actor):
    with db.session() as s, pytest.raises(PermissionDenied):
        recovery.owner_unlock(s, "admin@example.com", builtin_pgdata=Path("/"))


def test_owner_unlock_refuses_a_role_that_does_not_own_the_database(db, admin_actor, admin_uri):
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS wd_clerk")
        conn.execute("CREATE ROLE wd_clerk NOLOGIN")
        conn.execute("GRANT wd_clerk TO current_user")  # SET ROLE by a non-superuser owner needs it
    try:
        with db.session() as s:
            s.execute(text("SET LOCAL ROLE wd_clerk"))
            with pytest.raises(PermissionDenied):
                recovery.owner_unlock(s, "admin@example.com", builtin_pgdata=None)
            s.rollback()
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute("DROP OWNED BY wd_clerk")
            conn.execute("DROP ROLE wd_clerk")


def test_cli_user_unlock_local_without_a_login(cli_env, db, admin_actor):
    _lock(db, "admin@example.com")
    env = dict(cli_env)
    for key in ("WELCOMEDLY_USER", "WELCOMEDLY_PASSWORD"):
        env.pop(key, None)
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", "user", "unlock", "admin@example.com", "--local"],
                            env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Unlocked admin@example.com."
    assert auth.login(db, "admin@example.com", TEST_PASSWORD).role == "admin"
    # Without --local the same command still needs an administrator's login.
    again = subprocess.run([sys.executable, "-m", "welcomedly_desktop", "user", "unlock", "admin@example.com"],
                           env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert again.returncode != 0 and "Traceback" not in again.stderr
