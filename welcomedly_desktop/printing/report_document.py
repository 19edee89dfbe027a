"""The one render path for reports on paper: print preview, printer and PDF all call :func:`render_report`.

QtGui only: it paints on any paged device (a ``QPdfWriter`` here, the GUI's ``QPrinter`` there).

A report becomes a list of blocks (summary, charts, tables).  A layout pass splits them into pages
(tables break between rows and repeat their column titles); the paint pass then draws each page
with the header (subject, period, generated at/by), the blocks, and "Page n of N" at the bottom.
Everything is drawn with QPainter in device units, charts as vector graphics into explicit
rectangles, so the PDF stays sharp at any zoom and its text is searchable.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from welcomedly_desktop.printing.chart_painter import CHARTS, paint_chart
from welcomedly_desktop.reports.model import AgentReport, CampaignReport
from welcomedly_desktop.reports.tables import ReportTable, header_lines, report_tables
from welcomedly_desktop.i18n import translate

Report = CampaignReport | AgentReport

HEADER_POINTS = 13
BODY_POINTS = 8.5
SMALL_POINTS = 7.5
PDF_DPI = 1200  # what QPrinter's HighResolution mode gave the PDF


@dataclass
class _Block:
    kind: str  # "table" | "chart" | "title"
    height: float
    table: ReportTable | None = None
    rows: tuple[int, int] = (0, 0)  # table rows [start, end) on this page
    chart_index: int = 0
    text: str = ""


class ReportDocument:
    """Lays out and paints one report onto any paged device (PDF writer, printer, preview)."""

    def __init__(self, report: Report, *, max_table_rows: int | None = None) -> None:
        self.report = report
        self.tables = report_tables(report)
        self.max_table_rows = max_table_rows
        self.page_count = 0

    # -- measures (device units of the painter) ------------------------------------------------
    def _fonts(self, painter: QPainter) -> None:
        device = painter.device()
        self.body = QFont("DejaVu Sans")
        self.body.setPointSizeF(BODY_POINTS)
        self.bold = QFont(self.body)
        self.bold.setBold(True)
        self.header = QFont(self.body)
        self.header.setPointSizeF(HEADER_POINTS)
        self.header.setBold(True)
        self.small = QFont(self.body)
        self.small.setPointSizeF(SMALL_POINTS)
        self.fm_body = QFontMetricsF(self.body, device)
        self.fm_header = QFontMetricsF(self.header, device)
        self.fm_small = QFontMetricsF(self.small, device)
        self.row_h = self.fm_body.height() * 1.45
        self.gap = self.fm_body.height() * 1.2

    def _layout(self, width: float, body_height: float) -> list[list[_Block]]:
        pages: list[list[_Block]] = [[]]
        used = 0.0

        def place(block: _Block) -> None:
            nonlocal used
            if used + block.height > body_height and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(block)
            used += block.height + self.gap

        summary, *others = self.tables
        place(_Block("title", self.row_h * 1.2, text=summary.title))
        place(_Block("table", self.row_h * (len(summary.rows) + 1), summary, (0, len(summary.rows))))
        chart_h = min(width * 0.42, body_height * 0.45)
        for index in range(len(CHARTS)):
            place(_Block("chart", chart_h, chart_index=index))
        for table in others:
            rows = table.rows if self.max_table_rows is None else table.rows[: self.max_table_rows]
            start = 0
            if not rows:
                place(_Block("title", self.row_h * 1.2, text=table.title))
                place(_Block("title", self.row_h, text="(no rows in this period)"))
                continue
            first = True
            while start < len(rows):
                remaining = body_height - used if pages[-1] else body_height
                title_h = self.row_h * 1.2
                fit = int((remaining - title_h - self.row_h) // self.row_h)
                if fit < 3 and pages[-1]:
                    pages.append([])
                    used = 0.0
                    fit = int((body_height - title_h - self.row_h) // self.row_h)
                end = min(len(rows), start + max(fit, 1))
                title = table.title if first else f"{table.title} (continued)"
                place(_Block("title", title_h, text=title))
                used -= self.gap  # the table sits right under its title
                place(_Block("table", self.row_h * (end - start + 1), table, (start, end)))
                start, first = end, False
        return pages

    # -- painting --------------------------------------------------------------------------------
    def render(self, printer: QPagedPaintDevice) -> int:
        """Paint every page on ``printer``; returns the number of pages."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(translate("printing", "The printer or PDF file could not be opened for drawing."))
        try:
            self._fonts(painter)
            page = printer.pageLayout().paintRectPixels(printer.resolution())
            width, height = float(page.width()), float(page.height())
            header_h = self.fm_header.height() + 2 * self.fm_small.height() + self.gap
            footer_h = self.fm_small.height() * 2
            body = QRectF(0, header_h, width, height - header_h - footer_h)
            pages = self._layout(width, body.height())
            self.page_count = len(pages)
            for number, blocks in enumerate(pages, start=1):
                if number > 1:
                    printer.newPage()
                self._paint_header(painter, width)
                y = body.top()
                for block in blocks:
                    rect = QRectF(0, y, width, block.height)
                    if block.kind == "title":
                        painter.setFont(self.bold)
                        painter.setPen(QColor("#000000"))
                        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, block.text)
                        y += block.height
                        continue
                    if block.kind == "chart":
                        painter.setPen(QPen(QColor("#c0c0c0"), 0))
                        painter.drawRect(rect)
                        paint_chart(block.chart_index, self.report, painter, rect.adjusted(2, 2, -2, -2), self.body)
                    else:
                        self._paint_table(painter, rect, block.table, *block.rows)
                    y += block.height + self.gap
                self._paint_footer(painter, width, height, number, len(pages))
        finally:
            painter.end()
        return self.page_count

    def _paint_header(self, painter: QPainter, width: float) -> None:
        title, period, generated = header_lines(self.report)
        painter.setPen(QColor("#000000"))
        painter.setFont(self.header)
        painter.drawText(QPointF(0, self.fm_header.ascent()), title)
        painter.setFont(self.small)
        y = self.fm_header.height() + self.fm_small.ascent()
        painter.drawText(QPointF(0, y), period)
        painter.drawText(QPointF(0, y + self.fm_small.height()), generated)
        line_y = self.fm_header.height() + 2 * self.fm_small.height() + self.gap * 0.4
        painter.setPen(QPen(QColor("#1565c0"), max(1.0, self.fm_small.height() / 12)))
        painter.drawLine(QPointF(0, line_y), QPointF(width, line_y))

    def _paint_footer(self, painter: QPainter, width: float, height: float, number: int, total: int) -> None:
        painter.setFont(self.small)
        painter.setPen(QColor("#555555"))
        rect = QRectF(0, height - self.fm_small.height() * 1.5, width, self.fm_small.height() * 1.5)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, translate("printing", "Page {number} of {total}").format(number=number, total=total))
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Welcomedly Desktop")

    def _paint_table(self, painter: QPainter, rect: QRectF, table: ReportTable, start: int, end: int) -> None:
        formatted = table.formatted(start, end)  # this page's rows only
        cols = len(table.columns)
        first_w = rect.width() * (0.4 if cols <= 2 else 0.28)
        other_w = (rect.width() - first_w) / max(cols - 1, 1)
        if cols <= 2:
            first_w = rect.width() * 0.6
            other_w = rect.width() * 0.4
        xs = [rect.left()] + [rect.left() + first_w + i * other_w for i in range(cols - 1)] + [rect.right()]
        pad = self.fm_body.averageCharWidth()
        y = rect.top()
        # column titles
        painter.fillRect(QRectF(rect.left(), y, rect.width(), self.row_h), QColor("#e8eef7"))
        painter.setFont(self.bold)
        painter.setPen(QColor("#000000"))
        for c, column in enumerate(table.columns):
            cell = QRectF(xs[c] + pad, y, xs[c + 1] - xs[c] - 2 * pad, self.row_h)
            align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
            title = QFontMetricsF(self.bold, painter.device()).elidedText(column.title, Qt.TextElideMode.ElideRight, cell.width())
            painter.drawText(cell, align | Qt.AlignmentFlag.AlignVCenter, title)
        y += self.row_h
        painter.setFont(self.body)
        for r in range(start, end):
            if (r - start) % 2 == 1:
                painter.fillRect(QRectF(rect.left(), y, rect.width(), self.row_h), QColor("#f6f6f6"))
            for c in range(cols):
                cell = QRectF(xs[c] + pad, y, xs[c + 1] - xs[c] - 2 * pad, self.row_h)
                align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
                text = self.fm_body.elidedText(formatted[r - start][c], Qt.TextElideMode.ElideRight, cell.width())
                painter.drawText(cell, align | Qt.AlignmentFlag.AlignVCenter, text)
            y += self.row_h
        painter.setPen(QPen(QColor("#b0b0b0"), 0))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def ensure_qt_app():  # noqa: ANN201
    """A Qt application for headless rendering (the CLI): offscreen when there is no display.
    Painting needs only QtGui's application; an existing one (the desktop app's) is used as is."""
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "welcomedly"])


def page_layout() -> QPageLayout:
    """Every report page: A4 portrait, 15 mm margins."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def render_report(report: Report, printer: QPagedPaintDevice) -> int:
    """The shared render path (QPrintPreviewDialog.paintRequested, Print, PDF export)."""
    return ReportDocument(report).render(printer)


def write_pdf(report: Report, path: Path) -> int:
    """Render the report to a PDF file, atomically; returns the number of pages."""
    from welcomedly_desktop.reports.export import atomic_path

    ensure_qt_app()
    path = Path(path)
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout())
        writer.setTitle(header_lines(report)[0])
        writer.setCreator("Welcomedly Desktop")
        pages = render_report(report, writer)
        del writer  # the file is complete once the writer is gone
    return pages
