"""The do-not-call list: add one number, or every phone of a file (the file's load is importing's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from welcomedly_desktop import importing
from welcomedly_desktop.db.models import DncNumber
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.importing import ImportOptions, normalize_phone
from welcomedly_desktop.services import audit, org_settings, phone_display
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.imports import existing_campaign
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import MAX_PHONE_LENGTH, clean_line, clean_text, optional_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class DncResult:
    phone: str
    campaign_id: int | None
    added: bool
    #: The number as people write it (services/phone_display.py), for messages; ``phone`` keeps the
    #: E.164 digits, and the JSON of ``dnc add`` stays as it was.
    phone_display: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["phone_display"]
        return data


@dataclass(frozen=True)
class DncImportSummary:
    rows_total: int
    added: int
    already: int
    rejected: int
    rejects: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_dnc(
    session: Session, actor: Actor, phone: str, *, campaign_id: int | None = None, reason: str | None = None,
    country_code: str = "1",
) -> DncResult:
    """Put a number on the do-not-call list (global, or one campaign's).  Idempotent.  A national
    number is read in the campaign's or the organization's country (``country_code``: the fallback)."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "change the do-not-call list"))
    reason = clean_text(reason, field="reason", label=QT_TRANSLATE_NOOP("services", "The reason"), max_length=500) or None
    phone = clean_line(phone, field="phone", label=QT_TRANSLATE_NOOP("services", "The phone"), max_length=MAX_PHONE_LENGTH)
    digits, problem = normalize_phone(phone, org_settings.import_country(session, optional_id(campaign_id, "Campaign"), country_code))
    if problem:
        raise ValidationError("phone", translate("services", "The phone {problem}.").format(problem=problem))
    if campaign_id is not None:
        existing_campaign(session, campaign_id)
    stmt = (
        pg_insert(DncNumber)
        .values(phone=digits, campaign_id=campaign_id, reason=reason, added_by=actor.user_id)
        .on_conflict_do_nothing(index_elements=[DncNumber.phone, text("coalesce(campaign_id, 0)")])
        .returning(DncNumber.id)
    )
    new_id = session.scalar(stmt)
    if new_id is not None:
        audit.record(session, actor, "dnc.add", entity_type="dnc", entity_id=new_id,
                     details={"phone": digits, "campaign_id": campaign_id})
    shown = phone_display.for_campaign(session, campaign_id)(digits)
    return DncResult(digits, campaign_id, new_id is not None, shown)


def import_dnc(
    db, actor: Actor, path: str | Path, *, campaign_id: int | None = None, reason: str | None = None,  # noqa: ANN001
    options: ImportOptions | None = None,
) -> DncImportSummary:
    """Add every phone of a file (its phone column, or its only column) to the do-not-call list."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "change the do-not-call list"))
    reason = clean_text(reason, field="reason", label=QT_TRANSLATE_NOOP("services", "The reason"), max_length=500) or None
    optional_id(campaign_id, "Campaign")
    options = options or ImportOptions()
    with importing.open_file(Path(path), db.settings, options) as file:
        file.map_columns(options.mapping, single_column_is_phone=True)
        with db.engine.connect() as conn, conn.begin():
            with Session(bind=conn, info={"database": db}) as session:
                if campaign_id is not None:
                    existing_campaign(session, campaign_id)
                country = org_settings.import_country(session, campaign_id, db.settings.default_country_code)
            counts = importing.load_dnc(conn, file, country_code=country,
                                        campaign_id=campaign_id, reason=reason, added_by=actor.user_id)
            with Session(bind=conn, info={"database": db}) as session:
                audit.record(session, actor, "dnc.import", entity_type="dnc", entity_id=None,
                             details={"file": file.file_name, "added": counts.added, "campaign_id": campaign_id})
                session.flush()
    return DncImportSummary(rows_total=counts.rows_total, added=counts.added, already=counts.valid - counts.added,
                            rejected=counts.rows_total - counts.valid, rejects=counts.rejects)
