"""Import a file into a campaign: a setup dialog (preview, encoding/delimiter/sheet, mapping,
duplicate check) and then a progress dialog (rows/s, elapsed, Cancel that rolls everything back).

Entry point for the campaign panel and the Uploads page: :func:`start_import`.  Every database and
file operation runs off the GUI thread (preview through the operation runner, the import itself on
an :class:`ImportWorker` thread).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.errors import OperationCancelled, WelcomedlyError
from welcomedly_desktop.gui import context as kinds
from welcomedly_desktop.gui import messages
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.workers.import_worker import ImportWorker
from welcomedly_desktop.i18n import translate
from welcomedly_desktop.importing.csv_reader import DELIMITERS
from welcomedly_desktop.importing.filecheck import SUPPORTED_EXTENSIONS
from welcomedly_desktop.importing.options import FIELD_LABELS, FIELDS, DedupeScope, ImportOptions, ImportProgress
from welcomedly_desktop.services import imports
from welcomedly_desktop.i18n import localized

log = logging.getLogger(__name__)

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "cp1250", "mac-roman")


def start_import(ctx: AppContext, campaign_id: int, paths, parent: QWidget | None = None) -> "ImportDialog | None":  # noqa: ANN001
    """Open the import dialog for the first file; the others follow one after the other."""
    files = [Path(p) for p in paths if Path(p).suffix.lower() in SUPPORTED_EXTENSIONS]
    if not files:
        return None
    dialog = ImportDialog(ctx, campaign_id, files[0], parent, remaining=files[1:])
    dialog.open()
    return dialog


class ImportDialog(QDialog):
    """Step 1: what the parser sees, and the choices."""

    preview_loaded = Signal()
    #: The progress dialog that took over (tests follow it).
    import_started = Signal(object)

    def __init__(self, ctx: AppContext, campaign_id: int, path: Path, parent: QWidget | None = None,
                 *, remaining: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.path = Path(path)
        self.remaining = list(remaining or [])
        self.preview: imports.FilePreview | None = None
        self._loading = False
        #: The format choices the shown preview was read with (None before the first one).
        self._shown_options: ImportOptions | None = None
        #: Import was clicked while a re-read was under way: start once it is in (issue 18, #4).
        self._start_pending = False
        self.setObjectName("importDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import {file}").format(file=self.path.name))
        self.resize(820, 620)

        self.info_label = QLabel(self.tr("Reading {file}…").format(file=self.path.name), self)
        self.info_label.setObjectName("infoLabel")
        self.info_label.setWordWrap(True)

        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("encodingCombo")
        self.encoding_combo.setEditable(True)
        self.delimiter_combo = QComboBox(self)
        self.delimiter_combo.setObjectName("delimiterCombo")
        for delimiter, label in zip(DELIMITERS, (self.tr("Comma"), self.tr("Semicolon"), self.tr("Tab"), self.tr("Pipe"))):
            self.delimiter_combo.addItem(label, delimiter)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        for combo in (self.encoding_combo, self.delimiter_combo, self.sheet_combo):
            combo.activated.connect(self._reload_preview)
        self.encoding_combo.lineEdit().editingFinished.connect(self._reload_preview)
        format_row = QHBoxLayout()
        self._encoding_label = QLabel(self.tr("Encoding:"), self)
        self._delimiter_label = QLabel(self.tr("Delimiter:"), self)
        self._sheet_label = QLabel(self.tr("Sheet:"), self)
        for widget in (self._encoding_label, self.encoding_combo, self._delimiter_label, self.delimiter_combo,
                       self._sheet_label, self.sheet_combo):
            format_row.addWidget(widget)
        format_row.addStretch(1)

        self.preview_table = QTableWidget(self)
        self.preview_table.setObjectName("previewTable")
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        mapping_box = QGroupBox(self.tr("Columns"), self)
        mapping_form = QFormLayout(mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox(mapping_box)
            combo.setObjectName(f"mapping_{field}")
            self.mapping_combos[field] = combo
            label = translate("importing", FIELD_LABELS[field]) + (" *" if field == "phone" else "")
            mapping_form.addRow(label, combo)
        note = QLabel(self.tr("Columns not chosen here are kept with each record as extra data."), mapping_box)
        note.setWordWrap(True)
        mapping_form.addRow(note)

        self.dedupe_combo = QComboBox(self)
        self.dedupe_combo.setObjectName("dedupeCombo")
        self.dedupe_combo.addItem(self.tr("Skip phones already in this campaign"), DedupeScope.CAMPAIGN.value)
        self.dedupe_combo.addItem(self.tr("Skip phones already in any campaign"), DedupeScope.GLOBAL.value)
        self.dedupe_combo.addItem(self.tr("Keep phones already imported (only repeats inside the file are skipped)"),
                                  DedupeScope.NONE.value)
        mapping_form.addRow(self.tr("Duplicates:"), self.dedupe_combo)

        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("warningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #b00020;")
        self.warning_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addLayout(format_row)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(mapping_box)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.buttons)
        self._load_preview(ImportOptions())

    # -- preview ----------------------------------------------------------------------------
    def _chosen_options(self) -> ImportOptions:
        encoding = self.encoding_combo.currentText().strip() or None
        detected = self.preview.encoding if self.preview else None
        sheet = self.sheet_combo.currentText() or None
        return ImportOptions(
            encoding=encoding if encoding and encoding != detected else None,
            delimiter=self.delimiter_combo.currentData() if self._is_text else None,
            sheet=sheet if not self._is_text else None,
        )

    @property
    def _is_text(self) -> bool:
        return self.path.suffix.lower() in (".csv", ".tsv", ".txt")

    def _reload_preview(self, *_args) -> None:  # noqa: ANN002
        if self.preview is None or self._loading:
            return
        options = self._chosen_options()
        # Leaving the Encoding box (a click on Import) finishes its editing: re-read only on a real change.
        if options != self._shown_options:
            self._load_preview(options)

    def _load_preview(self, options: ImportOptions) -> None:
        # Import stays clickable during a re-read (a disabled button would swallow the click that
        # moved the focus out of the Encoding box); _start waits for the new preview instead.
        self._loading = True
        ctx, path, campaign_id = self.ctx, self.path, self.campaign_id
        self.ctx.run(lambda: imports.preview_file(ctx.db, ctx.actor, path, campaign_id, options),
                     self._show_preview, self._preview_failed, parent=self, label="import preview")

    def _preview_failed(self, exc: BaseException) -> bool:
        self._loading = False
        self._start_pending = False
        if isinstance(exc, WelcomedlyError):
            self._warn(exc.user_message)
            self.info_label.setText(self.tr("{file} cannot be imported.").format(file=self.path.name))
            self.preview_loaded.emit()
            return True
        return False

    def _show_preview(self, preview: imports.FilePreview) -> None:
        self._loading = False
        self.preview = preview
        facts = [preview.file_format.upper(), localized(self.tr("{size:,} bytes")).format(size=preview.size)]
        if preview.header_row:
            facts.append(self.tr("header in row {n}").format(n=preview.header_row))
        else:
            facts.append(self.tr("no header row"))
        if preview.real_path:  # a symbolic link was chosen: say which file is really read (issue 20)
            facts.append(self.tr("a link to {path}").format(path=preview.real_path))
        self.info_label.setText(f"{preview.file_name}: " + ", ".join(facts))
        text_file = preview.encoding is not None
        for widget in (self._encoding_label, self.encoding_combo, self._delimiter_label, self.delimiter_combo):
            widget.setVisible(text_file)
        for widget in (self._sheet_label, self.sheet_combo):
            widget.setVisible(not text_file)
        if text_file:
            self.encoding_combo.blockSignals(True)
            self.encoding_combo.clear()
            for name in (preview.encoding, *[e for e in ENCODINGS if e != preview.encoding]):
                self.encoding_combo.addItem(name)
            self.encoding_combo.setCurrentIndex(0)
            self.encoding_combo.blockSignals(False)
            self.delimiter_combo.setCurrentIndex(max(0, self.delimiter_combo.findData(preview.delimiter)))
        else:
            self.sheet_combo.blockSignals(True)
            self.sheet_combo.clear()
            self.sheet_combo.addItems(preview.sheet_names)
            self.sheet_combo.setCurrentText(preview.sheet or "")
            self.sheet_combo.blockSignals(False)

        table = self.preview_table
        table.clear()
        table.setColumnCount(len(preview.columns))
        table.setRowCount(len(preview.rows))
        table.setHorizontalHeaderLabels(preview.columns)
        for r, cells in enumerate(preview.rows):
            for c, value in enumerate(cells[: len(preview.columns)]):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

        for field, combo in self.mapping_combos.items():
            combo.clear()
            combo.addItem(self.tr("— not imported —"), None)
            for column in preview.columns:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(field))))
        if preview.already_imported:
            self._warn(preview.already_imported)
        else:
            self.warning_label.hide()
            self.import_button.setEnabled(True)
        self._shown_options = self._chosen_options()
        self.preview_loaded.emit()
        pending, self._start_pending = self._start_pending, False
        if pending and self.import_button.isEnabled():
            self._start()

    def _warn(self, text: str, *, block: bool = True) -> None:
        """Show ``text``; ``block`` disables Import (file refused), otherwise the user may fix the choice."""
        self.warning_label.setText(text)
        self.warning_label.show()
        if block:
            self.import_button.setEnabled(False)

    def reject(self) -> None:  # closed without importing: the parsed workbook is not needed
        imports.forget_preview()
        super().reject()

    # -- start ------------------------------------------------------------------------------
    def chosen_mapping(self) -> dict[str, str]:
        # Every field explicitly: "" means "not imported" (no guess may bring it back).
        return {field: combo.currentData() or "" for field, combo in self.mapping_combos.items()}

    def _start(self) -> None:
        if self.preview is None:
            return
        if self._loading:
            self._start_pending = True
            return
        mapping = self.chosen_mapping()
        if not mapping["phone"]:
            self._warn(self.tr("Choose the column that holds the phone number."), block=False)
            return
        chosen = [c for c in mapping.values() if c]
        if len(chosen) != len(set(chosen)):
            self._warn(self.tr("Each column can feed only one field."), block=False)
            return
        base = self._chosen_options()
        options = ImportOptions(mapping=mapping, sheet=base.sheet, encoding=base.encoding, delimiter=base.delimiter,
                                dedupe=DedupeScope(self.dedupe_combo.currentData()),
                                header_row=self.preview.header_row)
        progress = ImportProgressDialog(self.ctx, self.campaign_id, self.path, options, self.parentWidget(),
                                        remaining=self.remaining)
        self.import_started.emit(progress)
        self.accept()
        progress.open()
        progress.start()


class ImportProgressDialog(QDialog):
    """Step 2: the running import.  Cancel really cancels: the transaction is rolled back."""

    finished_import = Signal(bool)  # True when processed

    def __init__(self, ctx: AppContext, campaign_id: int, path: Path, options: ImportOptions,
                 parent: QWidget | None = None, *, remaining: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.path = path
        self.remaining = list(remaining or [])
        self.summary: imports.ImportSummary | None = None
        self.error: BaseException | None = None
        self.setObjectName("importProgressDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Importing {file}").format(file=path.name))
        self.resize(460, 220)
        self.phase_label = QLabel(self.tr("Starting…"), self)
        self.phase_label.setObjectName("phaseLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setRange(0, 1000)
        self.rate_label = QLabel(self)
        self.rate_label.setObjectName("rateLabel")
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setObjectName("elapsedLabel")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.request_cancel)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.phase_label, self.bar, self.rate_label, self.elapsed_label, self.result_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.worker = ImportWorker(ctx.db, ctx.actor, path, campaign_id, options, self)
        self.worker.progress.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.failed.connect(self._on_failed)
        self._started_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self.worker.isRunning() or (self.summary is None and self.error is None and self._started_at > 0)

    def start(self) -> None:
        self._started_at = time.monotonic()
        self._timer.start()
        self.worker.start()

    def request_cancel(self) -> None:
        if self.running:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.phase_label.setText(self.tr("Cancelling… (undoing everything this import added)"))

    def reject(self) -> None:  # Esc or the window's close button
        if self.running:
            self.request_cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.running:
            return  # never leave the worker without its dialog
        super().done(result)
        if self.remaining:
            QTimer.singleShot(0, lambda: start_import(self.ctx, self.campaign_id, self.remaining, self.parentWidget()))

    # -- worker signals (GUI thread) --------------------------------------------------------
    def _tick(self) -> None:
        elapsed = time.monotonic() - self._started_at
        self.elapsed_label.setText(localized(self.tr("Elapsed: {m}:{s:02d}")).format(m=int(elapsed) // 60, s=int(elapsed) % 60))

    def _on_progress(self, p: ImportProgress) -> None:
        phases = {"reading": self.tr("Reading and checking rows…"), "checking": self.tr("Looking for duplicates…"),
                  "saving": self.tr("Saving records…"), "done": self.tr("Done.")}
        if not self.worker.cancel_requested:
            self.phase_label.setText(phases.get(p.phase, p.phase))
        if p.fraction is not None and p.phase == "reading":
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(p.fraction * 1000))
        elif p.phase in ("checking", "saving"):
            self.bar.setRange(0, 0)  # busy: a set-based step has no row count to show
        self.rate_label.setText(localized(self.tr("{rows:,} rows · {rate:,.0f} rows/s")).format(rows=p.rows_read, rate=p.rows_per_second))

    def _finish(self) -> None:
        self._timer.stop()
        self._tick()
        self.worker.wait()
        self.bar.setRange(0, 1000)
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.ctx.notify_changed(kinds.UPLOADS, self.campaign_id)

    def _on_succeeded(self, summary: imports.ImportSummary) -> None:
        self.summary = summary
        self._finish()
        self.bar.setValue(1000)
        self.phase_label.setText(self.tr("Imported {file}.").format(file=self.path.name))
        text = localized(self.tr(
            "{imported:,} records added from {total:,} rows: {rejected:,} rejected, {duplicates:,} duplicates, "
            "{dnc:,} on the do-not-call list ({seconds:.1f} s). The rejected rows are listed on the Uploads page.")).format(imported=summary.imported, total=summary.rows_total, rejected=summary.rejected,
                 duplicates=summary.duplicates, dnc=summary.dnc, seconds=summary.seconds)
        if summary.warnings:  # kept, but the numbering plan does not know the number (issue 18)
            text += " " + localized(self.tr("{warnings:,} of the records were added with a warning: their number has the right "
                                  "length but the numbering plan does not know it; they are listed with the rejected "
                                  "rows.")).format(warnings=summary.warnings)
        self.result_label.setText(text)
        self.finished_import.emit(True)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self.error = exc
        self._finish()
        self.bar.setValue(0)
        if isinstance(exc, OperationCancelled):
            self.phase_label.setText(self.tr("Import cancelled."))
            self.result_label.setText(self.tr("Nothing was added to the campaign."))
        elif isinstance(exc, WelcomedlyError):
            self.phase_label.setText(self.tr("The file was not imported."))
            self.result_label.setText(exc.user_message)
        else:
            log.error("Unexpected error while importing %s:\n%s", self.path, tb)
            self.phase_label.setText(self.tr("The import failed."))
            self.result_label.setText(self.tr("Nothing was added to the campaign."))
            messages.unexpected_error(self, exc, tb)
        self.finished_import.emit(False)
