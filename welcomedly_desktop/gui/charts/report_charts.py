"""QtCharts charts of a report for the Reports page: disposition pie, daily trend lines, hour-of-day bars.

Paper draws the same series, colours and titles with QPainter alone
(:mod:`welcomedly_desktop.printing.chart_painter`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QFont

from welcomedly_desktop.printing.chart_painter import ATTEMPTS_COLOUR, CONTACTS_COLOUR, SUCCESSES_COLOUR
from welcomedly_desktop.i18n import translate
from welcomedly_desktop.reports.model import AgentReport, CampaignReport
from welcomedly_desktop.formatting import format_number, qt_day_month_pattern


Report = CampaignReport | AgentReport


def _base_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # printing and tests need final geometry
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def disposition_chart(report: Report) -> QChart:
    """Share of attempts per disposition, in the catalogue's colours."""
    chart = _base_chart(translate("reports", "Dispositions"))
    series = QPieSeries()
    for d in report.dispositions:
        slice_ = series.append(f"{d.name} ({format_number(d.attempts)})", d.attempts)
        slice_.setColor(QColor(d.colour))
        slice_.setBorderColor(QColor("#ffffff"))
    if not report.dispositions:
        empty = series.append(translate("printing", "No attempts in this period"), 1)
        empty.setColor(QColor("#e0e0e0"))
    series.setPieSize(0.8)
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def _msecs(day: dt.date) -> float:
    # Local noon of the day: the axis labels in local time, so the label is always that date.
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0)).toMSecsSinceEpoch())


def daily_trend_chart(report: Report) -> QChart:
    """Attempts, contacts and successes per day."""
    chart = _base_chart(translate("reports", "Daily trend"))
    axis_x = QDateTimeAxis()
    axis_x.setFormat(qt_day_month_pattern())
    axis_x.setTickCount(min(max(len(report.days), 2), 7))
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    top = 0
    for name, colour, attr in ((translate("reports", "Attempts"), ATTEMPTS_COLOUR, "attempts"), (translate("reports", "Contacts"), CONTACTS_COLOUR, "contacts"),
                               (translate("reports", "Successes"), SUCCESSES_COLOUR, "successes")):
        series = QLineSeries()
        series.setName(name)
        pen = series.pen()
        pen.setColor(QColor(colour))
        pen.setWidthF(2.0)
        series.setPen(pen)
        for p in report.days:
            value = getattr(p, attr)
            top = max(top, value)
            series.append(_msecs(p.day), value)
        if len(report.days) == 1:  # a single point draws no line: show it as a flat day
            series.append(_msecs(report.days[0].day) + 3_600_000, getattr(report.days[0], attr))
        chart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    if report.days:
        axis_x.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_msecs(report.days[0].day))),
            QDateTime.fromMSecsSinceEpoch(int(_msecs(report.days[-1].day)) + (3_600_000 if len(report.days) == 1 else 0)),
        )
    axis_y.setRange(0, max(top, 1) * 1.1)
    axis_y.applyNiceNumbers()
    return chart


def hourly_chart(report: Report) -> QChart:
    """Attempts and contacts by hour of day (report time zone)."""
    chart = _base_chart(translate("reports", "Hour of day ({timezone})").format(timezone=report.period.timezone))
    attempts = QBarSet(translate("reports", "Attempts"))
    attempts.setColor(QColor(ATTEMPTS_COLOUR))
    contacts = QBarSet(translate("reports", "Contacts"))
    contacts.setColor(QColor(CONTACTS_COLOUR))
    # Only the span of hours with activity (an hour either side), so bars and labels stay readable.
    active = [p.hour for p in report.hours if p.attempts]
    first, last = (max(min(active) - 1, 0), min(max(active) + 1, 23)) if active else (8, 20)
    shown = [p for p in report.hours if first <= p.hour <= last]
    for p in shown:
        attempts.append(p.attempts)
        contacts.append(p.contacts)
    series = QBarSeries()
    series.append(attempts)
    series.append(contacts)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([f"{p.hour}" for p in shown])
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    axis_y.setRange(0, max([p.attempts for p in report.hours] + [1]) * 1.1)
    axis_y.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    return chart


def report_charts(report: Report) -> list[QChart]:
    return [disposition_chart(report), daily_trend_chart(report), hourly_chart(report)]
