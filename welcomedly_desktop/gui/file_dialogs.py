"""File dialogs that start in the last folder used for the same kind of file (issue 18, #8).

Each kind (files to import, report exports, rejected-row exports) remembers its own folder in the
ui-state file, so a supervisor who imports from "Descargas" and saves reports to "Informes" finds
each where they left it.  The first time, the dialog opens in the home folder, never in the
program's own folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from welcomedly_desktop.gui.context import AppContext

IMPORTS = "imports"
REPORTS = "reports"
REJECTS = "rejects"

_KEY = "lastFolder/{kind}"


def last_folder(ctx: AppContext, kind: str) -> Path:
    """The folder the previous dialog of ``kind`` ended in, if it still exists; else the home folder."""
    saved = ctx.ui_settings().value(_KEY.format(kind=kind), "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    return Path.home()


def remember(ctx: AppContext, kind: str, path: Path) -> None:
    settings = ctx.ui_settings()
    settings.setValue(_KEY.format(kind=kind), str(path.parent if not path.is_dir() else path))
    settings.sync()


def open_files(ctx: AppContext, parent: QWidget, kind: str, caption: str, file_filter: str) -> list[Path]:
    files, _ = QFileDialog.getOpenFileNames(parent, caption, str(last_folder(ctx, kind)), file_filter)
    paths = [Path(f) for f in files]
    if paths:
        remember(ctx, kind, paths[0])
    return paths


def save_file(ctx: AppContext, parent: QWidget, kind: str, caption: str, suggested_name: str,
              file_filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(last_folder(ctx, kind) / suggested_name), file_filter)
    if not path:
        return None
    remember(ctx, kind, Path(path))
    return Path(path)
