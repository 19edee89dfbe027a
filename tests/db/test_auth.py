from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text, update

from welcomedly_desktop.db.models import AuditLog, LoginThrottle
from welcomedly_desktop.errors import AuthenticationError, DuplicateError, PermissionDenied, ValidationError
from welcomedly_desktop.services import auth, users
from welcomedly_desktop.services.context import Actor

from ..conftest import TEST_PASSWORD


def _actions(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_first_user_becomes_admin_then_only_admins_create_users(db):
    with db.session() as s:
        first = auth.register(s, None, email="boss@example.com", name="Boss", role="agent", password=TEST_PASSWORD)
        assert first.role == "admin"
    with db.session() as s, pytest.raises(PermissionDenied, match="Only administrators"):
        auth.register(s, None, email="x@example.com", name="X", role="agent", password=TEST_PASSWORD)
    supervisor_like = Actor(user_id=first.id, email="boss@example.com", name="Boss", role="supervisor")
    with db.session() as s, pytest.raises(PermissionDenied):
        auth.register(s, supervisor_like, email="y@example.com", name="Y", role="agent", password=TEST_PASSWORD)


def test_register_rejects_duplicate_email_case_insensitively(db, admin_actor):
    with db.session() as s, pytest.raises(DuplicateError, match="already exists"):
        auth.register(s, admin_actor, email="ADMIN@Example.com", name="Dup", role="agent", password=TEST_PASSWORD)


@pytest.mark.parametrize(
    "password, message",
    [("short", "at least 12"), ("x" * 73, "too long")],
)
def test_register_password_rules(db, admin_actor, password, message):
    with db.session() as s, pytest.raises(ValidationError, match=message):
        auth.register(s, admin_actor, email="new@example.com", name="New", role="agent", password=password)


def test_login_success_returns_actor_and_is_audited(db, supervisor_actor):
    actor = auth.login(db, "SUPER@example.com", TEST_PASSWORD)
    assert actor.user_id == supervisor_actor.user_id and actor.role == "supervisor"
    assert "login.success" in _actions(db)


def test_uniform_failure_message(db, supervisor_actor, make_user):
    make_user("agent", email="inactive@example.com")
    with db.session() as s:
        uid = s.scalar(text("SELECT id FROM users WHERE email='inactive@example.com'"))
        users.set_active(s, auth.actor_for(s.get(auth.User, 1), "gui"), uid, False)
    messages = set()
    for email, password in [
        ("nobody@example.com", TEST_PASSWORD),  # unknown user
        ("super@example.com", "wrong password!!"),  # wrong password
        ("inactive@example.com", TEST_PASSWORD),  # inactive account
    ]:
        with pytest.raises(AuthenticationError) as info:
            auth.login(db, email, password)
        messages.add(info.value.user_message)
    assert messages == {auth.LOGIN_FAILED_MESSAGE}
    assert "locked for 15 minutes" in auth.LOGIN_FAILED_MESSAGE


def test_unknown_user_takes_about_as_long_as_wrong_password(db, supervisor_actor, monkeypatch):
    # Use the product's bcrypt cost for the stored hash so the comparison is meaningful.
    from welcomedly_desktop.services import passwords

    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 12)
    with db.session() as s:
        s.execute(update(auth.User).where(auth.User.id == supervisor_actor.user_id)
                  .values(password_hash=passwords.hash_password(TEST_PASSWORD)))

    def timed(email: str) -> float:
        start = time.perf_counter()
        with pytest.raises(AuthenticationError):
            auth.login(db, email, "definitely wrong pw")
        return time.perf_counter() - start

    known = min(timed("super@example.com") for _ in range(2))
    unknown = min(timed(f"ghost{i}@example.com") for i in range(2))
    # Both spend one cost-12 bcrypt check (~0.2 s); without the dummy hash, unknown would be ~0 s.
    assert unknown > 0.5 * known


def test_five_failures_lock_the_account_and_lock_expires(db, supervisor_actor):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(db, "super@example.com", "wrong password!!")
    # Locked: even the right password is refused, and the message says the account is locked and until when.
    with pytest.raises(AuthenticationError, match=r"is locked after 5 failed attempts until \d\d:\d\d\."):
        auth.login(db, "super@example.com", TEST_PASSWORD)
    actions = _actions(db)
    assert actions.count("login.failure") == 5
    assert "login.lockout" in actions and "login.refused_locked" in actions
    with db.session() as s:
        assert auth.is_locked(s, "super@example.com")
        # 15 minutes pass (moved on the server's clock by shifting the stored lock time).
        s.execute(update(LoginThrottle).values(locked_until=text("now() - interval '1 second'")))
    actor = auth.login(db, "super@example.com", TEST_PASSWORD)
    assert actor.role == "supervisor"


def test_failures_outside_the_window_do_not_accumulate(db, supervisor_actor):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.login(db, "super@example.com", "wrong password!!")
    with db.session() as s:
        s.execute(update(LoginThrottle).values(window_started_at=text("now() - interval '16 minutes'")))
    with pytest.raises(AuthenticationError):
        auth.login(db, "super@example.com", "wrong password!!")
    assert auth.login(db, "super@example.com", TEST_PASSWORD).role == "supervisor"


def test_admin_unlocks_account(db, admin_actor, supervisor_actor):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(db, "super@example.com", "wrong password!!")
    with db.session() as s:
        assert [u.locked for u in users.list_users(s, admin_actor) if u.email == "super@example.com"] == [True]
        assert users.unlock(s, admin_actor, "super@example.com") is True
    assert auth.login(db, "super@example.com", TEST_PASSWORD).role == "supervisor"
    with db.session() as s, pytest.raises(PermissionDenied):
        users.unlock(s, supervisor_actor, "admin@example.com")


def test_change_password(db, supervisor_actor):
    with db.session() as s, pytest.raises(ValidationError, match="current password"):
        auth.change_password(s, supervisor_actor, current_password="not it at all", new_password="another long pw")
    with db.session() as s:
        auth.change_password(s, supervisor_actor, current_password=TEST_PASSWORD, new_password="another long pw")
    assert auth.login(db, "super@example.com", "another long pw").user_id == supervisor_actor.user_id
    with pytest.raises(AuthenticationError):
        auth.login(db, "super@example.com", TEST_PASSWORD)


def test_audit_never_contains_passwords(db, supervisor_actor):
    with pytest.raises(AuthenticationError):
        auth.login(db, "super@example.com", "wrong password!!")
    with db.session() as s:
        auth.change_password(s, supervisor_actor, current_password=TEST_PASSWORD, new_password="another long pw")
    with db.engine.connect() as conn:
        dump = " ".join(str(r) for r in conn.execute(text("SELECT * FROM audit_log")))
    for secret in (TEST_PASSWORD, "wrong password!!", "another long pw", "$2b$"):
        assert secret not in dump


def test_audit_rows_carry_workstation_and_server_time(db, supervisor_actor):
    auth.login(db, "super@example.com", TEST_PASSWORD, client="cli")
    with db.session() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "login.success")).one()
        server_now = s.scalar(text("SELECT now()"))
    assert row.workstation and row.client == "cli" and row.actor_user_id == supervisor_actor.user_id
    assert abs((server_now - row.occurred_at).total_seconds()) < 60


def test_concurrent_logins_to_one_account_do_not_wait_for_each_others_bcrypt(db_url, data_dir, admin_actor):
    """Issue 16's load test: many workstations logging in as ONE account at once queued on its
    login_throttle row while each held it through its bcrypt check, and the later ones hit
    the server's timeouts ("Could not connect…"; each wait is one bcrypt long, so it is the
    statement's total wait that grows).  The check now runs before the row is locked: with a
    statement_timeout shorter than two bcrypt checks, four simultaneous logins all succeed."""
    import threading

    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import passwords

    quick = Database(db_url, Settings(data_dir=data_dir, database_url=db_url, statement_timeout_ms=400))
    try:
        with quick.session() as session:
            session.execute(update(auth.User).where(auth.User.id == admin_actor.user_id).values(
                password_hash=passwords.hash_password(TEST_PASSWORD, rounds=12)))  # ~0.25 s a check
        outcomes: list[object] = []

        def login() -> None:
            try:
                t = time.perf_counter(); outcomes.append(auth.login(quick, admin_actor.email, TEST_PASSWORD, client="cli").email); print("took", time.perf_counter() - t)
            except Exception as exc:  # noqa: BLE001 - recorded and asserted below
                outcomes.append(exc)

        threads = [threading.Thread(target=login) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert outcomes == [admin_actor.email] * 4, outcomes
    finally:
        quick.dispose()
