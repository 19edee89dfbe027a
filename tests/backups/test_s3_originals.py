"""Upload originals kept in S3 (moto's server) go into the backup and come back on restore; a
restore that cannot put them back leaves the current data as it was."""

from __future__ import annotations

import hashlib

import psycopg
import pytest

from welcomedly_desktop.config import StorageSettings, plain_postgresql_url
from welcomedly_desktop.errors import WelcomedlyError
from welcomedly_desktop.services import audit, backup_restore, backups, imports

from .conftest import PASSPHRASE, fingerprint


def _bucket_objects(client, bucket: str) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


def _empty_and_delete(client, bucket: str) -> None:
    for key in _bucket_objects(client, bucket):
        client.delete_object(Bucket=bucket, Key=key)
    client.delete_bucket(Bucket=bucket)


def test_s3_originals_in_backup_and_back_on_restore(seeded, settings, admin_actor, supervisor_actor, make_campaign,
                                                     tmp_path, s3_endpoint, monkeypatch, db_url, admin_uri):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="leads")
    settings = settings.with_changes(storage=StorageSettings(
        backend="s3", s3_bucket="leads", s3_prefix="wd/", s3_endpoint_url=s3_endpoint, s3_region="us-east-1"))
    seeded.settings = settings
    campaign = make_campaign("From S3")
    uploads = {}
    for name, phone in (("kept", "3000000001"), ("second", "3000000002"), ("lost", "3000000003")):
        path = tmp_path / f"{name}.csv"
        path.write_text(f"nombre,telefono\n{name},{phone}\n", encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        upload_id = imports.import_file(seeded, supervisor_actor, path, campaign.id).upload_id
        uploads[name] = (upload_id, f"wd/{digest[:2]}/{digest}.csv", path.read_bytes())
    # One original was deleted from the bucket before the backup: the backup goes on and names it.
    client.delete_object(Bucket="leads", Key=uploads["lost"][1])
    originals = _bucket_objects(client, "leads")
    assert set(originals) == {uploads["kept"][1], uploads["second"][1]}

    result = backups.create_backup(seeded, settings, admin_actor, PASSPHRASE, out_dir=tmp_path / "out")
    assert result.files == 3 + 2  # the three local files of `seeded` and the two S3 originals
    assert result.s3_missing == [f"s3://leads/{uploads['lost'][1]}"]
    checked = backups.verify_backup(result.path, PASSPHRASE)
    assert {k for k in checked.info["members"] if k.startswith("s3/")} == {f"s3/leads/{k}" for k in originals}
    assert checked.info["s3_missing"] == result.s3_missing
    with seeded.session() as session:
        [entry] = audit.list_entries(session, admin_actor, action="backup.create")
    assert entry.details["s3_missing"] == result.s3_missing

    # The bucket is lost.  A restore that cannot put the originals back changes nothing.
    _empty_and_delete(client, "leads")
    conninfo = plain_postgresql_url(db_url)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DELETE FROM interactions")
    current = fingerprint(conninfo)
    with pytest.raises(WelcomedlyError, match="could not be put back in S3"):
        backup_restore.restore_backup(seeded, settings, admin_actor, result.path, PASSPHRASE)
    after = fingerprint(conninfo)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in current.items() if k != "audit_log"}
    with psycopg.connect(admin_uri) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE '%restore%'").fetchone()[0] == 0
    assert not list(settings.uploads_dir.parent.glob(".s3-restoring-*"))

    # The bucket exists again (empty): the restore puts every original back, byte for byte.
    client.create_bucket(Bucket="leads")
    restored = backup_restore.restore_backup(seeded, settings, admin_actor, result.path, PASSPHRASE)
    try:
        assert restored.files == 5
        assert _bucket_objects(client, "leads") == originals
        out = tmp_path / "fetched"
        out.mkdir()
        fetched = imports.fetch_original(seeded, supervisor_actor, uploads["kept"][0], out)
        assert fetched.read_bytes() == uploads["kept"][2]
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored.kept_as}" WITH (FORCE)')
