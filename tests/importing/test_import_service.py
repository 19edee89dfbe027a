"""The imports and do-not-call services against a real database: dedupe scopes, DNC, cancel, recovery, storage."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.importing.helpers import write_csv
from welcomedly_desktop.db.models import AuditLog, BaseCampaignData, Campaign, CampaignRecord, ImportReject
from welcomedly_desktop.errors import DuplicateError, OperationCancelled, PermissionDenied
from welcomedly_desktop.importing.options import DedupeScope, ImportOptions
from welcomedly_desktop.importing.storage import StorageError
from welcomedly_desktop.services import dnc, imports


def _file(tmp_path: Path, name: str, phones: list[str]) -> Path:
    return write_csv(tmp_path / name, [["nombre", "telefono"]] + [[f"P{i}", p] for i, p in enumerate(phones)])


def _phones(db, campaign_id: int) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(CampaignRecord.phone).where(CampaignRecord.campaign_id == campaign_id)))


@pytest.fixture(params=["direct", "direct-rows", "staged"])
def load_path(request, monkeypatch):
    """Run a test through every load path: phones judged in Python with a CSV read in Arrow batches
    (the usual case) or row by row (any other file), or the staging table."""
    from welcomedly_desktop.importing import load_direct
    from welcomedly_desktop.importing.csv_reader import CsvSource

    if request.param == "staged":
        monkeypatch.setattr(load_direct, "PRELOAD_LIMIT", -1)  # no set, not even an empty one, is small enough
    if request.param == "direct-rows":
        monkeypatch.setattr(CsvSource, "batches", lambda self: None)
    return request.param


def test_dedupe_scopes(db, supervisor_actor, make_campaign, tmp_path, load_path):
    first, second = make_campaign("First"), make_campaign("Second")
    imports.import_file(db, supervisor_actor, _file(tmp_path, "a.csv", ["3000000001", "3000000002"]), first.id)

    again = _file(tmp_path, "b.csv", ["3000000001", "3000000003", "3000000003"])
    summary = imports.import_file(db, supervisor_actor, again, first.id)
    assert (summary.imported, summary.duplicates) == (1, 2)  # one already in the campaign, one repeated in the file

    # Campaign scope (default) does not look at other campaigns; global does; none keeps them.
    s = imports.import_file(db, supervisor_actor, _file(tmp_path, "c.csv", ["3000000001", "3000000009"]), second.id)
    assert (s.imported, s.duplicates) == (2, 0)
    third = make_campaign("Third")
    s = imports.import_file(db, supervisor_actor, _file(tmp_path, "d.csv", ["3000000002", "3000000010"]), third.id,
                            ImportOptions(dedupe=DedupeScope.GLOBAL))
    assert (s.imported, s.duplicates) == (1, 1)
    s = imports.import_file(db, supervisor_actor, _file(tmp_path, "e.csv", ["3000000010", "3000000011", "3000000011"]),
                            third.id, ImportOptions(dedupe=DedupeScope.NONE))
    assert (s.imported, s.duplicates) == (2, 1)  # the in-file repeat is still dropped
    assert _phones(db, third.id) == ["13000000010", "13000000010", "13000000011"]
    with db.session() as session:
        reasons = set(session.scalars(select(ImportReject.reason)))
    assert "duplicate: the phone is already in a campaign" in reasons
    assert "duplicate: the phone is already in this campaign" in reasons


def test_dnc_global_and_campaign(db, supervisor_actor, make_campaign, tmp_path, settings, load_path):
    mine, other = make_campaign("Mine"), make_campaign("Other")
    with db.session() as session:
        dnc.add_dnc(session, supervisor_actor, "3000000001", country_code=settings.default_country_code)
        dnc.add_dnc(session, supervisor_actor, "3000000002", campaign_id=mine.id)
        dnc.add_dnc(session, supervisor_actor, "3000000003", campaign_id=other.id)
    phones = ["3000000001", "3000000002", "3000000003", "3000000004", "3000000001"]
    s = imports.import_file(db, supervisor_actor, _file(tmp_path, "x.csv", phones), mine.id)
    assert (s.imported, s.dnc, s.duplicates) == (2, 3, 0)
    assert _phones(db, mine.id) == ["13000000003", "13000000004"]


def test_default_mapping_is_saved_and_reused(db, supervisor_actor, campaign, tmp_path):
    one = write_csv(tmp_path / "1.csv", [["Cliente", "Numero", "Otro"], ["Ana", "3000000001", "3000000002"]])
    imports.import_file(db, supervisor_actor, one, campaign.id, ImportOptions(mapping={"phone": "Otro", "name": "Cliente"}))
    with db.session() as session:
        assert session.get(Campaign, campaign.id).default_mapping == {"name": "Cliente", "phone": "Otro"}
    two = write_csv(tmp_path / "2.csv", [["Cliente", "Numero", "Otro"], ["Eva", "3000000005", "3000000006"]])
    preview = imports.preview_file(db, supervisor_actor, two, campaign.id)
    assert preview.mapping == {"name": "Cliente", "phone": "Otro"}
    assert preview.rows == [["Eva", "3000000005", "3000000006"]] and preview.delimiter == ","
    imports.import_file(db, supervisor_actor, two, campaign.id)
    assert "13000000006" in _phones(db, campaign.id)


def test_same_file_twice_refused_but_retry_after_failure_allowed(db, supervisor_actor, campaign, tmp_path):
    path = _file(tmp_path, "leads.csv", ["3000000001"])
    imports.import_file(db, supervisor_actor, path, campaign.id)
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(DuplicateError, match=r"already imported into this campaign on \d{4}-\d\d-\d\d \d\d:\d\d by Sam Supervisor"):
        imports.import_file(db, supervisor_actor, renamed, campaign.id)
    assert imports.preview_file(db, supervisor_actor, renamed, campaign.id).already_imported


def test_agents_may_not_import_or_list(db, agent_actor, campaign, tmp_path):
    with pytest.raises(PermissionDenied):
        imports.import_file(db, agent_actor, _file(tmp_path, "a.csv", ["3000000001"]), campaign.id)
    with db.session() as session, pytest.raises(PermissionDenied):
        imports.list_uploads(session, agent_actor)


def _big_file(tmp_path: Path, rows: int) -> Path:
    return write_csv(tmp_path / "big.csv", [["nombre", "telefono"]] + [[f"N{i}", str(3_000_000_000 + i)] for i in range(rows)])


@pytest.mark.parametrize("phase", ["reading", "checking", "saving"])
def test_cancel_leaves_nothing(db, supervisor_actor, campaign, tmp_path, phase, record_count):
    cancel = threading.Event()
    seen: list[str] = []

    def progress(p) -> None:
        seen.append(p.phase)
        if p.phase == phase and (phase != "reading" or p.rows_read >= 5000):
            cancel.set()

    with pytest.raises(OperationCancelled):
        imports.import_file(db, supervisor_actor, _big_file(tmp_path, 20_000), campaign.id, progress=progress, cancel=cancel)
    assert phase in seen
    assert record_count() == 0
    with db.session() as session:
        upload = session.scalars(select(BaseCampaignData)).one()
        assert upload.status == "cancelled" and "cancelled" in upload.error_message
        assert session.scalar(select(text("count(*)")).select_from(ImportReject)) == 0
    # A cancelled file may be imported again.
    summary = imports.import_file(db, supervisor_actor, tmp_path / "big.csv", campaign.id)
    assert summary.imported == 20_000 and record_count() == 20_000


def test_progress_and_audit(db, supervisor_actor, campaign, tmp_path):
    seen = []
    summary = imports.import_file(db, supervisor_actor, _big_file(tmp_path, 12_000), campaign.id, progress=seen.append)
    assert summary.status == "processed" and summary.rows_total == 12_000
    assert seen[-1].phase == "done" and seen[-1].rows_read == 12_000
    assert {"reading", "checking", "saving"} <= {p.phase for p in seen}
    with db.session() as session:
        actions = set(session.scalars(select(AuditLog.action)))
    assert {"upload.create", "upload.import"} <= actions


def test_interrupted_upload_is_marked_failed(db, supervisor_actor, campaign):
    with db.session() as session:
        dead = BaseCampaignData(campaign_id=campaign.id, status="processing", worker="999999999@" + __import__("socket").gethostname(),
                                original_filename="x.csv", sha256="0" * 64)
        elsewhere = BaseCampaignData(campaign_id=campaign.id, status="processing", worker="1@other-host",
                                     original_filename="y.csv", sha256="1" * 64)
        session.add_all([dead, elsewhere])
    with db.session() as session:
        assert imports.mark_interrupted_uploads(session) == 2  # no connection tagged for either
    with db.session() as session:
        rows = imports.list_uploads(session, supervisor_actor, campaign.id)
    assert {r.status for r in rows} == {"failed"}
    assert all(r.error_message.startswith("Interrupted") for r in rows)


def test_running_upload_is_not_marked(db, supervisor_actor, campaign, db_url):
    import psycopg

    with db.session() as session:
        upload = BaseCampaignData(campaign_id=campaign.id, status="processing", worker="1@other-host", sha256="2" * 64)
        session.add(upload)
        session.flush()
        upload_id = upload.id
    libpq = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq, application_name=f"welcomedly-import:{upload_id}"):
        with db.session() as session:
            assert imports.mark_interrupted_uploads(session) == 0
    with db.session() as session:
        assert imports.mark_interrupted_uploads(session) == 1


def test_stored_original_by_sha256_locally(db, supervisor_actor, campaign, tmp_path, settings):
    import hashlib

    path = _file(tmp_path, "orig.csv", ["3000000001"])
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    stored = settings.uploads_dir / digest[:2] / f"{digest}.csv"
    assert stored.read_bytes() == path.read_bytes()
    out = tmp_path / "fetched"
    out.mkdir()
    fetched = imports.fetch_original(db, supervisor_actor, summary.upload_id, out)
    assert fetched.name == "orig.csv" and fetched.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(("chunk_rows", "early"), [(3, False), (1000, False), (1000, True)])
def test_chunked_load_matches_single_pass(db, supervisor_actor, make_campaign, tmp_path, monkeypatch, chunk_rows,
                                          early, load_path, caplog):
    """Duplicates across chunk borders, DNC and existing records give the same result whatever the
    chunking (``early``: every batch handed over as its own chunk, as when the server waits for
    rows), and whichever load path."""
    import logging

    from welcomedly_desktop.importing import load_base, load_direct
    from welcomedly_desktop.importing.fast import csv_batches

    monkeypatch.setattr(load_base, "CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(load_direct, "BATCH_CHUNK_ROWS", chunk_rows)
    if early:
        monkeypatch.setattr(load_direct, "EARLY_CHUNK_ROWS", 1)
        monkeypatch.setattr(load_base.LoaderThread, "waiting_for_chunk", lambda self: True)
        copies = []
        original_load = load_direct.DirectLoader.load
        monkeypatch.setattr(load_direct.DirectLoader, "load", lambda self, cur, batch: (copies.append(batch),
                                                                                          original_load(self, cur, batch)))
    monkeypatch.setattr(csv_batches, "BLOCK_BYTES", 64)  # several Arrow batches, even for these few rows
    caplog.set_level(logging.INFO, logger="welcomedly_desktop.importing.loader")
    campaign = make_campaign("Chunks")
    imports.import_file(db, supervisor_actor, _file(tmp_path, "old.csv", ["3000000009"]), campaign.id)
    with db.session() as session:
        dnc.add_dnc(session, supervisor_actor, "3000000007")
    phones = ["3000000001", "3000000002", "bad", "3000000001", "3000000009", "3000000003",
              "3000000007", "3000000002", "3000000004", "3000000001", "3000000005"]
    s = imports.import_file(db, supervisor_actor, _file(tmp_path, "new.csv", phones), campaign.id)
    assert (s.rows_total, s.imported, s.rejected, s.duplicates, s.dnc) == (11, 5, 1, 4, 1)
    assert _phones(db, campaign.id) == sorted(["13000000009"] + [f"1300000000{i}" for i in (1, 2, 3, 4, 5)])
    with db.session() as session:
        reasons = dict(session.execute(
            select(ImportReject.source_row, ImportReject.reason).where(ImportReject.upload_id == s.upload_id)).all())
    assert reasons == {
        4: "phone 'bad' contains letters",
        5: "duplicate of row 2 of this file",
        6: "duplicate: the phone is already in this campaign",
        8: "phone is on the do-not-call list",
        9: "duplicate of row 3 of this file",
        11: "duplicate of row 2 of this file",
    }
    with db.session() as session:
        rows = dict(session.execute(select(CampaignRecord.phone, CampaignRecord.source_row)
                                    .where(CampaignRecord.upload_id == s.upload_id)).all())
    assert rows == {"13000000001": 2, "13000000002": 3, "13000000003": 7, "13000000004": 10, "13000000005": 12}
    assert ("import step preload" in caplog.text) == load_path.startswith("direct")
    if early and load_path == "direct":
        assert len(copies) > 3  # several batches (64-byte blocks), each its own chunk
    with db.session() as session:
        raw = session.scalars(select(ImportReject.raw_row).where(ImportReject.upload_id == s.upload_id,
                                                                  ImportReject.source_row.in_((4, 6)))).all()
    # An invalid row keeps its cells as written; a dropped one as normalised.
    assert sorted(raw, key=str) == sorted([{"nombre": "P2", "telefono": "bad"},
                                           {"nombre": "P4", "telefono": "13000000009"}], key=str)


def test_import_as_an_ordinary_role_keeps_row_by_row_fk_checks(db, db_url, settings, supervisor_actor, campaign,
                                                                 tmp_path, caplog):
    """A shared server's login role is usually no superuser: the one-lock shortcut is not taken,
    PostgreSQL checks every record's foreign keys, and the import gives the same result."""
    import logging
    import os

    import psycopg

    from welcomedly_desktop.db.engine import Database

    from sqlalchemy.engine import make_url

    role, password = f"wd_plain_{os.getpid()}", "plain-secret-1"
    libpq = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        admin.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        admin.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        admin.execute(f"GRANT {role} TO current_user")  # a non-superuser owner may then drop it below
    # The role's own login (with a password: a shared server asks for one, the built-in one ignores it).
    plain_url = make_url(db_url).set(username=role, password=password).render_as_string(hide_password=False)
    plain = Database(plain_url, settings)
    try:
        with caplog.at_level(logging.INFO, logger="welcomedly_desktop.importing.loader"):
            summary = imports.import_file(plain, supervisor_actor,
                                          _file(tmp_path, "plain.csv", ["3000000001", "3000000002", "3000000001"]),
                                          campaign.id)
        assert (summary.imported, summary.duplicates) == (2, 1)
        assert "row by row (not a superuser connection)" in caplog.text
        assert _phones(db, campaign.id) == ["13000000001", "13000000002"]
    finally:
        plain.dispose()
        with psycopg.connect(libpq, autocommit=True) as admin:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE {role}")


def test_xlsx_import_end_to_end(db, supervisor_actor, campaign, tmp_path):
    """Phones stored as numbers by a spreadsheet arrive as digits; a chosen sheet is used."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Notas"
    wb.active.append(["nada"])
    sheet = wb.create_sheet("Clientes")
    sheet.append(["Nombre", "Celular", "Fijo"])
    sheet.append(["Ana", 3124900097, 6014445566])
    sheet.append(["Luis", 3124900097.0, None])
    sheet.append(["Eva", "=1+2", None])
    path = tmp_path / "clientes.xlsx"
    wb.save(path)
    s = imports.import_file(db, supervisor_actor, path, campaign.id, ImportOptions(sheet="Clientes"))
    assert (s.rows_total, s.imported, s.duplicates, s.rejected) == (3, 1, 1, 1)
    with db.session() as session:
        record = session.scalars(select(CampaignRecord)).one()
        upload = session.scalars(select(BaseCampaignData)).one()
    assert (record.phone, record.alt_phone, record.name) == ("13124900097", "16014445566", "Ana")
    assert (upload.file_format, upload.sheet_name) == ("xlsx", "Clientes")


def test_odd_phones_already_in_the_database_do_not_confuse_the_check(db, supervisor_actor, campaign, tmp_path,
                                                                      load_path):
    """Phones written by other programs (spaces, a leading 0, empty) are compared as text: they
    match nothing a file normalises to, and a value with a space is not two numbers."""
    from welcomedly_desktop.db.models import CampaignRecord

    with db.session() as session:
        for phone in ("13000000001 5", "013000000002", "", "13000000003"):
            session.add(CampaignRecord(campaign_id=campaign.id, phone=phone, name="old"))
    s = imports.import_file(db, supervisor_actor,
                            _file(tmp_path, "odd.csv", ["3000000001", "13000000002", "3000000003", "1300000000"]),
                            campaign.id)
    # 1300000000 (10 digits) becomes 11300000000; only 13000000003 was there before.
    assert (s.imported, s.duplicates) == (3, 1)


def test_workbook_parsed_for_the_preview_is_reused_by_the_import_then_released(db, supervisor_actor, campaign,
                                                                                tmp_path, settings):
    """The import dialog previews, then imports: the sheet is parsed once,
    unless the file changed in between; it is let go once the import is over.  (A workbook with a
    duration: xlsx_batches reads the others straight from their XML and leaves durations to calamine.)"""
    import datetime as dt
    import os

    from openpyxl import Workbook

    from welcomedly_desktop.importing import sheet_reader
    from welcomedly_desktop.importing.sheet_reader import SheetSource

    wb = Workbook()
    wb.active.append(["Nombre", "Celular", "Espera"])
    wb.active.append(["Ana", 3124900097, dt.timedelta(hours=26)])
    path = tmp_path / "clientes.xlsx"
    wb.save(path)
    imports.preview_file(db, supervisor_actor, path, campaign.id)
    kept = sheet_reader._parsed[1]
    assert SheetSource(path, settings).sheet is kept            # same file: not parsed again
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert SheetSource(path, settings).sheet is not kept        # touched since: parsed again
    s = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert s.imported == 1 and sheet_reader._parsed is None     # released after the import
    imports.preview_file(db, supervisor_actor, path, campaign.id)
    imports.forget_preview()
    assert sheet_reader._parsed is None


def test_original_that_cannot_be_stored_fails_the_import(db, settings, supervisor_actor, campaign, tmp_path):
    """The original is stored while the rows load (storage.OriginalKeeper): when it cannot be kept,
    the load stops, nothing is added, and the upload says why in one sentence.  Once the folder is
    usable again, the same file imports."""
    settings.uploads_dir.parent.mkdir(parents=True, exist_ok=True)
    settings.uploads_dir.write_text("a file where the uploads folder should be")
    path = _file(tmp_path, "kept.csv", [f"30000{i:05d}" for i in range(3000)])
    with pytest.raises(StorageError, match="could not be kept") as refused:
        imports.import_file(db, supervisor_actor, path, campaign.id)
    assert _phones(db, campaign.id) == []
    with db.session() as session:
        upload = session.scalars(select(BaseCampaignData).where(BaseCampaignData.campaign_id == campaign.id)).one()
        assert (upload.status, upload.error_message) == ("failed", refused.value.user_message)
        assert session.scalar(select(func.count()).select_from(ImportReject)
                              .where(ImportReject.upload_id == upload.id)) == 0
    settings.uploads_dir.unlink()
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert summary.imported == 3000 and len(_phones(db, campaign.id)) == 3000
    (tmp_path / "back").mkdir()
    stored = imports.fetch_original(db, supervisor_actor, summary.upload_id, tmp_path / "back")
    assert stored.read_bytes() == path.read_bytes()


def test_dropped_rows_that_need_escaping_keep_their_cells(db, supervisor_actor, make_campaign, tmp_path, load_path):
    """A row whose cells hold a quote, a backslash or a tab leaves the fast path; dropped, its
    cells are still reported exactly as in the file (phones normalised), by either load path."""
    campaign = make_campaign("Escapes")
    rows = [["nombre", "telefono", "nota"],
            ['Ana "la" Pérez', "3000000001", "a\\b"],
            ["Luis\tSegundo", "3000000001", 'dijo "sí"'],
            ['Ana "la" Pérez', "3000000002", ""]]
    imports.import_file(db, supervisor_actor, write_csv(tmp_path / "first.csv", [rows[0], rows[3]]), campaign.id)
    s = imports.import_file(db, supervisor_actor, write_csv(tmp_path / "second.csv", rows), campaign.id)
    assert (s.imported, s.duplicates) == (1, 2)
    with db.session() as session:
        raw = dict(session.execute(select(ImportReject.source_row, ImportReject.raw_row)
                                   .where(ImportReject.upload_id == s.upload_id)).all())
    assert raw == {3: {"nombre": "Luis\tSegundo", "telefono": "13000000001", "nota": 'dijo "sí"'},
                   4: {"nombre": 'Ana "la" Pérez', "telefono": "13000000002"}}


def test_a_bad_quote_past_the_first_batches_fails_as_the_csv_module_says(db, supervisor_actor, campaign, tmp_path,
                                                                        monkeypatch, caplog, record_count):
    """The Arrow reader meets the bad quote after chunks were loaded: the load starts again with the
    csv module, whose sentence the user gets, and nothing of the file stays."""
    import logging

    from welcomedly_desktop.errors import ImportFileError
    from welcomedly_desktop.importing.fast import csv_batches

    monkeypatch.setattr(csv_batches, "BLOCK_BYTES", 256)
    caplog.set_level(logging.INFO, logger="welcomedly_desktop.importing.loader")
    path = tmp_path / "late_bad_quote.csv"
    path.write_text("nombre,telefono\n" + "".join(f"P{i},30{i:08d}\n" for i in range(500)) + '"Ana"x,3000000999\n')
    with pytest.raises(ImportFileError, match="badly quoted cell in row 502"):
        imports.import_file(db, supervisor_actor, path, campaign.id)
    assert "read again row by row" in caplog.text
    assert record_count(campaign.id) == 0


def test_a_row_the_arrow_reader_cannot_take_is_imported_by_the_csv_module(db, supervisor_actor, campaign, tmp_path,
                                                                           monkeypatch, caplog, record_count):
    """A row longer than Arrow's block: the batch reader steps aside, the file is read again row by
    row and imported whole."""
    import logging

    from welcomedly_desktop.importing.fast import csv_batches

    monkeypatch.setattr(csv_batches, "BLOCK_BYTES", 1024)
    caplog.set_level(logging.INFO, logger="welcomedly_desktop.importing.loader")
    path = tmp_path / "long_note.csv"
    long_note = "é" * 3000
    path.write_text("nombre,telefono,nota\n" + "".join(f"P{i},30{i:08d},x\n" for i in range(300))
                    + f"Largo,3000000999,{long_note}\n", encoding="utf-8")
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    assert (summary.rows_total, summary.imported) == (301, 301)
    assert "read again row by row" in caplog.text
    with db.session() as session:
        extra = session.scalar(select(CampaignRecord.extra).where(CampaignRecord.phone == "13000000999"))
    assert extra == {"nota": long_note}
    assert record_count(campaign.id) == 301


def test_an_ordinary_csv_is_read_in_batches(db, supervisor_actor, campaign, tmp_path, monkeypatch, caplog):
    """Not a vacuous fallback: a plain file goes through the batch reader to the end."""
    import logging

    from welcomedly_desktop.importing.fast import columnar

    calls = []
    original = columnar.make_batch_processor

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        process = original(*args, **kwargs)
        return lambda columns, rows: calls.append(len(rows)) or process(columns, rows)

    monkeypatch.setattr("welcomedly_desktop.importing.load_direct.make_batch_processor", counting)
    caplog.set_level(logging.INFO, logger="welcomedly_desktop.importing.loader")
    summary = imports.import_file(db, supervisor_actor, _file(tmp_path, "plain.csv", [f"30{i:08d}" for i in range(200)]),
                                  campaign.id)
    assert summary.imported == 200
    assert sum(calls) == 200
    assert "read again" not in caplog.text


def test_an_import_is_announced_on_the_change_feed_whichever_load_path(db, db_url, supervisor_actor, make_campaign,
                                                                       tmp_path, load_path, caplog):
    """The built-in database's role is a superuser: the records' COPY skips triggers (the foreign-key
    shortcut), so the loader itself sends what the change feed's trigger would have sent."""
    import json
    import logging

    import psycopg

    campaign = make_campaign()
    phones = [f"300{n:07d}" for n in range(1, 41)]
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as listener:
        listener.execute("LISTEN welcomedly_changes")
        with caplog.at_level(logging.INFO, logger="welcomedly_desktop.importing.loader"):
            summary = imports.import_file(db, supervisor_actor, _file(tmp_path, "feed.csv", phones), campaign.id)
        events = [json.loads(n.payload) for n in listener.notifies(timeout=2, stop_after=50)]
    from tests.conftest import TEST_DB_ROLE

    if TEST_DB_ROLE == "superuser":
        assert "checked once, by locking the campaign and upload rows" in caplog.text  # the shortcut was taken
    else:  # make test-shared with WELCOMEDLY_TEST_DB_ROLE=owner: the trigger announces the records
        assert "row by row (not a superuser connection)" in caplog.text
    inserted = [e for e in events if e["entity"] == "record" and e["op"] == "insert"]
    assert sum(e.get("count") or len(e.get("ids") or []) for e in inserted) == summary.imported == 40
    assert all(e.get("upload_id") in (None, summary.upload_id) for e in inserted)


def test_warnings_counted_while_loading_equal_the_database_count(db, admin_actor, supervisor_actor, make_campaign,
                                                                  tmp_path, load_path):
    """The direct path counts the records with an unknown line type as it writes them; the count must
    be the one the database gives (the staged path asks the database)."""
    from welcomedly_desktop.services import org_settings, upload_warnings

    with db.session() as session:
        org_settings.set_country(session, admin_actor, "CO")
    campaign = make_campaign()
    # 3124900097: an assigned Colombian mobile prefix; 3720680572 / 3264560348: right length, unknown
    # to the plan (warnings); "unknown" as a name must not count.
    rows = [["unknown", "3124900097"], ["Ana", "3720680572"], ["Luis", "3264560348"], ["Eva", "12"]]
    path = write_csv(tmp_path / "co.csv", [["nombre", "telefono"]] + rows)
    summary = imports.import_file(db, supervisor_actor, path, campaign.id)
    with db.session() as session:
        assert summary.warnings == upload_warnings.count_warnings(session, summary.upload_id) == 2
