"""CSV/XLSX exports: formula neutralisation read back with csv and openpyxl, atomic writes, audit."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from sqlalchemy import text

from welcomedly_desktop.errors import PermissionDenied, ValidationError
from welcomedly_desktop.reports import export
from welcomedly_desktop.services import reports

PERIOD = reports.make_period(dt.date(2026, 11, 2), dt.date(2026, 11, 4))
HOSTILE = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\0NUL"]


def test_neutralize():
    for value in HOSTILE:
        assert export.neutralize(value) == "'" + value
    assert export.neutralize("Ana") == "Ana"
    assert export.neutralize(-5) == -5 and export.neutralize(None) is None


@pytest.fixture
def hostile(db, dataset):
    """Record names, agent names and disposition names that look like formulas."""
    with db.session() as s:
        # (PostgreSQL text cannot hold NUL, so the stored names use the other six prefixes.)
        for rid, name in zip(dataset.records.values(), HOSTILE[:6]):
            s.execute(text("UPDATE campaign_records SET name = :n, extra = jsonb_build_object('note', CAST(:n AS text)) WHERE id = :id"),
                      {"n": name, "id": rid})
        s.execute(text("UPDATE agents SET name = '=cmd|calc' WHERE id = :id"), {"id": dataset.agent_b})
        s.execute(text("UPDATE dispositions SET name = '@Busy' WHERE name = 'Busy'"))
    return dataset


def _all_csv_cells(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_report_csv_and_xlsx_neutralised(db, hostile, admin_actor, tmp_path):
    with db.session() as s:
        report = reports.campaign_report(s, admin_actor, hostile.campaign_id, PERIOD)
        reports.export_report(s, admin_actor, report, "csv", tmp_path / "r.csv")
        reports.export_report(s, admin_actor, report, "xlsx", tmp_path / "r.xlsx")
    cells = _all_csv_cells(tmp_path / "r.csv")
    assert "'=cmd|calc" in cells and "'@Busy" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert "Campaign report — Campaign: Hand-built" in cells and "Agents" in cells
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[:3] == ["Summary", "Dispositions", "Agents"]
    values = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in values if c.data_type == "f"], "a cell was stored as a formula"
    texts = {c.value for c in values if isinstance(c.value, str)}
    assert "'=cmd|calc" in texts and "'@Busy" in texts
    summary = {row[0]: row[1] for row in wb["Summary"].iter_rows(min_row=5, values_only=True)}
    assert summary["Attempts"] == 6 and summary["Conversion (successes / contacts)"] == pytest.approx(0.5)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'report.export'")).scalar() == 2


def test_records_export_with_last_disposition(db, hostile, admin_actor, agent_actor, tmp_path):
    with db.session() as s:
        n = reports.export_records(s, admin_actor, hostile.campaign_id, "csv", tmp_path / "rec.csv")
        reports.export_records(s, admin_actor, hostile.campaign_id, "xlsx", tmp_path / "rec.xlsx")
        with pytest.raises(PermissionDenied):
            reports.export_records(s, agent_actor, hostile.campaign_id, "csv", tmp_path / "no.csv")
    assert n == 6 and not (tmp_path / "no.csv").exists()
    with open(tmp_path / "rec.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6
    by_id = {int(r["record_id"]): r for r in rows}
    assert by_id[hostile.records["r1"]]["last_disposition"] == "Sale"
    assert by_id[hostile.records["r1"]]["attempts"] == "2"
    assert by_id[hostile.records["r1"]]["name"] == "'" + HOSTILE[0]
    assert by_id[hostile.records["r1"]]["extra.note"] == "'" + HOSTILE[0]
    assert by_id[hostile.records["r6"]]["last_disposition"] == ""
    ws = openpyxl.load_workbook(tmp_path / "rec.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    names = [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]
    # (XML turns a stored CR into LF on reading; what matters is the leading apostrophe.)
    assert sorted(n.replace("\n", "\r") for n in names) == sorted("'" + h for h in HOSTILE[:6])
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'records.export'")).scalar() == 2


def test_failed_export_leaves_no_file(db, dataset, admin_actor, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.xlsx"
    target.write_text("previous")
    with db.session() as s:
        report = reports.campaign_report(s, admin_actor, dataset.campaign_id, PERIOD)
        with pytest.raises(ValidationError, match="format"):
            reports.export_report(s, admin_actor, report, "ods", target)
        with pytest.raises(ValidationError, match="does not exist"):
            reports.export_report(s, admin_actor, report, "csv", tmp_path / "missing" / "r.csv")

        def half_written_then_fail(path, *_a, **_k):
            path.write_text("half")
            raise OSError("disk full")

        monkeypatch.setattr(export, "write_xlsx_tables", half_written_then_fail)
        with pytest.raises(OSError):
            reports.export_report(s, admin_actor, report, "xlsx", target)
    assert target.read_text() == "previous"
    assert [p.name for p in out.iterdir()] == ["r.xlsx"]
