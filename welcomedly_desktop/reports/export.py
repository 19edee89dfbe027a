"""CSV and XLSX exports of report tables and of a campaign's records (PDF lives in printing/).

Spreadsheet safety: a text cell that begins with ``= + - @``, tab, carriage return or NUL could be
run as a formula by a spreadsheet program (CSV/formula injection).  Such cells are written with a
leading apostrophe, and in XLSX every text cell is stored explicitly as a string (openpyxl would
otherwise store a string beginning with ``=`` as a formula).  Numbers stay numbers.

Files are written to a temporary file beside the target and renamed into place, so a failed or
cancelled export never leaves half a file behind.  Permissions and the audit trail are
services.reports' (this module only writes files).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import Campaign
from welcomedly_desktop import safe_files
from welcomedly_desktop.errors import NotFoundError, OperationCancelled, ValidationError
from welcomedly_desktop.reports.model import AgentReport, CampaignReport
from welcomedly_desktop.reports.tables import ReportTable, header_lines, report_tables
from welcomedly_desktop.i18n import translate

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
FORMATS = ("csv", "xlsx")
_PHONE_TEXT = re.compile(r"\+?[0-9 ()\-]+")


def neutralize(value: Any) -> Any:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe; the rest is unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _plain_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    return neutralize(value)


def atomic_path(target: Path):  # noqa: ANN201 - a context manager yielding the temporary Path
    """A temporary path beside ``target`` that replaces it only when the block succeeds; a device,
    FIFO, socket, folder or symbolic link at ``target`` is refused (safe_files.atomic_path)."""
    return safe_files.atomic_path(target)


def _check_format(fmt: str) -> str:
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ValidationError("format", translate("reports", "'{fmt}' is not an export format here; use csv or xlsx.").format(fmt=fmt))
    return fmt


# -- writers ----------------------------------------------------------------------------------


def write_csv_tables(path: Path, header: list[str], tables: list[ReportTable]) -> None:
    """One CSV file: the header lines, then each table under its title, separated by a blank row."""
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        for line in header:
            writer.writerow([neutralize(line)])
        for table in tables:
            writer.writerow([])
            writer.writerow([neutralize(table.title)])
            writer.writerow([neutralize(c.title) for c in table.columns])
            for row in table.rows:
                writer.writerow([_plain_cell(v) for v in row])


class PhoneText(str):
    """A phone number this program formatted (digits, spaces, + - ( )): an XLSX text cell can hold
    it as it is; in CSV a leading + still gets the apostrophe, or a spreadsheet would compute it."""


def _xlsx_cell(ws, value: Any):  # noqa: ANN001, ANN202
    from openpyxl.cell import WriteOnlyCell

    value = str(value) if isinstance(value, PhoneText) else _plain_cell(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    return cell


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in '[]:*?/\\')[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def write_xlsx_tables(path: Path, header: list[str], tables: list[ReportTable]) -> None:
    """One sheet per table, each starting with the report header."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(_sheet_name(table.title, used))
        for line in header:
            ws.append([_xlsx_cell(ws, line)])
        ws.append([])
        ws.append([_xlsx_cell(ws, c.title) for c in table.columns])
        for row in table.rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
    wb.save(path)


def _write_rows(path: Path, fmt: str, columns: list[str], rows: Iterable[list[Any]], sheet: str,
                progress: Callable[[int], None] | None, cancel: Callable[[], bool] | None) -> int:
    count = 0

    def tick() -> None:
        if cancel is not None and count % 5000 == 0 and cancel():
            raise OperationCancelled(translate("reports", "The export was cancelled; no file was written."))
        if progress is not None and count % 5000 == 0:
            progress(count)

    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow([neutralize(c) for c in columns])
            for row in rows:
                writer.writerow([_plain_cell(v) for v in row])
                count += 1
                tick()
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_sheet_name(sheet, set()))
        ws.append([_xlsx_cell(ws, c) for c in columns])
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
            count += 1
            tick()
        wb.save(path)
    if progress is not None:
        progress(count)
    return count


# -- report exports ---------------------------------------------------------------------------


def write_report(report: CampaignReport | AgentReport, fmt: str, path: Path) -> Path:
    """Write the report's tables as CSV or XLSX (atomically)."""
    fmt = _check_format(fmt)
    path = Path(path)
    tables = report_tables(report)
    header = header_lines(report)
    with atomic_path(path) as tmp:
        if fmt == "csv":
            write_csv_tables(tmp, header, tables)
        else:
            write_xlsx_tables(tmp, header, tables)
    return path


# -- records export ---------------------------------------------------------------------------

RECORD_COLUMNS = [
    "record_id", "external_id", "name", "phone", "alt_phone", "email", "status", "agent", "attempts",
    "last_attempt_at_utc", "last_disposition", "callback_at_utc", "last_notes",
]
#: After the columns above (whose order scripts rely on): the phones as people write them and the
#: line type the numbering plan gives (mobile, fixed, fixed_or_mobile, other, unknown).
RECORD_DISPLAY_COLUMNS = ["phone_display", "alt_phone_display", "line_type"]


def write_records(
    session: Session,
    campaign_id: int,
    fmt: str,
    path: Path,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    phone_format: Callable[[str | None], str] | None = None,
) -> int:
    """Every record of a campaign with its last disposition (and its ``extra`` fields as columns).

    ``phone_format`` writes the ``*_display`` columns (services/phone_display.py); the ``phone``
    columns keep the stored E.164 digits.

    Streams rows from a server-side cursor, so a million records never sit in memory at once.
    Returns the number of records written.
    """
    fmt = _check_format(fmt)
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(translate("reports", "Campaign {campaign_id} does not exist.").format(campaign_id=campaign_id))
    extra_keys = list(
        session.execute(
            text("SELECT DISTINCT k FROM campaign_records, jsonb_object_keys(extra) AS k "
                 "WHERE campaign_id = :c ORDER BY k LIMIT 200"),
            {"c": campaign_id},
        ).scalars()
    )
    result = session.execute(
        text(
            """
            SELECT r.id, r.external_id, r.name, r.phone, r.alt_phone, r.email, r.status, a.name AS agent,
                   r.attempts, r.last_attempt_at, d.name AS disposition, r.callback_at,
                   (SELECT i.notes FROM interactions i WHERE i.record_id = r.id
                     ORDER BY i.started_at DESC, i.id DESC LIMIT 1) AS notes,
                   r.extra, r.line_type
              FROM campaign_records r
              LEFT JOIN agents a ON a.id = r.assigned_agent_id
              LEFT JOIN dispositions d ON d.id = r.last_disposition_id
             WHERE r.campaign_id = :c
             ORDER BY r.id
            """
        ),
        {"c": campaign_id},
        execution_options={"yield_per": 2000},
    )

    shown_text = phone_format or (lambda phone: phone or "")

    def shown(phone: str | None) -> str:
        text = shown_text(phone)
        return PhoneText(text) if _PHONE_TEXT.fullmatch(text) else text

    def rows() -> Iterator[list[Any]]:
        for row in result:
            extra = row.extra or {}
            yield [*row[:13], shown(row.phone), shown(row.alt_phone), row.line_type,
                   *(extra.get(k) for k in extra_keys)]

    columns = RECORD_COLUMNS + RECORD_DISPLAY_COLUMNS + [f"extra.{k}" for k in extra_keys]
    with atomic_path(Path(path)) as tmp:
        return _write_rows(tmp, fmt, columns, rows(), campaign.name or translate("reports", "Records"), progress, cancel)
