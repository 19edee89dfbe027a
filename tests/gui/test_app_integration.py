"""Wiring around the pages: the page registry, drops, excepthooks, quit signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget


from .conftest import drop_files, wait_idle


def test_pages_are_built_with_the_context(qtbot, admin_actor, agent_actor, open_window, monkeypatch):
    built = []

    class UploadsPage(QWidget):
        def __init__(self, ctx, parent=None):  # noqa: ANN001
            super().__init__(parent)
            built.append(("uploads", ctx.actor.email))
            self.refreshed = 0

        def refresh(self) -> None:
            self.refreshed += 1

    class WorkQueuePage(QWidget):
        def __init__(self, ctx, parent=None):  # noqa: ANN001
            super().__init__(parent)
            built.append(("work_queue", ctx.actor.email))

    class BrokenReports(QWidget):
        def __init__(self, ctx, parent=None):  # noqa: ANN001
            raise RuntimeError("bug in the reports page")

    monkeypatch.setattr("welcomedly_desktop.gui.views.uploads_page.UploadsPage", UploadsPage)
    monkeypatch.setattr("welcomedly_desktop.gui.views.reports_page.ReportsPage", BrokenReports)
    monkeypatch.setattr("welcomedly_desktop.gui.views.work_queue_page.WorkQueuePage", WorkQueuePage)
    window = open_window(admin_actor)
    uploads = window.show_page("uploads")
    assert isinstance(uploads, UploadsPage) and uploads.refreshed == 1
    window.page_actions["refresh"].trigger()
    assert uploads.refreshed == 2
    reports = window.show_page("reports")  # a bug in a page: logged, error label, window survives
    assert isinstance(reports, QLabel)
    assert "could not be opened" in reports.text()
    assert "work_queue" in window.page_keys  # supervisors/admins: any agent's queue, read-only
    agent_window = open_window(agent_actor)
    assert "work_queue" in agent_window.page_keys
    assert "users" in window.page_keys and "users" not in agent_window.page_keys
    agent_window.show_page("work_queue")
    assert built == [("uploads", "admin@example.com"), ("work_queue", "agent@example.com")]


def test_campaign_panel_accepts_spreadsheet_drops_and_hosts_the_uploads_list(
        qtbot, admin_actor, make_campaign, open_window, monkeypatch, tmp_path):
    calls = []

    def start_import(ctx, campaign_id, paths, parent):  # noqa: ANN001
        calls.append((campaign_id, [p.name for p in paths], parent.objectName()))

    class CampaignUploadsWidget(QLabel):
        def __init__(self, ctx, campaign_id, parent=None):  # noqa: ANN001
            super().__init__(f"uploads of {campaign_id}", parent)
            self.setObjectName("campaignUploads")

    monkeypatch.setattr("welcomedly_desktop.gui.views.campaign_panel.start_import", start_import)
    monkeypatch.setattr("welcomedly_desktop.gui.views.campaign_panel.CampaignUploadsWidget", CampaignUploadsWidget)
    campaign = make_campaign("Droppable")
    window = open_window(admin_actor)
    page = window.show_page("campaigns")
    panel = page.panel
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_campaign(campaign.id)
    assert panel.acceptDrops() and panel.import_button.isVisibleTo(panel)
    assert panel.findChild(QLabel, "campaignUploads").text() == f"uploads of {campaign.id}"

    files = [tmp_path / n for n in ("leads.csv", "more.XLSX", "notes.pdf")]
    for f in files:
        f.write_text("x")
    drop = drop_files(panel, files)
    assert drop.isAccepted()
    assert calls == []  # the drop handler returned before any work started
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    assert calls == [(campaign.id, ["leads.csv", "more.XLSX"], "campaignPanel")]
    # Only unsupported files: refused at the drag stage.
    assert not drop_files(panel, [tmp_path / "notes.pdf"]).isAccepted()


def test_agents_get_no_import_button_nor_drops(qtbot, agent_actor, open_window):
    window = open_window(agent_actor)
    panel = window.show_page("campaigns").panel
    assert not panel.acceptDrops()
    assert not panel.import_button.isVisibleTo(panel)


def test_excepthooks_log_and_report_on_the_gui_thread(qtbot, qapp, caplog):
    from welcomedly_desktop.gui import excepthook

    reports = []
    old_sys, old_thread = sys.excepthook, threading.excepthook
    try:
        excepthook.install(lambda exc, details: reports.append((exc, details, threading.current_thread())))
        try:
            raise ValueError("main-thread-marker")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        worker = threading.Thread(target=lambda: 1 / 0, name="doomed")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(reports) == 2, timeout=2000)
    finally:
        sys.excepthook, threading.excepthook = old_sys, old_thread
    assert "main-thread-marker" in reports[0][1]
    assert isinstance(reports[1][0], ZeroDivisionError)
    assert all(r[2] is threading.main_thread() for r in reports)
    assert any("doomed" in r.getMessage() for r in caplog.records)


def _wait_for_log(path: Path, text: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"exited early: {proc.communicate()}")
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not logged within {timeout} s")


def test_sigterm_quits_cleanly_and_stops_the_embedded_database(tmp_path):
    """The real app on its embedded database: SIGTERM at the login dialog ends it with the server stopped."""
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOMEDLY_")}
    env.update({"WELCOMEDLY_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"})
    proc = subprocess.Popen([sys.executable, "-m", "welcomedly_desktop"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_log(data_dir / "logs" / "welcomedly.log", "Login dialog shown", proc)
        assert (data_dir / "pgdata" / "postmaster.pid").exists()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert not (data_dir / "pgdata" / "postmaster.pid").exists(), "embedded PostgreSQL left running"
    log = (data_dir / "logs" / "welcomedly.log").read_text()
    assert "Received signal 15" in log and "exits with 0" in log


def test_no_display_falls_back_to_the_default_platform_or_says_why(monkeypatch, capsys):
    from welcomedly_desktop.gui.app import choose_platform

    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM_DEFAULT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert "no display found" in choose_platform()
    monkeypatch.setenv("QT_QPA_PLATFORM_DEFAULT", "offscreen")
    assert choose_platform() is None
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    assert "no window is visible" in capsys.readouterr().err
    monkeypatch.setenv("DISPLAY", ":0")
    assert choose_platform() is None
