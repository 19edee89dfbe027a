"""An upload's warnings: imported rows whose phone has the right length for its country but is
unknown to the numbering plan (line type ``unknown``, importing/phones.py).  The rows are kept, so
a supervisor sees a list's quality without losing records."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welcomedly_desktop import importing
from welcomedly_desktop.db.models import BaseCampaignData, CampaignRecord
from welcomedly_desktop.errors import NotFoundError
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

#: The reason shown for such a row in the upload's report.
WARNING_REASON = QT_TRANSLATE_NOOP(
    "services", "imported with a warning: the number {phone} has the right length but is unknown to the numbering plan")


@dataclass(frozen=True)
class WarningView:
    source_row: int | None
    column_name: str | None
    reason: str
    phone: str

    def to_dict(self) -> dict:
        return asdict(self)


def count_warnings(session: Session, upload_id: int) -> int:
    """Counted once, when the import ends (stored in ``base_campaign_data.warnings``)."""
    return session.scalar(
        select(func.count()).select_from(CampaignRecord)
        .where(CampaignRecord.upload_id == upload_id, CampaignRecord.line_type == "unknown")
    ) or 0


def list_warnings(session: Session, actor: Actor, upload_id: int, *, limit: int | None = None) -> list[WarningView]:
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "view uploads"))
    upload = session.get(BaseCampaignData, upload_id)
    if upload is None:
        raise NotFoundError(translate("services", "Upload {upload_id} does not exist.").format(upload_id=upload_id))
    phone_column = (upload.column_mapping or {}).get("phone")
    query = (
        select(CampaignRecord.source_row, CampaignRecord.phone)
        .where(CampaignRecord.upload_id == upload_id, CampaignRecord.line_type == "unknown")
        .order_by(CampaignRecord.source_row)
    )
    if limit is not None:
        query = query.limit(limit)
    reason = translate("services", WARNING_REASON)
    return [WarningView(row.source_row, phone_column, reason.format(phone=importing.national_format(row.phone)),
                        row.phone) for row in session.execute(query)]
