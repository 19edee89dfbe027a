"""Streaming CSV/TSV/TXT reader: sniffs the delimiter, finds the header, yields rows one at a time.

Only a small head of the file is ever held (for sniffing and preview); the rest is read through
Python's C csv parser in strict mode so an unclosed quote is an error, not a silently merged row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

from welcomedly_desktop.config import Settings
from welcomedly_desktop.errors import ImportFileError
from welcomedly_desktop.importing.encoding import DetectedEncoding, looks_binary
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

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter (only , ; tab |) that splits the sample's records most consistently."""
    # Cut at the last line break so a half record does not count.
    cut = max(sample.rfind("\n"), sample.rfind("\r"))
    if cut > 0:
        sample = sample[:cut]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        widths = []
        try:
            for row in itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), _SNIFF_RECORDS):
                row = trim_trailing_empty(row)
                if row:
                    widths.append(len(row))
        except csv.Error:
            continue
        if not widths:
            continue
        modal = max(set(widths), key=widths.count)
        if modal < 2:
            continue
        score = (widths.count(modal) / len(widths), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class CsvSource(RowSource):
    def __init__(
        self,
        path: Path,
        encoding: DetectedEncoding,
        settings: Settings,
        *,
        delimiter: str | None = None,
        header_row: int | None = None,
    ) -> None:
        self.path = path
        self.label = f"The file {path.name}"
        self.settings = settings
        self._raw = path.open("rb")
        self._size = max(path.stat().st_size, 1)
        self._text = io.TextIOWrapper(self._raw, encoding=encoding.name, errors="strict", newline="")
        self._record = 0  # records read so far (1-based number of the last one)
        try:
            sample = self._text.read(_SNIFF_CHARS)
        except UnicodeDecodeError as exc:
            self.close()
            raise self._decode_error(exc, encoding.name) from exc
        if looks_binary(sample):
            self.close()
            raise ImportFileError(translate("importing", "{label} looks like a binary file, not CSV text.").format(label=self.label))
        if delimiter is not None and delimiter not in DELIMITERS:
            self.close()
            raise ImportFileError(translate("importing", "The delimiter must be a comma, semicolon, tab or pipe."))
        self.delimiter = delimiter or sniff_delimiter(sample)
        self._text.seek(0)
        self._encoding = encoding.name
        self._reader = csv.reader(self._text, delimiter=self.delimiter, strict=True)
        head = list(itertools.islice(self._records(), HEADER_SCAN_ROWS + PREVIEW_ROWS))
        self._pending = head
        try:
            index = choose_header(head, header_row, self.label)
        except ImportFileError:
            self.close()
            raise
        header = head[index][1] if index >= 0 else None
        data = head[index + 1:] if index >= 0 else head
        width = max([len(trim_trailing_empty(c)) for _, c in head] or [0])
        if header is not None:
            width = max(len(trim_trailing_empty(header)), 1)
        if width > settings.max_columns:
            self.close()
            raise ImportFileError(translate("importing", "{label} has {width} columns, more than the {max_columns} allowed.").format(label=self.label, width=width, max_columns=settings.max_columns))
        self._pending = data
        # Arrow's parser reads UTF-8 only, and needs the header's cells to be the columns.
        self._batchable = (codecs.lookup(encoding.name).name in ("utf-8", "utf-8-sig", "ascii")
                           and header is not None and len(header) == width)
        self.info = TableInfo(
            file_format=path.suffix.lower().lstrip("."),
            columns=column_names(header, width),
            header_row=head[index][0] if index >= 0 else 0,
            encoding=encoding.name,
            delimiter=self.delimiter,
            preview=[cells for _, cells in data[:PREVIEW_ROWS]],
        )
        if width == 0 or (not data and self._exhausted):
            self.close()
            if header is not None:
                raise ImportFileError(translate("importing", "{label} has a header row but no data rows.").format(label=self.label))
            raise ImportFileError(translate("importing", "{label} has no rows.").format(label=self.label))

    _exhausted = False

    def _records(self, limit: int = sys.maxsize, counted: int = 0) -> Iterator[tuple[int, list[str]]]:
        """Non-empty records with their 1-based record numbers; parser errors become one sentence,
        and so does a file with more than ``limit`` rows (``counted`` of them handed out before).

        The hot loop of every CSV import: the reader is iterated directly and ``rows`` delegates
        to it with ``yield from`` (no generator of ours re-yielding each row)."""
        record = self._record
        try:
            for row in self._reader:
                record += 1
                if any(row):  # blank lines (and rows of empty cells) are not rows
                    counted += 1
                    if counted > limit:
                        raise self._too_many(limit)
                    self._record = record
                    yield record, row
        except csv.Error as exc:
            self._record = record
            raise self._csv_error(exc) from exc
        except UnicodeDecodeError as exc:
            self._record = record
            raise self._decode_error(exc, self._encoding) from exc
        self._record = record
        self._exhausted = True

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        limit = self.settings.max_rows
        count = 0
        for item in self._pending:
            count += 1
            if count > limit:
                raise self._too_many(limit)
            yield item
        self._pending = []
        if not self._exhausted:
            yield from self._records(limit, count)

    def batches(self):  # noqa: ANN201 - see RowSource.batches
        if not self._batchable:
            return None
        from welcomedly_desktop.importing.fast.batch import FastPathUnsuitable
        from welcomedly_desktop.importing.fast.csv_batches import CsvBatches

        try:
            return CsvBatches(self.path, delimiter=self.delimiter, width=len(self.info.columns),
                              first_record=self.info.header_row + 1, limit=self.settings.max_rows,
                              too_many=self._too_many)
        except FastPathUnsuitable:
            return None

    def _too_many(self, limit: int) -> ImportFileError:
        return ImportFileError(translate("importing", "{label} has more than {limit:,} rows, the most one import may hold.").format(label=self.label, limit=limit))

    def fraction(self) -> float | None:
        try:
            return min(self._raw.tell() / self._size, 1.0)
        except (OSError, ValueError):
            return None

    def close(self) -> None:
        try:
            self._text.close()
        except Exception:  # noqa: BLE001 - closing twice or after a failed open
            self._raw.close()

    def _csv_error(self, exc: csv.Error) -> ImportFileError:
        row = self._record + 1
        message = str(exc)
        if "unexpected end of data" in message:
            return ImportFileError(translate("importing", "{label} has a quote that is never closed (in row {row:,}).").format(label=self.label, row=row))
        if "field larger than field limit" in message:
            return ImportFileError(
                translate("importing", "{label} has a cell longer than {value:,} characters near row {row:,}, probably a quote that is never closed.").format(label=self.label, value=csv.field_size_limit(), row=row)
            )
        if "expected after" in message:
            return ImportFileError(translate("importing", "{label} has a badly quoted cell in row {row:,} (text right after a closing quote).").format(label=self.label, row=row))
        if "NUL" in message:
            return ImportFileError(translate("importing", "{label} contains NUL bytes: it looks like a binary file, not CSV text.").format(label=self.label))
        return ImportFileError(translate("importing", "{label} cannot be read as CSV at row {row:,}: {message}.").format(label=self.label, row=row, message=message))

    def _decode_error(self, exc: UnicodeDecodeError, encoding: str) -> ImportFileError:
        name = codecs.lookup(encoding).name
        return ImportFileError(
            translate("importing", "{label} is not valid {name} text near row {value:,}; choose the right encoding and try again.").format(label=self.label, name=name, value=self._record + 1)
        )
