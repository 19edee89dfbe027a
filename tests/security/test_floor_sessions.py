"""The Live page's "logged in" on a shared server: the server's open sessions (issue 15), read by a
supervisor's workstation connection (which may not read the audit log, so the fallback would say
"no" for everyone)."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD


def test_logged_in_comes_from_the_servers_sessions(office, tmp_path):
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.services import auth, floor, sessions

    owner = Database(office.owner_url, Settings(data_dir=tmp_path / "owner"))
    watcher = Database(office.client_url, Settings(data_dir=tmp_path / "supervisor"))
    workstation = Database(office.client_url, Settings(data_dir=tmp_path / "agent2"))
    try:
        with owner.session() as s:  # sessions other tests left open
            sessions.end_user_sessions(s, office.users["agent2@office.example"], "test")
        supervisor = auth.login(watcher, "super@office.example", TEST_PASSWORD)
        assert watcher.client_mode

        def agent2_logged_in() -> bool:
            with watcher.session() as s:
                snap = floor.floor_snapshot(s, supervisor)
            assert snap.logins_from == floor.LOGINS_FROM_SESSIONS
            return {a.name: a.logged_in for a in snap.agents}["agent2"]

        assert agent2_logged_in() is False
        auth.login(workstation, "agent2@office.example", TEST_PASSWORD)
        assert agent2_logged_in() is True
        sessions.logout(workstation)
        assert agent2_logged_in() is False
        # The owner (IT's connection) sees the same sessions.
        with owner.session() as s:
            assert floor.logged_in_users(s) == [supervisor.user_id]
    finally:
        sessions.logout(watcher)
        for db in (owner, watcher, workstation):
            db.dispose()
