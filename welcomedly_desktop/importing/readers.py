"""Open the right reader for a checked file."""

from __future__ import annotations

import logging

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.csv_reader import CsvSource
from welcomedly_desktop.importing.filecheck import FileFacts
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.sheet_reader import SheetSource
from welcomedly_desktop.importing.table import RowSource

log = logging.getLogger("welcomedly_desktop.importing.loader")  # the import steps' log (load_base)


def open_rows(facts: FileFacts, settings: Settings, options: ImportOptions) -> RowSource:
    if facts.kind == "text":
        assert facts.encoding is not None
        return CsvSource(
            facts.path, facts.encoding, settings, delimiter=options.delimiter, header_row=options.header_row
        )
    if facts.path.suffix.lower() in (".xlsx", ".xlsm"):
        from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
        from welcomedly_desktop.importing.fast.xlsx_batches import XlsxSource

        try:
            return XlsxSource(facts.path, settings, sheet=options.sheet, header_row=options.header_row)
        except (FastPathUnsuitable, ImportFileError) as exc:  # calamine words any error about the file
            log.info("workbook read by calamine (%s)", exc)
        except Exception:  # noqa: BLE001 - the fast reader is only a shortcut: calamine words any error
            log.warning("xlsx fast reader failed to open the file; calamine reads it", exc_info=True)
    return SheetSource(facts.path, settings, sheet=options.sheet, header_row=options.header_row)
