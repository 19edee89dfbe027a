"""Runs one import on its own QThread and reports back through signals (delivered on the GUI thread).

The import pipeline knows nothing of Qt: it takes a progress callback and a cancel token.  This
worker turns the callback into the ``progress`` signal and ``cancel()`` into the token, so the
dialog never blocks: the GUI thread only ever receives finished results.
"""

from __future__ import annotations

import logging
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from welcomedly_desktop.importing.options import ImportOptions, ImportProgress
from welcomedly_desktop.services import imports

log = logging.getLogger(__name__)


class ImportWorker(QThread):
    #: ImportProgress snapshots (at most ~10 a second).
    progress = Signal(object)
    #: ImportSummary when the file was processed.
    succeeded = Signal(object)
    #: (exception, traceback text) when it was refused, failed or cancelled.
    failed = Signal(object, str)

    def __init__(self, db, actor, path: Path, campaign_id: int, options: ImportOptions, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("importWorker")
        self._db = db
        self._actor = actor
        self._path = Path(path)
        self._campaign_id = campaign_id
        self._options = options
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the import to stop; it rolls back and reports OperationCancelled through ``failed``."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # worker thread
        try:
            summary = imports.import_file(
                self._db, self._actor, self._path, self._campaign_id, self._options,
                progress=self._report, cancel=self._cancel,
            )
        except BaseException as exc:  # noqa: BLE001 - every outcome must reach the GUI thread
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.succeeded.emit(summary)

    def _report(self, snapshot: ImportProgress) -> None:
        self.progress.emit(snapshot)
