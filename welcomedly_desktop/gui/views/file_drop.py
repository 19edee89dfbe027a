"""Dropping files to import on a widget (the Uploads page, a campaign's panel): one behaviour for both."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from welcomedly_desktop.importing.filecheck import SUPPORTED_EXTENSIONS

#: Files the importer reads (.csv .tsv .txt .xlsx .xlsm .xls .ods); anything else dropped is refused
#: at the drag stage.  One list, owned by the import pipeline.
IMPORT_EXTENSIONS = tuple(sorted(SUPPORTED_EXTENSIONS))
#: The same list as a file dialog's name patterns.
IMPORT_PATTERNS = " ".join(f"*{ext}" for ext in IMPORT_EXTENSIONS)


def importable_paths(urls) -> list[Path]:  # noqa: ANN001 - list[QUrl]
    """The local files among ``urls`` whose extension the importer reads."""
    paths = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMPORT_EXTENSIONS:
                paths.append(path)
    return paths


class ImportDropTarget:
    """Mixin (listed before the QWidget base): accepts importable files while ``drop_campaign_id()``
    names a campaign, and starts their import once the drop has returned."""

    def drop_campaign_id(self) -> int | None:
        """The campaign dropped files go to, or None while this widget takes no drops."""
        raise NotImplementedError

    def start_dropped_import(self, campaign_id: int, paths: list[Path]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.drop_campaign_id() is not None and importable_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001, N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        campaign_id = self.drop_campaign_id()
        paths = importable_paths(event.mimeData().urls()) if campaign_id is not None else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # The drag source waits for the drop to return: start the import from the event loop.
        QTimer.singleShot(0, lambda: self.start_dropped_import(campaign_id, paths))
