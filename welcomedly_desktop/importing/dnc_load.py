"""A file of phones added to the do-not-call list: one INSERT per chunk of phones, sent as an array."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from welcomedly_desktop.importing.normalize import normalize_phone
from welcomedly_desktop.importing.pipeline import ImportFile
from welcomedly_desktop.i18n import translate

#: Rejected rows reported back (the count covers them all).
REJECTS_LISTED = 1000
#: Phones per INSERT.
CHUNK_PHONES = 50_000


@dataclass
class DncCounts:
    rows_total: int = 0
    added: int = 0
    #: Valid phones of the file (repeats included), added or already on the list.
    valid: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)


def load_dnc(
    connection: Connection, file: ImportFile, *, country_code: str, campaign_id: int | None, reason: str | None,
    added_by: int | None,
) -> DncCounts:
    """Add the phones of ``file``'s mapped phone column, in the caller's transaction on ``connection``."""
    columns = file.info.columns
    phone_index = columns.index(file.mapping["phone"])
    counts = DncCounts()
    raw = connection.connection.driver_connection
    chunk: list[str] = []
    with raw.cursor() as cur:
        for source_row, cells in file.source.rows():
            counts.rows_total += 1
            value = cells[phone_index] if phone_index < len(cells) else ""
            digits, problem = normalize_phone(value, country_code)
            if problem:
                if len(counts.rejects) < REJECTS_LISTED:
                    counts.rejects.append({"row": source_row, "reason": translate("importing", "phone {reason}").format(reason=problem)})
                continue
            counts.valid += 1
            chunk.append(digits)
            if len(chunk) >= CHUNK_PHONES:
                counts.added += _insert(cur, chunk, campaign_id, reason, added_by)
                chunk = []
        if chunk:
            counts.added += _insert(cur, chunk, campaign_id, reason, added_by)
    return counts


def _insert(cur, phones: list[str], campaign_id: int | None, reason: str | None, added_by: int | None) -> int:  # noqa: ANN001
    """One chunk of phones onto the list, as one array (no staging table: a workstation's role may
    not create TEMP tables nor COPY into a table under row-level security); how many were new."""
    cur.execute(
        """
        INSERT INTO dnc_numbers (phone, campaign_id, reason, added_by)
        SELECT DISTINCT p, %(cid)s::integer, %(reason)s, %(uid)s FROM unnest(%(phones)s::text[]) AS p
        ON CONFLICT (phone, (coalesce(campaign_id, 0))) DO NOTHING
        """,
        {"cid": campaign_id, "reason": reason, "uid": added_by, "phones": phones},
    )
    return cur.rowcount
