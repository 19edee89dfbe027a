"""The do-not-call list: add one number, or every phone of a file (the file's load is importing's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from welcomedly_desktop import importing
from welcomedly_desktop.db.models import Campaign, DncNumber, User
from welcomedly_desktop.errors import NotFoundError, ValidationError
from welcomedly_desktop.importing import ImportOptions, normalize_phone
from welcomedly_desktop.services import audit, org_settings, phone_display
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.imports import existing_campaign
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import (
    MAX_PHONE_LENGTH,
    clean_line,
    clean_search,
    clean_text,
    existing_id,
    optional_id,
)
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


@dataclass(frozen=True)
class DncEntry:
    """One number on the list, as the do-not-call page shows it."""

    id: int
    phone: str  # E.164 digits, as stored
    phone_display: str  # as people write it, in the campaign's (or the organization's) country
    campaign_id: int | None  # None: the global list
    campaign_name: str | None
    reason: str | None
    added_by: str | None  # the user's name (None: unknown or deleted user)
    added_at: dt.datetime


@dataclass(frozen=True)
class DncList:
    entries: list[DncEntry]
    #: How many entries match in all; more than ``len(entries)`` when the limit cut the list.
    total: int


def list_dnc(session: Session, actor: Actor, *, campaign_id: int | None = None, search: str | None = None,
             limit: int = 1000) -> DncList:
    """Newest first, at most ``limit`` entries (the list can hold millions), and how many match in all.
    ``campaign_id``: that campaign's entries only; ``search``: numbers containing those digits."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "view the do-not-call list"))
    conditions = []
    if campaign_id is not None:
        existing_campaign(session, existing_id(campaign_id, "Campaign"))
        conditions.append(DncNumber.campaign_id == campaign_id)
    digits = "".join(ch for ch in clean_search(search) if ch.isdigit())
    if digits:
        conditions.append(DncNumber.phone.contains(digits, autoescape=True))
    query = (
        select(DncNumber, Campaign.name, User.name)
        .outerjoin(Campaign, Campaign.id == DncNumber.campaign_id)
        .outerjoin(User, User.id == DncNumber.added_by)
        .where(*conditions)
        .order_by(DncNumber.added_at.desc(), DncNumber.id.desc())
        .limit(max(0, limit))
    )
    rows = session.execute(query).all()
    total = session.scalar(select(func.count()).select_from(DncNumber).where(*conditions)) or 0
    shown = phone_display.PhoneDisplay(session, (n.campaign_id for n, _c, _u in rows))
    entries = [DncEntry(id=n.id, phone=n.phone, phone_display=shown(n.phone, n.campaign_id), campaign_id=n.campaign_id,
                        campaign_name=campaign, reason=n.reason, added_by=user, added_at=n.added_at)
               for n, campaign, user in rows]
    return DncList(entries, total)


def remove_dnc(session: Session, actor: Actor, dnc_id: int) -> DncResult:
    """Take one entry off the list (a number put there by mistake).  Audited like adding."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "change the do-not-call list"))
    removed = session.execute(
        delete(DncNumber).where(DncNumber.id == existing_id(dnc_id, "Do-not-call entry"))
        .returning(DncNumber.phone, DncNumber.campaign_id)
    ).first()
    if removed is None:
        raise NotFoundError(translate("services", "That number is no longer on the do-not-call list."))
    phone, campaign_id = removed
    audit.record(session, actor, "dnc.remove", entity_type="dnc", entity_id=dnc_id,
                 details={"phone": phone, "campaign_id": campaign_id})
    return DncResult(phone, campaign_id, False, phone_display.for_campaign(session, campaign_id)(phone))
