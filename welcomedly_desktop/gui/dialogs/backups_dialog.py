"""Settings → Backups: destination, passphrase (OS keyring), retention, "Back up now" with progress
and cancel, and the list of backups with Verify and Restore.  All work runs off the GUI thread;
the rules are in services/backups.py, backup_schedule.py and backup_restore.py."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.config import save_settings
from welcomedly_desktop.errors import OperationCancelled, WelcomedlyError
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.services import backup_restore, backups
from welcomedly_desktop.i18n import localized
from welcomedly_desktop.formatting import format_datetime, format_number


class BackupsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[backups.BackupEntry] = []
        self._cancel = threading.Event()
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.resize(720, 520)
        b = ctx.settings.backup

        self.dir_edit = QLineEdit(str(backups.default_dir(ctx.settings)), self)
        self.dir_edit.setObjectName("backupDirEdit")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.dir_edit, 1)
        dir_row.addWidget(browse)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphraseEdit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("kept in the system keyring"))
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.daily_spin = QSpinBox(self)
        self.daily_spin.setRange(1, 3650)
        self.daily_spin.setValue(b.keep_daily)
        self.monthly_spin = QSpinBox(self)
        self.monthly_spin.setRange(0, 240)
        self.monthly_spin.setValue(b.keep_monthly)
        self.automatic_check = QCheckBox(self.tr("Back up the built-in database every day"), self)
        self.automatic_check.setChecked(b.automatic)
        self.s3_check = QCheckBox(self.tr("Copy each backup to the S3 bucket of the upload storage"), self)
        self.s3_check.setChecked(b.s3_copy)
        save = QPushButton(self.tr("Save settings"), self)
        save.setObjectName("saveButton")
        save.clicked.connect(self.save)

        form = QFormLayout()
        form.addRow(self.tr("Folder:"), dir_row)
        form.addRow(self.tr("Passphrase:"), self.passphrase_edit)
        form.addRow("", self.keyring_note)
        form.addRow(self.tr("Daily backups kept:"), self.daily_spin)
        form.addRow(self.tr("Monthly backups kept:"), self.monthly_spin)
        form.addRow("", self.automatic_check)
        form.addRow("", self.s3_check)
        form.addRow("", save)

        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.clicked.connect(self.backup_now)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelBackupButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("backupStatus")
        self.status_label.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.backup_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Created"), self.tr("Size"), self.tr("Verified")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        list_row = QHBoxLayout()
        list_row.addWidget(self.verify_button)
        list_row.addWidget(self.restore_button)
        list_row.addStretch(1)
        list_row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(list_row)
        self._busy_widgets = [self.backup_button, self.verify_button, self.restore_button, save]
        self.ctx.run(backups.keyring_passphrase, self._show_keyring, label="backup passphrase", parent=self)
        self.refresh()

    # -- settings --------------------------------------------------------------------------
    def _show_keyring(self, passphrase: str | None) -> None:
        self.has_stored_passphrase = bool(passphrase)
        self.keyring_note.setText(
            self.tr("A passphrase is kept in the system keyring; type a new one to replace it.") if passphrase else
            self.tr("No passphrase is kept yet: automatic backups need one (kept in the system keyring). "
                    "Without a passphrase nobody, you included, can read a backup."))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.dir_edit.text())
        if folder:
            self.dir_edit.setText(folder)

    def save(self) -> None:
        settings = self.ctx.settings
        default = str(settings.data_dir / "backups")
        directory = self.dir_edit.text().strip() or None
        new = dataclasses.replace(settings.backup, directory=None if directory == default else directory,
                                  keep_daily=self.daily_spin.value(), keep_monthly=self.monthly_spin.value(),
                                  automatic=self.automatic_check.isChecked(), s3_copy=self.s3_check.isChecked())
        passphrase = self.passphrase_edit.text()

        def work():  # noqa: ANN202
            if passphrase:
                backups.store_passphrase(passphrase)
            return save_settings(settings, backup=new)

        self.ctx.run(work, self._saved, label="save backup settings", parent=self)

    def _saved(self, settings) -> None:  # noqa: ANN001
        self.ctx.settings = settings
        self.passphrase_edit.clear()
        self.status_label.setText(self.tr("Backup settings saved."))
        self.ctx.run(backups.keyring_passphrase, self._show_keyring, label="backup passphrase", parent=self)
        self.refresh()

    def _passphrase(self) -> str | None:
        return self.passphrase_edit.text() or None

    # -- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        folder = Path(self.dir_edit.text().strip() or backups.default_dir(self.ctx.settings))

        def work():  # noqa: ANN202
            return backups.list_backups(folder) if folder.is_dir() else []

        self.ctx.run(work, self._show_list, label="list backups", parent=self)

    def _show_list(self, entries: list) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            created = format_datetime(e.created_at.astimezone()) if e.created_at else "?"
            for col, text in enumerate([e.path.name, created, format_number(e.bytes / 1e6, 1) + " MB",
                                        self.tr("yes") if e.verified else self.tr("no")]):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if entries:
            self.table.selectRow(0)

    def selected(self) -> backups.BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    # -- actions ---------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in self._busy_widgets:
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if text:
            self.status_label.setText(text)

    def _run(self, fn, on_success, text: str) -> None:  # noqa: ANN001
        self._cancel.clear()
        self._set_busy(True, text)

        def failed(exc: BaseException) -> bool:
            self._set_busy(False, exc.user_message if isinstance(exc, WelcomedlyError) else "")
            return isinstance(exc, OperationCancelled)  # a cancel needs no message box

        def done(result) -> None:  # noqa: ANN001
            self._set_busy(False)
            on_success(result)
            self.refresh()

        self.ctx.run(fn, done, failed, label=text, parent=self)

    def backup_now(self) -> None:
        db, settings, actor, cancel = self.ctx.db, self.ctx.settings, self.ctx.actor, self._cancel
        folder = Path(self.dir_edit.text().strip()) if self.dir_edit.text().strip() else None
        typed = self._passphrase()

        def work():  # noqa: ANN202
            passphrase = typed or backups.passphrase_from(prompt=None)
            return backups.create_backup(db, settings, actor, passphrase, out_dir=folder, cancel=cancel.is_set)

        self._run(work, lambda r: self.status_label.setText(
            localized(self.tr("Backup written and verified: {name} ({mb:,.1f} MB, {s:.1f} s).")).format(
                name=r.path.name, mb=r.bytes / 1e6, s=r.seconds)), self.tr("Backing up…"))

    def verify_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        db, actor, cancel, typed = self.ctx.db, self.ctx.actor, self._cancel, self._passphrase()

        def work():  # noqa: ANN202
            passphrase = typed or backups.passphrase_from(prompt=None)
            return backups.verify_backup(entry.path, passphrase, db=db, actor=actor, cancel=cancel.is_set)

        self._run(work, lambda r: self.status_label.setText(
            self.tr("{name} is complete and readable.").format(name=r.path.name)), self.tr("Verifying…"))

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if not messages.confirm(self, self.tr("Restore backup"), self.tr(
                "Replace all current data with the backup {name}? The backup is verified first; the current "
                "database is kept aside until the next backup. The app must be restarted afterwards.").format(
                name=entry.path.name), ok_text=self.tr("Restore")):
            return
        db, settings, actor, cancel, typed = self.ctx.db, self.ctx.settings, self.ctx.actor, self._cancel, self._passphrase()

        def work():  # noqa: ANN202
            passphrase = typed or backups.passphrase_from(prompt=None)
            return backup_restore.restore_backup(db, settings, actor, entry.path, passphrase, cancel=cancel.is_set)

        def restored(result) -> None:  # noqa: ANN001
            self.status_label.setText(self.tr("Restored. Restart Welcomedly to work on the restored data."))
            messages.information(self, self.tr("Backup restored"), self.tr(
                "The backup {name} was restored. Quit and start Welcomedly again: the open windows still show "
                "the data from before the restore.").format(name=result.path.name))

        self._run(work, restored, self.tr("Restoring…"))

    def reject(self) -> None:
        self._cancel.set()
        super().reject()

