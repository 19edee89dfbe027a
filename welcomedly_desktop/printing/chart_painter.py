"""The report's charts drawn with QPainter alone (QtGui, no widgets): disposition pie, daily trend
lines, hour-of-day bars.

Paper needs no QtCharts: a chart there is a few shapes and labels, drawn straight into the page's
rectangle as vector graphics, so the PDF stays sharp and its text searchable, and the command line
renders without a widget application.  The screen's interactive charts (``gui/charts``) show the
same series with the same colours and titles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from welcomedly_desktop.reports.model import AgentReport, CampaignReport
from welcomedly_desktop.formatting import format_day_month, format_number

Report = CampaignReport | AgentReport

ATTEMPTS_COLOUR = "#1565c0"
CONTACTS_COLOUR = "#ef6c00"
SUCCESSES_COLOUR = "#2e7d32"
AXIS_COLOUR = "#606060"
GRID_COLOUR = "#e3e3e3"
EMPTY_COLOUR = "#e0e0e0"


def nice_axis(top: float, ticks: int = 5) -> tuple[float, float]:
    """(axis maximum, step): a round step (1, 2 or 5 x 10^n) so the labels read well."""
    raw = max(top, 1.0) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)  # counts: no fractional ticks
    return math.ceil(max(top, 1.0) / step) * step, step


class _Canvas:
    """Fonts and measures shared by the three charts, in the painter's device units."""

    def __init__(self, painter: QPainter, rect: QRectF, font: QFont) -> None:
        self.p = painter
        self.rect = rect
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.fm = QFontMetricsF(self.font, painter.device())
        self.pad = self.fm.height() * 0.5

    def title(self, text: str) -> QRectF:
        """Draws the title on top; returns the rectangle left below it."""
        self.p.setFont(self.bold)
        self.p.setPen(QColor("#000000"))
        band = QRectF(self.rect.left(), self.rect.top(), self.rect.width(), self.fm.height() * 1.6)
        self.p.drawText(band, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text)
        return QRectF(self.rect.left(), band.bottom(), self.rect.width(), self.rect.bottom() - band.bottom())

    def swatch(self, x: float, y: float, colour: str, label: str) -> float:
        """A legend entry at (x, y); returns its width."""
        size = self.fm.height() * 0.7
        self.p.fillRect(QRectF(x, y + (self.fm.height() - size) / 2, size, size), QColor(colour))
        self.p.setFont(self.font)
        self.p.setPen(QColor("#000000"))
        self.p.drawText(QPointF(x + size + self.pad * 0.6, y + self.fm.ascent()), label)
        return size + self.pad * 0.6 + self.fm.horizontalAdvance(label) + self.pad * 2

    def legend_below(self, area: QRectF, entries: Sequence[tuple[str, str]]) -> QRectF:
        """A centred one-line legend at the bottom of ``area``; returns what is left above it."""
        widths = [self.fm.height() * 0.7 + self.pad * 2.6 + self.fm.horizontalAdvance(label) for _, label in entries]
        x = area.left() + max((area.width() - sum(widths)) / 2, 0)
        y = area.bottom() - self.fm.height() * 1.3
        for colour, label in entries:
            x += self.swatch(x, y, colour, label)
        return QRectF(area.left(), area.top(), area.width(), y - area.top() - self.pad)

    def value_axis(self, area: QRectF, top: float, x_label_rows: int = 1) -> tuple[QRectF, float]:
        """Grid lines and labels of a count axis on the left; returns the plot rectangle and its maximum."""
        maximum, step = nice_axis(top)
        labels = [format_number(int(v)) for v in _frange(0, maximum, step)]
        left = max(self.fm.horizontalAdvance(t) for t in labels) + self.pad
        right = self.fm.horizontalAdvance("00-00") / 2 + self.pad  # room for the last date label
        plot = QRectF(area.left() + left, area.top() + self.fm.height() * 0.5, area.width() - left - right,
                      area.height() - self.fm.height() * (0.5 + 1.6 * x_label_rows))
        self.p.setFont(self.font)
        for value, text in zip(_frange(0, maximum, step), labels):
            y = plot.bottom() - plot.height() * value / maximum
            self.p.setPen(QPen(QColor(GRID_COLOUR if value else AXIS_COLOUR), 0))
            self.p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            self.p.setPen(QColor(AXIS_COLOUR))
            self.p.drawText(QRectF(area.left(), y - self.fm.height() / 2, left - self.pad * 0.5, self.fm.height()),
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        return plot, maximum

    def x_label(self, x: float, plot: QRectF, text: str) -> None:
        self.p.setFont(self.font)
        self.p.setPen(QColor(AXIS_COLOUR))
        width = self.fm.horizontalAdvance(text) + self.pad
        self.p.drawText(QRectF(x - width / 2, plot.bottom() + self.fm.height() * 0.6, width, self.fm.height()),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def empty(self, area: QRectF, text: str) -> None:
        self.p.setFont(self.font)
        self.p.setPen(QColor(AXIS_COLOUR))
        self.p.drawText(area, Qt.AlignmentFlag.AlignCenter, text)


def _frange(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(int(round((stop - start) / step)) + 1)]


def paint_dispositions(c: _Canvas, report: Report) -> None:
    """Share of attempts per disposition, in the catalogue's colours, with a legend on the right."""
    area = c.title("Dispositions")
    total = sum(d.attempts for d in report.dispositions)
    diameter = min(area.height() - 2 * c.pad, area.width() * 0.45)
    pie = QRectF(area.left() + c.pad * 2, area.center().y() - diameter / 2, diameter, diameter)
    c.p.save()
    c.p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if total == 0:
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.setBrush(QBrush(QColor(EMPTY_COLOUR)))
        c.p.drawEllipse(pie)
    else:
        angle = 90 * 16  # from twelve o'clock, clockwise
        c.p.setPen(QPen(QColor("#ffffff"), max(diameter / 200, 1.0)))
        for d in report.dispositions:
            span = -round(5760 * d.attempts / total)
            c.p.setBrush(QBrush(QColor(d.colour)))
            c.p.drawPie(pie, angle, span)
            angle += span
    c.p.restore()
    entries = ([(d.colour, f"{d.name} ({d.attempts:,})") for d in report.dispositions]
               or [(EMPTY_COLOUR, "No attempts in this period")])
    line = c.fm.height() * 1.25
    x = pie.right() + c.pad * 3
    y = area.center().y() - line * len(entries) / 2
    for colour, label in entries:
        if y + line > area.bottom():
            break
        c.swatch(x, y, colour, c.fm.elidedText(label, Qt.TextElideMode.ElideRight, area.right() - x - c.pad * 3))
        y += line


def paint_daily_trend(c: _Canvas, report: Report) -> None:
    """Attempts, contacts and successes per day."""
    series = (("Attempts", ATTEMPTS_COLOUR, "attempts"), ("Contacts", CONTACTS_COLOUR, "contacts"),
              ("Successes", SUCCESSES_COLOUR, "successes"))
    area = c.legend_below(c.title("Daily trend"), [(colour, name) for name, colour, _ in series])
    days = report.days
    plot, maximum = c.value_axis(area, max([p.attempts for p in days] + [1]))
    if not days:
        c.empty(plot, "No calls in this period")
        return

    def x_of(i: int) -> float:
        return plot.center().x() if len(days) == 1 else plot.left() + plot.width() * i / (len(days) - 1)

    shown = min(len(days), 7)  # at most 7 date labels, evenly spread
    for k in range(shown):
        i = round(k * (len(days) - 1) / max(shown - 1, 1))
        c.x_label(x_of(i), plot, format_day_month(days[i].day))
    c.p.save()
    c.p.setRenderHint(QPainter.RenderHint.Antialiasing)
    for _, colour, attr in series:
        pen = QPen(QColor(colour), max(c.fm.height() / 7, 1.0))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        c.p.setPen(pen)
        points = [QPointF(x_of(i), plot.bottom() - plot.height() * getattr(p, attr) / maximum) for i, p in enumerate(days)]
        if len(points) == 1:  # one day: a short flat mark
            half = c.fm.height()
            c.p.drawLine(points[0] - QPointF(half, 0), points[0] + QPointF(half, 0))
            continue
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        c.p.drawPath(path)
    c.p.restore()


def paint_hourly(c: _Canvas, report: Report) -> None:
    """Attempts and contacts by hour of day (report time zone): only the active span, an hour either side."""
    area = c.legend_below(c.title(f"Hour of day ({report.period.timezone})"),
                          [(ATTEMPTS_COLOUR, "Attempts"), (CONTACTS_COLOUR, "Contacts")])
    active = [p.hour for p in report.hours if p.attempts]
    first, last = (max(min(active) - 1, 0), min(max(active) + 1, 23)) if active else (8, 20)
    shown = [p for p in report.hours if first <= p.hour <= last]
    plot, maximum = c.value_axis(area, max([p.attempts for p in report.hours] + [1]))
    if not active:
        c.empty(plot, "No calls in this period")
    slot = plot.width() / max(len(shown), 1)
    bar = slot * 0.36
    for i, p in enumerate(shown):
        left = plot.left() + i * slot + slot * 0.14
        for j, (value, colour) in enumerate(((p.attempts, ATTEMPTS_COLOUR), (p.contacts, CONTACTS_COLOUR))):
            h = plot.height() * value / maximum
            c.p.fillRect(QRectF(left + j * bar, plot.bottom() - h, bar, h), QColor(colour))
        c.x_label(plot.left() + (i + 0.5) * slot, plot, str(p.hour))


CHARTS: tuple[Callable[[_Canvas, Report], None], ...] = (paint_dispositions, paint_daily_trend, paint_hourly)


def paint_chart(index: int, report: Report, painter: QPainter, rect: QRectF, font: QFont) -> None:
    """Draw chart ``index`` of :data:`CHARTS` into ``rect`` of any paint device."""
    painter.save()
    try:
        painter.setClipRect(rect)
        CHARTS[index](_Canvas(painter, rect, font), report)
    finally:
        painter.restore()
