"""Open the right reader for a checked file."""

from __future__ import annotations

from welcomedly_desktop.config import Settings
from welcomedly_desktop.importing.csv_reader import CsvSource
from welcomedly_desktop.importing.filecheck import FileFacts
from welcomedly_desktop.importing.options import ImportOptions
from welcomedly_desktop.importing.sheet_reader import SheetSource
from welcomedly_desktop.importing.table import RowSource


def open_rows(facts: FileFacts, settings: Settings, options: ImportOptions) -> RowSource:
    if facts.kind == "text":
        assert facts.encoding is not None
        return CsvSource(
            facts.path, facts.encoding, settings, delimiter=options.delimiter, header_row=options.header_row
        )
    return SheetSource(facts.path, settings, sheet=options.sheet, header_row=options.header_row)
