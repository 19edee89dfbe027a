"""The operation runner: results on the GUI thread, errors shown, GUI never frozen."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import text

from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.gui.operations import OperationRunner

from .conftest import wait_idle


@pytest.fixture
def runner(qapp):
    r = OperationRunner()
    yield r
    r.wait_idle(10)
    r.shutdown()
    r.deleteLater()


def test_success_is_delivered_on_the_gui_thread(qtbot, runner, dialogs):
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    def done(result):
        seen["callback"] = threading.current_thread()
        seen["result"] = result

    op = runner.run(work, done)
    assert runner.busy
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    assert not runner.busy
    assert dialogs.seen == []


def test_typed_error_shows_its_sentence(qtbot, runner, dialogs):
    def work():
        raise ValidationError("name", "Name is required.")

    with qtbot.waitSignal(runner.run(work).done, timeout=5000):
        pass
    assert dialogs.texts() == ["Name is required."]
    assert dialogs.unexpected == []


def test_on_error_returning_true_replaces_the_default(qtbot, runner, dialogs):
    handled = []
    op = runner.run(lambda: 1 / 0, on_error=lambda exc: handled.append(exc) or True)
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert isinstance(handled[0], ZeroDivisionError)
    assert dialogs.seen == []


def test_unexpected_error_is_logged_and_shown_with_details(qtbot, runner, dialogs, caplog):
    dialogs.allow_unexpected = True

    def work():
        raise KeyError("boom-marker")

    with caplog.at_level(logging.ERROR, logger="welcomedly_desktop.gui.operations"):
        with qtbot.waitSignal(runner.run(work, label="exploding").done, timeout=5000):
            pass
    [box] = dialogs.unexpected
    assert "boom-marker" in box.details and "Traceback" in box.details
    assert any("boom-marker" in r.getMessage() and "exploding" in r.getMessage() for r in caplog.records)


def test_copy_details_button_puts_the_traceback_on_the_clipboard(qtbot, runner, dialogs):
    from PySide6.QtGui import QGuiApplication

    dialogs.allow_unexpected = True
    dialogs.answer("Copy details")
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(runner.run(lambda: {}["copy-marker"]).done, timeout=5000):
        pass
    assert "copy-marker" in QGuiApplication.clipboard().text()


def test_gui_thread_stays_live_during_a_slow_query(qtbot, db, make_ctx, admin_actor, dialogs):
    """While pg_sleep(1) runs through the runner, a 20 ms GUI timer keeps firing (max gap < 100 ms)."""
    ctx = make_ctx(admin_actor)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    op = ctx.run_in_session(lambda s: s.execute(text("SELECT pg_sleep(1)")).scalar())
    with qtbot.waitSignal(op.done, timeout=10000):
        pass
    timer.stop()
    assert op.ok
    assert time.perf_counter() - started >= 1.0
    assert len(ticks) >= 20
    gaps = [b - a for a, b in zip([started, *ticks], ticks)]
    assert max(gaps) < 0.1, f"GUI thread blocked for {max(gaps) * 1000:.0f} ms"
    wait_idle(qtbot, ctx)


def test_lost_database_shows_one_sentence_not_a_traceback(qtbot, data_dir, admin_actor, dialogs):
    from welcomedly_desktop.config import Settings
    from welcomedly_desktop.db.engine import Database
    from welcomedly_desktop.gui.context import AppContext
    from welcomedly_desktop.gui.views.campaigns_page import CampaignsPage

    settings = Settings(data_dir=data_dir, database_url="postgresql+psycopg://nobody@127.0.0.1:9/gone",
                        connect_timeout_s=2)
    gone = Database(settings.database_url, settings)
    ctx = AppContext(gone, admin_actor, settings)
    page = CampaignsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    try:
        wait_idle(qtbot, ctx)
    finally:
        ctx.ops.shutdown()
        gone.dispose()
    [box] = dialogs.seen
    assert box.text.startswith("Could not connect to the database server postgresql+psycopg://nobody@127.0.0.1:9/gone")
    assert dialogs.unexpected == [] and "Traceback" not in box.text
    assert page.model.rowCount() == 0
    page.close()
