"""Issue 20: what an import accepts (regular files; symbolic links resolved, the real file judged,
shown and audited) and what its errors may quote of a file (a short, printable excerpt)."""

from __future__ import annotations

import json
import os

from sqlalchemy import text

from tests.importing.helpers import write_csv
from welcomedly_desktop.errors import ImportFileError, ValidationError
from welcomedly_desktop.importing import ImportOptions
from welcomedly_desktop.services import imports

SHADOW_LINE = "root:*:19000:0:99999:7:::"


def _one_line(result) -> str:  # noqa: ANN001
    lines = [l for l in result.stderr.strip().splitlines() if l.strip()]
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _leads(path):  # noqa: ANN001, ANN202
    return write_csv(path, [["nombre", "telefono"], ["Ana", "3124900097"], ["Luis", "3124900098"]])


def test_a_link_named_csv_to_a_file_that_is_not_csv_is_judged_by_the_real_file(run_cli, campaign, tmp_path, db):
    secret = tmp_path / "shadow"
    secret.write_text(SHADOW_LINE + "\n" + "daemon:*:19000:0:99999:7:::\n")
    link = tmp_path / "leads.csv"
    link.symlink_to(secret)
    line = _one_line(run_cli("import", str(link), "--campaign", str(campaign.id)))
    assert "unsupported type" in line and "root:" not in line
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM import_rejects")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM base_campaign_data")).scalar() == 0


def test_special_files_are_refused_in_one_sentence(run_cli, campaign, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it would block forever
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    for path in (fifo, folder, tmp_path / "link-to-fifo.csv"):
        if path.name.startswith("link"):
            path.symlink_to(fifo)
        line = _one_line(run_cli("import", str(path), "--campaign", str(campaign.id), timeout=60))
        assert "not a regular file" in line


def test_a_link_to_a_lead_file_is_imported_and_the_real_path_audited(db, supervisor_actor, campaign, tmp_path):
    real = _leads(tmp_path / "real-leads.csv")
    link = tmp_path / "leads-link.csv"
    link.symlink_to(real)
    preview = imports.preview_file(db, supervisor_actor, link, campaign.id)
    assert preview.real_path == str(real.resolve())
    summary = imports.import_file(db, supervisor_actor, link, campaign.id, ImportOptions())
    assert summary.imported == 2
    with db.session() as s:
        details = s.execute(
            text("SELECT details FROM audit_log WHERE action = 'upload.create' ORDER BY id DESC LIMIT 1")
        ).scalar()
    details = details if isinstance(details, dict) else json.loads(details)
    assert details["real_path"] == str(real.resolve())


def test_a_plain_file_has_no_real_path_note(db, supervisor_actor, campaign, tmp_path):
    preview = imports.preview_file(db, supervisor_actor, _leads(tmp_path / "plain.csv"), campaign.id)
    assert preview.real_path is None


def test_errors_quote_only_a_short_printable_excerpt_of_the_file(db, supervisor_actor, campaign, tmp_path):
    columns = ["telefono", *[f"{SHADOW_LINE}-{i}\u202e" for i in range(40)]]
    path = write_csv(tmp_path / "wide.csv", [columns, ["3124900097", *["x"] * 40]])
    try:
        imports.preview_file(db, supervisor_actor, path, campaign.id,
                             ImportOptions(mapping={"phone": "no such column"}))
    except (ValidationError, ImportFileError) as exc:
        message = exc.user_message
    else:
        raise AssertionError("an unknown column was accepted")
    assert "no column named" in message
    assert len(message) < 300 and "\u202e" not in message and "\n" not in message
    assert message.count(SHADOW_LINE) <= 2


def test_stored_originals_are_private(db, supervisor_actor, campaign, tmp_path):
    old = os.umask(0o022)
    try:
        imports.import_file(db, supervisor_actor, _leads(tmp_path / "private.csv"), campaign.id, ImportOptions())
    finally:
        os.umask(old)
    root = db.settings.uploads_dir
    [stored] = [p for p in root.rglob("*") if p.is_file()]
    assert stat_mode(root) == 0o700 and stat_mode(stored.parent) == 0o700
    assert stat_mode(stored) == 0o600


def stat_mode(path) -> int:  # noqa: ANN001
    import stat as _stat

    return _stat.S_IMODE(path.stat().st_mode)
