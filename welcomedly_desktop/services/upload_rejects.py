"""The rejected rows of an upload: list, count, and the CSV people open in Excel to fix them."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import ImportReject
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import translate
from welcomedly_desktop.safe_files import atomic_path
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.imports import get_upload


@dataclass(frozen=True)
class RejectView:
    source_row: int | None
    column_name: str | None
    reason: str
    raw_row: dict[str, Any] | list[Any] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_rejects(
    session: Session, actor: Actor, upload_id: int, *, limit: int | None = None, offset: int = 0
) -> list[RejectView]:
    get_upload(session, actor, upload_id)
    query = (
        select(ImportReject.source_row, ImportReject.column_name, ImportReject.reason, ImportReject.raw_row)
        .where(ImportReject.upload_id == upload_id)
        .order_by(ImportReject.source_row, ImportReject.id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [RejectView(r.source_row, r.column_name, r.reason, r.raw_row) for r in session.execute(query)]


def count_rejects(session: Session, actor: Actor, upload_id: int) -> int:
    get_upload(session, actor, upload_id)
    return session.scalar(select(func.count()).select_from(ImportReject).where(ImportReject.upload_id == upload_id)) or 0


def _safe_cell(value: Any) -> str:
    """Cells that a spreadsheet would run as a formula get a leading apostrophe (CSV injection)."""
    text_value = "" if value is None else (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    if text_value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text_value
    return text_value


def export_rejects_csv(session: Session, actor: Actor, upload_id: int, out: str | Path, *,
                       include_warnings: bool = False) -> int:
    """Write the rejected rows (row, column, reason, then the row's own cells) to a UTF-8 CSV; with
    ``include_warnings``, then the rows imported with a warning (upload_warnings.py: row, column,
    reason; their cells were imported).  Returns the number of rejected rows written."""
    upload = get_upload(session, actor, upload_id)
    columns: list[str] = []
    seen: set[str] = set()
    for (raw,) in session.execute(
        select(ImportReject.raw_row).where(ImportReject.upload_id == upload_id).execution_options(yield_per=2000)
    ):
        if isinstance(raw, dict):
            for key in raw:
                if key not in seen:
                    seen.add(key)
                    columns.append(key)
    mapped_order = list((upload.column_mapping or {}).values())
    columns.sort(key=lambda c: mapped_order.index(c) if c in mapped_order else len(mapped_order))
    out = Path(out)
    count = 0
    try:
        with atomic_path(out) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            # BOM: Excel then reads the accents right
            writer = csv.writer(fh)
            # People open this file in Excel: its own three headers in their language.
            writer.writerow([translate("services", "row"), translate("services", "column"),
                             translate("services", "reason"), *columns])
            query = (
                select(ImportReject.source_row, ImportReject.column_name, ImportReject.reason, ImportReject.raw_row)
                .where(ImportReject.upload_id == upload_id)
                .order_by(ImportReject.source_row, ImportReject.id)
                .execution_options(yield_per=2000)
            )
            for row in session.execute(query):
                raw = row.raw_row if isinstance(row.raw_row, dict) else {}
                writer.writerow(
                    [row.source_row, _safe_cell(row.column_name), _safe_cell(row.reason),
                     *(_safe_cell(raw.get(c)) for c in columns)]
                )
                count += 1
            if include_warnings:
                from welcomedly_desktop.services import upload_warnings

                for warning in upload_warnings.list_warnings(session, actor, upload_id):
                    writer.writerow([warning.source_row, _safe_cell(warning.column_name), _safe_cell(warning.reason)])
    except OSError as exc:
        raise ValidationError("out", translate("services", "The file {out} cannot be written: {value}.").format(out=out, value=exc.strerror or exc)) from exc
    return count
