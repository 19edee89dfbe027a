"""Where the Live page's "logged in" comes from on the built-in database: no server sessions there,
so today's logins and logouts in the audit log; the page says so."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD
from tests.gui.conftest import wait_idle


def test_builtin_database_falls_back_to_the_audit_log_and_says_so(qtbot, db, admin_actor, supervisor_actor,
                                                                   agent_actor, open_window):
    from welcomedly_desktop.services import auth, floor

    with db.session() as s:
        assert floor.logged_in_users(s) is None
        snap = floor.floor_snapshot(s, supervisor_actor)
    assert snap.logins_from == floor.LOGINS_FROM_AUDIT
    assert [a.logged_in for a in snap.agents] == [False]
    auth.login(db, agent_actor.email, TEST_PASSWORD)
    with db.session() as s:
        assert [a.logged_in for a in floor.floor_snapshot(s, supervisor_actor).agents] == [True]
    window = open_window(supervisor_actor, page="live")
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=10000)
    assert "audit log" in page.logins_label.text()
    wait_idle(qtbot, window.ctx)
    window.close()
