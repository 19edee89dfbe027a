"""The import CLI contract, end to end through a real subprocess and a real database."""

from __future__ import annotations

import csv
import json

from tests.importing.helpers import PASSWORD, write_csv

# "warnings" (issue 18) extends the contract at its end.
SUMMARY_KEYS = ["upload_id", "status", "rows_total", "imported", "rejected", "duplicates", "dnc", "seconds", "warnings"]


def _leads(tmp_path, name="leads.csv"):
    return write_csv(tmp_path / name, [
        ["id", "nombre", "telefono", "correo", "ciudad"],
        ["A1", "Ana Pérez", "3124900097", "ana@example.com", "Bogotá"],
        ["A2", "Luis, hijo", "312-490-0098", "", "Cali"],
        ["A3", "Sin número", "", "sin@example.com", "Cali"],
        ["A4", "Ana otra vez", "(312) 490 0097", "", ""],
        ["A5", "Mala", "3124900099", "mala@", "Pasto"],
    ])


def test_import_json_summary_has_exact_keys(run_cli, campaign, tmp_path, record_count):
    result = run_cli("import", str(_leads(tmp_path)), "--campaign", str(campaign.id), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert list(summary) == SUMMARY_KEYS
    assert summary["status"] == "processed"
    assert (summary["rows_total"], summary["imported"], summary["rejected"], summary["duplicates"], summary["dnc"]) == (5, 2, 2, 1, 0)
    assert record_count(campaign.id) == 2


def test_import_text_summary_and_uploads_list(run_cli, campaign, tmp_path):
    result = run_cli("import", str(_leads(tmp_path)), "--campaign", str(campaign.id))
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    assert list(lines) == SUMMARY_KEYS and lines["imported"] == "2"
    listed = run_cli("uploads", "list", "--campaign", str(campaign.id), "--json")
    assert listed.returncode == 0, listed.stderr
    [upload] = json.loads(listed.stdout)
    assert upload["status"] == "processed" and upload["original_filename"] == "leads.csv"
    assert upload["column_mapping"] == {"name": "nombre", "phone": "telefono", "email": "correo", "external_id": "id"}
    assert upload["uploaded_by_name"] == "Sam Supervisor"
    text = run_cli("uploads", "list")
    assert text.returncode == 0 and "leads.csv" in text.stdout


def test_rejects_export(run_cli, campaign, tmp_path):
    imported = json.loads(run_cli("import", str(_leads(tmp_path)), "--campaign", str(campaign.id), "--json").stdout)
    out = tmp_path / "rejects.csv"
    result = run_cli("uploads", "rejects", str(imported["upload_id"]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_row = {int(r["row"]): r for r in rows}
    assert set(by_row) == {4, 5, 6}
    assert by_row[4]["column"] == "telefono" and "empty" in by_row[4]["reason"]
    assert by_row[6]["column"] == "correo" and "e-mail" in by_row[6]["reason"]
    assert "duplicate of row 2" in by_row[5]["reason"]
    assert by_row[4]["nombre"] == "Sin número"


def test_map_option_overrides_guess(run_cli, campaign, tmp_path, db):
    path = write_csv(tmp_path / "m.csv", [["Cliente", "Numero A", "Numero B"], ["Ana", "3124900097", "3001112233"]])
    result = run_cli("import", str(path), "--campaign", str(campaign.id), "--map", "phone=Numero B",
                     "--map", "alt_phone=Numero A", "--json")
    assert result.returncode == 0, result.stderr
    from sqlalchemy import select
    from welcomedly_desktop.db.models import CampaignRecord
    with db.session() as session:
        record = session.scalars(select(CampaignRecord)).one()
    assert (record.phone, record.alt_phone, record.name) == ("13001112233", "13124900097", "Ana")


def test_bad_map_and_unknown_campaign_are_one_sentence(run_cli, campaign, tmp_path):
    path = _leads(tmp_path)
    for args, words in [
        (["--map", "telefono"], "field=column"),
        (["--map", "phone=Nope"], "no column named 'Nope'"),
        (["--map", "colour=ciudad"], "not a field"),
    ]:
        result = run_cli("import", str(path), "--campaign", str(campaign.id), *args)
        assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr
    missing = run_cli("import", str(path), "--campaign", "999")
    assert missing.returncode == 1 and "Campaign 999 does not exist" in missing.stderr


def test_same_file_twice_is_refused(run_cli, campaign, tmp_path, record_count):
    path = _leads(tmp_path)
    assert run_cli("import", str(path), "--campaign", str(campaign.id)).returncode == 0
    again = run_cli("import", str(path), "--campaign", str(campaign.id), "--json")
    assert again.returncode == 1
    assert "already imported into this campaign on" in again.stderr and "by Sam Supervisor" in again.stderr
    assert again.stdout == ""
    assert record_count(campaign.id) == 2


def test_agent_may_not_import(cli_env, agent_actor, campaign, tmp_path, record_count):
    import subprocess
    import sys

    env = dict(cli_env, WELCOMEDLY_USER=agent_actor.email, WELCOMEDLY_PASSWORD="correct horse battery")
    result = subprocess.run([sys.executable, "-m", "welcomedly_desktop", "import", str(_leads(tmp_path)),
                             "--campaign", str(campaign.id)], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Only administrators and supervisors can import files." in result.stderr
    assert record_count() == 0


def test_dnc_add_and_import_then_import_skips_them(run_cli, campaign, tmp_path, record_count):
    added = run_cli("dnc", "add", "312 490 0097", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"phone": "13124900097", "campaign_id": None, "added": True}
    again = run_cli("dnc", "add", "+1 312 490 0097")
    assert again.returncode == 0 and "is already on" in again.stdout
    bad = run_cli("dnc", "add", "12")
    # Judged by the numbering plan (issue 18), not a digit count: a US number has 10 digits.
    assert bad.returncode == 1 and "'12' has 2 digits; a phone number of +1 has 10" in bad.stderr
    dnc_file = write_csv(tmp_path / "dnc.csv", [["telefono"], ["3124900098"], ["3124900098"], ["abc"]])
    imported = run_cli("dnc", "import", str(dnc_file), "--campaign", str(campaign.id), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["added"] == 1
    result = json.loads(run_cli("import", str(_leads(tmp_path)), "--campaign", str(campaign.id), "--json").stdout)
    # 3124900097 (global DNC, twice in the file) and 3124900098 (campaign DNC) are dropped.
    assert (result["imported"], result["dnc"], result["duplicates"], result["rejected"]) == (0, 3, 0, 2)
    assert record_count(campaign.id) == 0


def test_login_is_judged_before_the_file(cli_env, supervisor_actor, campaign, tmp_path, record_count):
    """The file is checked on a thread while the CLI logs in (importing/prefetch.py), but what the
    user hears keeps the old order: a wrong password first, then the agent's missing permission,
    and only then the file's own problem."""
    import subprocess
    import sys

    hostile = tmp_path / "binary.csv"
    hostile.write_bytes(b"\x00\x01\x02" * 1000)

    def run(path, password=PASSWORD):  # noqa: ANN001, ANN202
        env = dict(cli_env, WELCOMEDLY_USER=supervisor_actor.email, WELCOMEDLY_PASSWORD=password)
        return subprocess.run([sys.executable, "-m", "welcomedly_desktop", "import", str(path), "--campaign",
                               str(campaign.id)], env=env, capture_output=True, text=True, timeout=60)

    wrong = run(hostile, password="not the password at all")
    assert wrong.returncode == 1 and "incorrect" in wrong.stderr and "binary" not in wrong.stderr
    missing = run(tmp_path / "nowhere.csv", password="not the password at all")
    assert "incorrect" in missing.stderr and "nowhere" not in missing.stderr
    refused = run(hostile)
    assert refused.returncode == 1 and "binary" in refused.stderr and "Traceback" not in refused.stderr
    assert record_count() == 0


def test_the_cli_logs_in_through_the_services_only(cli_env, supervisor_actor, monkeypatch):
    """issue 20: the CLI used to read users.password_hash with its own SQL before the services
    logged in (cli._check_password_early).  No CLI module touches the users' hashes now, and a
    plain login with a shared server configured starts no check of its own (only ``import`` starts
    its proof early, through the login door: the next test)."""
    import inspect

    from welcomedly_desktop import cli
    from welcomedly_desktop.services import passwords

    for module in cli.COMMAND_MODULES + (cli.common,):
        assert "password_hash" not in inspect.getsource(module), module.__name__
    assert not hasattr(cli.CliContext, "_check_password_early")
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WELCOMEDLY_USER", supervisor_actor.email)
    monkeypatch.setenv("WELCOMEDLY_PASSWORD", PASSWORD)
    assert cli.CliContext(cli.build_parser().parse_args(["campaign", "list"])).actor().email == supervisor_actor.email
    assert passwords._early == {}


def test_import_computes_the_password_proof_once_and_early(cli_env, supervisor_actor, campaign, tmp_path,
                                                          monkeypatch, record_count):
    """``welcomedly import`` asks the login door for the salt and computes bcrypt on its own thread
    while SQLAlchemy loads (services/early_login.py); the login takes that result instead of a
    second bcrypt, and a wrong password is still refused through the same early path."""
    import threading

    from welcomedly_desktop import cli
    from welcomedly_desktop.services import passwords

    computed: list[str] = []
    real = passwords._hashpw

    def counting(password, salt):  # noqa: ANN001, ANN202
        computed.append(threading.current_thread().name)
        return real(password, salt)

    monkeypatch.setattr(passwords, "_hashpw", counting)
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("WELCOMEDLY_USER", supervisor_actor.email)

    def run(password: str) -> int:
        monkeypatch.setenv("WELCOMEDLY_PASSWORD", password)
        args = cli.build_parser().parse_args(["import", str(_leads(tmp_path)), "--campaign", str(campaign.id), "--json"])
        return cli.run_command(args)

    assert run("not the password at all") == 1
    assert computed == ["password-proof"] and record_count(campaign.id) == 0
    computed.clear()
    assert run(PASSWORD) == 0
    assert computed == ["password-proof"] and record_count(campaign.id) == 2
    assert passwords._early == {}

def test_rejects_export_with_warnings_is_opt_in_and_matches_the_guis(run_cli, campaign, tmp_path, db, admin_actor,
                                                                     supervisor_actor):
    """``--warnings`` (issue 18) adds the rows imported with a warning, through the GUI export's own call."""
    from welcomedly_desktop.services import org_settings, upload_rejects

    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    path = write_csv(tmp_path / "co.csv", [["nombre", "telefono"], ["Ana", "3124900097"],
                                           ["Eva", "3994900097"],  # no operator has 399: imported with a warning
                                           ["Iván", "312490009"]])  # 9 digits: rejected
    imported = json.loads(run_cli("import", str(path), "--campaign", str(campaign.id), "--json").stdout)
    assert (imported["imported"], imported["rejected"], imported["warnings"]) == (2, 1, 1)
    upload_id = str(imported["upload_id"])

    plain, with_warnings = tmp_path / "plain.csv", tmp_path / "with-warnings.csv"
    result = run_cli("uploads", "rejects", upload_id, "--out", str(plain))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"Wrote 1 rejected rows to {plain}."
    result = run_cli("uploads", "rejects", upload_id, "--out", str(with_warnings), "--warnings")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"Wrote 1 rejected rows and 1 rows imported with a warning to {with_warnings}."

    def rows(out):  # noqa: ANN001, ANN202
        with out.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))

    assert [r[0] for r in rows(plain)[1:]] == ["4"]
    warned = rows(with_warnings)
    assert warned[:len(rows(plain))] == rows(plain)
    assert warned[-1] == ["3", "telefono", "imported with a warning: the number 3994900097 has the right length but "
                                          "is unknown to the numbering plan"]
    gui = tmp_path / "gui.csv"  # what the Uploads page's export writes
    with db.session() as session:
        upload_rejects.export_rejects_csv(session, supervisor_actor, int(upload_id), gui, include_warnings=True)
    assert gui.read_bytes() == with_warnings.read_bytes()
