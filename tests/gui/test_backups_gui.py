"""Backups in the desktop app: the scheduled backup runs on its own worker thread (never the GUI
thread), a failure is shown to admins, and Settings → Backups backs up, cancels, lists and verifies."""

from __future__ import annotations

import threading

import pytest

from welcomedly_desktop.config import BackupSettings
from welcomedly_desktop.services import backup_crypto, backup_schedule

PASSPHRASE = "gui backup passphrase"


@pytest.fixture(autouse=True)
def _backup_env(monkeypatch):
    monkeypatch.setattr(backup_crypto, "SCRYPT_N", 2**14)  # same code path, cheaper key derivation
    monkeypatch.setattr(backup_schedule, "keyring_passphrase", lambda: None)


def _ctx(make_ctx, actor, tmp_path):  # noqa: ANN001, ANN202
    ctx = make_ctx(actor)
    ctx.settings = ctx.settings.with_changes(backup=BackupSettings(directory=str(tmp_path / "nightly")))
    return ctx


def test_scheduled_backup_runs_off_the_gui_thread(make_ctx, admin_actor, tmp_path, qtbot, dialogs, monkeypatch):
    from welcomedly_desktop.gui.backup_scheduler import BackupAgeLabel, BackupScheduler

    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", PASSPHRASE)
    ctx = _ctx(make_ctx, admin_actor, tmp_path)
    label = BackupAgeLabel(ctx)
    qtbot.addWidget(label)
    qtbot.waitUntil(lambda: label.text() != "", timeout=10000)
    assert label.text().endswith("No backup yet") and label.warning  # an admin with no backup is warned
    scheduler = BackupScheduler(ctx, only_builtin=False, first_check_ms=0)
    scheduler.finished.connect(lambda _o: label.refresh())
    try:
        with qtbot.waitSignal(scheduler.finished, timeout=120000) as blocker:
            scheduler.start()
            assert scheduler._first.isActive()  # a timer starts it; nothing ran on the GUI thread
        outcome = blocker.args[0]
        assert outcome.ran and outcome.result.path.exists()
        assert scheduler.last_thread not in (None, threading.main_thread().ident)
        qtbot.waitUntil(lambda: "min ago" in label.text(), timeout=10000)
        assert not label.warning
        # Due only once a day.
        with qtbot.waitSignal(scheduler.finished, timeout=60000) as again:
            scheduler.check()
        assert not again.args[0].ran
    finally:
        scheduler.stop()
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=10000)


def test_failed_automatic_backup_is_shown_to_admins(make_ctx, admin_actor, tmp_path, qtbot, dialogs, monkeypatch):
    from welcomedly_desktop.gui.backup_scheduler import BackupScheduler

    monkeypatch.delenv("WELCOMEDLY_BACKUP_PASSPHRASE", raising=False)
    ctx = _ctx(make_ctx, admin_actor, tmp_path)
    scheduler = BackupScheduler(ctx, only_builtin=False)
    try:
        with qtbot.waitSignal(scheduler.failed, timeout=60000) as blocker:
            scheduler.check()
    finally:
        scheduler.stop()
    assert "passphrase" in blocker.args[0]
    assert any("Automatic backup failed" == s.title for s in dialogs.seen)


def test_backups_dialog_back_up_cancel_list_verify(make_ctx, admin_actor, tmp_path, qtbot, dialogs, monkeypatch):
    from welcomedly_desktop.gui.dialogs.backups_dialog import BackupsDialog

    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", PASSPHRASE)
    ctx = _ctx(make_ctx, admin_actor, tmp_path)
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=10000)
    assert "automatic backups need one" in dialog.keyring_note.text()

    dialog.backup_button.click()
    assert dialog.progress.isVisible() and dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=60000)
    assert "cancelled" in dialog.status_label.text()
    assert not list((tmp_path / "nightly").glob("*.wdbackup"))

    dialog.backup_button.click()
    qtbot.waitUntil(lambda: not ctx.ops.busy and dialog.table.rowCount() == 1, timeout=120000)
    assert "written and verified" in dialog.status_label.text()
    assert dialog.table.item(0, 3).text() == "yes"
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: not ctx.ops.busy and "complete and readable" in dialog.status_label.text(), timeout=60000)
    dialog.close()


def test_backups_dialog_restore_explains_the_restart(make_ctx, admin_actor, tmp_path, qtbot, dialogs, monkeypatch,
                                                      db, admin_uri):
    import psycopg

    from welcomedly_desktop.gui.dialogs.backups_dialog import BackupsDialog
    from welcomedly_desktop.services import campaigns

    monkeypatch.setenv("WELCOMEDLY_BACKUP_PASSPHRASE", PASSPHRASE)
    ctx = _ctx(make_ctx, admin_actor, tmp_path)
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=10000)
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: not ctx.ops.busy and dialog.table.rowCount() == 1, timeout=120000)
    with db.session() as session:
        campaigns.create_campaign(session, admin_actor, name="Made after the backup")
    dialog.table.selectRow(0)
    dialogs.answer("Restore")  # the confirmation
    dialogs.answer("OK")  # "restart the app"
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not ctx.ops.busy and "Restart Welcomedly" in dialog.status_label.text(), timeout=120000)
    assert [s.title for s in dialogs.seen][-2:] == ["Restore backup", "Backup restored"]
    assert "Quit and start Welcomedly again" in dialogs.seen[-1].text
    with db.session() as session:
        names = [c.name for c in campaigns.list_campaigns(session, admin_actor)]
    assert "Made after the backup" not in names
    db.dispose()
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        for (name,) in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE '%before_restore%'").fetchall():
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    dialog.close()
