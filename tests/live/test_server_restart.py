"""``pg_ctl restart -m fast`` on the office server while idle, reading, writing, importing and watching:
one sentence at most, nothing half-done, and everything goes on by itself once the server is back."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from tests.live.helpers import WatchProcess
from welcomedly_desktop.config import short_url
from welcomedly_desktop.errors import ConnectionLost
from welcomedly_desktop.services import campaigns

pytestmark = pytest.mark.slow


def _restart_soon(shared_pg, after_s: float) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(after_s), shared_pg.restart()))
    thread.start()
    return thread


def test_idle_session_goes_on_after_a_restart(office, shared_pg):
    db, admin, _env = office
    with db.session() as s:
        campaigns.create_campaign(s, admin, name="Before")
    shared_pg.restart()
    with db.session() as s:  # the pool's dead connections are replaced: the user sees nothing
        assert [c.name for c in campaigns.list_campaigns(s, admin)] == ["Before"]


def test_read_during_a_restart_is_retried_once_transparently(office, shared_pg):
    db, admin, _env = office
    with db.session() as s:
        campaigns.create_campaign(s, admin, name="Read me")
    calls = []

    def slow_read(session):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) == 1:
            session.execute(text("SELECT pg_sleep(5)"))
        return [c.name for c in campaigns.list_campaigns(session, admin)]

    restarting = _restart_soon(shared_pg, 0.5)
    assert db.read(slow_read) == ["Read me"]
    restarting.join()
    assert len(calls) == 2


def test_write_lost_before_commit_is_told_not_saved_and_never_retried(office, shared_pg):
    db, admin, _env = office
    with db.session() as s:
        camp = campaigns.create_campaign(s, admin, name="Original")
    restarting = _restart_soon(shared_pg, 0.5)
    with pytest.raises(ConnectionLost) as info:
        with db.session() as s:
            campaigns.update_campaign(s, admin, camp.id, name="Renamed")
            s.execute(text("SELECT pg_sleep(5)"))
    restarting.join()
    assert info.value.saved is False
    message = info.value.user_message
    assert "nothing was saved" in message and "\n" not in message and message.endswith(".")
    with db.session() as s:
        assert campaigns.get_campaign(s, admin, camp.id).name == "Original"


def test_write_lost_during_commit_is_checked_by_transaction_status(office, shared_pg):
    """A COMMIT that loses its connection: the outcome is looked up once the server is back (here the
    server aborted it: a deferred trigger keeps the COMMIT busy while the server restarts)."""
    db, admin, _env = office
    with db.session() as s:
        camp = campaigns.create_campaign(s, admin, name="Original")
        s.execute(text("CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN PERFORM pg_sleep(5); RETURN NULL; END $$"))
        s.execute(text("CREATE CONSTRAINT TRIGGER slow_commit AFTER UPDATE ON campaigns DEFERRABLE "
                       "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()"))
    restarting = _restart_soon(shared_pg, 0.7)
    with pytest.raises(ConnectionLost) as info:
        with db.session() as s:
            campaigns.update_campaign(s, admin, camp.id, name="Renamed")
    restarting.join()
    assert info.value.saved is False
    assert info.value.user_message.startswith("The change was not saved")
    with db.session() as s:
        assert campaigns.get_campaign(s, admin, camp.id).name == "Original"


def test_watch_reports_the_loss_reconnects_and_goes_on(office, shared_pg):
    db, admin, env = office
    watcher = WatchProcess(env, admin.email, "--json")
    try:
        watcher.wait_stderr("watching changes")
        with db.session() as s:
            campaigns.create_campaign(s, admin, name="Before")
        [event] = watcher.events(1)
        assert event["entity"] == "campaign"
        restarted = time.monotonic()
        shared_pg.restart()
        watcher.wait_stderr("lost the connection to the database server")
        watcher.wait_stderr("reconnected")
        reconnect_s = time.monotonic() - restarted
        with db.session() as s:
            camp = campaigns.create_campaign(s, admin, name="After")
        [event] = watcher.events(1)
        assert (event["entity"], event["op"], event["ids"]) == ("campaign", "insert", [camp.id])
        print(f"watch reconnected {reconnect_s:.2f} s after the restart began")
    finally:
        assert watcher.stop() == 0


def test_import_during_a_restart_fails_at_once_with_zero_rows_and_says_so_when_the_server_is_back(
        office, shared_pg, tmp_path):
    """The import runs in a ``welcomedly import`` child process, as on another workstation."""
    import subprocess
    import sys

    db, admin, env = office
    with db.session() as s:
        camp = campaigns.create_campaign(s, admin, name="Imported")
    source = tmp_path / "big.csv"
    with source.open("w") as f:
        f.write("name,phone\n")
        for i in range(600_000):
            f.write(f"Client {i},31{i:08d}\n")
    importer = subprocess.Popen([sys.executable, "-m", "welcomedly_desktop", "import", str(source),
                                 "--campaign", str(camp.id)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and importer.poll() is None:
            with db.session() as s:
                if s.execute(text("SELECT count(*) FROM base_campaign_data WHERE status = 'processing'")).scalar():
                    break
            time.sleep(0.05)
        else:
            pytest.fail(f"the import never started: {importer.communicate()}")
        restarted = time.monotonic()
        shared_pg.restart()
        _out, err = importer.communicate(timeout=60)
        ended = time.monotonic()
    finally:
        if importer.poll() is None:
            importer.kill()
    assert importer.returncode == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "no records were added" in lines[0], err
    # The upload row says so as soon as the server is back: checked right when the import ended.
    with db.session() as s:
        status, message = s.execute(text("SELECT status, error_message FROM base_campaign_data")).one()
        records = s.execute(text("SELECT count(*) FROM campaign_records")).scalar()
    assert status == "failed" and "lost during the import" in message
    assert records == 0
    print(f"import ended {ended - restarted:.2f} s after the restart began")


def test_window_says_unreachable_reconnects_and_reloads_its_pages(office, shared_pg, qtbot, dialogs):
    from welcomedly_desktop.gui.context import AppContext
    from welcomedly_desktop.gui.main_window import MainWindow

    db, admin, _env = office
    with db.session() as s:
        campaigns.create_campaign(s, admin, name="Before")
    ctx = AppContext(db, admin, db.settings)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("campaigns")
    qtbot.waitUntil(lambda: window.live.connected and page.model.rowCount() == 1, timeout=10000)
    states: list[tuple[bool, str]] = []
    window.live.state_changed.connect(lambda ok, text_: states.append((ok, text_)))
    restarted = time.monotonic()
    with qtbot.waitSignal(window.live.reconnected, timeout=20000), qtbot.waitSignal(page.loaded, timeout=20000):
        shared_pg.restart()
    reconnect_s = time.monotonic() - restarted
    lost = [t for ok, t in states if not ok]
    assert lost and "Database unreachable" in lost[0] and short_url(db.display_url) in lost[0]  # host:port/database: which server
    assert states[-1][0] is True and window.live.indicator.text().startswith("● Live")
    # ...and the feed works again: another workstation's change shows by itself.
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SET welcomedly.origin = 'elsewhere'")
        conn.exec_driver_sql("INSERT INTO campaigns (name) VALUES ('After')")
        conn.commit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=1000)
    print(f"window reconnected and reloaded {reconnect_s:.2f} s after the restart began")
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=10000)
    window.close()
    ctx.ops.shutdown()
