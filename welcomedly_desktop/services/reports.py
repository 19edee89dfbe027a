"""Report use cases: who may see which report, the short-lived cache, and the audit of exports.

The builders and writers in :mod:`welcomedly_desktop.reports` compute and format; this module
checks permissions first and records exports in the audit log.

The cache stays correct through one mechanism, registered below on every SQLAlchemy engine: a
statement that writes a table reports read marks its connection and empties the cache; the end of
that connection's transaction (commit or rollback) empties it again, so no result built from
uncommitted or rolled-back data survives.  Writes from other processes (and bulk paths that bypass
SQLAlchemy, such as COPY on the raw driver connection) are seen through the fingerprint that is part
of every cache key; whatever the fingerprint cannot see lives at most ``cache.TTL_SECONDS``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from welcomedly_desktop.errors import PermissionDenied
from welcomedly_desktop.reports import builders, cache, export
from welcomedly_desktop.reports.builders import make_period
from welcomedly_desktop.reports.model import AgentReport, CampaignReport, Period
from welcomedly_desktop.services import audit, phone_display
from welcomedly_desktop.services.context import Actor
from welcomedly_desktop.services.permissions import require_manager
from welcomedly_desktop.services.validation import existing_id
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "agent_report", "audit_report_export", "build_agent_report", "build_campaign_report", "campaign_report",
    "check_agent_report_allowed", "export_records", "export_report", "make_period",
]

Report = CampaignReport | AgentReport

# -- permissions -----------------------------------------------------------------------------------


def check_agent_report_allowed(session: Session, actor: Actor, agent_id: int) -> None:
    """Supervisors and admins see every agent; an agent only their own report."""
    existing_id(agent_id, "Agent")
    if actor.is_agent:
        own = session.scalar(text("SELECT id FROM agents WHERE user_id = :u"), {"u": actor.user_id}) if actor.user_id else None
        if own != agent_id:
            raise PermissionDenied(translate("services", "Agents can only see their own agent report."))
        return
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "see agent reports"))


# -- reports ---------------------------------------------------------------------------------------


def build_campaign_report(
    session: Session, actor: Actor, campaign_id: int, period: Period, *, now: dt.datetime | None = None
) -> CampaignReport:
    """The campaign report (supervisors and admins).  Not cached; see :func:`campaign_report`."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "see campaign reports"))
    existing_id(campaign_id, "Campaign")
    return builders.build_campaign_report(session, campaign_id, period, generated_by=actor.name, now=now)


def build_agent_report(
    session: Session, actor: Actor, agent_id: int, period: Period, *, now: dt.datetime | None = None
) -> AgentReport:
    check_agent_report_allowed(session, actor, agent_id)
    return builders.build_agent_report(session, agent_id, period, generated_by=actor.name, now=now)


def campaign_report(
    session: Session, actor: Actor, campaign_id: int, period: Period, *, use_cache: bool = True
) -> CampaignReport:
    """The campaign report, from the short-lived cache when the same inputs were just computed."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "see campaign reports"))
    existing_id(campaign_id, "Campaign")
    build = partial(builders.build_campaign_report, session, campaign_id, period, generated_by=actor.name)
    return _cached(session, actor, ("campaign", campaign_id, period), build) if use_cache else build()


def agent_report(session: Session, actor: Actor, agent_id: int, period: Period, *, use_cache: bool = True) -> AgentReport:
    check_agent_report_allowed(session, actor, agent_id)
    build = partial(builders.build_agent_report, session, agent_id, period, generated_by=actor.name)
    return _cached(session, actor, ("agent", agent_id, period), build) if use_cache else build()


def _cached(session: Session, actor: Actor, key: tuple, build: Callable[[], Report]) -> Report:
    """``build()``'s result from the cache when the same inputs and data were just computed."""
    report = cache.get_or_build((*key, builders.fingerprint(session)), build)
    return dataclasses.replace(report, generated_by=actor.name)


# -- exports ---------------------------------------------------------------------------------------


def audit_report_export(session: Session, actor: Actor, report: Report, fmt: str, path: Path) -> None:
    audit.record(
        session, actor, "report.export",
        entity_type=report.kind,
        entity_id=report.campaign_id if isinstance(report, CampaignReport) else report.agent_id,
        details={"format": fmt, "file": Path(path).name, "from": report.period.date_from,
                 "to": report.period.date_to, "timezone": report.period.timezone},
    )


def export_pdf(session: Session, actor: Actor, report: Report, path: Path) -> int:
    """Write the report as a PDF (QtGui, imported here so services load no Qt) and audit it."""
    from welcomedly_desktop.printing.report_document import write_pdf

    pages = write_pdf(report, path)
    audit_report_export(session, actor, report, "pdf", Path(path))
    return pages


def export_report(session: Session, actor: Actor, report: Report, fmt: str, path: Path) -> Path:
    """Write the report's tables as CSV or XLSX (atomically) and audit it."""
    path = export.write_report(report, fmt, path)
    audit_report_export(session, actor, report, fmt.lower(), path)
    return path


def export_records(
    session: Session,
    actor: Actor,
    campaign_id: int,
    fmt: str,
    path: Path,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Every record of a campaign as CSV or XLSX (supervisors and admins), audited; returns the count."""
    require_manager(actor, QT_TRANSLATE_NOOP("permissions", "export campaign records"))
    existing_id(campaign_id, "Campaign")
    count = export.write_records(session, campaign_id, fmt, path, progress=progress, cancel=cancel,
                                 phone_format=phone_display.for_campaign(session, campaign_id))
    audit.record(session, actor, "records.export", entity_type="campaign", entity_id=campaign_id,
                 details={"format": fmt.lower(), "file": Path(path).name, "rows": count})
    return count


# -- cache invalidation: the one mechanism ---------------------------------------------------------

#: The tables whose contents reports read.
REPORT_TABLES = ("campaign_records", "interactions", "interaction_hourly", "dispositions", "agents", "campaigns")
_WRITES_REPORT_TABLE = re.compile(
    r"\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|copy)\s+(?:only\s+)?(?:public\.)?\"?(?:"
    + "|".join(REPORT_TABLES)
    + r")\b",
    re.IGNORECASE,
)
_MARK = "welcomedly.report_data_changed"


def writes_report_data(statement: str) -> bool:
    """Whether an SQL statement inserts, updates, deletes or copies into a table reports read."""
    return _WRITES_REPORT_TABLE.search(statement) is not None


def _on_statement(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
    if writes_report_data(statement):
        conn.info[_MARK] = True
        cache.invalidate()


def _on_transaction_end(conn) -> None:  # noqa: ANN001
    try:
        changed = conn.info.pop(_MARK, False)
    except Exception:  # noqa: BLE001 - a closed or invalidated connection has no info left
        changed = True
    if changed:
        cache.invalidate()


def _on_pool_reset(dbapi_connection, connection_record, reset_state) -> None:  # noqa: ANN001
    # A connection given back without commit or rollback is rolled back by the pool.
    if connection_record is not None and connection_record.info.pop(_MARK, False):
        cache.invalidate()


def _register() -> None:
    if not event.contains(Engine, "before_cursor_execute", _on_statement):
        event.listen(Engine, "before_cursor_execute", _on_statement)
        event.listen(Engine, "commit", _on_transaction_end)
        event.listen(Engine, "rollback", _on_transaction_end)
        event.listen(Pool, "reset", _on_pool_reset)


_register()
