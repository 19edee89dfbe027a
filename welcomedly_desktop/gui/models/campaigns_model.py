"""Table model of campaigns (rows are ``services.campaigns.CampaignView``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from welcomedly_desktop.gui.models.table_model import Column, RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("CampaignsModel", text)


def status_label(status: str) -> str:
    return {
        "draft": tr("Draft"),
        "active": tr("Active"),
        "paused": tr("Paused"),
        "completed": tr("Completed"),
    }.get(status, status)


def _progress_text(campaign) -> str:  # noqa: ANN001 - CampaignWithProgress (or a plain CampaignView)
    progress = getattr(campaign, "progress", None)
    return "" if progress is None else QLocale().toString(progress * 100, "f", 0) + " %"


class CampaignsModel(RowTableModel):
    (COL_NAME, COL_STATUS, COL_RECORDS, COL_WORKED, COL_PROGRESS, COL_START, COL_END, COL_AGENTS, COL_CREATOR,
     COL_UPDATED) = range(10)

    columns = (
        Column("name", tr("Name"), lambda c: c.name),
        Column("status", tr("Status"), lambda c: c.status, display=lambda c: status_label(c.status)),
        Column("records", tr("Records"), lambda c: getattr(c, "records", None), align_right=True, searchable=False),
        Column("worked", tr("Worked"), lambda c: getattr(c, "worked", None), align_right=True, searchable=False,
               tooltip=lambda c: tr("Records called at least once")),
        Column("progress", tr("Progress"), lambda c: getattr(c, "progress", None), display=_progress_text,
               align_right=True, searchable=False, tooltip=lambda c: tr("Share of the records that are finished")),
        Column("start_date", tr("Start"), lambda c: c.start_date),
        Column("end_date", tr("End"), lambda c: c.end_date),
        Column("agents", tr("Agents"), lambda c: c.agent_count, align_right=True, searchable=False),
        Column("created_by", tr("Created by"), lambda c: c.created_by_name),
        Column("updated_at", tr("Updated"), lambda c: c.updated_at, searchable=False),
    )
