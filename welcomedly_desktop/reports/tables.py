"""Reports as titled tables: the one shape that CSV, XLSX, PDF and the GUI tables all draw from.

Cells hold plain values: ``str``, ``int``, ``float``, ``None`` (a ratio with a zero denominator,
written as an empty cell / "—"), ``date``/``datetime``.  Ratios are kept as fractions (0.25) in
``kind="ratio"`` columns; formatting for people happens in :func:`format_cell`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from welcomedly_desktop.reports.model import AgentReport, CampaignReport

RATIO = "ratio"
SECONDS = "seconds"
NUMBER = "number"
TEXT = "text"
DECIMAL = "decimal"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = NUMBER


@dataclass(frozen=True)
class ReportTable:
    key: str  # short machine name, used for sheet names and JSON
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    #: summary tables: the kind of each row's value (the value column mixes counts, ratios, times)
    row_kinds: list[str] | None = None

    def kind(self, row: int, column: int) -> str:
        if self.row_kinds is not None and column > 0:
            return self.row_kinds[row]
        return self.columns[column].kind

    def formatted(self) -> list[list[str]]:
        return [[format_cell(v, self.kind(r, c)) for c, v in enumerate(row)] for r, row in enumerate(self.rows)]


def format_seconds(value: float | int | None) -> str:
    if value is None:
        return "—"
    total = int(round(value))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def format_cell(value: Any, kind: str) -> str:
    """How a person reads a cell (GUI tables, PDF)."""
    if value is None:
        return "—"
    if kind == RATIO:
        return f"{value * 100:.1f}%"
    if kind == SECONDS:
        return format_seconds(value)
    if kind == DECIMAL:
        return f"{value:,.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _summary_campaign(r: CampaignReport) -> ReportTable:
    rows: list[tuple[str, Any, str]] = [
        ("Records", r.records, NUMBER),
        ("Worked (at least one attempt)", r.worked, NUMBER),
        ("Penetration (worked / records)", r.penetration, RATIO),
        ("Attempts", r.attempts, NUMBER),
        ("Contacts", r.contacts, NUMBER),
        ("Contact rate (contacts / worked)", r.contact_rate, RATIO),
        ("Successes", r.successes, NUMBER),
        ("Conversion (successes / contacts)", r.conversion, RATIO),
        ("Attempts per worked record", r.attempts_per_record, DECIMAL),
        ("Talk time", r.talk_seconds, SECONDS),
        ("Average handle time", r.avg_handle_seconds, SECONDS),
        ("Callbacks due by end of today", r.callbacks_due, NUMBER),
        ("Callbacks overdue", r.callbacks_overdue, NUMBER),
    ]
    return _summary(rows)


def _summary_agent(r: AgentReport) -> ReportTable:
    rows: list[tuple[str, Any, str]] = [
        ("Attempts", r.attempts, NUMBER),
        ("Contacts", r.contacts, NUMBER),
        ("Successes", r.successes, NUMBER),
        ("Conversion (successes / contacts)", r.conversion, RATIO),
        ("Talk time", r.talk_seconds, SECONDS),
        ("Average handle time", r.avg_handle_seconds, SECONDS),
        ("Hours worked", r.hours_worked, DECIMAL),
        ("Attempts per hour worked", r.attempts_per_hour, DECIMAL),
    ]
    return _summary(rows)


def _summary(rows: list[tuple[str, Any, str]]) -> ReportTable:
    return ReportTable("summary", "Summary", [Column("Metric", TEXT), Column("Value", NUMBER)],
                       [[name, value] for name, value, _ in rows], row_kinds=[kind for _, _, kind in rows])


def _dispositions(r: CampaignReport | AgentReport) -> ReportTable:
    return ReportTable(
        "dispositions", "Dispositions",
        [Column("Disposition", TEXT), Column("Attempts"), Column("Share", RATIO), Column("Contact", TEXT),
         Column("Success", TEXT)],
        [[d.name, d.attempts, d.share, "yes" if d.is_contact else "no", "yes" if d.is_success else "no"]
         for d in r.dispositions],
    )


def _days(r: CampaignReport | AgentReport) -> ReportTable:
    columns = [Column("Day", TEXT), Column("Attempts"), Column("Contacts"), Column("Successes"),
               Column("Talk time", SECONDS)]
    if isinstance(r, AgentReport):
        columns.append(Column("Hours worked", DECIMAL))
        rows = [[p.day, p.attempts, p.contacts, p.successes, p.talk_seconds, p.hours_worked] for p in r.days]
    else:
        rows = [[p.day, p.attempts, p.contacts, p.successes, p.talk_seconds] for p in r.days]
    return ReportTable("daily", "Daily trend", columns, rows)


def _hours(r: CampaignReport | AgentReport) -> ReportTable:
    return ReportTable(
        "hourly", f"Hour of day ({r.period.timezone})",
        [Column("Hour", TEXT), Column("Attempts"), Column("Contacts"), Column("Successes")],
        [[f"{p.hour:02d}:00", p.attempts, p.contacts, p.successes] for p in r.hours],
    )


def report_tables(report: CampaignReport | AgentReport) -> list[ReportTable]:
    if isinstance(report, CampaignReport):
        agents = ReportTable(
            "agents", "Agents",
            [Column("Agent", TEXT), Column("Attempts"), Column("Contacts"), Column("Successes"),
             Column("Conversion", RATIO), Column("Talk time", SECONDS), Column("Avg handle time", SECONDS)],
            [[a.name, a.attempts, a.contacts, a.successes, a.conversion, a.talk_seconds, a.avg_handle_seconds]
             for a in report.agents],
        )
        return [_summary_campaign(report), _dispositions(report), agents, _days(report), _hours(report)]
    campaigns = ReportTable(
        "campaigns", "Campaigns",
        [Column("Campaign", TEXT), Column("Attempts"), Column("Contacts"), Column("Successes"),
         Column("Conversion", RATIO), Column("Talk time", SECONDS)],
        [[c.name, c.attempts, c.contacts, c.successes, c.conversion, c.talk_seconds] for c in report.campaigns],
    )
    return [_summary_agent(report), campaigns, _dispositions(report), _days(report), _hours(report)]


def header_lines(report: CampaignReport | AgentReport) -> list[str]:
    """The header every export carries: subject, period, generated at/by."""
    return [
        f"{'Campaign report' if isinstance(report, CampaignReport) else 'Agent report'} — {report.subject}",
        f"Period: {report.period.label()}",
        f"Generated {report.generated_at.strftime('%Y-%m-%d %H:%M UTC')} by {report.generated_by}",
    ]
