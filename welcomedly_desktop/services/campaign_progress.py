"""The campaign list with its progress: records, records worked, share finished (issue 18, #9).

A separate use case from ``campaigns.list_campaigns`` (whose view is the CLI's JSON contract): the
desktop list shows each campaign with how many records it holds, how many were called at least
once and what share is finished, counted in one grouped query over the indexes the reports use.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welcomedly_desktop.db.models import CampaignRecord
from welcomedly_desktop.services.campaigns import CampaignView, list_campaigns
from welcomedly_desktop.services.context import Actor


@dataclass(frozen=True)
class CampaignWithProgress(CampaignView):
    records: int = 0
    #: Records called at least once.
    worked: int = 0
    #: Records finished (status "done").
    done: int = 0

    @property
    def progress(self) -> float | None:
        """Share of the records that are finished, 0..1 (None for a campaign without records)."""
        return self.done / self.records if self.records else None


def list_with_progress(session: Session, actor: Actor, *,
                       ids: Collection[int] | None = None) -> list[CampaignWithProgress]:
    """The campaigns ``actor`` may see (as ``list_campaigns``), each with its record counts; with
    ``ids``, only those of them (a live view's targeted refresh counts a few campaigns, not all)."""
    views = list_campaigns(session, actor, ids=ids)
    ids = [v.id for v in views]
    counts: dict[int, tuple[int, int, int]] = {}
    if ids:
        rows = session.execute(
            select(
                CampaignRecord.campaign_id,
                func.count(),
                func.count().filter(CampaignRecord.last_attempt_at.is_not(None)),
                func.count().filter(CampaignRecord.status == "done"),
            )
            .where(CampaignRecord.campaign_id.in_(ids))
            .group_by(CampaignRecord.campaign_id)
        )
        counts = {campaign_id: (n, worked, done) for campaign_id, n, worked, done in rows}
    names = [f.name for f in fields(CampaignView)]
    result = []
    for view in views:
        n, worked, done = counts.get(view.id, (0, 0, 0))
        result.append(CampaignWithProgress(**{name: getattr(view, name) for name in names},
                                           records=n, worked=worked, done=done))
    return result
