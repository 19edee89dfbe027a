"""Workbook reader (.xlsx/.xlsm/.xlsb/.xls/.ods) through python-calamine (Rust; far faster than openpyxl).

Calamine loads the chosen sheet whole (its memory grows with the sheet), which is why the
size and zip-directory checks run first.  Cells come back typed; :func:`cell_text` turns them into
the text a person sees, so a phone stored as the number 3124900097 reads "3124900097", not
"3124900097.0".
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.safe_files import excerpt, excerpt_list
from welcomedly_desktop.importing.table import (
    HEADER_SCAN_ROWS,
    PREVIEW_ROWS,
    RowSource,
    TableInfo,
    choose_header,
    column_names,
    trim_trailing_empty,
)
from welcomedly_desktop.i18n import translate


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _calamine_failure(label: str, exc: BaseException) -> ImportFileError:
    if type(exc).__name__ == "PasswordError":
        return ImportFileError(translate("importing", "{label} is password-protected; save it without a password and try again.").format(label=label))
    return ImportFileError(translate("importing", "{label} is damaged or not a spreadsheet this program can read.").format(label=label))


def _is_calamine_error(exc: BaseException) -> bool:
    # Rust panics surface as pyo3's PanicException, which derives from BaseException.
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


# The import dialog previews a workbook, then imports it: the parsed sheet (seconds for a big one)
# is kept from one to the other, keyed by the file's path, size, modification time and sheet name,
# and let go when the import is over (release_parsed_sheet).  One entry only: one dialog at a time.
_parsed_lock = threading.Lock()
_parsed: tuple[tuple, Any] | None = None


def _parsed_sheet(workbook: Any, path: Path, name: str) -> Any:
    global _parsed
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, name)
    with _parsed_lock:
        if _parsed is not None and _parsed[0] == key:
            return _parsed[1]
    data = workbook.get_sheet_by_name(name)
    with _parsed_lock:
        _parsed = (key, data)
    return data


def release_parsed_sheet() -> None:
    """Forget the kept sheet (its memory goes back); the next open parses the file again."""
    global _parsed
    with _parsed_lock:
        _parsed = None


class SheetSource(RowSource):
    def __init__(self, path: Path, settings: Settings, *, sheet: str | None = None, header_row: int | None = None) -> None:
        import python_calamine

        self.label = f"The file {path.name}"
        self.settings = settings
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            names = list(workbook.sheet_names)
            chosen = sheet if sheet is not None else _first_visible_worksheet(workbook, names)
            if chosen not in names:
                raise ImportFileError(
                    translate("importing", "The workbook has no sheet named {sheet!r}; its sheets are: {value}.").format(
                        sheet=excerpt(str(sheet), 60), value=excerpt_list(names)
                    )
                )
            data = self.sheet = _parsed_sheet(workbook, path, chosen)
            height, width = data.height, data.width
            start = data.start
        except ImportFileError:
            raise
        except BaseException as exc:
            if not _is_calamine_error(exc):
                raise
            raise _calamine_failure(self.label, exc) from exc
        if height > settings.max_rows + 1:
            raise ImportFileError(translate("importing", "{label} has {height:,} rows, more than the {max_rows:,} allowed.").format(label=self.label, height=height, max_rows=settings.max_rows))
        if width > settings.max_columns:
            raise ImportFileError(translate("importing", "{label} has {width} columns, more than the {max_columns} allowed.").format(label=self.label, width=width, max_columns=settings.max_columns))
        self._height = max(height, 1)
        self._done = 0
        # calamine's range starts at the first used cell; rows are numbered as the spreadsheet shows them.
        self._offset = start[0] if start else 0
        try:
            self._iter = data.iter_rows()
            head = list(itertools.islice(self._rows_with_numbers(), HEADER_SCAN_ROWS + PREVIEW_ROWS))
        except BaseException as exc:
            if not _is_calamine_error(exc):
                raise
            raise _calamine_failure(self.label, exc) from exc
        index = choose_header(head, header_row, self.label)
        header = head[index][1] if index >= 0 else None
        rows = head[index + 1:] if index >= 0 else head
        ncols = max(len(trim_trailing_empty(header)), 1) if header is not None else max(
            [len(trim_trailing_empty(c)) for _, c in head] or [0]
        )
        if not head:
            raise ImportFileError(translate("importing", "{label} has no rows in sheet {chosen!r}.").format(label=self.label, chosen=chosen))
        if not rows and len(head) < HEADER_SCAN_ROWS + PREVIEW_ROWS:
            raise ImportFileError(translate("importing", "{label} has a header row but no data rows.").format(label=self.label))
        self._pending = rows
        self.info = TableInfo(
            file_format=path.suffix.lower().lstrip("."),
            columns=column_names(header, ncols),
            header_row=head[index][0] if index >= 0 else 0,
            sheet=chosen,
            sheet_names=names,
            preview=[cells for _, cells in rows[:PREVIEW_ROWS]],
        )

    def _rows_with_numbers(self) -> Iterator[tuple[int, list[str]]]:
        # Hot loop of a workbook import: text cells (most of them) skip the call to cell_text,
        # and a row is blank when its joined cells are (one strip instead of one per cell).
        done, offset, text = self._done, self._offset, str
        try:
            for values in self._iter:
                done += 1
                cells = [v if type(v) is text else cell_text(v) for v in values]
                if "".join(cells).strip():
                    self._done = done
                    yield offset + done, cells
        finally:
            self._done = done

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        yield from self._pending
        self._pending = []
        try:
            yield from self._rows_with_numbers()
        except BaseException as exc:
            if not _is_calamine_error(exc) or isinstance(exc, ImportFileError):
                raise
            raise _calamine_failure(self.label, exc) from exc

    def fraction(self) -> float | None:
        return min(self._done / self._height, 1.0)


def _first_visible_worksheet(workbook: Any, names: list[str]) -> str:
    if not names:
        raise ImportFileError(translate("importing", "The workbook has no sheets."))
    try:
        for meta in workbook.sheets_metadata:
            if "WorkSheet" in str(meta.typ) and str(meta.visible).endswith("Visible") and "Hidden" not in str(meta.visible):
                return meta.name
    except AttributeError:  # older calamine without metadata
        pass
    return names[0]
