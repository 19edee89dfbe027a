"""Imports from a workstation (issue 15): a supervisor holding only the client credential imports lead
and do-not-call files; an agent cannot; psql with the client credential cannot COPY records in."""

from __future__ import annotations

import json

import psycopg
import pytest

from tests.conftest import TEST_PASSWORD
from tests.security.conftest import welcomedly
from tests.security.test_probes import _login_sql, psql

pytestmark = pytest.mark.slow

SUPERVISOR = "super@office.example"


def _owner(office) -> psycopg.Connection:
    return psycopg.connect(office.owner_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


@pytest.fixture(autouse=True)
def _leave_the_office_as_found(office):
    """The office is shared by the whole session (other tests count its records): what these tests
    add goes again (an upload's records and rejects go with it)."""
    with _owner(office) as conn:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM base_campaign_data").fetchone()[0]
    yield
    with _owner(office) as conn:
        conn.execute("DELETE FROM base_campaign_data WHERE id > %s", (last,))
        conn.execute("DELETE FROM dnc_numbers WHERE phone LIKE '%%32099900__'")


def _leads(tmp_path, name: str, first: int, count: int) -> str:
    """A CSV of ``count`` valid leads, one invalid phone and one repeat inside the file."""
    lines = ["nombre,telefono,correo"]
    lines += [f"Lead {i},312{first + i:07d},lead{first + i}@example.com" for i in range(count)]
    lines += ["Bad one,12,bad@example.com", f"Again,312{first:07d},again@example.com"]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("dedupe", ["campaign", "global"])
def test_supervisor_on_a_workstation_imports_a_lead_file(office, tmp_path, dedupe):
    first = 100_000 if dedupe == "campaign" else 200_000
    campaign = office.campaigns["Theirs"]
    done = welcomedly(office.env, "import", _leads(tmp_path, f"leads-{dedupe}.csv", first, 40), "--campaign",
                      str(campaign), "--dedupe", dedupe, "--json", user=SUPERVISOR)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["status"], summary["rows_total"], summary["imported"], summary["rejected"],
            summary["duplicates"]) == ("processed", 42, 40, 1, 1)
    upload = summary["upload_id"]
    with _owner(office) as conn:
        records = conn.execute("SELECT count(*), min(campaign_id), max(campaign_id) FROM campaign_records "
                               "WHERE upload_id = %s", (upload,)).fetchone()
        rejects = conn.execute("SELECT count(*) FROM import_rejects WHERE upload_id = %s", (upload,)).fetchone()[0]
        status = conn.execute("SELECT status, imported, uploaded_by FROM base_campaign_data WHERE id = %s",
                              (upload,)).fetchone()
        audit = conn.execute("SELECT actor_email, workstation <> 'unknown' FROM audit_log WHERE action = 'upload.import' "
                             "AND entity_id = %s", (str(upload),)).fetchone()
        staged = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = 'app_stage'").fetchone()[0]
    assert records == (40, campaign, campaign)
    assert rejects == 2  # the invalid phone and the repeat
    assert status == ("processed", 40, office.users[SUPERVISOR])
    assert audit == (SUPERVISOR, True)  # written by the server from the bound session
    assert staged == 0  # the staging tables are gone with the import's transaction


def test_agent_import_is_refused_with_one_sentence(office, tmp_path):
    done = welcomedly(office.env, "import", _leads(tmp_path, "agent.csv", 300_000, 5), "--campaign",
                      str(office.campaigns["Mine"]), user="agent@office.example")
    assert done.returncode != 0
    assert done.stdout == ""
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and message.endswith("."), message
    with _owner(office) as conn:
        assert conn.execute("SELECT count(*) FROM campaign_records WHERE phone LIKE '3120300%'").fetchone()[0] == 0


RECORD_COPY = "COPY campaign_records (campaign_id, phone, name) FROM STDIN"
REJECT_COPY = "COPY import_rejects (upload_id, source_row, reason, raw_row) FROM STDIN"


def _copy(office, login: str | None, statement: str, data: str) -> psycopg.Error | None:
    """COPY ``data`` with the client credential (after an app login as ``login``); the error, or None."""
    with psycopg.connect(office.client_libpq) as conn:
        if login:
            assert conn.execute(_login_sql(office, login, TEST_PASSWORD)).fetchone()[0] is True
        try:
            with conn.cursor().copy(statement) as copy:
                copy.write(data)
            conn.commit()
        except psycopg.Error as exc:
            return exc
    return None


def _upload(office, status: str) -> int:
    """An upload row made by the owner (so by no workstation session), in ``status``."""
    with _owner(office) as conn:
        return conn.execute("INSERT INTO base_campaign_data (campaign_id, status, original_filename) "
                            "VALUES (%s, %s, 'forged.csv') RETURNING id", (office.campaigns["Theirs"], status)).fetchone()[0]


@pytest.mark.parametrize("login", [None, "agent@office.example", SUPERVISOR])
def test_copy_with_psql_and_the_client_credential_is_refused(office, login):
    campaign = office.campaigns["Theirs"]
    upload = _upload(office, "processing")
    assert _copy(office, login, RECORD_COPY, f"{campaign}\t3999999999\tForged\n") is not None
    assert _copy(office, login, REJECT_COPY, f"{upload}\t1\tforged\t{{}}\n") is not None
    # Nor through the staging tables: only for an upload of one's own session that is being processed.
    for kind in ("records", "rejects"):
        refused = psql(office, *([_login_sql(office, login, TEST_PASSWORD)] if login else []),
                       f"SELECT app.import_stage({upload}, '{kind}')")
        assert refused.returncode != 0 and "ERROR" in refused.stderr
    # And the psql client itself: \copy is COPY FROM STDIN.
    done = psql(office, *([_login_sql(office, login, TEST_PASSWORD)] if login else []),
                "\\copy campaign_records (campaign_id, phone, name) FROM '/dev/null'")
    assert done.returncode != 0
    with _owner(office) as conn:
        assert conn.execute("SELECT count(*) FROM campaign_records WHERE phone = '3999999999'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM import_rejects WHERE upload_id = %s", (upload,)).fetchone()[0] == 0


def test_a_supervisor_cannot_stage_records_for_someone_elses_or_a_finished_upload(office):
    for status in ("processing", "processed"):
        upload = _upload(office, status)
        done = psql(office, _login_sql(office, SUPERVISOR, TEST_PASSWORD), f"SELECT app.import_stage({upload}, 'records')")
        assert done.returncode != 0 and "upload" in done.stderr, done.stderr


def test_supervisor_on_a_workstation_imports_a_do_not_call_file(office, tmp_path):
    path = tmp_path / "dnc.csv"
    path.write_text("telefono\n3209990001\n3209990002\n3209990002\nnot a phone\n", encoding="utf-8")
    done = welcomedly(office.env, "dnc", "import", str(path), "--json", user=SUPERVISOR)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["rows_total"], summary["added"], summary["already"], summary["rejected"]) == (4, 2, 1, 1)
    with _owner(office) as conn:
        added = conn.execute("SELECT count(*), min(added_by) FROM dnc_numbers WHERE phone LIKE '%%32099900__'").fetchone()
        audit = conn.execute("SELECT actor_email FROM audit_log WHERE action = 'dnc.import' ORDER BY id DESC LIMIT 1").fetchone()
    assert added == (2, office.users[SUPERVISOR])
    assert audit == (SUPERVISOR,)
    refused = welcomedly(office.env, "dnc", "import", str(path), user="agent@office.example")
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1


def test_staged_rows_land_in_the_uploads_campaign_and_only_from_this_transaction(office):
    """What the server moves: the campaign and upload come from the upload row, never from the staged
    rows; a staging table that a psql session committed is never moved by a later transaction."""
    theirs, mine = office.campaigns["Theirs"], office.campaigns["Mine"]
    with psycopg.connect(office.client_libpq) as conn:
        assert conn.execute(_login_sql(office, SUPERVISOR, TEST_PASSWORD)).fetchone()[0] is True
        upload = conn.execute("INSERT INTO base_campaign_data (campaign_id, status, original_filename) "
                              "VALUES (%s, 'processing', 'by-hand.csv') RETURNING id", (theirs,)).fetchone()[0]
        conn.commit()
        stage = conn.execute("SELECT app.import_stage(%s, 'records')", (upload,)).fetchone()[0]
        with conn.cursor().copy(f"COPY {stage} (phone, source_row, name, extra, campaign_id, upload_id) FROM STDIN") as copy:
            copy.write(f"3888000001\t1\tStaged\t{{}}\t{mine}\t1\n")
        # The staging table is the server's: the client may only add rows to it.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SELECT count(*) FROM {stage}")
        conn.rollback()
        stage = conn.execute("SELECT app.import_stage(%s, 'records')", (upload,)).fetchone()[0]
        with conn.cursor().copy(f"COPY {stage} (phone, source_row, name, extra, campaign_id, upload_id) FROM STDIN") as copy:
            copy.write(f"3888000001\t1\tStaged\t{{}}\t{mine}\t1\n")
        assert conn.execute("SELECT app.import_finish(%s)", (upload,)).fetchone()[0] == 1
        conn.commit()
        # Committed on purpose, as a psql user could: a later transaction does not move it.
        stage = conn.execute("SELECT app.import_stage(%s, 'records')", (upload,)).fetchone()[0]
        with conn.cursor().copy(f"COPY {stage} (phone, source_row, name, extra) FROM STDIN") as copy:
            copy.write("3888000002\t2\tLeft behind\t{}\n")
        conn.commit()
        assert conn.execute("SELECT app.import_finish(%s)", (upload,)).fetchone()[0] == 0
        conn.commit()
    with _owner(office) as conn:
        landed = conn.execute("SELECT phone, campaign_id, upload_id FROM campaign_records WHERE phone LIKE '3888%' "
                              "ORDER BY phone").fetchall()
    assert landed == [("3888000001", theirs, upload)]
