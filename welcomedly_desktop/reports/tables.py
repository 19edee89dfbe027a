"""Reports as titled tables: the one shape that CSV, XLSX, PDF and the GUI tables all draw from.

Cells hold plain values: ``str``, ``int``, ``float``, ``None`` (a ratio with a zero denominator,
written as an empty cell / "—"), ``date``/``datetime``.  Ratios are kept as fractions (0.25) in
``kind="ratio"`` columns; formatting for people happens in :func:`format_cell`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from welcomedly_desktop.formatting import format_date, format_datetime, format_duration, format_number, format_percent
from welcomedly_desktop.i18n import translate
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

    def formatted(self, start: int = 0, end: int | None = None) -> list[list[str]]:
        """Rows ``start`` to ``end`` (default: all) as people read them (a PDF page formats only its own)."""
        stop = len(self.rows) if end is None else end
        return [[format_cell(v, self.kind(r, c)) for c, v in enumerate(self.rows[r])] for r in range(start, stop)]


def format_seconds(value: float | int | None) -> str:
    """The one duration format: H:MM:SS, hours not wrapped at 24."""
    if value is None:
        return "—"
    return format_duration(value)


def format_cell(value: Any, kind: str) -> str:
    """How a person reads a cell (GUI tables, PDF)."""
    if value is None:
        return "—"
    if kind == RATIO:
        return format_percent(value)
    if kind == SECONDS:
        return format_seconds(value)
    if kind == DECIMAL:
        return format_number(value, 2)
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, 2)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _summary_campaign(r: CampaignReport) -> ReportTable:
    rows: list[tuple[str, Any, str]] = [
        (translate("reports", "Records"), r.records, NUMBER),
        (translate("reports", "Worked (at least one attempt)"), r.worked, NUMBER),
        (translate("reports", "Penetration (worked / records)"), r.penetration, RATIO),
        (translate("reports", "Attempts"), r.attempts, NUMBER),
        (translate("reports", "Contacts"), r.contacts, NUMBER),
        (translate("reports", "Contact rate (contacts / worked)"), r.contact_rate, RATIO),
        (translate("reports", "Successes"), r.successes, NUMBER),
        (translate("reports", "Conversion (successes / contacts)"), r.conversion, RATIO),
        (translate("reports", "Attempts per worked record"), r.attempts_per_record, DECIMAL),
        (translate("reports", "Talk time"), r.talk_seconds, SECONDS),
        (translate("reports", "Average handle time"), r.avg_handle_seconds, SECONDS),
        (translate("reports", "Callbacks due by end of today"), r.callbacks_due, NUMBER),
        (translate("reports", "Callbacks overdue"), r.callbacks_overdue, NUMBER),
    ]
    return _summary(rows)


def _summary_agent(r: AgentReport) -> ReportTable:
    rows: list[tuple[str, Any, str]] = [
        (translate("reports", "Attempts"), r.attempts, NUMBER),
        (translate("reports", "Contacts"), r.contacts, NUMBER),
        (translate("reports", "Successes"), r.successes, NUMBER),
        (translate("reports", "Conversion (successes / contacts)"), r.conversion, RATIO),
        (translate("reports", "Talk time"), r.talk_seconds, SECONDS),
        (translate("reports", "Average handle time"), r.avg_handle_seconds, SECONDS),
        (translate("reports", "Hours worked"), r.hours_worked, DECIMAL),
        (translate("reports", "Attempts per hour worked"), r.attempts_per_hour, DECIMAL),
    ]
    return _summary(rows)


def _summary(rows: list[tuple[str, Any, str]]) -> ReportTable:
    return ReportTable("summary", translate("reports", "Summary"), [Column(translate("reports", "Metric"), TEXT), Column(translate("reports", "Value"), NUMBER)],
                       [[name, value] for name, value, _ in rows], row_kinds=[kind for _, _, kind in rows])


def _dispositions(r: CampaignReport | AgentReport) -> ReportTable:
    return ReportTable(
        "dispositions", translate("reports", "Dispositions"),
        [Column(translate("reports", "Disposition"), TEXT), Column(translate("reports", "Attempts")), Column(translate("reports", "Share"), RATIO), Column(translate("reports", "Contact"), TEXT),
         Column(translate("reports", "Success"), TEXT)],
        [[d.name, d.attempts, d.share, _yes_no(d.is_contact), _yes_no(d.is_success)]
         for d in r.dispositions],
    )


def _yes_no(flag: bool) -> str:
    return translate("reports", "yes") if flag else translate("reports", "no")


def _days(r: CampaignReport | AgentReport) -> ReportTable:
    columns = [Column(translate("reports", "Day"), TEXT), Column(translate("reports", "Attempts")), Column(translate("reports", "Contacts")), Column(translate("reports", "Successes")),
               Column(translate("reports", "Talk time"), SECONDS)]
    if isinstance(r, AgentReport):
        columns.append(Column(translate("reports", "Hours worked"), DECIMAL))
        rows = [[p.day, p.attempts, p.contacts, p.successes, p.talk_seconds, p.hours_worked] for p in r.days]
    else:
        rows = [[p.day, p.attempts, p.contacts, p.successes, p.talk_seconds] for p in r.days]
    return ReportTable("daily", translate("reports", "Daily trend"), columns, rows)


def _hours(r: CampaignReport | AgentReport) -> ReportTable:
    return ReportTable(
        "hourly", translate("reports", "Hour of day ({timezone})").format(timezone=r.period.timezone),
        [Column(translate("reports", "Hour"), TEXT), Column(translate("reports", "Attempts")), Column(translate("reports", "Contacts")), Column(translate("reports", "Successes"))],
        [[f"{p.hour:02d}:00", p.attempts, p.contacts, p.successes] for p in r.hours],
    )


def report_tables(report: CampaignReport | AgentReport) -> list[ReportTable]:
    if isinstance(report, CampaignReport):
        agents = ReportTable(
            "agents", translate("reports", "Agents"),
            [Column(translate("reports", "Agent"), TEXT), Column(translate("reports", "Attempts")), Column(translate("reports", "Contacts")), Column(translate("reports", "Successes")),
             Column(translate("reports", "Conversion"), RATIO), Column(translate("reports", "Talk time"), SECONDS), Column(translate("reports", "Avg handle time"), SECONDS)],
            [[a.name, a.attempts, a.contacts, a.successes, a.conversion, a.talk_seconds, a.avg_handle_seconds]
             for a in report.agents],
        )
        return [_summary_campaign(report), _dispositions(report), agents, _days(report), _hours(report)]
    campaigns = ReportTable(
        "campaigns", translate("reports", "Campaigns"),
        [Column(translate("reports", "Campaign"), TEXT), Column(translate("reports", "Attempts")), Column(translate("reports", "Contacts")), Column(translate("reports", "Successes")),
         Column(translate("reports", "Conversion"), RATIO), Column(translate("reports", "Talk time"), SECONDS)],
        [[c.name, c.attempts, c.contacts, c.successes, c.conversion, c.talk_seconds] for c in report.campaigns],
    )
    return [_summary_agent(report), campaigns, _dispositions(report), _days(report), _hours(report)]


def header_lines(report: CampaignReport | AgentReport) -> list[str]:
    """The header every export carries: subject, period, generated at/by."""
    return [
        (translate("reports", "Campaign report") if isinstance(report, CampaignReport)
         else translate("reports", "Agent report")) + f" — {report.subject}",
        translate("reports", "Period: {period}").format(period=report.period.label()),
        translate("reports", "Generated {when} by {who}").format(
            when=format_datetime(report.generated_at) + " UTC", who=report.generated_by),
    ]
