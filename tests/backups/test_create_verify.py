"""Create and verify against the test server: the archive holds the dump, the files and a manifest;
damaged, wrong-passphrase and foreign files are refused with one sentence."""

from __future__ import annotations

import pytest

from welcomedly_desktop.errors import PermissionDenied
from welcomedly_desktop.services import backups
from welcomedly_desktop.services.backup_crypto import BackupFileError

from .conftest import PASSPHRASE


def test_create_then_verify(seeded, admin_actor, settings, tmp_path):
    result = backups.create_backup(seeded, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out")
    assert result.path.exists() and result.path.suffix == ".wdbackup"
    assert result.tables["campaign_records"] == 500 and result.files == 3
    assert result.bytes == result.path.stat().st_size
    assert not list((tmp_path / "out").glob(".*partial"))
    checked = backups.verify_backup(result.path, PASSPHRASE, db=seeded, actor=admin_actor)
    assert checked.sha256 == result.sha256 and checked.files == 3
    assert checked.info["tables"]["campaign_records"] == 500
    assert set(checked.info["members"]) >= {"database/dump", "backup.json"}
    [entry] = backups.list_backups(tmp_path / "out")
    assert entry.verified and entry.schema_revision == checked.info["schema_revision"]


def test_supervisor_may_not_back_up(seeded, supervisor_actor, settings, tmp_path):
    with pytest.raises(PermissionDenied):
        backups.create_backup(seeded, settings, supervisor_actor, PASSPHRASE, out_dir=tmp_path)


@pytest.fixture
def archive(seeded, admin_actor, settings, tmp_path):
    return backups.create_backup(seeded, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out").path


def test_wrong_passphrase(archive):
    with pytest.raises(BackupFileError, match="[Ww]rong passphrase"):
        backups.verify_backup(archive, "not the passphrase")


@pytest.mark.parametrize("cut", [0.5, 0.999])
def test_truncated(archive, cut):
    data = archive.read_bytes()
    archive.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(BackupFileError, match="truncated"):
        backups.verify_backup(archive, PASSPHRASE)


@pytest.mark.parametrize("where", [0.3, 0.6, 0.95])
def test_bit_flip(archive, where):
    data = bytearray(archive.read_bytes())
    data[int(len(data) * where)] ^= 0x10
    archive.write_bytes(bytes(data))
    with pytest.raises(BackupFileError, match="damaged|tampered"):
        backups.verify_backup(archive, PASSPHRASE)
    assert not backups.read_entry(archive).verified


def test_renamed_non_backup(tmp_path):
    fake = tmp_path / "holiday.wdbackup"
    fake.write_bytes(b"PK\x03\x04 not a backup at all" * 100)
    with pytest.raises(BackupFileError, match="not a Welcomedly backup"):
        backups.verify_backup(fake, PASSPHRASE)
    assert backups.list_backups(tmp_path) == []


def test_restore_over_current_database(seeded, admin_actor, settings, tmp_path, admin_uri, db_url):
    """Backup, change data and delete the upload files, restore: identical tables and files."""
    import shutil

    import psycopg

    from welcomedly_desktop.config import plain_postgresql_url
    from welcomedly_desktop.services import backup_restore

    from .conftest import files_digest, fingerprint

    conninfo = plain_postgresql_url(db_url)
    before = fingerprint(conninfo)
    files_before = files_digest(settings.uploads_dir)
    path = backups.create_backup(seeded, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out").path
    after_backup = fingerprint(conninfo)  # the backup's own audit row is newer than the backup
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DELETE FROM interactions")
    shutil.rmtree(settings.uploads_dir)
    result = backup_restore.restore_backup(seeded, settings, admin_actor, path, PASSPHRASE)
    try:
        restored = fingerprint(conninfo)
        for table, value in before.items():
            if table != "audit_log":
                assert restored[table] == value, table
        # the backup's snapshot plus the restore's own row (the backup.create row came after the snapshot)
        assert restored["audit_log"][0] == before["audit_log"][0] + 1 == after_backup["audit_log"][0]
        assert files_digest(settings.uploads_dir) == files_before
        with seeded.session() as session:
            from welcomedly_desktop.services import audit
            actions = [e.action for e in audit.list_entries(session, admin_actor)]
        assert actions[0] == "backup.restore"
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{result.kept_as}" WITH (FORCE)')


def test_newer_schema_is_refused_before_anything_changes(seeded, admin_actor, settings, tmp_path, db_url):
    import psycopg

    from welcomedly_desktop.config import plain_postgresql_url
    from welcomedly_desktop.services import backup_restore

    from .conftest import fingerprint

    conninfo = plain_postgresql_url(db_url)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        real = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")  # a revision from the future
    path = backups.create_backup(seeded, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out").path
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (real,))
        conn.execute("DELETE FROM interactions")
    current = fingerprint(conninfo)
    with pytest.raises(backup_restore.NewerSchemaError, match="newer database schema"):
        backup_restore.restore_backup(seeded, settings, admin_actor, path, PASSPHRASE)
    after = fingerprint(conninfo)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in current.items() if k != "audit_log"}
    with psycopg.connect(conninfo) as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE '%restore%'")]
        reason = conn.execute("SELECT details->>'reason' FROM audit_log WHERE action = 'backup.failed'").fetchone()[0]
    assert names == [] and "newer database schema" in reason


@pytest.fixture
def pseudo_translated(monkeypatch):
    """Every backup module's translate() marks its sentence «…»: a message assembled from pieces
    (an English "{name} is damaged: " glued to a reason) shows up without the marks or with two."""
    from welcomedly_desktop.services import backup_archive, backup_crypto, backup_pg, backup_restore

    for module in (backups, backup_archive, backup_crypto, backup_pg, backup_restore):
        monkeypatch.setattr(module, "translate", lambda _context, text: f"«{text}»", raising=False)


def _one_whole_sentence(message: str, name: str) -> bool:
    return message.startswith("«") and message.endswith("»") and message.count("«") == 1 and name in message


def test_backup_refusals_are_whole_translatable_sentences(archive, pseudo_translated, tmp_path):
    data = archive.read_bytes()
    cases = {"wrong passphrase": (data, "not the passphrase"), "truncated": (data[: len(data) // 2], PASSPHRASE),
             "foreign file": (b"PK\x03\x04 not a backup at all" * 100, PASSPHRASE)}
    flipped = bytearray(data)
    flipped[int(len(data) * 0.6)] ^= 0x10
    cases["tampered"] = (bytes(flipped), PASSPHRASE)
    for label, (content, passphrase) in cases.items():
        path = tmp_path / f"{label.replace(' ', '-')}.wdbackup"
        path.write_bytes(content)
        with pytest.raises(BackupFileError) as refused:
            backups.verify_backup(path, passphrase)
        assert _one_whole_sentence(refused.value.user_message, path.name), (label, refused.value.user_message)
