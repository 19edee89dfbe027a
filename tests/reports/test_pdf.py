"""The paged report document: PDF text (pdftotext), page count, charts drawn (pixels), one render path."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import text

from welcomedly_desktop.services import reports as builders  # report use cases (permissions, cache)

PERIOD = builders.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 4))

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing (make system-deps)")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def colour_pixels(image, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    from PySide6.QtGui import QColor

    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - rgb[0]) + abs(c.green() - rgb[1]) + abs(c.blue() - rgb[2]) < tolerance:
                count += 1
    return count


def test_campaign_pdf_has_header_tables_and_page_numbers(qapp, db, dataset, supervisor_actor, tmp_path):
    from welcomedly_desktop.services.reports import export_pdf

    out = tmp_path / "campaign.pdf"
    with db.session() as s:
        report = builders.campaign_report(s, supervisor_actor, dataset.campaign_id, PERIOD)
        pages = export_pdf(s, supervisor_actor, report, out)
    assert pages == pdf_pages(out) >= 1
    body = pdf_text(out)
    assert "Campaign report — Campaign: Hand-built" in body
    assert "Period: 2026-11-02 to 2026-11-04 (UTC)" in body
    assert f"by {supervisor_actor.name}" in body
    assert "Penetration (worked / records)" in body and "66.7%" in body
    assert re.search(r"Conversion \(successes / contacts\)\s+50\.0%", body)
    assert "Bea Agent" in body and "Not interested" in body
    assert f"Page {pages} of {pages}" in body
    with db.session() as s:
        assert s.execute(text("SELECT details->>'format' FROM audit_log WHERE action = 'report.export'")).scalar() == "pdf"


def test_long_report_breaks_tables_across_numbered_pages(qapp, db, dataset, admin_actor, tmp_path):
    from welcomedly_desktop.printing.report_document import write_pdf

    period = builders.make_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))  # 365 daily rows
    with db.session() as s:
        report = builders.build_agent_report(s, admin_actor, dataset.agent_a, period)
    out = tmp_path / "agent.pdf"
    pages = write_pdf(report, out)
    assert pages == pdf_pages(out) >= 8
    body = pdf_text(out)
    assert "Agent report — Agent: Alex Agent" in body
    assert "Daily trend (continued)" in body
    for day in ("2026-01-01", "2026-06-15", "2026-12-31"):
        assert day in body
    assert [f"Page {n} of {pages}" in body for n in range(1, pages + 1)] == [True] * pages


def test_pdf_charts_are_drawn(qapp, db, dataset, admin_actor, tmp_path):
    """Rasterise the PDF's first page and find the charts' colours in it (not a blank box)."""
    from PySide6.QtGui import QImage

    from welcomedly_desktop.printing.report_document import write_pdf

    with db.session() as s:
        report = builders.build_campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    out = tmp_path / "c.pdf"
    write_pdf(report, out)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(out), str(tmp_path / "p")], check=True)
    images = [QImage(str(p)) for p in sorted(tmp_path.glob("p-*.png"))]
    assert images and not images[0].isNull()
    sale_green = sum(colour_pixels(im, (0x2E, 0x7D, 0x32)) for im in images)  # "Sale" slice + successes line
    attempts_blue = sum(colour_pixels(im, (0x15, 0x65, 0xC0)) for im in images)  # trend line, hourly bars, header rule
    no_answer_grey = sum(colour_pixels(im, (0x9E, 0x9E, 0x9E), 12) for im in images)  # "No answer" slice
    assert sale_green > 20 and attempts_blue > 50 and no_answer_grey > 20


def test_chart_render_into_image_is_not_blank(qapp, db, dataset, admin_actor):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from PySide6.QtGui import QFont

    from welcomedly_desktop.printing.chart_painter import CHARTS, paint_chart, paint_hourly

    with db.session() as s:
        report = builders.build_campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    image = QImage(800, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_chart(CHARTS.index(paint_hourly), report, painter, QRectF(0, 0, 800, 400), QFont("DejaVu Sans", 9))
    painter.end()
    assert colour_pixels(image, (0x15, 0x65, 0xC0)) > 30  # attempts bars
    assert colour_pixels(image, (0xEF, 0x6C, 0x00)) > 10  # contacts bars


def test_preview_and_pdf_share_the_render_path(qtbot, db, dataset, admin_actor, tmp_path):
    """QPrintPreviewDialog's paintRequested draws through render_report: same page count as the PDF."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from welcomedly_desktop.gui.views.report_widgets import new_printer
    from welcomedly_desktop.printing.report_document import render_report, write_pdf

    with db.session() as s:
        report = builders.build_campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    pdf_pages_written = write_pdf(report, tmp_path / "x.pdf")
    printer = new_printer()
    preview = QPrintPreviewWidget(printer)
    qtbot.addWidget(preview)
    calls = []
    preview.paintRequested.connect(lambda p: calls.append(render_report(report, p)))
    preview.updatePreview()
    assert calls and calls[-1] == pdf_pages_written == preview.pageCount()
    preview.paintRequested.disconnect()


def test_pdf_charts_are_vector_graphics(qapp, db, dataset, admin_actor, tmp_path):
    """No raster images in the PDF: charts are drawn as paths and text (sharp at any zoom)."""
    from welcomedly_desktop.printing.report_document import write_pdf

    with db.session() as s:
        report = builders.build_campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
    write_pdf(report, tmp_path / "v.pdf")
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "v.pdf")], capture_output=True, text=True,
                             check=True).stdout.strip().splitlines()
    assert len(listing) == 2, listing  # the two header lines of the listing, no image rows
    assert "Dispositions" in pdf_text(tmp_path / "v.pdf")  # chart titles are text too
