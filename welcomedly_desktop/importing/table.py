"""What every reader produces: column names, detected format facts and a stream of data rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from welcomedly_desktop.i18n import translate

PREVIEW_ROWS = 20
#: How many leading rows are looked at to find the header row.
HEADER_SCAN_ROWS = 30


@dataclass
class TableInfo:
    file_format: str  # "csv", "xlsx", ...
    columns: list[str]
    #: 1-based row number of the header row in the file, 0 when the file has none.
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    #: The first data rows as the parser sees them (for the import dialog).
    preview: list[list[str]] = field(default_factory=list)


class RowSource:
    """Base of the readers: ``info`` plus ``rows()`` yielding ``(source_row, cells)`` once."""

    info: TableInfo

    def rows(self) -> Iterator[tuple[int, list[str]]]:  # pragma: no cover - interface
        raise NotImplementedError

    def fraction(self) -> float | None:
        """How far ``rows()`` has got, 0..1, when the reader can tell."""
        return None

    def batches(self):  # noqa: ANN201 - an iterator of fast.batch.Batch with fraction() and close(), or None
        """The same data rows in batches of columns, when the reader has a fast way to give them
        (it may still raise ``FastPathUnsuitable`` midway: then ``rows()`` is the way); else None."""
        return None

    def read_ahead(self) -> None:
        """The caller will read the rows soon: a reader that can prepare them meanwhile starts now
        (the command line calls it while it logs in; a preview does not)."""

    def close(self) -> None:
        pass

    def __enter__(self) -> "RowSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_DATA_LIKE = re.compile(r"^[\s+()\-./\d]*\d{5,}[\s()\-./\d]*$|@|^-?\d+([.,]\d+)?$")


def looks_like_data(cell: str) -> bool:
    """A cell that no one would use as a column title: a number, a phone number, an e-mail."""
    return bool(_DATA_LIKE.search(cell.strip()))


def find_header(rows: list[list[str]]) -> int:
    """Index of the header row among the first rows, or -1 when the file has no header.

    Rule: leading title/blank rows (fewer than half the usual number of filled cells) are skipped;
    the next row is the header unless one of its cells looks like data (a number, a phone number,
    an e-mail address).
    """
    filled = [sum(1 for c in row if c.strip()) for row in rows]
    if not filled or max(filled) == 0:
        return -1
    typical = sorted(filled)[len(filled) // 2] or max(filled)
    index = 0
    while index < len(rows) and filled[index] < max(1, (typical + 1) // 2):
        index += 1
    if index >= len(rows):
        return -1
    if any(looks_like_data(cell) for cell in rows[index] if cell.strip()):
        return -1
    return index


def column_names(header: list[str] | None, width: int) -> list[str]:
    """Header cells made unique and non-empty; "column_N" where the file gives no name."""
    names: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        raw = header[i].strip() if header is not None and i < len(header) else ""
        name = raw or f"column_{i + 1}"
        candidate, n = name, 2
        while candidate.lower() in seen:
            candidate = f"{name}_{n}"
            n += 1
        seen.add(candidate.lower())
        names.append(candidate)
    return names


def trim_trailing_empty(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row if end == len(row) else row[:end]


def choose_header(head: list[tuple[int, list[str]]], header_row: int | None, label: str) -> int:
    """Index in ``head`` (numbered rows read so far) of the header row, or -1 for "no header".

    ``header_row`` is the user's choice: None = detect (:func:`find_header`), 0 = the file has no
    header, N = the row numbered N in the file.
    """
    if header_row is None:
        return find_header([cells for _, cells in head[:HEADER_SCAN_ROWS]])
    if header_row == 0:
        return -1
    index = next((i for i, (n, _) in enumerate(head) if n == header_row), -1)
    if index < 0:
        from welcomedly_desktop.errors import ImportFileError

        raise ImportFileError(translate("importing", "{label} has no row {header_row} to use as the header.").format(label=label, header_row=header_row))
    return index
