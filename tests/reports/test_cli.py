"""The report/export/demo/records CLI as a subprocess against the test database."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import openpyxl
import pytest

from ..conftest import TEST_PASSWORD


def run(env, *args, user=None, timeout=120):
    env = dict(env)
    if user is not None:
        env["WELCOMEDLY_USER"] = user.email
        env["WELCOMEDLY_PASSWORD"] = TEST_PASSWORD
    return subprocess.run([sys.executable, "-m", "welcomedly_desktop", *args], env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def test_report_formats(cli_env, dataset, supervisor_actor, tmp_path):
    base = ["report", "campaign", str(dataset.campaign_id), "--from", "2026-11-02", "--to", "2026-11-04"]
    result = run(cli_env, *base, "--format", "json", user=supervisor_actor)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "campaign" and data["attempts"] == 6 and data["conversion"] == 0.5
    assert data["contact_rate"] == 1.0 and data["period"]["date_from"] == "2026-11-02"
    for fmt in ("csv", "xlsx", "pdf", "json"):
        out = tmp_path / f"r.{fmt}"
        result = run(cli_env, *base, "--format", fmt, "--out", str(out), user=supervisor_actor)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0 and str(out) in result.stderr
    with open(tmp_path / "r.csv", newline="", encoding="utf-8-sig") as fh:
        assert ["Attempts", "6"] in list(csv.reader(fh))
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Summary"
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Campaign: Hand-built" in text and "Page 1 of" in text
    assert json.loads((tmp_path / "r.json").read_text())["successes"] == 2


def test_agent_report_roles_and_refusals(cli_env, dataset, agent_actor, tmp_path):
    own = run(cli_env, "report", "agent", str(dataset.agent_a), "--from", "2026-11-02", "--to", "2026-11-04",
              "--format", "json", user=agent_actor)
    assert own.returncode == 0, own.stderr
    assert json.loads(own.stdout)["attempts"] == 3
    other = run(cli_env, "report", "agent", str(dataset.agent_b), "--format", "json", user=agent_actor)
    assert other.returncode == 1 and other.stderr.strip() == "welcomedly: Agents can only see their own agent report."
    campaign = run(cli_env, "report", "campaign", str(dataset.campaign_id), "--format", "csv", "--out",
                   str(tmp_path / "x.csv"), user=agent_actor)
    assert campaign.returncode == 1 and "Traceback" not in campaign.stderr
    assert not (tmp_path / "x.csv").exists()
    needs_out = run(cli_env, "report", "agent", str(dataset.agent_a), "--format", "pdf", user=agent_actor)
    assert needs_out.returncode == 1 and "--out FILE" in needs_out.stderr
    bad_dates = run(cli_env, "report", "agent", str(dataset.agent_a), "--from", "2026-11-05", "--to", "2026-11-01",
                    "--format", "json", user=agent_actor)
    assert bad_dates.returncode == 1 and "start date" in bad_dates.stderr
    usage = run(cli_env, "report", "agent", str(dataset.agent_a), "--format", "docx", user=agent_actor)
    assert usage.returncode == 2


def test_export_records_and_distribute(cli_env, dataset, admin_actor, tmp_path):
    out = tmp_path / "records.xlsx"
    result = run(cli_env, "export", "records", "--campaign", str(dataset.campaign_id), "--format", "xlsx",
                 "--out", str(out), user=admin_actor)
    assert result.returncode == 0, result.stderr
    assert "Wrote 6 records" in result.stderr
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 7 and ws.cell(1, 11).value == "last_disposition"
    dist = run(cli_env, "records", "distribute", "--campaign", str(dataset.campaign_id), "--json", user=admin_actor)
    assert dist.returncode == 0, dist.stderr
    assert json.loads(dist.stdout)["total"] == 3  # r4, r5 and r6 are open and unassigned (r1-r3 closed)
    reb = run(cli_env, "records", "rebalance", "--campaign", str(dataset.campaign_id), "--from-agent",
              str(dataset.agent_a), "--json", user=admin_actor)
    assert reb.returncode == 0, reb.stderr
    assert set(json.loads(reb.stdout)["assigned"]) <= {str(dataset.agent_b)}


@pytest.mark.slow
def test_demo_seed(cli_env, admin_actor, supervisor_actor, db):
    from sqlalchemy import text

    refused = run(cli_env, "demo", "seed", "--records", "300", user=supervisor_actor)
    assert refused.returncode == 1 and "administrators" in refused.stderr
    result = run(cli_env, "demo", "seed", "--records", "3000", "--json", user=admin_actor)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert len(summary["campaigns"]) == 3 and len(summary["agents"]) == 12 and summary["records"] == 3000
    assert summary["interactions"] > 3000
    with db.session() as s:
        hours = dict(s.execute(text("SELECT extract(hour FROM started_at)::int, count(*) FROM interactions GROUP BY 1")).all())
        assert set(hours) <= set(range(9, 21)) and hours[11] > hours[19]  # office hours, morning peak
        consistent = s.execute(text(
            "SELECT count(*) FROM campaign_records r WHERE r.attempts <> "
            "(SELECT count(*) FROM interactions i WHERE i.record_id = r.id)")).scalar()
        assert consistent == 0
        assert s.execute(text("SELECT count(*) FROM campaign_records WHERE assigned_agent_id IS NULL")).scalar() == 0
        days = s.execute(text("SELECT count(DISTINCT started_at::date) FROM interactions")).scalar()
        assert days >= 25
    again = run(cli_env, "demo", "seed", user=admin_actor)
    assert again.returncode == 1 and "already has 3 campaign" in again.stderr


def test_dispositions_catalogue_cli(cli_env, dataset, admin_actor, supervisor_actor, agent_actor):
    added = run(cli_env, "dispositions", "add", "--name", "Promise to pay", "--campaign", str(dataset.campaign_id),
                "--contact", "--success", "--colour", "#00aa00", "--json", user=supervisor_actor)
    assert added.returncode == 0, added.stderr
    new = json.loads(added.stdout)[0]
    assert (new["is_contact"], new["is_success"], new["is_final"], new["campaign_id"]) == (True, True, False, dataset.campaign_id)
    refused = run(cli_env, "dispositions", "add", "--name", "Global thing", user=supervisor_actor)
    assert refused.returncode == 1 and "administrators" in refused.stderr
    listed = run(cli_env, "dispositions", "list", "--campaign", str(dataset.campaign_id), user=agent_actor)
    assert listed.returncode == 0 and "Promise to pay" in listed.stdout and "contact,success" in listed.stdout
    busy = dataset.dispositions["Busy"]
    changed = run(cli_env, "dispositions", "update", str(busy), "--contact", "yes", "--json", user=admin_actor)
    assert changed.returncode == 0 and json.loads(changed.stdout)[0]["is_contact"] is True
    report = run(cli_env, "report", "campaign", str(dataset.campaign_id), "--from", "2026-11-02", "--to", "2026-11-04",
                 "--format", "json", user=admin_actor)
    assert json.loads(report.stdout)["contacts"] == 5  # Busy now counts as a contact
    nothing = run(cli_env, "dispositions", "update", str(busy), user=admin_actor)
    assert nothing.returncode == 1 and "Nothing to change" in nothing.stderr


def test_pdf_without_a_display_goes_offscreen(cli_env, dataset, supervisor_actor, tmp_path):
    env = {k: v for k, v in cli_env.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "agent.pdf"
    result = run(env, "report", "agent", str(dataset.agent_b), "--from", "2026-11-02", "--to", "2026-11-04",
                 "--format", "pdf", "--out", str(out), user=supervisor_actor)
    assert result.returncode == 0, result.stderr
    assert "page" in result.stderr and out.read_bytes().startswith(b"%PDF")
